-- Agent business rules: no termination with active assignments; one active agent
-- per job description. (How tasks follow their assignments: tasks/assignments.sql.)
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

\ir ../../fixtures/error_of.sql

----------------------------------------------------------------------------------------
-- Fixtures: two jobs with an active agent each, plus agents in the other statuses
-- (as in tasks/assignments.sql)
----------------------------------------------------------------------------------------
\ir ../../fixtures/agents_in_every_status.sql

----------------------------------------------------------------------------------------
-- No termination with active assignments
----------------------------------------------------------------------------------------
INSERT INTO agentic.job_descriptions (title) VALUES ('Busy job') RETURNING id AS job_busy \gset
INSERT INTO agentic.agents (name, job_description_id, status) VALUES ('busy', :job_busy, 'active') RETURNING id AS busy \gset
INSERT INTO agentic.tasks (title) VALUES ('busy work') RETURNING id AS t_busy \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:t_busy, :busy) RETURNING id AS a_busy \gset
SELECT throws_ok(format('UPDATE agentic.agents SET status = ''terminated'' WHERE id = %s', :busy),
                 '23514', format('agent %s cannot be terminated while it has active assignments', :busy),
                 'an agent with an assigned assignment cannot be terminated');
UPDATE agentic.task_assignments SET status = 'in_progress' WHERE id = :a_busy;
SELECT throws_like(format('UPDATE agentic.agents SET status = ''terminated'' WHERE id = %s', :busy),
                   '%cannot be terminated while it has active assignments',
                   'an agent with an in-progress assignment cannot be terminated');
SELECT is(pg_temp.error_of(format('UPDATE agentic.agents SET status = ''terminated'' WHERE id = %s', :busy)),
          '23514 agents_no_termination_with_active_assignments',
          'reported as constraint agents_no_termination_with_active_assignments');
UPDATE agentic.agents SET status = 'suspended' WHERE id = :busy;
SELECT throws_ok(format('UPDATE agentic.agents SET status = ''terminated'' WHERE id = %s', :busy),
                 '23514', format('agent %s cannot be terminated while it has active assignments', :busy),
                 'a suspended agent with an active assignment cannot be terminated either');
UPDATE agentic.task_assignments SET status = 'completed' WHERE id = :a_busy;
SELECT lives_ok(format('UPDATE agentic.agents SET status = ''terminated'' WHERE id = %s', :busy),
                'once the assignment completed, the agent can be terminated');
SELECT is((SELECT status::text FROM agentic.agents WHERE id = :busy), 'terminated', 'the agent is terminated');

----------------------------------------------------------------------------------------
-- One active agent per job description
----------------------------------------------------------------------------------------
SELECT throws_ok(format('INSERT INTO agentic.agents (name, job_description_id, status) VALUES (''ava2'', %s, ''active'')', :job1),
                 '23505', format('job description %s already has an active agent', :job1),
                 'a second active agent for a job is rejected on INSERT');
INSERT INTO agentic.agents (name, job_description_id) VALUES ('understudy', :job1) RETURNING id AS understudy \gset
SELECT throws_ok(format('UPDATE agentic.agents SET status = ''active'' WHERE id = %s', :understudy),
                 '23505', format('job description %s already has an active agent', :job1),
                 'a second agent for a job cannot become active by UPDATE');
SELECT is(pg_temp.error_of(format('UPDATE agentic.agents SET status = ''active'' WHERE id = %s', :understudy)),
          '23505 agents_one_active_per_job', 'reported as constraint agents_one_active_per_job');
SELECT throws_ok(format('UPDATE agentic.agents SET job_description_id = %s WHERE id = %s', :job1, :rex),
                 '23505', format('job description %s already has an active agent', :job1),
                 'an active agent cannot move to a job that already has an active agent');
SELECT lives_ok(format('UPDATE agentic.agents SET name = ''ava the first'' WHERE id = %s', :ava),
                'the active agent itself can still be updated');
UPDATE agentic.agents SET status = 'suspended' WHERE id = :ava;
SELECT lives_ok(format('UPDATE agentic.agents SET status = ''active'' WHERE id = %s', :understudy),
                'after the first agent is suspended, a second one can become active');
SELECT throws_ok(format('UPDATE agentic.agents SET status = ''active'' WHERE id = %s', :ava),
                 '23505', format('job description %s already has an active agent', :job1),
                 'and the suspended first agent cannot come back while the second is active');
SELECT set_eq(format('SELECT id FROM agentic.agents WHERE job_description_id = %s AND status = ''active''', :job1),
              ARRAY[:understudy]::bigint[], 'exactly one agent is active for the job');

-- Within one statement
INSERT INTO agentic.job_descriptions (title) VALUES ('Twins') RETURNING id AS job_twins \gset
SELECT throws_like(format('INSERT INTO agentic.agents (name, job_description_id, status) '
                          'VALUES (''twin a'', %1$s, ''active''), (''twin b'', %1$s, ''active'')', :job_twins),
                   '%already has an active agent',
                   'a two-row INSERT of active agents for one job is rejected');
INSERT INTO agentic.agents (name, job_description_id) VALUES ('twin c', :job_twins), ('twin d', :job_twins);
SELECT throws_like(format('UPDATE agentic.agents SET status = ''active'' WHERE job_description_id = %s', :job_twins),
                   '%already has an active agent',
                   'activating two agents of one job in one UPDATE is rejected');
SELECT is((SELECT count(*)::int FROM agentic.agents WHERE job_description_id = :job_twins AND status = 'active'), 0,
          'and neither became active');

SELECT * FROM finish();
ROLLBACK;
