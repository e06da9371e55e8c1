-- cost_summary_by_agent and daily_cost_summary over known fixture data
-- (test/fixtures/reporting.sql).
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

SELECT is((SELECT count(*)::int FROM agentic.tasks) + (SELECT count(*)::int FROM agentic.agents)
          + (SELECT count(*)::int FROM agentic.execution_costs), 0,
          'precondition: the test database starts without tasks, agents or costs');
\ir ../../fixtures/reporting.sql

SELECT results_eq(
  $$SELECT agent_id, agent_name, agent_status::text, executions, total_cost, input_tokens, output_tokens,
           cached_input_tokens, first_execution_at, last_execution_at
      FROM agentic.cost_summary_by_agent ORDER BY agent_id$$,
  format($$VALUES (%s::bigint, 'alpha'::text, 'active'::text, 3::bigint, 4.15::numeric, 350::numeric, 35::numeric, 50::numeric,
                   '2026-01-01 10:00+00'::timestamptz, '2026-01-02 09:00+00'::timestamptz),
                  (%s, 'beta', 'active', 1, 0.75, 300, 30, 0, '2026-01-02 00:30+00', '2026-01-02 00:30+00'),
                  (%s, 'gamma', 'suspended', 0, 0, 0, 0, 0, NULL, NULL),
                  (%s, 'delta', 'onboarding', 0, 0, 0, 0, 0, NULL, NULL)$$, :agent_a, :agent_b, :agent_c, :agent_d),
  'cost_summary_by_agent: exact executions, spend, tokens and period per agent, zeros for agents without costs');
SELECT set_eq(
  $$SELECT agent_id, executions, total_cost, avg_cost, input_tokens, output_tokens, cached_input_tokens,
           first_execution_at, last_execution_at FROM agentic.cost_summary_by_agent WHERE executions > 0$$,
  $$SELECT agent_id, count(*) AS executions, sum(cost) AS total_cost, avg(cost) AS avg_cost,
           sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
           sum(cached_input_tokens) AS cached_input_tokens, min(occurred_at) AS first_at, max(occurred_at) AS last_at
      FROM agentic.execution_costs WHERE agent_id IS NOT NULL GROUP BY agent_id$$,
  'cost_summary_by_agent equals direct aggregates over execution_costs');
SELECT is((SELECT avg_cost FROM agentic.cost_summary_by_agent WHERE agent_id = :agent_c), NULL,
          'an agent without costs has no average cost');

SELECT results_eq(
  $$SELECT day, currency::text, executions, total_cost, input_tokens, output_tokens, cached_input_tokens,
           models
      FROM agentic.daily_cost_summary ORDER BY day, currency$$,
  $$VALUES ('2026-01-01'::date, 'USD'::text, 2::bigint, 3.75::numeric, 300::numeric, 30::numeric, 50::numeric,
            0::bigint),
           ('2026-01-02', 'EUR', 1, 0.75, 300, 30, 0, 0),
           ('2026-01-02', 'USD', 2, 4.40, 50, 5, 0, 1)$$,
  'daily_cost_summary: spend per UTC day and currency');
SELECT set_eq(
  $$SELECT day, currency, executions, total_cost, input_tokens FROM agentic.daily_cost_summary$$,
  $$SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, currency, count(*) AS executions, sum(cost) AS total_cost,
           sum(input_tokens) AS input_tokens
      FROM agentic.execution_costs GROUP BY 1, 2$$,
  'daily_cost_summary equals direct sums over execution_costs');
SET LOCAL TimeZone = 'America/Los_Angeles';
SELECT set_eq($$SELECT day, currency::text, executions FROM agentic.daily_cost_summary$$,
              $$VALUES ('2026-01-01'::date, 'USD', 2::bigint), ('2026-01-02', 'EUR', 1), ('2026-01-02', 'USD', 2)$$,
              'daily_cost_summary days are UTC days whatever the session time zone');
SET LOCAL TimeZone = 'UTC';
SELECT is((SELECT sum(total_cost) FROM agentic.daily_cost_summary), (SELECT sum(cost) FROM agentic.execution_costs),
          'the days add up to the whole ledger');

SELECT * FROM finish();
ROLLBACK;
