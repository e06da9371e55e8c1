-- Assignments inserted already ended (importing history): the task follows them as it
-- would have followed the same work recorded step by step, and its times come from
-- the assignments. The assignment's own times: supplied values are kept; a completed
-- assignment inserted without any times started and ended at the insert.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

\ir ../../fixtures/agents_in_every_status.sql

\ir ../../fixtures/error_of.sql
CREATE FUNCTION pg_temp.task_row(bigint) RETURNS TABLE (status text, started_at timestamptz, completed_at timestamptz)
LANGUAGE sql AS $$SELECT status::text, started_at, completed_at FROM agentic.tasks WHERE id = $1$$;
-- The task's status changes, in the order the audit trail recorded them.
CREATE FUNCTION pg_temp.task_moves(bigint) RETURNS text LANGUAGE sql AS
  $$SELECT string_agg((old_data->>'status') || '->' || (new_data->>'status'), ', ' ORDER BY id)
      FROM agentic.audit_logs
     WHERE table_name = 'agentic.tasks' AND operation = 'UPDATE' AND row_id = $1
       AND old_data->>'status' <> new_data->>'status'$$;

----------------------------------------------------------------------------------------
-- One completed assignment, with its history
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title) VALUES ('imported completed') RETURNING id AS t_done \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at)
VALUES (:t_done, :ava, 'completed', '2026-01-01 08:00+00', '2026-01-01 09:00+00', '2026-01-01 11:00+00')
RETURNING id AS a_done \gset
SELECT results_eq(
  format('SELECT started_at, completed_at FROM agentic.task_assignments WHERE id = %s', :a_done),
  $$VALUES ('2026-01-01 09:00+00'::timestamptz, '2026-01-01 11:00+00'::timestamptz)$$,
  'an assignment inserted completed keeps the times it was given');
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_done),
  $$VALUES ('completed', '2026-01-01 09:00+00'::timestamptz, '2026-01-01 11:00+00'::timestamptz)$$,
  'a pending task whose only assignment arrives completed is completed, with its times');
SELECT is(pg_temp.task_moves(:t_done), 'pending->in_progress, in_progress->completed',
  'the task moves along legal transitions (through in_progress: the work had started)');

-- Without times: the assignment is stamped as having started and ended at the insert
INSERT INTO agentic.tasks (title) VALUES ('imported bare') RETURNING id AS t_bare \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status) VALUES (:t_bare, :ava, 'completed')
RETURNING id AS a_bare \gset
SELECT ok((SELECT started_at IS NOT NULL AND completed_at = started_at AND started_at >= now()
             FROM agentic.task_assignments WHERE id = :a_bare),
  'an assignment inserted completed without times is stamped: started and completed at the insert');
SELECT ok((SELECT t.status = 'completed' AND t.started_at = a.started_at AND t.completed_at = a.completed_at
             FROM agentic.tasks t, agentic.task_assignments a WHERE t.id = :t_bare AND a.id = :a_bare),
  'its task is completed with the same times');

-- Only the end is known: the start stays unknown (nothing is invented)
INSERT INTO agentic.tasks (title) VALUES ('imported end only') RETURNING id AS t_end \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, completed_at)
VALUES (:t_end, :rex, 'completed', '2026-01-02 08:00+00', '2026-01-02 10:00+00') RETURNING id AS a_end \gset
SELECT results_eq(
  format('SELECT started_at, completed_at FROM agentic.task_assignments WHERE id = %s', :a_end),
  $$VALUES (NULL::timestamptz, '2026-01-02 10:00+00'::timestamptz)$$,
  'an assignment inserted completed with only its end keeps it and no start is invented');
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_end),
  $$VALUES ('completed', NULL::timestamptz, '2026-01-02 10:00+00'::timestamptz)$$,
  'its task is completed at that end');
SELECT is(pg_temp.task_moves(:t_end), 'pending->assigned, assigned->completed',
  'the task moves along legal transitions (through assigned: no start is known)');

-- Only the start is known: the end is stamped
INSERT INTO agentic.tasks (title) VALUES ('imported start only') RETURNING id AS t_start \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at)
VALUES (:t_start, :rex, 'completed', '2026-01-02 08:00+00', '2026-01-02 09:00+00') RETURNING id AS a_start \gset
SELECT ok((SELECT started_at = '2026-01-02 09:00+00' AND completed_at >= now()
             FROM agentic.task_assignments WHERE id = :a_start),
  'an assignment inserted completed with only its start keeps it; its end is stamped');
SELECT ok((SELECT t.status = 'completed' AND t.started_at = a.started_at AND t.completed_at = a.completed_at
             FROM agentic.tasks t, agentic.task_assignments a WHERE t.id = :t_start AND a.id = :a_start),
  'its task is completed with the same times');

----------------------------------------------------------------------------------------
-- Failed and cancelled assignments
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title) VALUES ('imported failure') RETURNING id AS t_failed \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, completed_at, error_message)
VALUES (:t_failed, :ava, 'failed', '2026-01-03 08:00+00', '2026-01-03 09:00+00', 'never started')
RETURNING id AS a_failed \gset
SELECT is((SELECT started_at FROM agentic.task_assignments WHERE id = :a_failed), NULL,
  'an assignment inserted failed gets no start (it may have failed before starting)');
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_failed),
  $$VALUES ('failed', NULL::timestamptz, '2026-01-03 09:00+00'::timestamptz)$$,
  'a pending task whose only assignment arrives failed is failed, when it failed');
SELECT is(pg_temp.task_moves(:t_failed), 'pending->assigned, assigned->failed',
  'the task moves along legal transitions');

INSERT INTO agentic.tasks (title) VALUES ('imported cancellation') RETURNING id AS t_cancelled \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, completed_at)
VALUES (:t_cancelled, :ava, 'cancelled', '2026-01-03 08:00+00', '2026-01-03 09:00+00');
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_cancelled),
  $$VALUES ('pending', NULL::timestamptz, NULL::timestamptz)$$,
  'a task whose only assignment arrives cancelled stays pending (as when all were cancelled)');

----------------------------------------------------------------------------------------
-- Several attempts in one statement, in any row order: the one that ended last decides
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title) VALUES ('imported attempts') RETURNING id AS t_attempts \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at)
VALUES (:t_attempts, :rex, 'completed', '2026-01-04 11:00+00', '2026-01-04 11:30+00', '2026-01-04 12:00+00'),
       (:t_attempts, :ava, 'failed', '2026-01-04 08:00+00', '2026-01-04 09:00+00', '2026-01-04 10:00+00'),
       (:t_attempts, :ava, 'cancelled', '2026-01-04 08:00+00', NULL, '2026-01-04 08:30+00');
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_attempts),
  $$VALUES ('completed', '2026-01-04 09:00+00'::timestamptz, '2026-01-04 12:00+00'::timestamptz)$$,
  'a failed attempt then a completed retry, imported together: completed, from the first start to the last end');

INSERT INTO agentic.tasks (title) VALUES ('imported failed retry') RETURNING id AS t_lastfail \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at)
VALUES (:t_lastfail, :ava, 'completed', '2026-01-05 08:00+00', '2026-01-05 09:00+00', '2026-01-05 10:00+00'),
       (:t_lastfail, :rex, 'failed', '2026-01-05 08:00+00', '2026-01-05 09:30+00', '2026-01-05 11:00+00');
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_lastfail),
  $$VALUES ('failed', '2026-01-05 09:00+00'::timestamptz, '2026-01-05 11:00+00'::timestamptz)$$,
  'two attempts imported together, the failure ended last: failed');

----------------------------------------------------------------------------------------
-- History added to a task that already has some
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title) VALUES ('failed, then imported retry') RETURNING id AS t_refail \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at) VALUES (:t_refail, :ava, '2026-01-06 08:00+00')
RETURNING id AS a_refail \gset
UPDATE agentic.task_assignments SET status = 'failed', completed_at = '2026-01-06 09:00+00' WHERE id = :a_refail;
SELECT is((SELECT status::text FROM agentic.tasks WHERE id = :t_refail), 'failed', 'the task failed');
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, completed_at)
VALUES (:t_refail, :rex, 'failed', '2026-01-06 09:30+00', '2026-01-06 10:00+00');
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_refail),
  $$VALUES ('failed', NULL::timestamptz, '2026-01-06 10:00+00'::timestamptz)$$,
  'a later failed attempt imported into a failed task: still failed, ended when that attempt did');
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at)
VALUES (:t_refail, :rex, 'completed', '2026-01-06 11:00+00', '2026-01-06 11:30+00', '2026-01-06 12:00+00');
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_refail),
  $$VALUES ('completed', '2026-01-06 11:30+00'::timestamptz, '2026-01-06 12:00+00'::timestamptz)$$,
  'a completed retry imported into a failed task completes it');
SELECT is(pg_temp.task_moves(:t_refail),
  'pending->assigned, assigned->failed, failed->in_progress, in_progress->completed',
  'the failed task moves to completed along legal transitions');

INSERT INTO agentic.tasks (title) VALUES ('running, then imported earlier start') RETURNING id AS t_run \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at)
VALUES (:t_run, :ava, 'in_progress', '2026-01-07 08:00+00', '2026-01-07 10:00+00');
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at)
VALUES (:t_run, :rex, 'failed', '2026-01-07 08:00+00', '2026-01-07 09:00+00', '2026-01-07 09:30+00');
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_run),
  $$VALUES ('in_progress', '2026-01-07 09:00+00'::timestamptz, NULL::timestamptz)$$,
  'an earlier attempt imported into a running task: still running, started when work first started');

-- Parked and ended tasks take no assignments, ended ones included (1.3): an import
-- would otherwise leave the task contradicting them
INSERT INTO agentic.tasks (title, status) VALUES ('parked', 'blocked') RETURNING id AS t_parked \gset
INSERT INTO agentic.tasks (title, status) VALUES ('ended', 'cancelled') RETURNING id AS t_ended \gset
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at,
                                    completed_at)
                                    VALUES (%s, %s, 'completed', '2026-01-08 08:00+00', '2026-01-08 09:00+00',
                                            '2026-01-08 10:00+00')$$, :t_parked, :ava)),
          '23514 task_assignments_task_accepts_work', 'a completed assignment is not imported into a blocked task');
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.task_assignments (task_id, agent_id, status, completed_at)
                                    VALUES (%s, %s, 'failed', '2026-01-08 10:00+00')$$, :t_ended, :ava)),
          '23514 task_assignments_task_accepts_work', 'a failed assignment is not imported into a cancelled task');
SELECT is((SELECT count(*)::int FROM agentic.task_assignments WHERE task_id IN (:t_parked, :t_ended)), 0,
          'neither task got an assignment');
SELECT results_eq(format('SELECT status::text, completed_at IS NULL FROM agentic.tasks WHERE id IN (%s, %s) ORDER BY id',
                         :t_parked, :t_ended),
  $$VALUES ('blocked', true), ('cancelled', false)$$, 'both tasks are as they were');
-- A task's history is imported while it is open; several ended attempts in one
-- statement, since the first completed one would end the task
INSERT INTO agentic.tasks (title) VALUES ('two agents, both done') RETURNING id AS t_pair \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at)
VALUES (:t_pair, :ava, 'completed', '2026-01-09 08:00+00', '2026-01-09 09:00+00', '2026-01-09 10:00+00'),
       (:t_pair, :rex, 'completed', '2026-01-09 08:00+00', '2026-01-09 08:30+00', '2026-01-09 11:00+00');
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_pair),
  $$VALUES ('completed', '2026-01-09 08:30+00'::timestamptz, '2026-01-09 11:00+00'::timestamptz)$$,
  'two completed attempts imported in one statement complete the task, from the first start to the last end');

-- A retry that never started and was cancelled did no work: the failed task keeps the
-- end of its failure (1.3; 1.2 moved it to the cancellation)
INSERT INTO agentic.tasks (title) VALUES ('failed, retry cancelled') RETURNING id AS t_recancel \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at)
VALUES (:t_recancel, :ava, 'failed', '2026-01-10 08:00+00', '2026-01-10 08:30+00', '2026-01-10 09:00+00');
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_recancel, :rex) RETURNING id AS a_recancel \gset
SELECT is((SELECT status::text FROM agentic.tasks WHERE id = :t_recancel), 'assigned', 'the retry reopened the task');
UPDATE agentic.task_assignments SET status = 'cancelled' WHERE id = :a_recancel;
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_recancel),
  $$VALUES ('failed', '2026-01-10 08:30+00'::timestamptz, '2026-01-10 09:00+00'::timestamptz)$$,
  'the cancelled retry leaves the task failed, ended when it failed');
-- one that started before it was cancelled did work: the task's run ends with it
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at)
VALUES (:t_recancel, :rex, 'cancelled', '2026-01-10 10:00+00', '2026-01-10 10:30+00', '2026-01-10 11:00+00');
SELECT results_eq(format('SELECT * FROM pg_temp.task_row(%s)', :t_recancel),
  $$VALUES ('failed', '2026-01-10 08:30+00'::timestamptz, '2026-01-10 11:00+00'::timestamptz)$$,
  'a retry that worked before it was cancelled ends the failed task''s run');

----------------------------------------------------------------------------------------
-- No task contradicts its assignments
----------------------------------------------------------------------------------------
SELECT is((SELECT count(*)::int FROM agentic.tasks
            WHERE (status IN ('completed', 'failed', 'cancelled')) = (completed_at IS NULL)), 0,
  'completed_at is set exactly on the tasks in a final status');
SELECT is((SELECT count(*)::int FROM agentic.tasks t
            WHERE t.status = 'pending'
              AND EXISTS (SELECT 1 FROM agentic.task_assignments a
                           WHERE a.task_id = t.id AND a.status <> 'cancelled')), 0,
  'no task is pending while it has assignments that were not cancelled');

SELECT * FROM finish();
ROLLBACK;
