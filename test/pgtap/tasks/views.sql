-- task_status_summary over known fixture data (test/fixtures/reporting.sql).
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

SELECT is((SELECT count(*)::int FROM agentic.tasks) + (SELECT count(*)::int FROM agentic.agents)
          + (SELECT count(*)::int FROM agentic.execution_costs), 0,
          'precondition: the test database starts without tasks, agents or costs');
\ir ../../fixtures/reporting.sql

SELECT results_eq(
  $$SELECT status::text, task_count, percent_of_tasks, avg_duration FROM agentic.task_status_summary$$,
  $$VALUES ('pending', 3::bigint, 30.00::numeric, NULL::interval), ('assigned', 1, 10.00, NULL),
           ('in_progress', 2, 20.00, NULL), ('blocked', 1, 10.00, NULL),
           ('completed', 2, 20.00, interval '3 hours'), ('failed', 1, 10.00, interval '1 hour'),
           ('cancelled', 0, 0.00, NULL)$$,
  'task_status_summary: every one of the 7 statuses, in order, with counts, percentages and run times');
SELECT is((SELECT sum(percent_of_tasks) FROM agentic.task_status_summary), 100.00::numeric, 'the percentages add up to 100');
SELECT is((SELECT count(*)::int FROM agentic.task_status_summary WHERE (task_count = 0) <> (oldest_created_at IS NULL)), 0,
          'oldest_created_at is NULL exactly for the statuses without tasks');
SELECT is((SELECT last_updated_at FROM agentic.task_status_summary WHERE status = 'in_progress'),
          (SELECT max(updated_at) FROM agentic.tasks WHERE status = 'in_progress'),
          'last_updated_at is the latest change of a task in the status');

SELECT * FROM finish();
ROLLBACK;
