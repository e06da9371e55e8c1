-- Restore mode (src/pg/runtime/restore_mode.hpp): a superuser session with the
-- settings every pg_dump script and pg_restore session sets (search_path '',
-- check_function_bodies off, row_security off) is restoring a dump, and the
-- extension's triggers stand aside: no audit row, no status rule. The search_path
-- is emptied as pg_dump does it, set_config('search_path', '', ...) (SET search_path
-- = '' gives the list '""' instead). A non-superuser
-- with the same settings, and any session with other settings, meets the rules
-- and the audit. Everything runs in one rolled-back transaction.
BEGIN;
SET LOCAL search_path = agentic, public;
SELECT * FROM no_plan();

CREATE ROLE agentic_test_restorer NOLOGIN;
SELECT agentic.grant_access('agentic_test_restorer', 'write') IS NOT NULL AS granted \gset

-- Runs `sql` and returns 'ok' or the SQLSTATE it failed with. Not pinned: the
-- statement runs with the caller's settings.
CREATE FUNCTION pg_temp.try(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE sql;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE;
END $$;
CREATE TEMP TABLE audit_mark AS SELECT coalesce(max(id), 0) AS last_id FROM agentic.audit_logs;
CREATE FUNCTION pg_temp.audited(title text) RETURNS bigint LANGUAGE sql AS
  $$SELECT count(*) FROM agentic.audit_logs
     WHERE id > (SELECT last_id FROM pg_temp.audit_mark) AND table_name = 'agentic.tasks'
       AND coalesce(new_data, old_data)->>'title' = $1$$;

----------------------------------------------------------------------------------------
-- The restore guard: a pg_restore session that did not create the extension (this
-- one did not) loads rows in a transaction block (--single-transaction). Statement by
-- statement, as each session of pg_restore --jobs, it is refused: sql/rule_errors.sql
-- (autocommit) and the lifecycle suite (real pg_restore runs) prove that.
----------------------------------------------------------------------------------------
SET LOCAL application_name = 'pg_restore';
SELECT pg_catalog.set_config('search_path', '', true) AS restore_search_path \gset
SET LOCAL check_function_bodies = off;
SET LOCAL row_security = off;
INSERT INTO agentic.tasks (title) VALUES ('single-transaction restore');
INSERT INTO agentic.audit_logs (table_name, operation, row_id, new_data, changed_by)
VALUES ('agentic.tasks', 'INSERT', 0, '{"title": "single-transaction restore"}', 'restorer');
SET LOCAL search_path = agentic, public;
SET LOCAL check_function_bodies = on;
SET LOCAL row_security = on;
RESET application_name;
SELECT is((SELECT count(*) FROM agentic.tasks WHERE title = 'single-transaction restore')
          + (SELECT count(*) FROM agentic.audit_logs WHERE row_id = 0 AND changed_by = 'restorer'), 2::bigint,
          'pg_restore in a transaction block (--single-transaction) loads its rows');
SELECT throws_ok('CREATE TRIGGER zz BEFORE UPDATE ON agentic.resumes FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
                  UPDATE agentic.resumes SET id = id WHERE false',
                 '39P01', 'restore_guard() must fire BEFORE INSERT ... FOR EACH STATEMENT',
                 'restore_guard() fired on UPDATE fails with 39P01');

----------------------------------------------------------------------------------------
-- A superuser with pg_dump's settings: restore mode
----------------------------------------------------------------------------------------
SELECT ok((SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
          'precondition: the test runs as a superuser');
SELECT pg_catalog.set_config('search_path', '', true) AS restore_search_path \gset
SET LOCAL check_function_bodies = off;
SET LOCAL row_security = off;
INSERT INTO agentic.tasks (title) VALUES ('restore mode') RETURNING id AS t_restore \gset
SELECT pg_temp.try(format('UPDATE agentic.tasks SET status = %L WHERE id = %s', 'completed', :t_restore))
  AS restore_update \gset
SET LOCAL search_path = agentic, public;
SET LOCAL check_function_bodies = on;
SET LOCAL row_security = on;
SELECT is(pg_temp.audited('restore mode'), 0::bigint,
          'restore mode: an insert and an update of agentic.tasks write no audit row');
SELECT is(:'restore_update'::text, 'ok'::text, 'restore mode: an illegal status change (pending -> completed) is not rejected');
SELECT row_eq(format('SELECT status::text, completed_at IS NULL FROM agentic.tasks WHERE id = %s', :t_restore),
              ROW('completed'::text, true),
              'restore mode: the row is kept as written (no completed_at stamped)');

-- One setting missing is not a restore.
SELECT pg_catalog.set_config('search_path', '', true) AS restore_search_path \gset
SET LOCAL check_function_bodies = off;
INSERT INTO agentic.tasks (title) VALUES ('row security on') RETURNING id AS t_rls \gset
SELECT pg_temp.try(format('UPDATE agentic.tasks SET status = %L WHERE id = %s', 'completed', :t_rls))
  AS rls_update \gset
SET LOCAL search_path = agentic, public;
SET LOCAL check_function_bodies = on;
SELECT is(pg_temp.audited('row security on'), 1::bigint,
          'search_path empty and check_function_bodies off but row_security on: the insert is audited');
SELECT is(:'rls_update'::text, '23514'::text, 'search_path empty and check_function_bodies off but row_security on: the status rule holds');

----------------------------------------------------------------------------------------
-- A non-superuser with the same settings: an ordinary client
----------------------------------------------------------------------------------------
SET LOCAL ROLE agentic_test_restorer;
SELECT pg_catalog.set_config('search_path', '', true) AS restore_search_path \gset
SET LOCAL check_function_bodies = off;
SET LOCAL row_security = off;
INSERT INTO agentic.tasks (title) VALUES ('not a superuser') RETURNING id AS t_user \gset
SELECT pg_temp.try(format('UPDATE agentic.tasks SET status = %L WHERE id = %s', 'completed', :t_user))
  AS user_update \gset
RESET ROLE;
SET LOCAL search_path = agentic, public;
SET LOCAL check_function_bodies = on;
SET LOCAL row_security = on;
SELECT is(pg_temp.audited('not a superuser'), 1::bigint,
          'a non-superuser with pg_dump''s settings: the insert is audited');
SELECT is(:'user_update'::text, '23514'::text, 'a non-superuser with pg_dump''s settings: the illegal status change is rejected');
SELECT is((SELECT changed_by FROM agentic.audit_logs
            WHERE id > (SELECT last_id FROM pg_temp.audit_mark) AND new_data->>'title' = 'not a superuser'),
          'agentic_test_restorer', 'the audit row names the non-superuser');

-- A non-superuser session running a superuser's SECURITY DEFINER function with the same
-- settings: the current user is a superuser, the session's is not; an ordinary client (1.3)
CREATE FUNCTION public.agentic_test_definer(p_title text) RETURNS bigint LANGUAGE sql SECURITY DEFINER
  AS $$ INSERT INTO agentic.tasks (title) VALUES (p_title) RETURNING id $$;
GRANT EXECUTE ON FUNCTION public.agentic_test_definer(text) TO agentic_test_restorer;
SET SESSION AUTHORIZATION agentic_test_restorer;
SELECT pg_catalog.set_config('search_path', '', true) AS restore_search_path \gset
SET LOCAL check_function_bodies = off;
SET LOCAL row_security = off;
SELECT public.agentic_test_definer('definer for a non-superuser session') AS t_definer \gset
RESET SESSION AUTHORIZATION;
SET LOCAL search_path = agentic, public;
SET LOCAL check_function_bodies = on;
SET LOCAL row_security = on;
SELECT is(pg_temp.audited('definer for a non-superuser session'), 1::bigint,
          'a superuser''s SECURITY DEFINER function run by a non-superuser session with pg_dump''s settings is audited');

----------------------------------------------------------------------------------------
-- Normal settings: the rules and the audit apply
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title) VALUES ('normal settings') RETURNING id AS t_normal \gset
SELECT throws_ok(format('UPDATE agentic.tasks SET status = %L WHERE id = %s', 'completed', :t_normal),
                 '23514', NULL, 'normal settings: the illegal status change is rejected');
SELECT is(pg_temp.audited('normal settings'), 1::bigint, 'normal settings: the insert is audited');

-- The README's way still works: session_replication_role = replica.
SET LOCAL session_replication_role = replica;
INSERT INTO agentic.tasks (title) VALUES ('replica') RETURNING id AS t_replica \gset
SELECT lives_ok(format('UPDATE agentic.tasks SET status = %L WHERE id = %s', 'completed', :t_replica),
                'session_replication_role = replica: no status rule');
SET LOCAL session_replication_role = origin;
SELECT is(pg_temp.audited('replica'), 0::bigint, 'session_replication_role = replica: no audit row');

SELECT * FROM finish();
ROLLBACK;
