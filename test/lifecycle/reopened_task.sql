-- Loaded at 1.2 on top of demo/sample_data.sql: a task re-opened by a retry as the
-- library before 1.3 left it, still carrying the failed attempt's completed_at. The
-- 1.2 -> 1.3 upgrade clears it. Today's library keeps completed_at NULL on a re-open
-- at every version (and refuses a completed_at on an open task), so the row is written
-- as the older one left it, with the triggers off.
\set ON_ERROR_STOP on
INSERT INTO agentic.job_descriptions (title) VALUES ('lifecycle retry job');
INSERT INTO agentic.agents (name, job_description_id, status)
SELECT 'lifecycle-retry-agent', id, 'active' FROM agentic.job_descriptions
 WHERE title = 'lifecycle retry job';
INSERT INTO agentic.tasks (title) VALUES ('lifecycle re-opened task');
INSERT INTO agentic.task_assignments (task_id, agent_id)
SELECT t.id, a.id FROM agentic.tasks t, agentic.agents a
 WHERE t.title = 'lifecycle re-opened task' AND a.name = 'lifecycle-retry-agent';
UPDATE agentic.task_assignments SET status = 'in_progress'
 WHERE task_id = (SELECT id FROM agentic.tasks WHERE title = 'lifecycle re-opened task');
UPDATE agentic.task_assignments SET status = 'failed'
 WHERE task_id = (SELECT id FROM agentic.tasks WHERE title = 'lifecycle re-opened task');
-- the retry re-opens the task
INSERT INTO agentic.task_assignments (task_id, agent_id)
SELECT t.id, a.id FROM agentic.tasks t, agentic.agents a
 WHERE t.title = 'lifecycle re-opened task' AND a.name = 'lifecycle-retry-agent';
-- written as the older library left it, past today's rules (triggers off)
SET session_replication_role = replica;
UPDATE agentic.tasks t SET completed_at = a.completed_at
  FROM agentic.task_assignments a
 WHERE t.title = 'lifecycle re-opened task' AND a.task_id = t.id AND a.status = 'failed';
RESET session_replication_role;
