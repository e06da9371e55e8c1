-- More history on top of demo/sample_data.sql, so that a dump holds every kind of
-- row: updates and deletes in the audit trail, a second price change, an
-- agent replaced in its job, a derived cost corrected, a blocked task.
\set ON_ERROR_STOP on
UPDATE agentic.model_catalog SET output_price_per_mtok = 0.50, price_effective_from = '2026-11-01'
 WHERE model_name = 'gpt-4o-mini';
UPDATE agentic.agents SET status = 'suspended' WHERE name = 'rex-research';
INSERT INTO agentic.agents (name, job_description_id, model_id, status)
VALUES ('rex-2', 2, 3, 'active');
INSERT INTO agentic.tasks (title, priority) VALUES ('Archive old tickets', 'low');
INSERT INTO agentic.task_assignments (task_id, agent_id)
SELECT max(id), (SELECT id FROM agentic.agents WHERE name = 'rex-2') FROM agentic.tasks;
UPDATE agentic.task_assignments SET status = 'cancelled'
 WHERE task_id = (SELECT max(id) FROM agentic.tasks WHERE title = 'Archive old tickets');
UPDATE agentic.tasks SET status = 'blocked' WHERE title = 'Archive old tickets';
UPDATE agentic.execution_costs SET output_tokens = output_tokens + 100
 WHERE id = (SELECT min(id) FROM agentic.execution_costs WHERE cost_source = 'derived');
DELETE FROM agentic.task_prompts WHERE name = 'pricing-brief';
-- A TRUNCATE (audited since 1.3): its audit row must survive every kind of restore,
-- --single-transaction included.
TRUNCATE agentic.task_dependencies;
