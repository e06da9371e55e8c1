-- calculate_agent_utilization(): busy share of an agent's employed time in a window.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

----------------------------------------------------------------------------------------
-- Fixtures
----------------------------------------------------------------------------------------
-- An active agent of its own job, employed since `hired`.
CREATE FUNCTION pg_temp.hire(name text, hired timestamptz) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE job bigint; agent bigint;
BEGIN
  INSERT INTO agentic.job_descriptions (title) VALUES ('job of ' || name) RETURNING id INTO job;
  INSERT INTO agentic.agents (name, job_description_id, status, hired_at, created_at)
  VALUES (name, job, 'active', hired, hired) RETURNING id INTO agent;
  RETURN agent;
END $$;
-- One assignment of `agent` on a task of its own, worked from `started` until
-- `ended` (NULL: still in progress), all through the normal status moves.
CREATE FUNCTION pg_temp.work(agent bigint, started timestamptz, ended timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE task bigint; asg bigint;
BEGIN
  INSERT INTO agentic.tasks (title) VALUES ('work') RETURNING id INTO task;
  INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at)
  VALUES (task, agent, started - interval '1 hour') RETURNING id INTO asg;
  UPDATE agentic.task_assignments SET status = 'in_progress', started_at = started WHERE id = asg;
  IF ended IS NOT NULL THEN
    UPDATE agentic.task_assignments SET status = 'completed', completed_at = ended WHERE id = asg;
  END IF;
  RETURN asg;
END $$;

SELECT pg_temp.hire('util one', '2026-01-01 00:00+00') AS u1 \gset
-- window W = [2026-03-01, 2026-03-03): 48 hours
-- 10-12
SELECT pg_temp.work(:u1, '2026-03-01 10:00+00', '2026-03-01 12:00+00') AS tmp_id \gset
-- overlaps: 10-13 = 3h
SELECT pg_temp.work(:u1, '2026-03-01 11:00+00', '2026-03-01 13:00+00') AS tmp_id \gset
-- clipped at the end: 1h
SELECT pg_temp.work(:u1, '2026-03-02 23:00+00', '2026-03-03 02:00+00') AS tmp_id \gset
-- clipped at the start: 1h
SELECT pg_temp.work(:u1, '2026-02-28 22:00+00', '2026-03-01 01:00+00') AS tmp_id \gset
-- outside W
SELECT pg_temp.work(:u1, '2026-03-05 09:00+00', '2026-03-05 17:00+00') AS tmp_id \gset
-- outside W
SELECT pg_temp.work(:u1, '2026-02-20 09:00+00', '2026-02-20 17:00+00') AS tmp_id \gset
-- an assignment cancelled before it started is no work
INSERT INTO agentic.tasks (title) VALUES ('never started') RETURNING id AS t_never \gset
INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at)
VALUES (:t_never, :u1, '2026-03-01 05:00+00') RETURNING id AS a_never \gset
UPDATE agentic.task_assignments SET status = 'cancelled', completed_at = '2026-03-01 20:00+00' WHERE id = :a_never;

----------------------------------------------------------------------------------------
-- One agent, a window in the past: exact numbers
----------------------------------------------------------------------------------------
SELECT results_eq(
  format($$SELECT agent_id, window_start, window_end, available_time, busy_time, utilization, assignments
             FROM agentic.calculate_agent_utilization(%s, '2026-03-01 00:00+00', '2026-03-03 00:00+00')$$, :u1),
  format($$VALUES (%s::bigint, '2026-03-01 00:00+00'::timestamptz, '2026-03-03 00:00+00'::timestamptz,
                   interval '48 hours', interval '5 hours', 5::float8 / 48, 4)$$, :u1),
  'overlapping assignments count once, assignments across the window edges are clipped: 5h of 48h');
SELECT is((SELECT busy_time FROM agentic.calculate_agent_utilization(:u1, '2026-03-01 10:00+00', '2026-03-01 13:00+00')),
          interval '3 hours', 'two overlapping assignments (10-12, 11-13) are 3 hours busy, not 4');
SELECT is((SELECT utilization FROM agentic.calculate_agent_utilization(:u1, '2026-03-01 10:00+00', '2026-03-01 13:00+00')),
          1::float8, 'fully busy window: utilization 1');
SELECT is((SELECT busy_time FROM agentic.calculate_agent_utilization(:u1, '2026-03-01 11:30+00', '2026-03-01 12:30+00')),
          interval '1 hour', 'a window inside the assignments is busy for its whole length');
SELECT results_eq(
  format($$SELECT busy_time, utilization, assignments
             FROM agentic.calculate_agent_utilization(%s, '2026-03-01 13:00+00', '2026-03-02 23:00+00')$$, :u1),
  $$VALUES (interval '0', 0::float8, 0)$$,
  'a window touching but not overlapping the assignments is idle (periods are half-open)');
SELECT is((SELECT busy_time FROM agentic.calculate_agent_utilization(:u1, '2026-02-01 00:00+00', '2026-04-01 00:00+00')),
          interval '3 hours' + interval '3 hours' + interval '3 hours' + interval '8 hours' + interval '8 hours',
          'over two months every worked hour counts once (3 + 3 + 3 + 8 + 8)');
SELECT is((SELECT assignments FROM agentic.calculate_agent_utilization(:u1, '2026-02-01 00:00+00', '2026-04-01 00:00+00')),
          6, 'the cancelled-before-start assignment is not counted');

-- Employment bounds the available time
SELECT pg_temp.hire('util late', '2026-03-02 00:00+00') AS u_late \gset
SELECT pg_temp.work(:u_late, '2026-03-02 06:00+00', '2026-03-02 12:00+00') AS tmp_id \gset
SELECT results_eq(
  format($$SELECT available_time, busy_time, utilization
             FROM agentic.calculate_agent_utilization(%s, '2026-03-01 00:00+00', '2026-03-03 00:00+00')$$, :u_late),
  $$VALUES (interval '24 hours', interval '6 hours', 0.25::float8)$$,
  'an agent hired mid-window is available from its hire: 6h of 24h');

SELECT pg_temp.hire('util gone', '2026-01-01 00:00+00') AS u_gone \gset
SELECT pg_temp.work(:u_gone, '2026-02-10 00:00+00', '2026-02-11 00:00+00') AS tmp_id \gset
UPDATE agentic.agents SET status = 'terminated', terminated_at = '2026-02-15 00:00+00' WHERE id = :u_gone;
SELECT results_eq(
  format($$SELECT available_time, busy_time, utilization, assignments
             FROM agentic.calculate_agent_utilization(%s, '2026-03-01 00:00+00', '2026-03-03 00:00+00')$$, :u_gone),
  $$VALUES (interval '0', interval '0', NULL::float8, 0)$$,
  'an agent terminated before the window had no time in it: utilization NULL');
SELECT results_eq(
  format($$SELECT available_time, busy_time
             FROM agentic.calculate_agent_utilization(%s, '2026-02-01 00:00+00', '2026-03-01 00:00+00')$$, :u_gone),
  $$VALUES (interval '14 days', interval '24 hours')$$,
  'an agent terminated mid-window is available until its termination');

SELECT pg_temp.hire('util future', '2026-04-01 00:00+00') AS u_future \gset

----------------------------------------------------------------------------------------
-- Open assignments count until now
----------------------------------------------------------------------------------------
SELECT pg_temp.hire('util open', now() - interval '10 days') AS u_open \gset
SELECT pg_temp.work(:u_open, now() - interval '2 hours', NULL) AS a_open \gset
SELECT is((SELECT busy_time FROM agentic.calculate_agent_utilization(:u_open, now() - interval '1 day', now() + interval '1 day')),
          now() - (SELECT started_at FROM agentic.task_assignments WHERE id = :a_open),
          'an in-progress assignment is busy from its start until now');
SELECT results_eq(
  format($$SELECT available_time, busy_time, utilization
             FROM agentic.calculate_agent_utilization(%s, now() - interval '1 day', now() + interval '1 day')$$, :u_open),
  $$VALUES (interval '24 hours', interval '2 hours', 2::float8 / 24)$$,
  'time after now is not available yet: 2h busy of 24h');
SELECT is((SELECT busy_time FROM agentic.calculate_agent_utilization(:u_open, now() - interval '1 hour', now())),
          interval '1 hour', 'an open assignment clipped to a window ending now');

----------------------------------------------------------------------------------------
-- The 1-argument form: the last 30 days
----------------------------------------------------------------------------------------
SELECT results_eq(
  format('SELECT window_end, window_end - window_start FROM agentic.calculate_agent_utilization(%s::bigint)', :u_open),
  $$VALUES (now(), interval '30 days')$$,
  'calculate_agent_utilization(agent) covers the 30 days up to now');
SELECT results_eq(
  format('SELECT * FROM agentic.calculate_agent_utilization(%s::bigint)', :u_open),
  format($$SELECT * FROM agentic.calculate_agent_utilization(%s, now() - interval '30 days', now())$$, :u_open),
  'calculate_agent_utilization(agent) equals the explicit 30-day window');
SELECT results_eq(
  format('SELECT available_time, busy_time FROM agentic.calculate_agent_utilization(%s::bigint)', :u_open),
  $$VALUES (interval '10 days', interval '2 hours')$$,
  'over the last 30 days the agent hired 10 days ago was available 10 days and busy 2 hours');

----------------------------------------------------------------------------------------
-- All agents
----------------------------------------------------------------------------------------
SELECT set_eq(
  $$SELECT agent_id FROM agentic.calculate_agent_utilization('2026-03-01 00:00+00'::timestamptz, '2026-03-03 00:00+00'::timestamptz)$$,
  $$SELECT id FROM agentic.agents
     WHERE coalesce(hired_at, created_at) < '2026-03-03 00:00+00'
       AND (terminated_at IS NULL OR terminated_at > '2026-03-01 00:00+00')$$,
  'the all-agents form returns the agents employed in the window');
SELECT ok(:u1 IN (SELECT agent_id FROM agentic.calculate_agent_utilization('2026-03-01 00:00+00'::timestamptz, '2026-03-03 00:00+00'::timestamptz))
          AND :u_late IN (SELECT agent_id FROM agentic.calculate_agent_utilization('2026-03-01 00:00+00'::timestamptz, '2026-03-03 00:00+00'::timestamptz)),
          'agents employed during the window are listed');
SELECT ok(:u_gone NOT IN (SELECT agent_id FROM agentic.calculate_agent_utilization('2026-03-01 00:00+00'::timestamptz, '2026-03-03 00:00+00'::timestamptz))
          AND :u_future NOT IN (SELECT agent_id FROM agentic.calculate_agent_utilization('2026-03-01 00:00+00'::timestamptz, '2026-03-03 00:00+00'::timestamptz)),
          'agents terminated before or hired after the window are not listed');
SELECT is((SELECT count(*)::int FROM agentic.calculate_agent_utilization('2026-03-01 00:00+00'::timestamptz, '2026-03-03 00:00+00'::timestamptz)),
          (SELECT count(DISTINCT agent_id)::int FROM agentic.calculate_agent_utilization('2026-03-01 00:00+00'::timestamptz, '2026-03-03 00:00+00'::timestamptz)),
          'one row per agent');
SELECT set_eq(
  $$SELECT * FROM agentic.calculate_agent_utilization('2026-03-01 00:00+00'::timestamptz, '2026-03-03 00:00+00'::timestamptz)$$,
  $$SELECT u.* FROM agentic.agents a
      CROSS JOIN LATERAL agentic.calculate_agent_utilization(a.id, '2026-03-01 00:00+00', '2026-03-03 00:00+00') u
     WHERE u.available_time > interval '0'$$,
  'every all-agents row equals the single-agent result');
SELECT set_eq(
  $$SELECT * FROM agentic.calculate_agent_utilization(now() - interval '1 day', now() + interval '1 day')$$,
  $$SELECT u.* FROM agentic.agents a
      CROSS JOIN LATERAL agentic.calculate_agent_utilization(a.id, now() - interval '1 day', now() + interval '1 day') u
     WHERE u.available_time > interval '0'$$,
  'the same holds for a window containing now and an open assignment');
SELECT set_eq(
  'SELECT * FROM agentic.calculate_agent_utilization()',
  $$SELECT u.* FROM agentic.agents a CROSS JOIN LATERAL agentic.calculate_agent_utilization(a.id) u
     WHERE u.available_time > interval '0'$$,
  'calculate_agent_utilization() covers every agent over the last 30 days');
SELECT results_eq(
  format($$SELECT busy_time, assignments FROM agentic.calculate_agent_utilization('2026-03-01 00:00+00'::timestamptz, '2026-03-03 00:00+00'::timestamptz)
            WHERE agent_id = %s$$, :u1),
  $$VALUES (interval '5 hours', 4)$$,
  'the all-agents numbers for the first agent are exact');
SELECT is_empty($$SELECT * FROM agentic.calculate_agent_utilization(now() + interval '1 day', now() + interval '2 days')$$,
                'a window entirely in the future has no available time: no rows');

----------------------------------------------------------------------------------------
-- Arguments
----------------------------------------------------------------------------------------
SELECT throws_ok(format($$SELECT * FROM agentic.calculate_agent_utilization(%s, '2026-03-03', '2026-03-01')$$, :u1),
                 '22023', 'utilization window must end after it starts', 'a window ending before it starts is rejected');
SELECT throws_ok(format($$SELECT * FROM agentic.calculate_agent_utilization(%s, '2026-03-01', '2026-03-01')$$, :u1),
                 '22023', 'utilization window must end after it starts', 'an empty window is rejected');
SELECT throws_ok($$SELECT * FROM agentic.calculate_agent_utilization('2026-03-03'::timestamptz, '2026-03-01'::timestamptz)$$,
                 '22023', 'utilization window must end after it starts', 'the all-agents form checks its window too');
SELECT throws_ok($$SELECT * FROM agentic.calculate_agent_utilization(-42, '2026-03-01', '2026-03-03')$$,
                 'P0002', 'agent -42 does not exist', 'an unknown agent is an error (P0002)');
SELECT throws_ok('SELECT * FROM agentic.calculate_agent_utilization(-42::bigint)',
                 'P0002', 'agent -42 does not exist', 'the 1-argument form also rejects an unknown agent');
SELECT is_empty($$SELECT * FROM agentic.calculate_agent_utilization(NULL::bigint, '2026-03-01', '2026-03-03')$$,
                'a NULL agent gives no rows (STRICT)');
SELECT is_empty(format($$SELECT * FROM agentic.calculate_agent_utilization(%s, NULL, '2026-03-03')$$, :u1),
                'a NULL window start gives no rows (STRICT)');
SELECT is_empty(format($$SELECT * FROM agentic.calculate_agent_utilization(%s, '2026-03-01', NULL)$$, :u1),
                'a NULL window end gives no rows (STRICT)');
SELECT is_empty('SELECT * FROM agentic.calculate_agent_utilization(NULL::bigint)',
                'the 1-argument form with NULL gives no rows');
SELECT is_empty($$SELECT * FROM agentic.calculate_agent_utilization(NULL::timestamptz, now())$$,
                'the all-agents form with a NULL bound gives no rows');
SELECT is((SELECT count(*)::int FROM agentic.calculate_agent_utilization(:u1, '2026-03-01', '2026-03-03')), 1,
          'the single-agent form returns exactly one row');

----------------------------------------------------------------------------------------
-- The single-agent query reads the busy periods through the GiST index
----------------------------------------------------------------------------------------
SELECT pg_temp.hire('util heavy', '2020-01-01 00:00+00') AS u_heavy \gset
CREATE TEMP TABLE heavy_agents AS
SELECT pg_temp.hire('util heavy ' || i, '2020-01-01 00:00+00') AS id FROM generate_series(1, 9) i;
INSERT INTO heavy_agents VALUES (:u_heavy);
CREATE TEMP TABLE heavy_tasks (i int, id bigint);
WITH t AS (INSERT INTO agentic.tasks (title) SELECT 'heavy ' || i FROM generate_series(0, 99) i RETURNING id, title)
INSERT INTO heavy_tasks SELECT substr(title, 7)::int, id FROM t;
-- 5000 finished assignments, 3 hours each, one every 6 hours from 2021-01-01,
-- spread over the 10 heavy agents (each works every 60 hours) and 100 tasks.
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at)
SELECT ht.id, ha.id, 'completed', x.ts, x.ts, x.ts + interval '3 hours'
  FROM generate_series(0, 4999) g
  JOIN heavy_tasks ht ON ht.i = g % 100
  JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM heavy_agents) ha ON ha.k = g % 10
 CROSS JOIN LATERAL (SELECT '2021-01-01 00:00+00'::timestamptz + g * interval '6 hours' AS ts) x;
ANALYZE agentic.task_assignments;

CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; plan text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
    plan := plan || line || E'\n';
  END LOOP;
  RETURN plan;
END $$;
-- ok() with the plan as diagnostic when it fails
CREATE FUNCTION pg_temp.plan_matches(query text, pattern text, description text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE plan text := pg_temp.plan_of(query);
BEGIN
  IF plan ~ pattern THEN RETURN ok(true, description); END IF;
  RETURN ok(false, description) || E'\n' || diag('plan:' || E'\n' || plan);
END $$;

SELECT is((SELECT count(*)::int FROM agentic.task_assignments WHERE agent_id IN (SELECT id FROM heavy_agents)), 5000,
          '5000 assignments of 10 agents for the plan test');
SELECT pg_temp.plan_matches(
  format($$SELECT started_at, completed_at FROM agentic.task_assignments
            WHERE agent_id = %s AND started_at IS NOT NULL
              AND tstzrange(started_at, completed_at) && tstzrange('2022-01-01 00:00+00', '2022-01-02 00:00+00')$$, :u_heavy),
  'Index Scan on task_assignments_busy_period_idx',
  'the utilization query of one agent over one day uses task_assignments_busy_period_idx');
SELECT pg_temp.plan_matches(
  format($$SELECT started_at, completed_at FROM agentic.task_assignments
            WHERE agent_id = %s::bigint AND started_at IS NOT NULL
              AND tstzrange(started_at, completed_at) && tstzrange('2022-01-01 00:00+00', '2022-01-02 00:00+00')$$, :u_heavy),
  E'Index Scan on task_assignments_busy_period_idx\n\\s+Index Cond: \\(\\(agent_id = [^\n]*&& ',
  'with a bigint agent id the GiST index serves both the agent and the period condition');
-- The function runs the query with bigint parameters: check the generic plan as well.
SET LOCAL plan_cache_mode = force_generic_plan;
PREPARE pgtap_busy_periods (bigint, timestamptz, timestamptz) AS
  SELECT started_at, completed_at FROM agentic.task_assignments
   WHERE agent_id = $1 AND started_at IS NOT NULL AND tstzrange(started_at, completed_at) && tstzrange($2, $3);
SELECT pg_temp.plan_matches(
  format($$EXECUTE pgtap_busy_periods(%s, '2022-01-01 00:00+00', '2022-01-02 00:00+00')$$, :u_heavy),
  E'Index Scan on task_assignments_busy_period_idx\n\\s+Index Cond: \\(\\(agent_id = \\$1\\) AND \\(tstzrange\\(started_at, completed_at\\) && tstzrange\\(\\$2, \\$3\\)\\)\\)',
  'the parameterised (generic) plan of the function''s query uses the GiST index for agent and period');
DEALLOCATE pgtap_busy_periods;
SET LOCAL plan_cache_mode TO DEFAULT;

SELECT is((SELECT busy_time FROM agentic.calculate_agent_utilization(:u_heavy, '2021-01-01 00:00+00', '2021-01-11 00:00+00')),
          (SELECT count(*) * interval '3 hours' FROM agentic.task_assignments
            WHERE agent_id = :u_heavy AND started_at >= '2021-01-01 00:00+00' AND completed_at <= '2021-01-11 00:00+00'),
          'a heavy agent''s busy time over 10 days is 3 hours per assignment in them');
SELECT is((SELECT assignments FROM agentic.calculate_agent_utilization(:u_heavy, '2021-01-01 00:00+00', '2021-01-11 00:00+00')),
          4, 'it had 4 assignments in those 10 days (one every 60 hours)');

SELECT * FROM finish();
ROLLBACK;
