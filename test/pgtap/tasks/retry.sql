-- A task whose assignment failed can be retried: the retry's outcome decides.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
INSERT INTO agentic.job_descriptions (title) VALUES ('retry job');
INSERT INTO agentic.agents (name, job_description_id, status)
SELECT 'retry-agent', id, 'active' FROM agentic.job_descriptions WHERE title = 'retry job';
INSERT INTO agentic.tasks (title) VALUES ('retry task');
CREATE TEMP TABLE ids AS
SELECT (SELECT id FROM agentic.tasks WHERE title = 'retry task') AS task,
       (SELECT id FROM agentic.agents WHERE name = 'retry-agent') AS agent;

INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at) SELECT task, agent, now() - interval '2 hours' FROM ids;
UPDATE agentic.task_assignments SET status = 'in_progress', started_at = now() - interval '90 minutes'
 WHERE task_id = (SELECT task FROM ids);
UPDATE agentic.task_assignments SET status = 'failed', completed_at = now() - interval '1 hour'
 WHERE task_id = (SELECT task FROM ids);
SELECT is((SELECT status::text FROM agentic.tasks WHERE id = (SELECT task FROM ids)), 'failed',
  'the only attempt failed: the task failed');

INSERT INTO agentic.task_assignments (task_id, agent_id) SELECT task, agent FROM ids;
SELECT is((SELECT status::text FROM agentic.tasks WHERE id = (SELECT task FROM ids)), 'assigned',
  'a retry reopens the failed task');
UPDATE agentic.task_assignments SET status = 'in_progress'
 WHERE task_id = (SELECT task FROM ids) AND status = 'assigned';
SELECT is((SELECT status::text FROM agentic.tasks WHERE id = (SELECT task FROM ids)), 'in_progress',
  'the retry starts the task');
UPDATE agentic.task_assignments SET status = 'completed'
 WHERE task_id = (SELECT task FROM ids) AND status = 'in_progress';
SELECT is((SELECT status::text FROM agentic.tasks WHERE id = (SELECT task FROM ids)), 'completed',
  'the retry completed after the failure: the task is completed');
SELECT is((SELECT completed_at FROM agentic.tasks WHERE id = (SELECT task FROM ids)),
          (SELECT max(completed_at) FROM agentic.task_assignments WHERE task_id = (SELECT task FROM ids)),
  'the task ended when its last attempt ended');
SELECT * FROM finish();
ROLLBACK;
