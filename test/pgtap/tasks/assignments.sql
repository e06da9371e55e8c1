-- Tasks follow their assignments; the assignment rules (who may work, immutable
-- pairs). The agents' own rules are in workforce/agents.sql.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

\ir ../../fixtures/error_of.sql

----------------------------------------------------------------------------------------
-- Fixtures: two jobs with an active agent each, plus agents in the other statuses
----------------------------------------------------------------------------------------
\ir ../../fixtures/agents_in_every_status.sql

CREATE FUNCTION pg_temp.task_status(bigint) RETURNS text LANGUAGE sql AS
  $$SELECT status::text FROM agentic.tasks WHERE id = $1$$;

----------------------------------------------------------------------------------------
-- One assignment: assigned -> in_progress -> completed
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title) VALUES ('single') RETURNING id AS t_single \gset
SELECT is(pg_temp.task_status(:t_single), 'pending', 'a new task is pending');
INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at)
VALUES (:t_single, :ava, '2026-01-01 08:00+00') RETURNING id AS a_single \gset
SELECT is(pg_temp.task_status(:t_single), 'assigned', 'inserting an assignment makes the task assigned');
UPDATE agentic.task_assignments SET status = 'in_progress', started_at = '2026-01-01 09:00+00' WHERE id = :a_single;
SELECT is(pg_temp.task_status(:t_single), 'in_progress', 'starting the assignment puts the task in progress');
SELECT is((SELECT started_at FROM agentic.tasks WHERE id = :t_single), '2026-01-01 09:00+00'::timestamptz,
          'the task started_at is the assignment started_at');
UPDATE agentic.task_assignments SET status = 'completed', completed_at = '2026-01-01 11:30+00' WHERE id = :a_single;
SELECT is(pg_temp.task_status(:t_single), 'completed', 'completing the only assignment completes the task');
SELECT is((SELECT completed_at FROM agentic.tasks WHERE id = :t_single), '2026-01-01 11:30+00'::timestamptz,
          'the task completed_at is the assignment completed_at');

-- Stamped (not supplied) start: task and assignment agree
INSERT INTO agentic.tasks (title) VALUES ('stamped') RETURNING id AS t_stamped \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_stamped, :rex) RETURNING id AS a_stamped \gset
UPDATE agentic.task_assignments SET status = 'in_progress' WHERE id = :a_stamped;
SELECT ok((SELECT t.started_at = a.started_at AND t.started_at IS NOT NULL
             FROM agentic.tasks t, agentic.task_assignments a WHERE t.id = :t_stamped AND a.id = :a_stamped),
          'a stamped assignment start is copied to the task');

-- An assignment inserted already in progress
INSERT INTO agentic.tasks (title) VALUES ('direct start') RETURNING id AS t_direct \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, status) VALUES (:t_direct, :rex, 'in_progress');
SELECT is(pg_temp.task_status(:t_direct), 'in_progress', 'an assignment inserted in_progress puts a pending task in progress');

----------------------------------------------------------------------------------------
-- Two assignments: the task completes only when the last one completes
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title) VALUES ('pair') RETURNING id AS t_pair \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_pair, :ava) RETURNING id AS a_pair1 \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_pair, :rex) RETURNING id AS a_pair2 \gset
UPDATE agentic.task_assignments SET status = 'in_progress' WHERE id = :a_pair1;
SELECT is(pg_temp.task_status(:t_pair), 'in_progress', 'one of two assignments started: task in progress');
UPDATE agentic.task_assignments SET status = 'in_progress' WHERE id = :a_pair2;
UPDATE agentic.task_assignments SET status = 'completed' WHERE id = :a_pair1;
SELECT is(pg_temp.task_status(:t_pair), 'in_progress', 'one of two assignments completed: task still in progress');
UPDATE agentic.task_assignments SET status = 'completed' WHERE id = :a_pair2;
SELECT is(pg_temp.task_status(:t_pair), 'completed', 'the last assignment completed: task completed');
SELECT is((SELECT completed_at FROM agentic.tasks WHERE id = :t_pair),
          (SELECT max(completed_at) FROM agentic.task_assignments WHERE task_id = :t_pair),
          'the task completed_at is the last assignment completed_at');

-- One still only assigned while the other runs
INSERT INTO agentic.tasks (title) VALUES ('half started') RETURNING id AS t_half \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_half, :ava) RETURNING id AS a_half1 \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_half, :rex) RETURNING id AS a_half2 \gset
UPDATE agentic.task_assignments SET status = 'in_progress' WHERE id = :a_half1;
UPDATE agentic.task_assignments SET status = 'completed' WHERE id = :a_half1;
SELECT is(pg_temp.task_status(:t_half), 'assigned', 'one completed, one still assigned: task back to assigned');

----------------------------------------------------------------------------------------
-- Failure, cancellation, reassignment
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title) VALUES ('doomed') RETURNING id AS t_fail \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_fail, :ava) RETURNING id AS a_fail \gset
UPDATE agentic.task_assignments SET status = 'in_progress' WHERE id = :a_fail;
UPDATE agentic.task_assignments SET status = 'failed', error_message = 'boom' WHERE id = :a_fail;
SELECT is(pg_temp.task_status(:t_fail), 'failed', 'a failed assignment with no other active one fails the task');
SELECT is((SELECT completed_at FROM agentic.tasks WHERE id = :t_fail),
          (SELECT completed_at FROM agentic.task_assignments WHERE id = :a_fail),
          'the failed task ends when its assignment failed');

INSERT INTO agentic.tasks (title) VALUES ('retry elsewhere') RETURNING id AS t_fail2 \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_fail2, :ava) RETURNING id AS a_fail2a \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_fail2, :rex) RETURNING id AS a_fail2b \gset
UPDATE agentic.task_assignments SET status = 'in_progress' WHERE id = :a_fail2b;
UPDATE agentic.task_assignments SET status = 'failed' WHERE id = :a_fail2a;
SELECT is(pg_temp.task_status(:t_fail2), 'in_progress', 'a failed assignment does not fail a task another agent is working on');

SELECT lives_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_fail, :rex),
                'a failed task accepts a new assignment');
SELECT is(pg_temp.task_status(:t_fail), 'assigned', 'the failed task goes back to assigned');
SELECT lives_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_fail, :ava),
                'the agent whose assignment failed may be assigned again');

INSERT INTO agentic.tasks (title) VALUES ('called off') RETURNING id AS t_cancel \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_cancel, :ava) RETURNING id AS a_cancel1 \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_cancel, :rex) RETURNING id AS a_cancel2 \gset
UPDATE agentic.task_assignments SET status = 'in_progress' WHERE id = :a_cancel2;
UPDATE agentic.task_assignments SET status = 'cancelled' WHERE id = :a_cancel1;
SELECT is(pg_temp.task_status(:t_cancel), 'in_progress', 'one of two cancelled: task still in progress');
UPDATE agentic.task_assignments SET status = 'cancelled' WHERE id = :a_cancel2;
SELECT is(pg_temp.task_status(:t_cancel), 'pending', 'all assignments cancelled: task back to pending');

INSERT INTO agentic.tasks (title) VALUES ('unassigned by delete') RETURNING id AS t_del \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_del, :ava) RETURNING id AS a_del \gset
DELETE FROM agentic.task_assignments WHERE id = :a_del;
SELECT is(pg_temp.task_status(:t_del), 'pending', 'deleting the only assignment puts the task back to pending');

-- A task with active assignments follows them: moves by hand are refused (1.3; 1.2 let
-- a person complete, cancel or block it under running work, which it then contradicted)
INSERT INTO agentic.tasks (title) VALUES ('blocked by hand') RETURNING id AS t_block \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_block, :ava) RETURNING id AS a_block \gset
SELECT is(pg_temp.error_of(format('UPDATE agentic.tasks SET status = ''blocked'' WHERE id = %s', :t_block)),
          '23514 tasks_follow_active_assignments', 'an assigned task cannot be blocked by hand');
UPDATE agentic.task_assignments SET status = 'in_progress' WHERE id = :a_block;
SELECT throws_ok(format('UPDATE agentic.tasks SET status = ''completed'' WHERE id = %s', :t_block), '23514',
                 'a task with active assignments follows them and cannot be moved from "in_progress" to "completed" by hand',
                 'a running task cannot be completed by hand');
SELECT is(pg_temp.error_of(format('UPDATE agentic.tasks SET status = ''cancelled'' WHERE id = %s', :t_block)),
          '23514 tasks_follow_active_assignments', 'nor cancelled');
UPDATE agentic.tasks SET title = 'renamed while running' WHERE id = :t_block;
SELECT is(pg_temp.task_status(:t_block), 'in_progress', 'other changes pass, and the task is still in progress');
UPDATE agentic.task_assignments SET status = 'failed' WHERE id = :a_block;
SELECT is(pg_temp.task_status(:t_block), 'failed', 'it follows its assignment to failed');
UPDATE agentic.tasks SET status = 'cancelled' WHERE id = :t_block;
SELECT is(pg_temp.task_status(:t_block), 'cancelled', 'without active work a person may end it');

----------------------------------------------------------------------------------------
-- Tasks that accept no work
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title, status) VALUES ('blocked', 'blocked') RETURNING id AS t_blocked \gset
INSERT INTO agentic.tasks (title, status) VALUES ('cancelled', 'cancelled') RETURNING id AS t_cancelled \gset
SELECT throws_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_blocked, :ava),
                 '23514', format('task %s is blocked and accepts no new assignments', :t_blocked),
                 'a blocked task rejects new assignments');
SELECT throws_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_cancelled, :ava),
                 '23514', format('task %s is cancelled and accepts no new assignments', :t_cancelled),
                 'a cancelled task rejects new assignments');
SELECT throws_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_single, :rex),
                 '23514', format('task %s is completed and accepts no new assignments', :t_single),
                 'a completed task rejects new assignments');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_blocked, :ava)),
          '23514 task_assignments_task_accepts_work', 'the rule is reported as constraint task_assignments_task_accepts_work');
SELECT is((SELECT count(*)::int FROM agentic.task_assignments WHERE task_id IN (:t_blocked, :t_cancelled)), 0,
          'the rejected assignments were not written');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.task_assignments (task_id, agent_id, status) VALUES (%s, %s, ''cancelled'')',
                                  :t_blocked, :ava)),
          '23514 task_assignments_task_accepts_work',
          'an ended (cancelled) assignment is not written into a blocked task either (1.3: it would never roll up)');

----------------------------------------------------------------------------------------
-- Only active agents work
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title) VALUES ('needs a worker') RETURNING id AS t_work \gset
SELECT throws_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_work, :newbie),
                 '23514', format('agent %s is onboarding and cannot work on assignments', :newbie),
                 'an onboarding agent cannot be assigned');
SELECT throws_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_work, :napper),
                 '23514', format('agent %s is suspended and cannot work on assignments', :napper),
                 'a suspended agent cannot be assigned');
SELECT throws_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_work, :gone),
                 '23514', format('agent %s is terminated and cannot work on assignments', :gone),
                 'a terminated agent cannot be assigned');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_work, :gone)),
          '23514 task_assignments_agent_active', 'the rule is reported as constraint task_assignments_agent_active');
SELECT is(pg_temp.task_status(:t_work), 'pending', 'the task is still pending after the rejected assignments');

-- An agent suspended after being assigned cannot start
INSERT INTO agentic.job_descriptions (title) VALUES ('Temp') RETURNING id AS job_temp \gset
INSERT INTO agentic.agents (name, job_description_id, status) VALUES ('temp', :job_temp, 'active') RETURNING id AS temp \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_work, :temp) RETURNING id AS a_temp \gset
UPDATE agentic.agents SET status = 'suspended' WHERE id = :temp;
SELECT throws_ok(format('UPDATE agentic.task_assignments SET status = ''in_progress'' WHERE id = %s', :a_temp),
                 '23514', format('agent %s is suspended and cannot work on assignments', :temp),
                 'a suspended agent cannot start an assignment');
SELECT lives_ok(format('UPDATE agentic.task_assignments SET status = ''cancelled'' WHERE id = %s', :a_temp),
                'the assignment of a suspended agent can be cancelled');

----------------------------------------------------------------------------------------
-- Task and agent of an assignment are immutable; one active assignment per (task, agent)
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title) VALUES ('fixed pair') RETURNING id AS t_fixed \gset
INSERT INTO agentic.tasks (title) VALUES ('other task') RETURNING id AS t_other \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_fixed, :ava) RETURNING id AS a_fixed \gset
SELECT throws_ok(format('UPDATE agentic.task_assignments SET task_id = %s WHERE id = %s', :t_other, :a_fixed),
                 '23514', 'the task and agent of an assignment cannot change', 'the task of an assignment is immutable');
SELECT throws_ok(format('UPDATE agentic.task_assignments SET agent_id = %s WHERE id = %s', :rex, :a_fixed),
                 '23514', 'the task and agent of an assignment cannot change', 'the agent of an assignment is immutable');
SELECT is(pg_temp.error_of(format('UPDATE agentic.task_assignments SET agent_id = %s WHERE id = %s', :rex, :a_fixed)),
          '23514 task_assignments_task_agent_immutable', 'reported as constraint task_assignments_task_agent_immutable');
SELECT is(pg_temp.task_status(:t_other), 'pending', 'the other task was not touched');

SELECT throws_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_fixed, :ava),
                 '23505', NULL, 'a second active assignment of the same agent to the same task is rejected');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.task_assignments (task_id, agent_id, status) VALUES (%s, %s, ''in_progress'')', :t_fixed, :ava)),
          '23505 task_assignments_one_active_per_agent_task', 'even when inserted in progress');
UPDATE agentic.task_assignments SET status = 'cancelled' WHERE id = :a_fixed;
SELECT lives_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, %s)', :t_fixed, :ava),
                'after the first is cancelled, the agent can be assigned to the task again');
SELECT is((SELECT count(*)::int FROM agentic.task_assignments WHERE task_id = :t_fixed AND agent_id = :ava), 2,
          'history keeps both assignments');

SELECT * FROM finish();
ROLLBACK;
