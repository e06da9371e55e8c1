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

-- While the retry runs the task is open again: no completed_at (open-work queries,
-- the partial index tasks_due_idx and task_status_summary read completed_at IS NULL);
-- started_at stays the first start of any attempt, so when the task ends,
-- completed_at - started_at spans all of its attempts and is never negative.
INSERT INTO agentic.tasks (title, due_at) VALUES ('reopened task', '2026-02-01 00:00+00');
UPDATE ids SET task = (SELECT id FROM agentic.tasks WHERE title = 'reopened task');
INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at) SELECT task, agent, '2026-01-01 08:00+00' FROM ids;
UPDATE agentic.task_assignments SET status = 'in_progress', started_at = '2026-01-01 09:00+00'
 WHERE task_id = (SELECT task FROM ids);
UPDATE agentic.task_assignments SET status = 'failed', completed_at = '2026-01-01 10:00+00'
 WHERE task_id = (SELECT task FROM ids);
SELECT results_eq(
  $$SELECT status::text, started_at, completed_at FROM agentic.tasks WHERE id = (SELECT task FROM ids)$$,
  $$VALUES ('failed', '2026-01-01 09:00+00'::timestamptz, '2026-01-01 10:00+00'::timestamptz)$$,
  'the first attempt failed: the task failed when it did');

INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at) SELECT task, agent, '2026-01-01 11:00+00' FROM ids;
SELECT results_eq(
  $$SELECT status::text, started_at, completed_at FROM agentic.tasks WHERE id = (SELECT task FROM ids)$$,
  $$VALUES ('assigned', '2026-01-01 09:00+00'::timestamptz, NULL::timestamptz)$$,
  'a retry reopens the task: completed_at is cleared, started_at is the first start');
SELECT is((SELECT count(*)::int FROM agentic.tasks WHERE due_at IS NOT NULL AND completed_at IS NULL
            AND id = (SELECT task FROM ids)), 1,
  'the reopened task is open work again for a due-date query (the predicate of tasks_due_idx)');

UPDATE agentic.task_assignments SET status = 'in_progress', started_at = '2026-01-01 12:00+00'
 WHERE task_id = (SELECT task FROM ids) AND status = 'assigned';
SELECT results_eq(
  $$SELECT status::text, started_at, completed_at FROM agentic.tasks WHERE id = (SELECT task FROM ids)$$,
  $$VALUES ('in_progress', '2026-01-01 09:00+00'::timestamptz, NULL::timestamptz)$$,
  'the retry runs: the task is in progress, still open, started when work first started');
SET LOCAL enable_seqscan = off;
SELECT is((SELECT count(*)::int FROM agentic.tasks WHERE due_at IS NOT NULL AND completed_at IS NULL
            AND due_at < '2026-03-01'), 1,
  'a due-date query (through tasks_due_idx) finds the running retry');
RESET enable_seqscan;
SELECT is((SELECT avg_duration FROM agentic.task_status_summary WHERE status = 'in_progress'), NULL::interval,
  'task_status_summary gives a running task no run time');

UPDATE agentic.task_assignments SET status = 'completed', completed_at = '2026-01-01 13:30+00'
 WHERE task_id = (SELECT task FROM ids) AND status = 'in_progress';
SELECT results_eq(
  $$SELECT status::text, started_at, completed_at FROM agentic.tasks WHERE id = (SELECT task FROM ids)$$,
  $$VALUES ('completed', '2026-01-01 09:00+00'::timestamptz, '2026-01-01 13:30+00'::timestamptz)$$,
  'the retry completed: the task ran from its first start to the end of its last attempt');
SELECT is((SELECT avg_duration FROM agentic.task_status_summary WHERE status = 'completed'),
          (SELECT avg(completed_at - started_at) FROM agentic.tasks WHERE status = 'completed'),
  'task_status_summary counts the completed retry once, with its whole run time');

-- A first attempt that failed before it ever started: the retry can start and end
-- (the task must not keep the failed attempt's end, earlier than the retry's start).
INSERT INTO agentic.tasks (title) VALUES ('failed before start');
UPDATE ids SET task = (SELECT id FROM agentic.tasks WHERE title = 'failed before start');
INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at) SELECT task, agent, '2026-01-02 08:00+00' FROM ids;
UPDATE agentic.task_assignments SET status = 'failed', completed_at = '2026-01-02 09:00+00'
 WHERE task_id = (SELECT task FROM ids);
SELECT results_eq(
  $$SELECT status::text, started_at, completed_at FROM agentic.tasks WHERE id = (SELECT task FROM ids)$$,
  $$VALUES ('failed', NULL::timestamptz, '2026-01-02 09:00+00'::timestamptz)$$,
  'an attempt that failed before it started fails the task, which never started');
INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at) SELECT task, agent, '2026-01-02 10:00+00' FROM ids;
SELECT lives_ok(
  $$UPDATE agentic.task_assignments SET status = 'in_progress', started_at = '2026-01-02 10:30+00'
     WHERE task_id = (SELECT task FROM ids) AND status = 'assigned'$$,
  'the retry of an attempt that failed before starting can start');
SELECT results_eq(
  $$SELECT status::text, started_at, completed_at FROM agentic.tasks WHERE id = (SELECT task FROM ids)$$,
  $$VALUES ('in_progress', '2026-01-02 10:30+00'::timestamptz, NULL::timestamptz)$$,
  'the task is in progress since the retry started, and open');
SELECT lives_ok(
  $$UPDATE agentic.task_assignments SET status = 'completed', completed_at = '2026-01-02 11:00+00'
     WHERE task_id = (SELECT task FROM ids) AND status = 'in_progress'$$,
  'the retry completes');
SELECT results_eq(
  $$SELECT status::text, started_at, completed_at FROM agentic.tasks WHERE id = (SELECT task FROM ids)$$,
  $$VALUES ('completed', '2026-01-02 10:30+00'::timestamptz, '2026-01-02 11:00+00'::timestamptz)$$,
  'the task completed when the retry did');

-- Stamped times (no value supplied): the same, with statement times.
INSERT INTO agentic.tasks (title) VALUES ('stamped failure before start');
UPDATE ids SET task = (SELECT id FROM agentic.tasks WHERE title = 'stamped failure before start');
INSERT INTO agentic.task_assignments (task_id, agent_id) SELECT task, agent FROM ids;
UPDATE agentic.task_assignments SET status = 'failed' WHERE task_id = (SELECT task FROM ids);
INSERT INTO agentic.task_assignments (task_id, agent_id) SELECT task, agent FROM ids;
SELECT lives_ok(
  $$UPDATE agentic.task_assignments SET status = 'in_progress'
     WHERE task_id = (SELECT task FROM ids) AND status = 'assigned'$$,
  'a stamped retry of an attempt that failed before starting can start');
SELECT results_eq(
  $$SELECT status::text, completed_at IS NULL FROM agentic.tasks WHERE id = (SELECT task FROM ids)$$,
  $$VALUES ('in_progress', true)$$,
  'the stamped retry runs and the task is open');

-- A retry that is cancelled after starting leaves the task failed, ended no earlier
-- than it started.
INSERT INTO agentic.tasks (title) VALUES ('cancelled retry');
UPDATE ids SET task = (SELECT id FROM agentic.tasks WHERE title = 'cancelled retry');
INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at) SELECT task, agent, '2026-01-03 08:00+00' FROM ids;
UPDATE agentic.task_assignments SET status = 'failed', completed_at = '2026-01-03 09:00+00'
 WHERE task_id = (SELECT task FROM ids);
INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at) SELECT task, agent, '2026-01-03 10:00+00' FROM ids;
UPDATE agentic.task_assignments SET status = 'in_progress', started_at = '2026-01-03 10:30+00'
 WHERE task_id = (SELECT task FROM ids) AND status = 'assigned';
SELECT lives_ok(
  $$UPDATE agentic.task_assignments SET status = 'cancelled', completed_at = '2026-01-03 11:00+00'
     WHERE task_id = (SELECT task FROM ids) AND status = 'in_progress'$$,
  'the started retry is cancelled');
SELECT results_eq(
  $$SELECT status::text, started_at, completed_at FROM agentic.tasks WHERE id = (SELECT task FROM ids)$$,
  $$VALUES ('failed', '2026-01-03 10:30+00'::timestamptz, '2026-01-03 11:00+00'::timestamptz)$$,
  'the failure stands; the task ended when its last work stopped');

SELECT is((SELECT count(*)::int FROM agentic.tasks
            WHERE (status IN ('completed', 'failed', 'cancelled')) = (completed_at IS NULL)), 0,
  'every task here has completed_at exactly when it is in a final status');

SELECT * FROM finish();
ROLLBACK;
