-- The audit trail: what INSERT, UPDATE and DELETE write, rule side effects,
-- the documented exceptions, failed statements, and the acting role. Fixture
-- rows: test/fixtures/reporting.sql.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

SELECT is((SELECT count(*)::int FROM agentic.tasks) + (SELECT count(*)::int FROM agentic.agents)
          + (SELECT count(*)::int FROM agentic.execution_costs), 0,
          'precondition: the test database starts without tasks, agents or costs');
\ir ../../fixtures/reporting.sql

----------------------------------------------------------------------------------------
-- Audit: INSERT, UPDATE, DELETE
----------------------------------------------------------------------------------------
CREATE TEMP TABLE audit_mark AS SELECT coalesce(max(id), 0) AS last_id FROM agentic.audit_logs;
CREATE FUNCTION pg_temp.audit_since() RETURNS SETOF agentic.audit_logs LANGUAGE sql AS
  $$SELECT * FROM agentic.audit_logs WHERE id > (SELECT last_id FROM audit_mark) ORDER BY id$$;
CREATE FUNCTION pg_temp.mark() RETURNS void LANGUAGE sql AS
  $$UPDATE audit_mark SET last_id = (SELECT coalesce(max(id), 0) FROM agentic.audit_logs)$$;

INSERT INTO agentic.tasks (title, description, created_at, updated_at)
VALUES ('audited', 'first', '2001-01-01', '2001-01-01') RETURNING id AS t_audit \gset
SELECT results_eq(
  $$SELECT table_name, operation::text, row_id, old_data IS NULL, changed_columns IS NULL,
           changed_by = current_user, transaction_id = pg_current_xact_id()
      FROM pg_temp.audit_since()$$,
  format($$VALUES ('agentic.tasks'::text, 'INSERT'::text, %s::bigint, true, true, true, true)$$, :t_audit),
  'an INSERT writes one audit row: table, operation, row id, no old data, the role and the transaction');
SELECT is((SELECT new_data FROM pg_temp.audit_since()),
          (SELECT to_jsonb(t) - 'search_vector' FROM agentic.tasks t WHERE id = :t_audit),
          'the INSERT audit row holds the new row');
SELECT ok((SELECT NOT (new_data ? 'search_vector') AND new_data ? 'description' FROM pg_temp.audit_since()),
          'the generated search_vector is left out of the audited JSON');
SELECT ok((SELECT occurred_at >= now() AND occurred_at <= statement_timestamp() AND session_user_name = session_user
             FROM pg_temp.audit_since()),
          'occurred_at is the time of the changing statement; session_user is recorded');

CREATE TEMP TABLE before_update AS SELECT to_jsonb(t) - 'search_vector' AS j FROM agentic.tasks t WHERE id = :t_audit;
SELECT pg_temp.mark();
UPDATE agentic.tasks SET description = 'second' WHERE id = :t_audit;
SELECT results_eq(
  $$SELECT table_name, operation::text, row_id, changed_columns FROM pg_temp.audit_since()$$,
  format($$VALUES ('agentic.tasks'::text, 'UPDATE'::text, %s::bigint, ARRAY['description', 'updated_at'])$$, :t_audit),
  'an UPDATE records exactly the changed columns, updated_at included');
SELECT row_eq($$SELECT old_data, new_data FROM pg_temp.audit_since()$$,
              ROW((SELECT j FROM before_update), (SELECT to_jsonb(t) - 'search_vector' FROM agentic.tasks t WHERE id = :t_audit)),
              'the UPDATE audit row holds the old and the new row');
SELECT ok((SELECT old_data->>'description' = 'first' AND new_data->>'description' = 'second'
                  AND NOT (old_data ? 'search_vector') AND NOT (new_data ? 'search_vector')
             FROM pg_temp.audit_since()),
          'old and new values of the changed column, no search_vector on either side');

SELECT pg_temp.mark();
UPDATE agentic.tasks SET description = description WHERE id = :t_audit;
SELECT is((SELECT changed_columns FROM pg_temp.audit_since()), ARRAY[]::text[],
          'an UPDATE that changes nothing (updated_at already now()) records no changed column');

SELECT pg_temp.mark();
UPDATE agentic.tasks SET priority = 'high' WHERE title LIKE 'v pending %';
SELECT is((SELECT count(*)::int FROM pg_temp.audit_since() WHERE table_name = 'agentic.tasks' AND operation = 'UPDATE'), 3,
          'a three-row UPDATE writes three audit rows');
SELECT set_eq($$SELECT row_id FROM pg_temp.audit_since()$$,
              $$SELECT id FROM agentic.tasks WHERE title LIKE 'v pending %'$$, 'one per changed row');
SELECT is((SELECT count(*)::int FROM pg_temp.audit_since() WHERE changed_columns <> ARRAY['priority']), 0,
          'each records priority as the changed column (updated_at was already now())');
SELECT pg_temp.mark();
UPDATE agentic.tasks SET priority = 'low' WHERE false;
SELECT is_empty('SELECT * FROM pg_temp.audit_since()', 'an UPDATE of no rows writes no audit row');

CREATE TEMP TABLE before_delete AS SELECT to_jsonb(t) - 'search_vector' AS j FROM agentic.tasks t WHERE id = :t_audit;
SELECT pg_temp.mark();
DELETE FROM agentic.tasks WHERE id = :t_audit;
SELECT results_eq(
  $$SELECT table_name, operation::text, row_id, old_data, new_data, changed_columns FROM pg_temp.audit_since()$$,
  format($$VALUES ('agentic.tasks'::text, 'DELETE'::text, %s::bigint, (SELECT j FROM before_delete), NULL::jsonb, NULL::text[])$$,
         :t_audit),
  'a DELETE writes the old row');

-- Rule side effects are audited too: an assignment moves its task
INSERT INTO agentic.tasks (title) VALUES ('audited work') RETURNING id AS t_work \gset
SELECT pg_temp.mark();
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_work, :agent_a) RETURNING id AS a_work \gset
SELECT set_eq($$SELECT table_name, operation::text FROM pg_temp.audit_since()$$,
              $$VALUES ('agentic.task_assignments', 'INSERT'), ('agentic.tasks', 'UPDATE')$$,
              'an assignment writes its own audit row and the audit row of the task it moved');
SELECT is((SELECT changed_columns FROM pg_temp.audit_since() WHERE table_name = 'agentic.tasks'), ARRAY['status'],
          'the task row records its status change');

-- Every audited table writes rows for all three operations; the exceptions are documented
SELECT pg_temp.mark();
INSERT INTO agentic.resumes (candidate_name) VALUES ('audit resume') RETURNING id AS r_audit \gset
INSERT INTO agentic.job_applications (job_description_id, resume_id) VALUES (:job_a, :r_audit) RETURNING id AS app_audit \gset
INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id)
SELECT a.id, b.id FROM agentic.tasks a, agentic.tasks b WHERE a.title = 'v pending 1' AND b.title = 'v pending 2'
RETURNING id AS dep_audit \gset
INSERT INTO agentic.task_prompts (name, template) VALUES ('audit prompt', 'x') RETURNING id AS tp_audit \gset
INSERT INTO agentic.resume_prompts (name, template) VALUES ('audit prompt', 'x') RETURNING id AS rp_audit \gset
INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok, price_effective_from,
       created_at, updated_at)
VALUES ('pgtap', 'audit-model', 1, 1, '2026-01-01', '2001-01-01', '2001-01-01') RETURNING id AS m_audit \gset
INSERT INTO agentic.job_descriptions (title) VALUES ('audit job') RETURNING id AS j_audit \gset
INSERT INTO agentic.agents (name, job_description_id) VALUES ('audit agent', :j_audit) RETURNING id AS ag_audit \gset
INSERT INTO agentic.execution_costs (agent_id, cost) VALUES (:ag_audit, 1) RETURNING id AS c_audit \gset
SELECT set_eq($$SELECT table_name, row_id FROM pg_temp.audit_since() WHERE operation = 'INSERT'$$,
              format($$VALUES ('agentic.resumes', %s::bigint), ('agentic.job_applications', %s),
                              ('agentic.task_dependencies', %s), ('agentic.task_prompts', %s),
                              ('agentic.resume_prompts', %s), ('agentic.model_catalog', %s),
                              ('agentic.job_descriptions', %s), ('agentic.agents', %s)$$,
                     :r_audit, :app_audit, :dep_audit, :tp_audit, :rp_audit, :m_audit, :j_audit, :ag_audit),
              'INSERTs into every audited table are audited, but not the cost ledger''s');

SELECT pg_temp.mark();
UPDATE agentic.execution_costs SET operation = 'corrected' WHERE id = :c_audit;
SELECT results_eq($$SELECT table_name, operation::text, row_id, changed_columns FROM pg_temp.audit_since()$$,
                  format($$VALUES ('agentic.execution_costs'::text, 'UPDATE'::text, %s::bigint, ARRAY['operation'])$$, :c_audit),
                  'an UPDATE of the cost ledger is audited');
SELECT pg_temp.mark();
DELETE FROM agentic.execution_costs WHERE id = :c_audit;
SELECT results_eq($$SELECT table_name, operation::text, row_id, old_data->>'operation' FROM pg_temp.audit_since()$$,
                  format($$VALUES ('agentic.execution_costs'::text, 'DELETE'::text, %s::bigint, 'corrected'::text)$$, :c_audit),
                  'a DELETE from the cost ledger is audited');

SELECT pg_temp.mark();
UPDATE agentic.model_catalog SET input_price_per_mtok = 2, price_effective_from = '2026-02-01' WHERE id = :m_audit;
SELECT set_eq($$SELECT table_name, operation::text FROM pg_temp.audit_since()$$,
              $$VALUES ('agentic.model_catalog', 'UPDATE')$$,
              'a price change audits the catalog row; the archived period itself is not an audited INSERT');
SELECT ok((SELECT changed_columns @> ARRAY['input_price_per_mtok', 'price_effective_from', 'updated_at']
                  AND NOT changed_columns && ARRAY['output_price_per_mtok', 'provider']
             FROM pg_temp.audit_since()),
          'the catalog change records the changed price columns and no others');
SELECT pg_temp.mark();
UPDATE agentic.model_price_history SET currency = 'EUR' WHERE model_id = :m_audit;
DELETE FROM agentic.model_price_history WHERE model_id = :m_audit;
SELECT set_eq($$SELECT table_name, operation::text FROM pg_temp.audit_since()$$,
              $$VALUES ('agentic.model_price_history', 'UPDATE'), ('agentic.model_price_history', 'DELETE')$$,
              'changes to archived prices are audited');

SELECT pg_temp.mark();
DELETE FROM agentic.job_applications WHERE id = :app_audit;
DELETE FROM agentic.task_prompts WHERE id = :tp_audit;
DELETE FROM agentic.resume_prompts WHERE id = :rp_audit;
DELETE FROM agentic.task_dependencies WHERE id = :dep_audit;
DELETE FROM agentic.agents WHERE id = :ag_audit;
DELETE FROM agentic.job_descriptions WHERE id = :j_audit;
DELETE FROM agentic.resumes WHERE id = :r_audit;
SELECT is((SELECT count(*)::int FROM pg_temp.audit_since() WHERE operation = 'DELETE'), 7,
          'DELETEs from every audited table are audited');
SELECT is((SELECT count(*)::int FROM agentic.audit_logs WHERE table_name = 'agentic.audit_logs'), 0,
          'the audit log does not audit itself');

----------------------------------------------------------------------------------------
-- Failed statements leave no audit rows
----------------------------------------------------------------------------------------
SELECT pg_temp.mark();
SELECT throws_ok($$UPDATE agentic.tasks SET status = CASE WHEN title = 'v pending 3' THEN 'completed'::agentic.task_status
                                                         ELSE 'blocked' END
                    WHERE title IN ('v pending 1', 'v pending 2', 'v pending 3')$$,
                 '23514', 'illegal task status transition from "pending" to "completed"',
                 'a three-row UPDATE with one illegal move fails');
SELECT throws_ok($$INSERT INTO agentic.tasks (title) VALUES ('fine'), ('  ')$$, '23514', NULL,
                 'a two-row INSERT with one blank title fails');
SELECT is_empty('SELECT * FROM pg_temp.audit_since()', 'the failed statements wrote no audit rows');

----------------------------------------------------------------------------------------
-- changed_by is the acting role, even without any right on audit_logs
----------------------------------------------------------------------------------------
CREATE ROLE pgtap_audit_writer NOLOGIN;
SELECT cmp_ok(agentic.grant_access('pgtap_audit_writer', 'write'), '>', 0, 'the writer role is granted write access');
SELECT ok(NOT has_table_privilege('pgtap_audit_writer', 'agentic.audit_logs', 'INSERT'),
          'the writer role cannot insert audit rows itself');
SELECT pg_temp.mark();
SET LOCAL ROLE pgtap_audit_writer;
UPDATE agentic.tasks SET description = 'by the writer' WHERE title = 'v pending 1';
RESET ROLE;
SELECT results_eq($$SELECT changed_by, session_user_name = session_user, changed_columns FROM pg_temp.audit_since()$$,
                  $$VALUES ('pgtap_audit_writer'::text, true, ARRAY['description'])$$,
                  'the audit row names the acting role (current_user) and the session user');

----------------------------------------------------------------------------------------
-- TRUNCATE (since 1.3): one audit row per truncated table, row_id NULL, naming the caller
----------------------------------------------------------------------------------------
SELECT enum_has_labels('agentic', 'audit_operation', ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'],
                       'audit_operation has INSERT, UPDATE, DELETE and TRUNCATE');
SELECT pg_temp.mark();
TRUNCATE agentic.task_prompts;
SELECT results_eq(
  $$SELECT table_name, operation::text, row_id IS NULL, old_data IS NULL AND new_data IS NULL,
           changed_columns IS NULL, changed_by = current_user, session_user_name = session_user,
           transaction_id = pg_current_xact_id()
      FROM pg_temp.audit_since()$$,
  $$VALUES ('agentic.task_prompts'::text, 'TRUNCATE'::text, true, true, true, true, true, true)$$,
  'a TRUNCATE writes one audit row: table, operation TRUNCATE, no row id, no data, the role and the transaction');
SELECT pg_temp.mark();
SET LOCAL client_min_messages = warning;
TRUNCATE agentic.tasks CASCADE;
RESET client_min_messages;
SELECT bag_eq(
  $$SELECT table_name, operation::text FROM pg_temp.audit_since()$$,
  $$VALUES ('agentic.tasks', 'TRUNCATE'), ('agentic.task_assignments', 'TRUNCATE'),
           ('agentic.task_dependencies', 'TRUNCATE'), ('agentic.task_prompts', 'TRUNCATE'),
           ('agentic.execution_costs', 'TRUNCATE')$$,
  'TRUNCATE ... CASCADE audits each truncated table once');
SELECT throws_ok($$INSERT INTO agentic.audit_logs (table_name, changed_by, operation, row_id)
                   VALUES ('agentic.tasks', current_user, 'TRUNCATE', 1)$$,
                 '23514', NULL, 'a TRUNCATE audit row names no row');
SELECT throws_ok($$INSERT INTO agentic.audit_logs (table_name, changed_by, operation, row_id, new_data)
                   VALUES ('agentic.tasks', current_user, 'INSERT', NULL, '{}')$$,
                 '23514', NULL, 'an INSERT audit row still names its row');
SELECT pg_temp.mark();
SET LOCAL session_replication_role = replica;
TRUNCATE agentic.task_prompts;
SET LOCAL session_replication_role = origin;
SELECT is_empty('SELECT * FROM pg_temp.audit_since()',
                'a TRUNCATE with session_replication_role = replica (restore, test reset) is not audited');

SELECT * FROM finish();
ROLLBACK;
