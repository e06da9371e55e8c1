-- Run against a restored database: new rows continue the identity sequences
-- (a duplicate id in tasks or audit_logs would fail the INSERT), and the rules
-- are live again.
WITH before AS (SELECT max(id) AS last_id FROM agentic.tasks),
     added AS (INSERT INTO agentic.tasks (title) VALUES ('after restore') RETURNING id)
SELECT 'next task id continues: ' || (added.id = before.last_id + 1) FROM added, before;
SELECT 'audited: ' || count(*) FROM agentic.audit_logs
 WHERE table_name = 'agentic.tasks' AND new_data->>'title' = 'after restore';
\set ON_ERROR_STOP off
UPDATE agentic.tasks SET status = 'pending' WHERE status = 'completed';
\echo status rule live: :LAST_ERROR_SQLSTATE
INSERT INTO agentic.execution_costs (agent_id, cost) VALUES (1, 'NaN');
\echo cost rule live: :LAST_ERROR_SQLSTATE
