-- Extreme values at calculate_agent_utilization(): NULLs, windows that end before
-- they start, timestamp +-infinity, ids that do not exist. Each gets a clear error
-- or a correct answer.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

\ir ../../fixtures/extreme_agent.sql

SELECT is((SELECT count(*)::int FROM agentic.calculate_agent_utilization(NULL::bigint, now(), now())), 0,
  'NULL agent: no rows (strict)');
SELECT is((SELECT count(*)::int FROM agentic.calculate_agent_utilization((SELECT id FROM extreme), NULL, now())), 0,
  'NULL window start: no rows (strict)');
SELECT throws_ok($$SELECT * FROM agentic.calculate_agent_utilization((SELECT id FROM extreme), '2026-02-01', '2026-01-01')$$,
  '22023', 'utilization window must end after it starts', 'a window that ends before it starts');
SELECT throws_ok($$SELECT * FROM agentic.calculate_agent_utilization((SELECT id FROM extreme), 'infinity', 'infinity')$$,
  '22023', NULL, 'an empty window at +infinity');
SELECT throws_ok($$SELECT * FROM agentic.calculate_agent_utilization(now(), now())$$,
  '22023', NULL, 'an empty all-agents window');
SELECT throws_ok($$SELECT * FROM agentic.calculate_agent_utilization(-1, '2026-01-01', '2026-02-01')$$,
  'P0002', 'agent -1 does not exist', 'a negative id');
SELECT throws_ok($$SELECT * FROM agentic.calculate_agent_utilization(9223372036854775807, '2026-01-01', '2026-02-01')$$,
  'P0002', NULL, 'the largest bigint id');
SELECT is(
  (SELECT row(busy_time, available_time, assignments)::text
     FROM agentic.calculate_agent_utilization((SELECT id FROM extreme), '2026-01-01 00:00+00', '2026-01-03 00:00+00')),
  row(interval '1 day', interval '2 days', 1)::text,
  'an assignment that started at -infinity counts from the window (and hire) start');
SELECT is(
  (SELECT busy_time FROM agentic.calculate_agent_utilization((SELECT id FROM extreme), '-infinity', 'infinity')),
  interval '1 day' + (date_trunc('second', now()) - '2026-01-03 00:00+00')
    + (now() - date_trunc('second', now())),
  'over (-infinity, infinity): the finished day plus the open assignment until now; the future one adds nothing');
SELECT is(
  (SELECT available_time FROM agentic.calculate_agent_utilization((SELECT id FROM extreme), '-infinity', 'infinity')),
  now() - '2026-01-01 00:00+00'::timestamptz,
  'available time runs from the hire to now, not from -infinity');
SELECT ok(
  (SELECT utilization BETWEEN 0 AND 1 FROM agentic.calculate_agent_utilization((SELECT id FROM extreme), '-infinity', 'infinity')),
  'the share stays within [0, 1] with infinite bounds');
SELECT is(
  (SELECT row(utilization, available_time)::text FROM agentic.calculate_agent_utilization((SELECT id FROM extreme), now() + interval '1 day', 'infinity')),
  row(NULL::double precision, interval '0')::text,
  'a window entirely in the future: no available time, utilization NULL');
SELECT is(
  (SELECT count(*)::int FROM agentic.calculate_agent_utilization(now() + interval '1 day', 'infinity') u
    WHERE u.agent_id = (SELECT id FROM extreme)),
  0, 'the all-agents form leaves out agents with no time in the window');
SELECT is(
  (SELECT assignments FROM agentic.calculate_agent_utilization('-infinity', 'infinity') u
    WHERE u.agent_id = (SELECT id FROM extreme)),
  2, 'the all-agents form sees the same two past assignments');

SELECT * FROM finish();
ROLLBACK;
