-- Extreme values at every native function: NULLs, empty and huge arrays and
-- strings, NaN, infinities, timestamp +-infinity, windows that end before they
-- start, ids that do not exist. Each gets a clear error or a correct answer.
BEGIN;
SET search_path = public;
SELECT plan(36);

-- jsonb_array_of
SELECT is(agentic.jsonb_array_of(NULL, 'string'), NULL, 'jsonb_array_of(NULL) is NULL (strict)');
SELECT is(agentic.jsonb_array_of('[]', NULL), NULL, 'jsonb_array_of(.., NULL) is NULL (strict)');
SELECT ok(agentic.jsonb_array_of('[]', 'string'), 'an empty array is an array of anything');
SELECT ok(agentic.jsonb_array_of((SELECT jsonb_agg('skill ' || i) FROM generate_series(1, 100000) i), 'string'),
  'a 100,000-element string array passes');
SELECT ok(NOT agentic.jsonb_array_of((SELECT jsonb_agg('skill ' || i) || '["   "]'::jsonb FROM generate_series(1, 100000) i), 'string'),
  'a blank string at the end of a huge array is found');
SELECT ok(agentic.jsonb_array_of(jsonb_build_array(repeat('x', 10000000)), 'string'), 'a 10 MB string element passes');
SELECT ok(NOT agentic.jsonb_array_of('"[1]"', 'number'), 'a JSON string is not an array');
SELECT ok(NOT agentic.jsonb_array_of('{"0": 1}', 'number'), 'an object is not an array');
SELECT ok(NOT agentic.jsonb_array_of('null', 'number'), 'JSON null is not an array');
SELECT ok(agentic.jsonb_array_of('[1e300, -1e-300, 0]', 'number'), 'extreme numbers are numbers');
SELECT ok(agentic.jsonb_array_of('[[1], []]', 'array') AND NOT agentic.jsonb_array_of('[[1], {}]', 'array'),
  'nested arrays are told apart from objects');
SELECT throws_ok($$SELECT agentic.jsonb_array_of('[]', '')$$, '22023', NULL, 'an empty element type is refused');
SELECT throws_ok(format($$SELECT agentic.jsonb_array_of('[]', %L)$$, repeat('x', 100000)), '22023', NULL,
  'a huge element type name is refused');

-- utilization
INSERT INTO agentic.job_descriptions (title) VALUES ('Extreme job');
INSERT INTO agentic.agents (name, job_description_id, status, hired_at)
SELECT 'extreme-agent', id, 'active', '2026-01-01 00:00+00' FROM agentic.job_descriptions WHERE title = 'Extreme job';
INSERT INTO agentic.tasks (title) VALUES ('ancient'), ('open'), ('future');
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at)
SELECT t.id, a.id, 'completed', '-infinity', '-infinity', '2026-01-02 00:00+00'
  FROM agentic.tasks t, agentic.agents a WHERE t.title = 'ancient' AND a.name = 'extreme-agent';
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at)
SELECT t.id, a.id, 'in_progress', '2026-01-03 00:00+00', '2026-01-03 00:00+00'
  FROM agentic.tasks t, agentic.agents a WHERE t.title = 'open' AND a.name = 'extreme-agent';
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at)
SELECT t.id, a.id, 'completed', 'infinity', 'infinity', 'infinity'
  FROM agentic.tasks t, agentic.agents a WHERE t.title = 'future' AND a.name = 'extreme-agent';
CREATE TEMP TABLE extreme AS SELECT id FROM agentic.agents WHERE name = 'extreme-agent';

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

-- costs
INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok,
       price_effective_from)
VALUES ('extreme', 'extreme-model', 99999999.999999, 99999999.999999, '-infinity');
SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens, cached_input_tokens)
    SELECT a.id, m.id, now(), 9223372036854775807, 9223372036854775807, 9223372036854775807
      FROM extreme a, agentic.model_catalog m WHERE m.model_name = 'extreme-model'$$,
  '23514', NULL, 'the largest token counts at the largest prices: rejected by the ceiling, no overflow');
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
SELECT a.id, m.id, 'infinity', 1 FROM extreme a, agentic.model_catalog m WHERE m.model_name = 'extreme-model';
SELECT is((SELECT cost FROM agentic.execution_costs ORDER BY id DESC LIMIT 1), 100.0000000000::numeric,
  'one token at the largest price, at occurred_at = infinity: 99.999999999999 rounded to the column, exactly');
SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at)
    SELECT a.id, m.id, '-infinity' FROM extreme a, agentic.model_catalog m WHERE m.model_name = 'extreme-model'$$,
  '23514', 'execution cost rejected: cost must be greater than zero',
  'zero tokens at -infinity derive a zero cost, which is rejected');
SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, cost) SELECT id, 'NaN' FROM extreme$$,
  '23514', 'execution cost rejected: cost must be a number, not NaN', 'NaN cost');
SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, cost) SELECT id, 'Infinity' FROM extreme$$,
  '22003', NULL, '+Infinity does not fit the cost column');
SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, cost) SELECT id, 0.00000000001 FROM extreme$$,
  '23514', 'execution cost rejected: cost must be greater than zero', 'a cost below the column''s precision rounds to zero and is rejected');
SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, cost) SELECT id, 9999999999.9999999999 FROM extreme$$,
  '23514', NULL, 'the largest cost the column holds is above the ceiling');

-- status machines and the graph with absent or odd values
SELECT lives_ok($$UPDATE agentic.tasks SET status = status WHERE title = 'ancient'$$,
  'an update that keeps the status is not a transition');
SELECT throws_ok($$UPDATE agentic.tasks SET parent_task_id = -5 WHERE title = 'ancient'$$,
  '23503', NULL, 'a parent that does not exist is a foreign-key error, not a crash');

SELECT * FROM finish();
ROLLBACK;
