-- Extreme values at the task rules: a status kept as it is, a parent that does not exist.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

\ir ../../fixtures/extreme_agent.sql

SELECT lives_ok($$UPDATE agentic.tasks SET status = status WHERE title = 'ancient'$$,
  'an update that keeps the status is not a transition');
SELECT throws_ok($$UPDATE agentic.tasks SET parent_task_id = -5 WHERE title = 'ancient'$$,
  '23503', NULL, 'a parent that does not exist is a foreign-key error, not a crash');

SELECT * FROM finish();
ROLLBACK;
