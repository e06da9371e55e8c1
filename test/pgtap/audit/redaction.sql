-- Columns of a secret type (agentic.password_hash, agentic.secret_digest) are never
-- written to the audit trail in clear, by either way of writing it (straight into
-- audit_logs, or the INSERT ... SELECT used when audit_logs has INSERT triggers of
-- its own); changed_columns still names them when they change.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
SET LOCAL agentic.password_work_factor = 4;

CREATE TEMP TABLE audit_mark AS SELECT coalesce(max(id), 0) AS last_id FROM agentic.audit_logs;

CREATE FUNCTION pg_temp.run_statements(tag text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  usr bigint;
BEGIN
  INSERT INTO agentic.users (username, email) VALUES (tag, tag || '@example.com') RETURNING id INTO usr;
  PERFORM agentic.set_password(usr, 'first password');
  PERFORM agentic.set_password(usr, 'second password');
  UPDATE agentic.user_credentials SET password_changed_at = password_changed_at WHERE user_id = usr;
  DELETE FROM agentic.user_credentials WHERE user_id = usr;
END $$;

SELECT pg_temp.run_statements('direct');
CREATE FUNCTION public.agentic_test_audit_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RETURN NEW; END $$;
CREATE TRIGGER agentic_test_audit_trigger AFTER INSERT ON agentic.audit_logs
  FOR EACH ROW EXECUTE FUNCTION public.agentic_test_audit_trigger();
SELECT pg_temp.run_statements('through_sql');
DROP TRIGGER agentic_test_audit_trigger ON agentic.audit_logs;

CREATE TEMP VIEW written AS
SELECT row_number() OVER (PARTITION BY way ORDER BY id) AS n, way, operation::text AS operation,
       old_data - 'id' - 'user_id' - 'created_at' - 'updated_at' - 'password_changed_at' AS old_data,
       new_data - 'id' - 'user_id' - 'created_at' - 'updated_at' - 'password_changed_at' AS new_data,
       changed_columns
  FROM (SELECT a.*, CASE WHEN u.username = 'direct' THEN 'direct' ELSE 'sql' END AS way
          FROM agentic.audit_logs a
          JOIN agentic.users u ON u.id = (coalesce(a.new_data, a.old_data)->>'user_id')::bigint
         WHERE a.id > (SELECT last_id FROM audit_mark) AND a.table_name = 'agentic.user_credentials') x;

SELECT is((SELECT count(*) FROM written WHERE way = 'direct'), 4::bigint,
          'insert, two updates and a delete of credentials are audited');
SELECT set_eq($$SELECT n, operation, old_data, new_data, changed_columns FROM written WHERE way = 'direct'$$,
              $$SELECT n, operation, old_data, new_data, changed_columns FROM written WHERE way = 'sql'$$,
              'both ways write the same redacted rows');
SELECT is((SELECT count(*) FROM agentic.audit_logs WHERE id > (SELECT last_id FROM audit_mark)
            AND (old_data::text ~ '\$2[abxy]\$' OR new_data::text ~ '\$2[abxy]\$')),
          0::bigint, 'no audit row holds a bcrypt hash');
SELECT ok((SELECT bool_and(coalesce(new_data, old_data)->>'password_hash' = '[redacted]') FROM written),
          'the hash is recorded as [redacted]');
SELECT ok((SELECT 'password_hash' = ANY (changed_columns) FROM written
            WHERE way = 'direct' AND operation = 'UPDATE' ORDER BY n LIMIT 1),
          'a new password shows as a change of password_hash, its value redacted');
SELECT is((SELECT changed_columns FROM written WHERE way = 'direct' AND operation = 'UPDATE' ORDER BY n DESC LIMIT 1),
          '{}'::text[], 'an update that keeps the hash does not list it');
SELECT ok((SELECT 'password_hash' = ANY (changed_columns) FROM written
            WHERE way = 'sql' AND operation = 'UPDATE' ORDER BY n LIMIT 1),
          'the SQL way finds the change of the hash too');

SELECT * FROM finish();
ROLLBACK;
