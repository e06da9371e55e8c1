-- active_agents_with_jobs over known fixture data (test/fixtures/reporting.sql).
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

SELECT is((SELECT count(*)::int FROM agentic.tasks) + (SELECT count(*)::int FROM agentic.agents)
          + (SELECT count(*)::int FROM agentic.execution_costs), 0,
          'precondition: the test database starts without tasks, agents or costs');
\ir ../../fixtures/reporting.sql

SELECT results_eq(
  $$SELECT agent_id, agent_name, status::text, hired_at, job_description_id, job_title, department, resume_id,
           candidate_name, model_provider, model_name, active_assignments
      FROM agentic.active_agents_with_jobs ORDER BY agent_id$$,
  format($$VALUES (%s::bigint, 'alpha'::text, 'active'::text, '2026-01-01 00:00+00'::timestamptz, %s::bigint,
                   'Alpha job'::text, 'Ops'::text, %s::bigint, 'Alpha resume'::text, 'pgtap'::text, 'view-model'::text, 2::bigint),
                  (%s, 'beta', 'active', '2026-01-01 00:00+00', %s, 'Beta job', 'R&D', NULL, NULL, NULL, NULL, 1)$$,
         :agent_a, :job_a, :resume_a, :agent_b, :job_b),
  'active_agents_with_jobs lists only the active agents, with job, resume, model and open assignments');
UPDATE agentic.task_assignments SET status = 'completed' WHERE agent_id = :agent_b;
SELECT is((SELECT active_assignments FROM agentic.active_agents_with_jobs WHERE agent_id = :agent_b), 0::bigint,
          'a completed assignment no longer counts as open');
UPDATE agentic.agents SET status = 'suspended' WHERE id = :agent_b;
SELECT set_eq('SELECT agent_id FROM agentic.active_agents_with_jobs', ARRAY[:agent_a]::bigint[],
              'a suspended agent leaves active_agents_with_jobs');

SELECT * FROM finish();
ROLLBACK;
