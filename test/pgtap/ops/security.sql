-- Security: hostile objects on a caller's search_path do not hijack the native
-- functions and triggers; least privilege through grant_access/revoke_access,
-- tested with two non-superuser roles; the extension is not trusted; no column
-- stores a secret in plain text.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

-- Fixture, written with the triggers quiet, so that no native plan is prepared
-- before the hostile objects exist (this file runs in its own backend).
SET LOCAL session_replication_role = replica;
INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok,
       price_effective_from)
VALUES ('sec', 'sec-model', 2.00, 8.00, '2020-01-01'),
       ('sec', 'sec-decoy', 99.00, 99.00, '2020-01-01');
INSERT INTO agentic.job_descriptions (title, status) VALUES ('Security job', 'open');
INSERT INTO agentic.agents (name, job_description_id, status, hired_at, model_id)
SELECT 'sec-agent', id, 'active', '2026-01-01', (SELECT id FROM agentic.model_catalog WHERE model_name = 'sec-model')
  FROM agentic.job_descriptions WHERE title = 'Security job';
INSERT INTO agentic.tasks (title) VALUES ('sec-task-a'), ('sec-task-b');
INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at, status, started_at, completed_at)
SELECT t.id, a.id, '2026-03-01 00:00+00', 'completed', '2026-03-01 00:00+00', '2026-03-01 06:00+00'
  FROM agentic.tasks t, agentic.agents a WHERE t.title = 'sec-task-a' AND a.name = 'sec-agent';
SET LOCAL session_replication_role = origin;

-- Hostile objects with the names the native code uses, in a schema placed in
-- front of pg_catalog on the caller's search_path.
CREATE SCHEMA hostile;
CREATE TABLE hostile.agents (id bigint, job_description_id bigint, status text);
CREATE TABLE hostile.task_assignments (agent_id bigint, started_at timestamptz, completed_at timestamptz);
CREATE FUNCTION hostile.tstzrange(timestamptz, timestamptz) RETURNS tstzrange
  LANGUAGE sql AS $$ SELECT 'empty'::tstzrange $$;
CREATE FUNCTION hostile.to_jsonb(anyelement) RETURNS jsonb LANGUAGE sql AS $$ SELECT '{"forged":true}'::jsonb $$;
CREATE FUNCTION hostile.count(anyelement) RETURNS bigint LANGUAGE sql AS $$ SELECT 0::bigint $$;
CREATE FUNCTION hostile.always_equal(bigint, bigint) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$;
CREATE OPERATOR hostile.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = hostile.always_equal);
CREATE FUNCTION hostile.jsonb_typeof(jsonb) RETURNS text LANGUAGE sql AS $$ SELECT 'object' $$;
SET search_path = hostile, pg_catalog, agentic, public;

SELECT is(
  (SELECT busy_time FROM agentic.calculate_agent_utilization(
     (SELECT id FROM agentic.agents WHERE name = 'sec-agent'), '2026-03-01', '2026-03-02')),
  interval '6 hours',
  'utilization reads the real assignments through the real tstzrange and operators');
SELECT throws_ok(
  $$INSERT INTO agentic.agents (name, job_description_id, status)
    SELECT 'sec-agent-2', id, 'active' FROM agentic.job_descriptions WHERE title = 'Security job'$$,
  '23505', format('job description %s already has an active agent',
                  (SELECT id FROM agentic.job_descriptions WHERE title = 'Security job')),
  'the one-active-agent trigger (not just the unique index) fires with a hostile = operator in front');
UPDATE agentic.tasks SET description = 'edited' WHERE title = 'sec-task-b';
SELECT is(
  (SELECT new_data->>'description' FROM agentic.audit_logs
    WHERE table_name = 'agentic.tasks' AND operation = 'UPDATE' ORDER BY id DESC LIMIT 1),
  'edited', 'audit rows are built by the real to_jsonb, not a hostile one');
SELECT lives_ok($$INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id)
                  SELECT a.id, b.id FROM agentic.tasks a, agentic.tasks b
                   WHERE a.title = 'sec-task-b' AND b.title = 'sec-task-a'$$,
  'an acyclic edge is accepted (a hostile = would make the graph look cyclic)');
SELECT throws_ok(
  $$INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id)
    SELECT a.id, b.id FROM agentic.tasks a, agentic.tasks b
     WHERE a.title = 'sec-task-a' AND b.title = 'sec-task-b'$$,
  '23514', NULL, 'the cycle check is not fooled by hostile objects');
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens)
SELECT id, model_id, '2026-03-01 01:00+00', 1000000, 1000000 FROM agentic.agents WHERE name = 'sec-agent';
SELECT is((SELECT cost FROM agentic.execution_costs ORDER BY id DESC LIMIT 1), 10.0000000000::numeric,
  'cost derivation reads the real model price');
SELECT throws_ok($$INSERT INTO agentic.resumes (candidate_name, skills) VALUES ('x', '{"a": 1}')$$,
  '23514', NULL, 'JSON shape checks use the real jsonb functions');

-- From 1.4 the trigger functions have no SET clause: the module pins search_path
-- around each query it runs (src/pg/runtime/spi.hpp). The task roll-up's UPDATE is
-- such a query: a hostile = in front of pg_catalog would move every task.
INSERT INTO agentic.tasks (title) VALUES ('sec-rollup-task');
INSERT INTO agentic.task_assignments (task_id, agent_id)
SELECT t.id, a.id FROM agentic.tasks t, agentic.agents a WHERE t.title = 'sec-rollup-task' AND a.name = 'sec-agent';
UPDATE agentic.task_assignments SET status = 'in_progress'
 WHERE task_id OPERATOR(pg_catalog.=) (SELECT id FROM agentic.tasks WHERE title = 'sec-rollup-task');
SELECT is((SELECT string_agg(title || ':' || status, ', ' ORDER BY title) FROM agentic.tasks
            WHERE title LIKE 'sec-%'),
  'sec-rollup-task:in_progress, sec-task-a:pending, sec-task-b:pending',
  'the roll-up moves its own task only (its UPDATE uses the real = operator)');
-- The pin is the setting itself, as a SET clause sets it, not an override of every
-- lookup: a trigger of the DBA's that a native query fires keeps its own SET clause
-- (the roll-up's task UPDATE; the audit's SQL path below).
CREATE SCHEMA dba_log;
CREATE TABLE dba_log.task_moves (task_id bigint, status text, schemas name[]);
CREATE FUNCTION dba_log.log_task_move() RETURNS trigger LANGUAGE plpgsql
  SET search_path = dba_log, pg_catalog AS $$
BEGIN
  INSERT INTO task_moves VALUES (NEW.id, NEW.status::text, current_schemas(false));
  RETURN NEW;
END $$;
CREATE TRIGGER zz_dba_log AFTER UPDATE OF status ON agentic.tasks
  FOR EACH ROW EXECUTE FUNCTION dba_log.log_task_move();
INSERT INTO agentic.tasks (title) VALUES ('sec-logged-task');
SELECT lives_ok(
  $$INSERT INTO agentic.task_assignments (task_id, agent_id)
    SELECT t.id, a.id FROM agentic.tasks t, agentic.agents a
     WHERE t.title = 'sec-logged-task' AND a.name = 'sec-agent'$$,
  'a DBA''s trigger with its own SET search_path, fired by the roll-up''s UPDATE, resolves its own names');
SELECT is((SELECT string_agg(status || ' ' || schemas::text, ', ') FROM dba_log.task_moves),
  'assigned {dba_log,pg_catalog}', 'and sees its own search_path in force');
DROP TRIGGER zz_dba_log ON agentic.tasks;
-- The pin ends with the query: the caller's names still resolve as before.
SELECT is(current_schemas(false), ARRAY['hostile', 'pg_catalog', 'agentic', 'public']::name[],
  'after the native queries, the caller''s search_path is in force again');
SELECT is((SELECT count(*)::int FROM task_assignments), 0,
  'an unqualified name of the caller still finds the caller''s (hostile) table');
SELECT throws_ok(
  $$INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id)
    SELECT a.id, b.id FROM agentic.tasks a, agentic.tasks b
     WHERE a.title = 'sec-task-a' AND b.title = 'sec-task-b'$$,
  '23514', NULL, 'setup: a rule refuses a statement');
SELECT is(current_schemas(false), ARRAY['hostile', 'pg_catalog', 'agentic', 'public']::name[],
  'after a native query''s error, the caller''s search_path is in force again');
-- The audit and the cost rollup write through SQL when their tables have INSERT
-- triggers of their own: those queries are pinned too.
CREATE FUNCTION hostile.pass_row() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER agentic_test_audit_via_sql BEFORE INSERT ON agentic.audit_logs
  FOR EACH ROW EXECUTE FUNCTION hostile.pass_row();
CREATE TRIGGER agentic_test_rollup_via_sql BEFORE INSERT ON agentic.daily_cost_rollup
  FOR EACH ROW EXECUTE FUNCTION hostile.pass_row();
CREATE TABLE dba_log.audit_seen (audit_id bigint);
CREATE FUNCTION dba_log.note_audit_row() RETURNS trigger LANGUAGE plpgsql
  SET search_path = dba_log, pg_catalog AS $$
BEGIN
  INSERT INTO audit_seen VALUES (NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER agentic_test_dba_audit_log AFTER INSERT ON agentic.audit_logs
  FOR EACH ROW EXECUTE FUNCTION dba_log.note_audit_row();
UPDATE agentic.tasks SET description = 'edited through SQL' WHERE title = 'sec-task-b';
SELECT is(
  (SELECT new_data->>'description' FROM agentic.audit_logs
    WHERE table_name = 'agentic.tasks' AND operation = 'UPDATE' ORDER BY id DESC LIMIT 1),
  'edited through SQL', 'audit rows written through SQL use the real to_jsonb');
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens)
SELECT id, model_id, '2026-03-02 01:00+00', 1000000, 0 FROM agentic.agents WHERE name = 'sec-agent';
SELECT is((SELECT sum(total_cost) FROM agentic.daily_cost_rollup WHERE day = '2026-03-02'), 2.0000000000::numeric,
  'the cost rollup written through SQL sums with the real functions and operators');
SELECT cmp_ok((SELECT count(*)::int FROM dba_log.audit_seen), '>', 0,
  'a DBA''s trigger on audit_logs, with its own SET search_path, fired by the audit''s SQL path');
DROP TRIGGER agentic_test_dba_audit_log ON agentic.audit_logs;
DROP TRIGGER agentic_test_audit_via_sql ON agentic.audit_logs;
DROP TRIGGER agentic_test_rollup_via_sql ON agentic.daily_cost_rollup;
-- Sign-in and conversations (1.5), whose hot functions pin search_path inside too,
-- under the same hostile search_path (and a hostile table of each name they read).
CREATE TABLE hostile.user_api_keys (id bigint, user_id bigint, key_prefix text, key_digest bytea,
  scopes text[], revoked_at timestamptz, expires_at timestamptz, last_used_at timestamptz);
CREATE TABLE hostile.user_sessions (id bigint, user_id bigint, token_digest bytea);
CREATE TABLE hostile.conversations (id bigint, user_id bigint, message_count integer);
CREATE TABLE hostile.users (id bigint, database_role text, user_group text, status text);
INSERT INTO agentic.users (username, email, user_group) VALUES ('sec_user', 'sec@example.com', 'admin')
  RETURNING id AS sec_user \gset
SELECT agentic.create_api_key(:sec_user, 'sec key') AS sec_key \gset
SELECT is((SELECT user_id FROM agentic.verify_api_key(:'sec_key')), :'sec_user'::bigint,
  'verify_api_key() reads the real keys under a hostile search_path');
SELECT agentic.start_session(:sec_user) AS sec_tok \gset
SELECT is(agentic.resolve_session(:'sec_tok'), :'sec_user'::bigint, 'so does resolve_session()');
SELECT agentic.set_current_user(:sec_user);
SELECT is(agentic.current_user_id(), :'sec_user'::bigint, 'current_user_id() answers the real user');
SELECT is(agentic.current_user_is_admin(), true, 'current_user_is_admin() reads the real users');
INSERT INTO agentic.conversations (user_id, title) VALUES (:sec_user, 'sec chat') RETURNING id AS sec_conv \gset
INSERT INTO agentic.messages (conversation_id, role, content) VALUES (:sec_conv, 'user', 'hi'), (:sec_conv, 'assistant', 'hello');
SELECT is((SELECT message_count FROM agentic.conversations WHERE id = :sec_conv), 2,
  'the message counters use the real tables and operators (a hostile = is in front)');
SELECT is((SELECT count(*)::int FROM agentic.messages WHERE conversation_id = :sec_conv AND user_id = :sec_user), 2,
  'messages take the real conversation''s user');
SELECT is(current_schemas(false), ARRAY['hostile', 'pg_catalog', 'agentic', 'public']::name[],
  'after them, the caller''s search_path is in force again');
SET search_path = public;

-- Least privilege: PUBLIC gets nothing.
SELECT set_eq(
  $$SELECT p.proname::text FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     WHERE p.pronamespace = 'agentic'::regnamespace AND a.grantee = 0$$,
  ARRAY['jsonb_array_of', 'bounded_tsvector'],
  'PUBLIC may execute only the JSON shape test of CHECK constraints and the search vector of generated columns');
SELECT is(
  (SELECT count(*) FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
    WHERE c.relnamespace = 'agentic'::regnamespace AND a.grantee = 0)::int,
  0, 'PUBLIC has no privilege on any table, view or sequence');
SELECT ok(NOT has_schema_privilege('public', 'agentic', 'USAGE'), 'PUBLIC cannot use schema agentic');

CREATE ROLE agentic_test_reader NOLOGIN;
CREATE ROLE agentic_test_writer NOLOGIN;
CREATE ROLE agentic_test_nobody NOLOGIN;
SELECT cmp_ok(agentic.grant_access('agentic_test_reader', 'read'), '>', 0, 'grant read');
SELECT cmp_ok(agentic.grant_access('agentic_test_writer', 'write'), '>', 0, 'grant write');
SELECT throws_ok($$SELECT agentic.grant_access('agentic_test_reader', 'owner')$$, '22023', NULL,
  'an unknown access level is refused');

SET ROLE agentic_test_writer;
-- a writer creates a task, assigns and starts it, and records a cost: every rule runs
INSERT INTO agentic.tasks (title) VALUES ('written by writer');
INSERT INTO agentic.task_assignments (task_id, agent_id)
SELECT t.id, a.id FROM agentic.tasks t, agentic.agents a
 WHERE t.title = 'written by writer' AND a.name = 'sec-agent';
UPDATE agentic.task_assignments SET status = 'in_progress'
 WHERE task_id = (SELECT id FROM agentic.tasks WHERE title = 'written by writer');
SELECT lives_ok($$INSERT INTO agentic.execution_costs (agent_id, model_id, input_tokens)
                  SELECT id, model_id, 1000 FROM agentic.agents WHERE name = 'sec-agent'$$,
  'a writer records a cost whose price lookup reads model_catalog');
SELECT is((SELECT status::text FROM agentic.tasks WHERE title = 'written by writer'), 'in_progress',
  'the task follows the writer''s assignment');
SELECT throws_ok($$SELECT count(*) FROM agentic.audit_logs$$, '42501', NULL, 'a writer cannot read the audit trail');
SELECT throws_ok($$INSERT INTO agentic.audit_logs (table_name, operation, row_id, new_data)
                   VALUES ('agentic.tasks', 'INSERT', 1, '{}')$$, '42501', NULL,
  'a writer cannot forge audit rows');
SELECT throws_ok($$UPDATE agentic.model_catalog SET input_price_per_mtok = 0$$, '42501', NULL,
  'a writer cannot change model prices');
SELECT throws_ok($$INSERT INTO agentic.daily_cost_rollup (day, currency, executions, total_cost,
                   input_tokens, output_tokens, cached_input_tokens) VALUES (current_date, 'USD', 1, 1e6, 0, 0, 0)$$,
  '42501', NULL, 'a writer cannot forge the cost rollup');
SELECT throws_ok($$SELECT agentic.grant_access('agentic_test_nobody', 'admin')$$, '42501', NULL,
  'a writer cannot hand out access');
RESET ROLE;
SELECT is((SELECT changed_by FROM agentic.audit_logs
            WHERE table_name = 'agentic.tasks' AND new_data->>'title' = 'written by writer'
              AND operation = 'INSERT'),
  'agentic_test_writer', 'audit rows name the writer, not the owner the trigger wrote them as');

SET ROLE agentic_test_reader;
SELECT is((SELECT count(*)::int FROM agentic.tasks WHERE title LIKE 'sec-task-%'), 2, 'a reader reads tasks');
SELECT lives_ok($$SELECT * FROM agentic.calculate_agent_utilization()$$, 'a reader calls the utilization function');
SELECT throws_ok($$INSERT INTO agentic.tasks (title) VALUES ('by reader')$$, '42501', NULL,
  'a reader cannot write');
RESET ROLE;

SET ROLE agentic_test_nobody;
SELECT throws_ok($$SELECT count(*) FROM agentic.tasks$$, '42501', NULL, 'a role without grants reads nothing');
SELECT throws_ok($$SELECT * FROM agentic.status_transitions()$$, '42501', NULL,
  'a role without grants executes nothing');
-- PUBLIC holds EXECUTE on jsonb_array_of(), but not USAGE on the schema (README).
SELECT throws_ok($$SELECT agentic.jsonb_array_of('["a"]', 'string')$$, '42501',
  'permission denied for schema agentic',
  'a role without grants cannot call jsonb_array_of() by name either');
RESET ROLE;

SELECT cmp_ok(agentic.revoke_access('agentic_test_writer'), '>', 0, 'revoke the writer');
SET ROLE agentic_test_writer;
SELECT throws_ok($$INSERT INTO agentic.tasks (title) VALUES ('after revoke')$$, '42501', NULL,
  'revoked access is gone');
RESET ROLE;

-- No secrets in plain text: every column named like a secret is of a secret type
-- (agentic.password_hash, agentic.secret_digest), which audit rows redact.
SELECT is(
  (SELECT count(*)::int FROM information_schema.columns
    WHERE table_schema = 'agentic' AND data_type IN ('text', 'character varying', 'jsonb', 'bytea')
      AND column_name ~* '(password|secret|api_?key|credential|access_token|refresh_token|digest)'
      AND coalesce(domain_schema = 'agentic' AND domain_name IN ('password_hash', 'secret_digest'), false) = false),
  0, 'no plain-text column holds a password, key, token or credential');
SELECT cmp_ok(
  (SELECT count(*)::int FROM information_schema.columns
    WHERE table_schema = 'agentic' AND domain_name IN ('password_hash', 'secret_digest')), '>', 0,
  'control: the secret types are in use, so the test above looks at real columns');

-- Not trusted: only a superuser can create it.
SELECT is((SELECT bool_or(trusted) FROM pg_available_extension_versions WHERE name = 'agentic_schema'),
  false, 'the extension is not marked trusted');
DROP EXTENSION agentic_schema;
CREATE ROLE agentic_test_db_owner NOLOGIN;
SELECT lives_ok(format('GRANT CREATE ON DATABASE %I TO agentic_test_db_owner', current_database()), 'setup');
SET ROLE agentic_test_db_owner;
SELECT throws_ok($$CREATE EXTENSION agentic_schema$$, '42501', NULL,
  'a database owner without superuser cannot create it');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
