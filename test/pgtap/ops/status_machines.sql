-- Status machines: every legal transition succeeds, every illegal one fails
-- with 23514 naming both statuses; lifecycle stamps; updated_at; immutable ids.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

----------------------------------------------------------------------------------------
-- The legal transitions, as specified (src/core/status_machine.cpp)
----------------------------------------------------------------------------------------
CREATE TEMP TABLE legal (machine text, from_status text, to_status text);
INSERT INTO legal VALUES
  ('task', 'pending', 'assigned'), ('task', 'pending', 'in_progress'), ('task', 'pending', 'blocked'),
  ('task', 'pending', 'cancelled'), ('task', 'assigned', 'pending'), ('task', 'assigned', 'in_progress'),
  ('task', 'assigned', 'blocked'), ('task', 'assigned', 'completed'), ('task', 'assigned', 'failed'),
  ('task', 'assigned', 'cancelled'), ('task', 'in_progress', 'assigned'), ('task', 'in_progress', 'pending'),
  ('task', 'in_progress', 'completed'), ('task', 'in_progress', 'failed'), ('task', 'in_progress', 'blocked'),
  ('task', 'in_progress', 'cancelled'), ('task', 'blocked', 'pending'), ('task', 'blocked', 'assigned'),
  ('task', 'blocked', 'cancelled'), ('task', 'failed', 'pending'), ('task', 'failed', 'assigned'),
  ('task', 'failed', 'in_progress'), ('task', 'failed', 'cancelled'),
  ('assignment', 'assigned', 'in_progress'), ('assignment', 'assigned', 'failed'),
  ('assignment', 'assigned', 'cancelled'), ('assignment', 'in_progress', 'completed'),
  ('assignment', 'in_progress', 'failed'), ('assignment', 'in_progress', 'cancelled'),
  ('agent', 'onboarding', 'active'), ('agent', 'onboarding', 'terminated'), ('agent', 'active', 'suspended'),
  ('agent', 'active', 'terminated'), ('agent', 'suspended', 'active'), ('agent', 'suspended', 'terminated'),
  ('application', 'submitted', 'screening'), ('application', 'submitted', 'rejected'),
  ('application', 'submitted', 'withdrawn'), ('application', 'screening', 'interviewing'),
  ('application', 'screening', 'offered'), ('application', 'screening', 'rejected'),
  ('application', 'screening', 'withdrawn'), ('application', 'interviewing', 'offered'),
  ('application', 'interviewing', 'rejected'), ('application', 'interviewing', 'withdrawn'),
  ('application', 'offered', 'hired'), ('application', 'offered', 'rejected'),
  ('application', 'offered', 'withdrawn'),
  ('job', 'draft', 'open'), ('job', 'draft', 'closed'), ('job', 'open', 'on_hold'), ('job', 'open', 'filled'),
  ('job', 'open', 'closed'), ('job', 'on_hold', 'open'), ('job', 'on_hold', 'closed'), ('job', 'filled', 'open'),
  ('job', 'filled', 'closed'),
  ('user', 'active', 'locked'), ('user', 'active', 'disabled'), ('user', 'locked', 'active'),
  ('user', 'locked', 'disabled'), ('user', 'disabled', 'active'),
  ('conversation', 'active', 'archived'), ('conversation', 'archived', 'active'),
  ('message', 'pending', 'streaming'), ('message', 'pending', 'completed'), ('message', 'pending', 'failed'),
  ('message', 'pending', 'cancelled'), ('message', 'streaming', 'completed'), ('message', 'streaming', 'failed'),
  ('message', 'streaming', 'cancelled');

CREATE TEMP TABLE machines (machine text, tbl text, enum_type text);
INSERT INTO machines VALUES
  ('task', 'tasks', 'task_status'), ('assignment', 'task_assignments', 'assignment_status'),
  ('agent', 'agents', 'agent_status'), ('application', 'job_applications', 'application_status'),
  ('job', 'job_descriptions', 'job_status'), ('user', 'users', 'user_status'),
  ('conversation', 'conversations', 'conversation_status'), ('message', 'messages', 'message_status');

CREATE SEQUENCE pg_temp.sm_users;

-- A fresh row of `machine` in status `status`, with whatever it needs.
CREATE FUNCTION pg_temp.mk(machine text, status text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  job bigint; res bigint; ag bigint; tk bigint; out_id bigint;
BEGIN
  CASE machine
  WHEN 'task' THEN
    INSERT INTO agentic.tasks (title, status) VALUES ('sm task', status::agentic.task_status)
      RETURNING id INTO out_id;
  WHEN 'job' THEN
    INSERT INTO agentic.job_descriptions (title, status) VALUES ('sm job', status::agentic.job_status)
      RETURNING id INTO out_id;
  WHEN 'application' THEN
    INSERT INTO agentic.job_descriptions (title, status) VALUES ('sm job', 'open') RETURNING id INTO job;
    INSERT INTO agentic.resumes (candidate_name) VALUES ('sm candidate') RETURNING id INTO res;
    INSERT INTO agentic.job_applications (job_description_id, resume_id, status)
      VALUES (job, res, status::agentic.application_status) RETURNING id INTO out_id;
  WHEN 'agent' THEN
    INSERT INTO agentic.job_descriptions (title) VALUES ('sm job') RETURNING id INTO job;
    INSERT INTO agentic.agents (name, job_description_id, status)
      VALUES ('sm agent', job, status::agentic.agent_status) RETURNING id INTO out_id;
  WHEN 'user' THEN
    INSERT INTO agentic.users (username, email, status)
      VALUES ('sm' || nextval('pg_temp.sm_users'), 'sm' || currval('pg_temp.sm_users') || '@example.com',
              status::agentic.user_status) RETURNING id INTO out_id;
  WHEN 'conversation' THEN
    INSERT INTO agentic.users (username, email)
      VALUES ('smc' || nextval('pg_temp.sm_users'), 'smc' || currval('pg_temp.sm_users') || '@example.com')
      RETURNING id INTO job;
    INSERT INTO agentic.conversations (user_id, status) VALUES (job, status::agentic.conversation_status)
      RETURNING id INTO out_id;
  WHEN 'message' THEN
    INSERT INTO agentic.users (username, email)
      VALUES ('smm' || nextval('pg_temp.sm_users'), 'smm' || currval('pg_temp.sm_users') || '@example.com')
      RETURNING id INTO job;
    INSERT INTO agentic.conversations (user_id) VALUES (job) RETURNING id INTO tk;
    INSERT INTO agentic.messages (conversation_id, role, status)
      VALUES (tk, 'assistant', status::agentic.message_status) RETURNING id INTO out_id;
  WHEN 'assignment' THEN
    INSERT INTO agentic.job_descriptions (title) VALUES ('sm job') RETURNING id INTO job;
    INSERT INTO agentic.agents (name, job_description_id, status)
      VALUES ('sm worker', job, 'active') RETURNING id INTO ag;
    INSERT INTO agentic.tasks (title) VALUES ('sm assigned task') RETURNING id INTO tk;
    INSERT INTO agentic.task_assignments (task_id, agent_id, status)
      VALUES (tk, ag, status::agentic.assignment_status) RETURNING id INTO out_id;
  END CASE;
  RETURN out_id;
END $$;

-- Moves a fresh row from `from_status` to `to_status`; returns the status the
-- row ends up with, or the error.
CREATE FUNCTION pg_temp.try_move(machine text, from_status text, to_status text)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  tbl text := (SELECT m.tbl FROM machines m WHERE m.machine = try_move.machine);
  row_id bigint;
  result text;
BEGIN
  row_id := pg_temp.mk(machine, from_status);
  EXECUTE format('UPDATE agentic.%I SET status = %L WHERE id = $1', tbl, to_status) USING row_id;
  EXECUTE format('SELECT status::text FROM agentic.%I WHERE id = $1', tbl) INTO result USING row_id;
  RETURN result;
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

SELECT set_eq('SELECT machine, from_status, to_status FROM agentic.status_transitions()',
              'SELECT machine, from_status, to_status FROM legal',
              'status_transitions() lists exactly the specified legal transitions');

-- Every legal transition succeeds (57)
SELECT is(pg_temp.try_move(machine, from_status, to_status), to_status,
          format('%s: %s -> %s is legal', machine, from_status, to_status))
  FROM legal ORDER BY machine, from_status, to_status;

-- Every illegal transition fails with 23514 and names both statuses (79)
SELECT throws_ok(
         format('UPDATE agentic.%I SET status = %L WHERE id = %s', m.tbl, t.label,
                pg_temp.mk(m.machine, f.label)),
         '23514',
         format('illegal %s status transition from "%s" to "%s"', m.machine, f.label, t.label),
         format('%s: %s -> %s is illegal', m.machine, f.label, t.label))
  FROM machines m
 CROSS JOIN LATERAL (SELECT e.enumlabel::text AS label, e.enumsortorder FROM pg_enum e
                      WHERE e.enumtypid = format('agentic.%I', m.enum_type)::regtype) f
 CROSS JOIN LATERAL (SELECT e.enumlabel::text AS label, e.enumsortorder FROM pg_enum e
                      WHERE e.enumtypid = format('agentic.%I', m.enum_type)::regtype) t
 WHERE f.label <> t.label
   AND NOT EXISTS (SELECT 1 FROM legal l
                    WHERE l.machine = m.machine AND l.from_status = f.label AND l.to_status = t.label)
 ORDER BY m.machine, f.enumsortorder, t.enumsortorder;

-- The rejection carries the constraint name <table>_status_transition
\ir ../../fixtures/error_of.sql
SELECT is(pg_temp.error_of(format('UPDATE agentic.tasks SET status = ''pending'' WHERE id = %s',
                                  pg_temp.mk('task', 'completed'))),
          '23514 tasks_status_transition', 'an illegal task move names constraint tasks_status_transition');
SELECT is(pg_temp.error_of(format('UPDATE agentic.agents SET status = ''onboarding'' WHERE id = %s',
                                  pg_temp.mk('agent', 'terminated'))),
          '23514 agents_status_transition', 'an illegal agent move names constraint agents_status_transition');

-- Staying in a status is not a transition: a final row can still be edited
SELECT lives_ok(format('UPDATE agentic.tasks SET status = ''completed'', title = ''edited'' WHERE id = %s',
                       pg_temp.mk('task', 'completed')),
                'a completed task can be edited without changing its status');
SELECT lives_ok(format('UPDATE agentic.job_applications SET reviewer_notes = ''late note'' WHERE id = %s',
                       pg_temp.mk('application', 'rejected')),
                'a rejected application can be annotated');

----------------------------------------------------------------------------------------
-- Lifecycle stamps
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (title) VALUES ('stamp task') RETURNING id AS stamp_task \gset
UPDATE agentic.tasks SET status = 'in_progress' WHERE id = :stamp_task;
SELECT ok((SELECT started_at >= now() AND started_at <= statement_timestamp() AND completed_at IS NULL
             FROM agentic.tasks WHERE id = :stamp_task),
          'task -> in_progress stamps started_at with the statement time');
CREATE TEMP TABLE saved AS SELECT started_at FROM agentic.tasks WHERE id = :stamp_task;
UPDATE agentic.tasks SET status = 'completed' WHERE id = :stamp_task;
SELECT ok((SELECT completed_at >= now() AND completed_at <= statement_timestamp()
             FROM agentic.tasks WHERE id = :stamp_task),
          'task -> completed stamps completed_at with the statement time');
SELECT is((SELECT started_at FROM agentic.tasks WHERE id = :stamp_task), (SELECT started_at FROM saved),
          'completing a task keeps its started_at');

INSERT INTO agentic.tasks (title) VALUES ('supplied stamp task') RETURNING id AS supplied_task \gset
UPDATE agentic.tasks SET status = 'in_progress', started_at = '2020-03-01 10:00+00' WHERE id = :supplied_task;
SELECT is((SELECT started_at FROM agentic.tasks WHERE id = :supplied_task), '2020-03-01 10:00+00'::timestamptz,
          'a started_at supplied by the statement wins over the stamp');
UPDATE agentic.tasks SET status = 'failed', completed_at = '2020-03-02 10:00+00' WHERE id = :supplied_task;
SELECT is((SELECT completed_at FROM agentic.tasks WHERE id = :supplied_task), '2020-03-02 10:00+00'::timestamptz,
          'a completed_at supplied by the statement wins over the stamp');
UPDATE agentic.tasks SET status = 'in_progress' WHERE id = :supplied_task;
SELECT is((SELECT started_at FROM agentic.tasks WHERE id = :supplied_task), '2020-03-01 10:00+00'::timestamptz,
          're-entering in_progress keeps the first started_at');
UPDATE agentic.tasks SET status = 'cancelled' WHERE id = :supplied_task;
SELECT ok((SELECT completed_at >= now() AND completed_at <= statement_timestamp()
             FROM agentic.tasks WHERE id = :supplied_task),
          'a new end (cancelled) replaces the completed_at of an earlier end');

-- Agents
INSERT INTO agentic.job_descriptions (title) VALUES ('stamp job') RETURNING id AS stamp_job \gset
INSERT INTO agentic.agents (name, job_description_id) VALUES ('stamp agent', :stamp_job)
  RETURNING id AS stamp_agent \gset
SELECT is((SELECT hired_at FROM agentic.agents WHERE id = :stamp_agent), NULL,
          'an onboarding agent has no hired_at');
UPDATE agentic.agents SET status = 'active' WHERE id = :stamp_agent;
SELECT ok((SELECT hired_at >= now() AND hired_at <= statement_timestamp() AND terminated_at IS NULL
             FROM agentic.agents WHERE id = :stamp_agent),
          'agent -> active stamps hired_at');
UPDATE agentic.agents SET hired_at = '2020-01-01 00:00+00' WHERE id = :stamp_agent;
UPDATE agentic.agents SET status = 'suspended' WHERE id = :stamp_agent;
UPDATE agentic.agents SET status = 'active' WHERE id = :stamp_agent;
SELECT is((SELECT hired_at FROM agentic.agents WHERE id = :stamp_agent), '2020-01-01 00:00+00'::timestamptz,
          'reactivating a suspended agent keeps its first hired_at');
UPDATE agentic.agents SET status = 'terminated', termination_reason = 'test' WHERE id = :stamp_agent;
SELECT ok((SELECT terminated_at >= now() AND terminated_at <= statement_timestamp()
             FROM agentic.agents WHERE id = :stamp_agent),
          'agent -> terminated stamps terminated_at');

INSERT INTO agentic.job_descriptions (title) VALUES ('stamp job 2') RETURNING id AS stamp_job2 \gset
INSERT INTO agentic.agents (name, job_description_id, status) VALUES ('born active', :stamp_job2, 'active')
  RETURNING id AS born_active \gset
SELECT ok((SELECT hired_at >= now() AND hired_at <= statement_timestamp()
             FROM agentic.agents WHERE id = :born_active),
          'an agent inserted as active is stamped hired_at');
UPDATE agentic.agents SET status = 'terminated', terminated_at = '2099-01-01 00:00+00' WHERE id = :born_active;
SELECT is((SELECT terminated_at FROM agentic.agents WHERE id = :born_active), '2099-01-01 00:00+00'::timestamptz,
          'a terminated_at supplied by the statement wins');
INSERT INTO agentic.job_descriptions (title) VALUES ('stamp job 3') RETURNING id AS stamp_job3 \gset
INSERT INTO agentic.agents (name, job_description_id, status, hired_at)
VALUES ('hired long ago', :stamp_job3, 'active', '2019-05-05 05:05+00') RETURNING id AS hired_ago \gset
SELECT is((SELECT hired_at FROM agentic.agents WHERE id = :hired_ago), '2019-05-05 05:05+00'::timestamptz,
          'a hired_at supplied on INSERT wins');

-- Applications
SELECT pg_temp.mk('application', 'offered') AS app_hired \gset
SELECT pg_temp.mk('application', 'interviewing') AS app_rejected \gset
SELECT pg_temp.mk('application', 'submitted') AS app_withdrawn \gset
SELECT pg_temp.mk('application', 'offered') AS app_supplied \gset
UPDATE agentic.job_applications SET status = 'hired' WHERE id = :app_hired;
UPDATE agentic.job_applications SET status = 'rejected' WHERE id = :app_rejected;
UPDATE agentic.job_applications SET status = 'withdrawn' WHERE id = :app_withdrawn;
UPDATE agentic.job_applications SET status = 'hired', decided_at = '2099-02-02 00:00+00' WHERE id = :app_supplied;
SELECT ok((SELECT decided_at >= now() AND decided_at <= statement_timestamp()
             FROM agentic.job_applications WHERE id = :app_hired),
          'application -> hired stamps decided_at');
SELECT ok((SELECT decided_at >= now() AND decided_at <= statement_timestamp()
             FROM agentic.job_applications WHERE id = :app_rejected),
          'application -> rejected stamps decided_at');
SELECT ok((SELECT decided_at >= now() AND decided_at <= statement_timestamp()
             FROM agentic.job_applications WHERE id = :app_withdrawn),
          'application -> withdrawn stamps decided_at');
SELECT is((SELECT decided_at FROM agentic.job_applications WHERE id = :app_supplied),
          '2099-02-02 00:00+00'::timestamptz, 'a decided_at supplied by the statement wins');
SELECT pg_temp.mk('application', 'submitted') AS app_screen \gset
UPDATE agentic.job_applications SET status = 'screening' WHERE id = :app_screen;
SELECT is((SELECT decided_at FROM agentic.job_applications WHERE id = :app_screen), NULL,
          'screening is not a decision: decided_at stays NULL');

-- Stamped on INSERT too (1.3): a row inserted in a stamped status is stamped as if it had
-- entered that status; a value the statement gives wins. Only the entered status stamps: a
-- task inserted completed never was in_progress, so started_at stays NULL (as after
-- assigned -> completed), and tasks_completed_after_started holds.
INSERT INTO agentic.tasks (title, status) VALUES ('born completed', 'completed') RETURNING id AS born_completed \gset
SELECT ok((SELECT completed_at >= now() AND completed_at <= statement_timestamp() AND started_at IS NULL
             FROM agentic.tasks WHERE id = :born_completed),
          'a task inserted as completed is stamped completed_at; started_at stays NULL');
INSERT INTO agentic.tasks (title, status) VALUES ('born running', 'in_progress') RETURNING id AS born_running \gset
SELECT ok((SELECT started_at >= now() AND started_at <= statement_timestamp() AND completed_at IS NULL
             FROM agentic.tasks WHERE id = :born_running),
          'a task inserted as in_progress is stamped started_at');
INSERT INTO agentic.tasks (title, status, started_at) VALUES ('born failed', 'failed', '2020-04-01 10:00+00')
  RETURNING id AS born_failed \gset
SELECT ok((SELECT started_at = '2020-04-01 10:00+00' AND completed_at >= now() AND completed_at <= statement_timestamp()
             FROM agentic.tasks WHERE id = :born_failed),
          'a task inserted as failed with a started_at keeps it and is stamped completed_at');
INSERT INTO agentic.tasks (title, status, started_at, completed_at)
VALUES ('born cancelled', 'cancelled', '2020-04-01 10:00+00', '2020-04-02 10:00+00') RETURNING id AS born_cancelled \gset
SELECT is((SELECT completed_at FROM agentic.tasks WHERE id = :born_cancelled), '2020-04-02 10:00+00'::timestamptz,
          'a completed_at supplied on INSERT wins');
SELECT is((SELECT started_at FROM agentic.tasks WHERE id = :born_cancelled), '2020-04-01 10:00+00'::timestamptz,
          'a started_at supplied on INSERT is kept');
SELECT throws_ok($$INSERT INTO agentic.tasks (title, status, started_at) VALUES ('ends before start', 'completed', '2999-01-01')$$,
                 '23514', NULL, 'a task inserted completed with a later started_at fails tasks_completed_after_started');
INSERT INTO agentic.tasks (title, status) VALUES ('born pending', 'pending') RETURNING id AS born_pending \gset
SELECT ok((SELECT started_at IS NULL AND completed_at IS NULL FROM agentic.tasks WHERE id = :born_pending),
          'a task inserted as pending is not stamped');
SELECT pg_temp.mk('application', 'hired') AS born_hired \gset
SELECT ok((SELECT decided_at >= now() AND decided_at <= statement_timestamp()
             FROM agentic.job_applications WHERE id = :born_hired),
          'an application inserted as hired is stamped decided_at');
SELECT pg_temp.mk('application', 'offered') AS born_offered \gset
SELECT is((SELECT decided_at FROM agentic.job_applications WHERE id = :born_offered), NULL,
          'an application inserted as offered is not stamped');
INSERT INTO agentic.job_descriptions (title, status) VALUES ('stamp job 4', 'open') RETURNING id AS stamp_job4 \gset
INSERT INTO agentic.resumes (candidate_name) VALUES ('born rejected') RETURNING id AS born_rejected_resume \gset
INSERT INTO agentic.job_applications (job_description_id, resume_id, status, applied_at, decided_at)
VALUES (:stamp_job4, :born_rejected_resume, 'rejected', '2020-05-01 00:00+00', '2020-05-02 00:00+00')
  RETURNING id AS born_rejected \gset
SELECT is((SELECT decided_at FROM agentic.job_applications WHERE id = :born_rejected),
          '2020-05-02 00:00+00'::timestamptz, 'a decided_at supplied on INSERT wins');

-- Re-opened by hand (1.3): entering a status other than completed, failed or cancelled
-- clears completed_at (the roll-up keeps the same rule); started_at is kept.
INSERT INTO agentic.tasks (title, status, started_at) VALUES ('reopened', 'in_progress', '2020-06-01 10:00+00')
  RETURNING id AS reopened \gset
UPDATE agentic.tasks SET status = 'failed' WHERE id = :reopened;
UPDATE agentic.tasks SET status = 'pending' WHERE id = :reopened;
SELECT ok((SELECT completed_at IS NULL AND started_at = '2020-06-01 10:00+00' FROM agentic.tasks WHERE id = :reopened),
          'failed -> pending clears completed_at and keeps started_at');
UPDATE agentic.tasks SET status = 'cancelled' WHERE id = :reopened;
SELECT ok((SELECT completed_at IS NOT NULL FROM agentic.tasks WHERE id = :reopened),
          'pending -> cancelled stamps completed_at again');
INSERT INTO agentic.tasks (title, status) VALUES ('retried', 'failed') RETURNING id AS retried \gset
UPDATE agentic.tasks SET status = 'in_progress' WHERE id = :retried;
SELECT ok((SELECT completed_at IS NULL AND started_at >= now() FROM agentic.tasks WHERE id = :retried),
          'failed -> in_progress clears completed_at and stamps started_at');
UPDATE agentic.tasks SET status = 'failed' WHERE id = :retried;
UPDATE agentic.tasks SET status = 'assigned' WHERE id = :retried;
SELECT is((SELECT completed_at FROM agentic.tasks WHERE id = :retried), NULL,
          'failed -> assigned clears completed_at');
UPDATE agentic.tasks SET status = 'failed' WHERE id = :retried;
SELECT throws_ok(format($$UPDATE agentic.tasks SET status = 'pending', completed_at = '2999-06-02 10:00+00'
                          WHERE id = %s$$, :retried),
                 '23514', 'completed_at must be NULL while the task is "pending"',
                 'a completed_at supplied by a re-opening statement is refused, not stored nor dropped (1.3)');
SELECT is(pg_temp.error_of($$INSERT INTO agentic.tasks (title, status, completed_at)
                             VALUES ('blocked with end', 'blocked', '2020-06-03 10:00+00')$$),
          '23514 tasks_status_transition', 'a completed_at supplied on INSERT of an open task is refused (1.3)');
INSERT INTO agentic.tasks (title) VALUES ('open, later given an end') RETURNING id AS open_end \gset
SELECT is(pg_temp.error_of(format('UPDATE agentic.tasks SET completed_at = now() WHERE id = %s', :open_end)),
          '23514 tasks_status_transition', 'an update that gives an open task completed_at is refused (1.3)');
UPDATE agentic.tasks SET title = 'open, renamed' WHERE id = :open_end;
SELECT is((SELECT title FROM agentic.tasks WHERE id = :open_end), 'open, renamed',
          'an update that leaves completed_at alone passes');
SELECT throws_ok(format($$INSERT INTO agentic.job_applications (job_description_id, resume_id, status, decided_at)
                          VALUES (%s, %s, 'screening', now())$$, :stamp_job4, :born_rejected_resume),
                 '23514', 'decided_at must be NULL while the application is "screening"',
                 'an undecided application given decided_at is refused (1.3)');
SELECT is(pg_temp.error_of(format('UPDATE agentic.job_applications SET decided_at = now() WHERE id = %s',
                                  :born_offered)),
          '23514 job_applications_status_transition', 'an offered application given decided_at is refused (1.3)');

-- An assignment's completed_at and an agent's terminated_at exist only in the statuses
-- that set them (1.3): an open assignment given an end would drop out of utilization
SELECT pg_temp.mk('assignment', 'in_progress') AS open_asg \gset
SELECT is(pg_temp.error_of(format('UPDATE agentic.task_assignments SET completed_at = now() WHERE id = %s', :open_asg)),
          '23514 task_assignments_status_transition', 'an in-progress assignment given completed_at is refused');
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.task_assignments (task_id, agent_id, status, completed_at)
                                    SELECT task_id, agent_id, 'assigned', now() FROM agentic.task_assignments
                                     WHERE id = %s$$, :open_asg)),
          '23514 task_assignments_status_transition', 'an assignment inserted assigned with completed_at is refused');
SELECT pg_temp.mk('agent', 'active') AS live_agent \gset
SELECT throws_ok(format('UPDATE agentic.agents SET terminated_at = now() WHERE id = %s', :live_agent),
                 '23514', 'terminated_at must be NULL while the agent is "active"',
                 'an active agent given terminated_at is refused');

-- A stamp no status leads from is never set there (1.3): an assigned assignment has not
-- started (utilization would count it busy), an onboarding agent was not hired
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.task_assignments (task_id, agent_id, started_at)
                                    SELECT task_id, agent_id, now() FROM agentic.task_assignments
                                     WHERE id = %s$$, :open_asg)),
          '23514 task_assignments_status_transition', 'an assignment inserted assigned with started_at is refused');
SELECT pg_temp.mk('agent', 'onboarding') AS new_agent \gset
SELECT throws_ok(format('UPDATE agentic.agents SET hired_at = now() WHERE id = %s', :new_agent),
                 '23514', 'hired_at must be NULL while the agent is "onboarding"',
                 'an onboarding agent given hired_at is refused');

-- A row that stays in a stamped status keeps its stamp (1.3)
SELECT pg_temp.mk('task', 'completed') AS done_task \gset
SELECT throws_ok(format('UPDATE agentic.tasks SET completed_at = NULL WHERE id = %s', :done_task),
                 '23514', 'completed_at cannot be cleared while the task is "completed"',
                 'a completed task keeps its completed_at');
SELECT is(pg_temp.error_of(format('UPDATE agentic.agents SET hired_at = NULL WHERE id = %s', :live_agent)),
          '23514 agents_status_transition', 'an active agent keeps its hired_at');

-- Assignments
SELECT pg_temp.mk('assignment', 'assigned') AS stamp_asg \gset
SELECT is((SELECT started_at FROM agentic.task_assignments WHERE id = :stamp_asg), NULL,
          'a new assignment has no started_at');
UPDATE agentic.task_assignments SET status = 'in_progress' WHERE id = :stamp_asg;
SELECT ok((SELECT started_at >= now() AND started_at <= statement_timestamp()
             FROM agentic.task_assignments WHERE id = :stamp_asg),
          'assignment -> in_progress stamps started_at');
UPDATE agentic.task_assignments SET status = 'completed' WHERE id = :stamp_asg;
SELECT ok((SELECT completed_at >= started_at AND completed_at <= statement_timestamp()
             FROM agentic.task_assignments WHERE id = :stamp_asg),
          'assignment -> completed stamps completed_at');

----------------------------------------------------------------------------------------
-- updated_at is maintained by the trigger: always now() after an UPDATE
----------------------------------------------------------------------------------------
INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok,
       price_effective_from, created_at, updated_at)
VALUES ('pgtap', 'sm-model', 1, 2, '2020-01-01', '2000-01-01', '2000-01-01') RETURNING id AS upd_model \gset
INSERT INTO agentic.job_descriptions (title, created_at, updated_at)
VALUES ('old job', '2000-01-01', '2000-01-01') RETURNING id AS upd_job \gset
INSERT INTO agentic.resumes (candidate_name, created_at, updated_at)
VALUES ('old resume', '2000-01-01', '2000-01-01') RETURNING id AS upd_resume \gset
INSERT INTO agentic.job_applications (job_description_id, resume_id, created_at, updated_at)
VALUES (:upd_job, :upd_resume, '2000-01-01', '2000-01-01') RETURNING id AS upd_app \gset
INSERT INTO agentic.agents (name, job_description_id, created_at, updated_at)
VALUES ('old agent', :upd_job, '2000-01-01', '2000-01-01') RETURNING id AS upd_agent \gset
INSERT INTO agentic.tasks (title, created_at, updated_at)
VALUES ('old task', '2000-01-01', '2000-01-01') RETURNING id AS upd_task \gset
INSERT INTO agentic.task_prompts (name, template, created_at, updated_at)
VALUES ('sm-prompt', 'Hello {{x}}', '2000-01-01', '2000-01-01') RETURNING id AS upd_tprompt \gset
INSERT INTO agentic.resume_prompts (name, template, created_at, updated_at)
VALUES ('sm-prompt', 'Hello {{x}}', '2000-01-01', '2000-01-01') RETURNING id AS upd_rprompt \gset
SELECT pg_temp.mk('assignment', 'assigned') AS upd_asg \gset
UPDATE agentic.task_assignments SET updated_at = '2000-01-01' WHERE id = :upd_asg;

SELECT is((SELECT updated_at FROM agentic.job_descriptions WHERE id = :upd_job), '2000-01-01'::timestamptz,
          'an INSERT keeps the given updated_at (the trigger is BEFORE UPDATE)');

-- One row of every table a BEFORE UPDATE row trigger guards; the generic rules
-- (updated_at, immutable ids) are tested on each. A new such table needs a row here:
-- the coverage checks below name it.
INSERT INTO agentic.tasks (title) VALUES ('dep a') RETURNING id AS dep_a \gset
INSERT INTO agentic.tasks (title) VALUES ('dep b') RETURNING id AS dep_b \gset
INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (:dep_a, :dep_b)
  RETURNING id AS dep_id \gset
INSERT INTO agentic.execution_costs (task_id, cost) VALUES (:dep_a, 0.5) RETURNING id AS cost_id \gset
INSERT INTO agentic.users (username, email) VALUES ('old_user', 'old@example.com') RETURNING id AS upd_user \gset
SET LOCAL agentic.password_work_factor = 4;
SELECT agentic.set_password(:upd_user, 'old password');
SELECT id AS upd_cred FROM agentic.user_credentials WHERE user_id = :upd_user \gset
SELECT agentic.start_session(:upd_user) IS NOT NULL AS started;
SELECT id AS upd_session FROM agentic.user_sessions WHERE user_id = :upd_user \gset
SELECT agentic.create_api_key(:upd_user, 'old key') IS NOT NULL AS created;
SELECT id AS upd_key FROM agentic.user_api_keys WHERE user_id = :upd_user \gset
INSERT INTO agentic.user_agents (user_id, agent_id) VALUES (:upd_user, :upd_agent) RETURNING id AS upd_user_agent \gset
INSERT INTO agentic.workflows (name) VALUES ('old flow') RETURNING id AS upd_flow \gset
INSERT INTO agentic.user_workflows (user_id, workflow_id) VALUES (:upd_user, :upd_flow) RETURNING id AS upd_user_flow \gset
INSERT INTO agentic.tools (name) VALUES ('old_tool') RETURNING id AS upd_tool \gset
INSERT INTO agentic.conversations (user_id) VALUES (:upd_user) RETURNING id AS upd_conv \gset
INSERT INTO agentic.messages (conversation_id, role) VALUES (:upd_conv, 'user') RETURNING id AS upd_msg \gset
CREATE TEMP TABLE id_rows (tbl text, id bigint);
INSERT INTO id_rows VALUES ('model_catalog', :upd_model),
  ('job_descriptions', :upd_job), ('resumes', :upd_resume), ('job_applications', :upd_app),
  ('agents', :upd_agent), ('tasks', :upd_task), ('task_dependencies', :dep_id),
  ('task_assignments', :upd_asg), ('execution_costs', :cost_id),
  ('task_prompts', :upd_tprompt), ('resume_prompts', :upd_rprompt),
  ('users', :upd_user), ('user_credentials', :upd_cred), ('user_sessions', :upd_session),
  ('user_api_keys', :upd_key), ('user_agents', :upd_user_agent), ('workflows', :upd_flow),
  ('user_workflows', :upd_user_flow), ('tools', :upd_tool), ('conversations', :upd_conv),
  ('messages', :upd_msg);

CREATE FUNCTION pg_temp.updated_at_after_update(tbl text, row_id bigint) RETURNS timestamptz
LANGUAGE plpgsql AS $$
DECLARE stamp timestamptz;
BEGIN
  EXECUTE format('UPDATE agentic.%I SET updated_at = ''1999-09-09'' WHERE id = $1 RETURNING updated_at', tbl)
    INTO stamp USING row_id;
  RETURN stamp;
END $$;
CREATE TEMP VIEW updated_at_table AS
SELECT c.relname::text AS tbl
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind = 'r'
   AND a.attname = 'updated_at' AND NOT a.attisdropped;
SELECT is(pg_temp.updated_at_after_update(tbl, id), now(),
          format('%s.updated_at becomes now() on UPDATE, whatever the statement sets', tbl))
  FROM id_rows WHERE tbl IN (SELECT tbl FROM updated_at_table) ORDER BY tbl;
SELECT set_eq('SELECT tbl FROM id_rows WHERE tbl IN (SELECT tbl FROM updated_at_table)',
              'SELECT tbl FROM updated_at_table',
              'the updated_at checks above cover every table with an updated_at column');
UPDATE agentic.tasks SET description = 'changed' WHERE id = :upd_task;
SELECT is((SELECT updated_at FROM agentic.tasks WHERE id = :upd_task), now(),
          'an UPDATE of another column advances updated_at');
SELECT is((SELECT created_at FROM agentic.tasks WHERE id = :upd_task), '2000-01-01'::timestamptz,
          'created_at is left alone by UPDATE');

----------------------------------------------------------------------------------------
-- ids are immutable
----------------------------------------------------------------------------------------
UPDATE agentic.model_catalog SET input_price_per_mtok = 3, price_effective_from = '2021-01-01' WHERE id = :upd_model;
INSERT INTO id_rows SELECT 'model_price_history', id FROM agentic.model_price_history WHERE model_id = :upd_model;
-- rows only the extension's triggers write: the audit trail of the above, the cost rollup
INSERT INTO id_rows SELECT 'audit_logs', max(id) FROM agentic.audit_logs;
INSERT INTO id_rows SELECT 'daily_cost_rollup', max(id) FROM agentic.daily_cost_rollup;
-- the rows above cover every table whose ids a BEFORE UPDATE row trigger guards
-- (ops/schema_invariants.sql requires that trigger on every table with an id)
SELECT set_eq('SELECT tbl FROM id_rows',
              $$SELECT DISTINCT c.relname::text FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
                 WHERE c.relnamespace = 'agentic'::regnamespace AND NOT g.tgisinternal
                   AND g.tgtype & 1 <> 0 AND g.tgtype & 2 <> 0 AND g.tgtype & 16 <> 0$$,
              'immutable ids are tested on every table with a BEFORE UPDATE row trigger');
SELECT throws_ok(format('UPDATE agentic.%I SET id = id + 1000000 WHERE id = %s', tbl, id), '23514',
                 format('the id of a %s row cannot change', tbl), format('%s.id is immutable', tbl))
  FROM id_rows ORDER BY tbl;
SELECT is(pg_temp.error_of(format('UPDATE agentic.tasks SET id = -id WHERE id = %s', :upd_task)),
          '23514 tasks_id_immutable', 'the id rule is reported as constraint tasks_id_immutable');

SELECT * FROM finish();
ROLLBACK;
