-- The audit has two ways to write its rows: straight into audit_logs (the usual one),
-- and an INSERT ... SELECT over the transition tables when audit_logs has INSERT
-- triggers of its own, which must fire. Both must write the same rows: the same
-- statements are audited once each way and the rows compared column by column
-- (ids, times and transaction ids aside).
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

CREATE TEMP TABLE audit_mark AS SELECT coalesce(max(id), 0) AS last_id FROM agentic.audit_logs;

-- The statements: every operation, a multi-row statement, JSON, arrays, NULLs, numbers
-- whose text differs but whose value does not, and a search vector left out.
CREATE FUNCTION pg_temp.run_statements(tag text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  job bigint;
BEGIN
  INSERT INTO agentic.job_descriptions (title, description, required_skills)
  VALUES (tag || ' job', 'writes and reads', '["sql", "c++"]') RETURNING id INTO job;
  INSERT INTO agentic.tasks (title, description, priority, required_skills, input_data)
  VALUES (tag || ' one', 'first', 'high', '["a"]', '{"n": 1.0, "nested": {"x": [1, 2]}}'),
         (tag || ' two', '', 'low', '[]', '{}');
  UPDATE agentic.tasks SET input_data = '{"n": 1.00, "nested": {"x": [1, 2]}}', priority = 'low',
                           description = 'first, again'
   WHERE title = tag || ' one';
  UPDATE agentic.tasks SET priority = 'medium' WHERE title LIKE tag || ' %';
  UPDATE agentic.job_descriptions SET title = title WHERE id = job;
  DELETE FROM agentic.tasks WHERE title = tag || ' two';
END $$;

-- Straight into audit_logs
SELECT pg_temp.run_statements('direct');
-- Through SQL: an INSERT trigger of audit_logs' own must fire, so the rows go through
-- an INSERT ... SELECT
CREATE FUNCTION public.agentic_test_count_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('agentic_test.audit_trigger_rows',
                     (coalesce(nullif(current_setting('agentic_test.audit_trigger_rows', true), ''), '0')::int + 1)::text,
                     true);
  RETURN NEW;
END $$;
CREATE TRIGGER agentic_test_count_audit AFTER INSERT ON agentic.audit_logs
  FOR EACH ROW EXECUTE FUNCTION public.agentic_test_count_audit();
SELECT pg_temp.run_statements('through sql');
SELECT cmp_ok(current_setting('agentic_test.audit_trigger_rows')::int, '>', 0,
              'audit_logs'' own INSERT trigger fired for the rows written through SQL');
DROP TRIGGER agentic_test_count_audit ON agentic.audit_logs;

CREATE TEMP VIEW written AS
SELECT row_number() OVER (PARTITION BY way ORDER BY id) AS n, way, table_name, operation::text AS operation,
       old_data - 'id' - 'title' - 'created_at' - 'updated_at' - 'job_description_id' AS old_data,
       new_data - 'id' - 'title' - 'created_at' - 'updated_at' - 'job_description_id' AS new_data,
       changed_columns, changed_by, session_user_name, application_name, client_addr,
       row_id IS NOT NULL AS has_row_id, occurred_at BETWEEN now() AND statement_timestamp() AS at_statement_start,
       transaction_id = pg_current_xact_id() AS in_this_transaction
  FROM (SELECT a.*, CASE WHEN coalesce(a.new_data, a.old_data)->>'title' LIKE 'direct%' THEN 'direct'
                         ELSE 'sql' END AS way
          FROM agentic.audit_logs a WHERE a.id > (SELECT last_id FROM audit_mark)) x;

SELECT is((SELECT count(*) FROM written WHERE way = 'direct'), (SELECT count(*) FROM written WHERE way = 'sql'),
          'both ways write as many audit rows');
SELECT cmp_ok((SELECT count(*) FROM written WHERE way = 'direct'), '>=', 8::bigint,
              'every statement was audited');
-- (compared as bags, not by position: the rows of one multi-row statement come in
-- the heap order of the rows, which may differ between the two sets of rows)
SELECT bag_eq($$SELECT table_name, operation, old_data, new_data, changed_columns, changed_by,
                       session_user_name, application_name, client_addr, has_row_id, at_statement_start,
                       in_this_transaction FROM written WHERE way = 'direct'$$,
              $$SELECT table_name, operation, old_data, new_data, changed_columns, changed_by,
                       session_user_name, application_name, client_addr, has_row_id, at_statement_start,
                       in_this_transaction FROM written WHERE way = 'sql'$$,
              'the two ways write the same rows');
SELECT is((SELECT changed_columns FROM written WHERE way = 'direct' AND operation = 'UPDATE'
            AND table_name = 'agentic.tasks' ORDER BY n LIMIT 1),
          ARRAY['description', 'priority'],
          'a number written differently but equal is no change; the changed columns are sorted');
SELECT is((SELECT changed_columns FROM written WHERE way = 'direct' AND table_name = 'agentic.job_descriptions'
            AND operation = 'UPDATE'),
          '{}'::text[], 'an update that changes no value (updated_at keeps the transaction''s start) lists none');
SELECT ok((SELECT bool_and(NOT (coalesce(new_data, old_data) ? 'search_vector')) FROM agentic.audit_logs
            WHERE id > (SELECT last_id FROM audit_mark)),
          'no audit row records a search vector');
SELECT ok((SELECT bool_and(has_row_id AND at_statement_start AND in_this_transaction) FROM written),
          'every row names its row, the statement''s start and the transaction');

-- TRUNCATE, both ways
TRUNCATE agentic.task_dependencies;
CREATE TRIGGER agentic_test_count_audit AFTER INSERT ON agentic.audit_logs
  FOR EACH ROW EXECUTE FUNCTION public.agentic_test_count_audit();
TRUNCATE agentic.task_dependencies;
DROP TRIGGER agentic_test_count_audit ON agentic.audit_logs;
SELECT is((SELECT count(DISTINCT (table_name, operation, row_id, old_data, new_data, changed_columns, changed_by))
             FROM agentic.audit_logs WHERE id > (SELECT last_id FROM audit_mark) AND operation = 'TRUNCATE'),
          1::bigint, 'a TRUNCATE is audited alike both ways');
SELECT is((SELECT count(*) FROM agentic.audit_logs WHERE id > (SELECT last_id FROM audit_mark) AND operation = 'TRUNCATE'),
          2::bigint, 'once per TRUNCATE');

SELECT * FROM finish();
ROLLBACK;
