-- Extreme values at the cost ledger's rule: the largest token counts and prices,
-- occurred_at at +-infinity, NaN, infinities and costs below the column's precision.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

\ir ../../fixtures/extreme_agent.sql
\ir ../../fixtures/error_of.sql

INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok,
       price_effective_from)
VALUES ('extreme', 'extreme-model', 99999999.999999, 99999999.999999, '-infinity');
SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens, cached_input_tokens)
    SELECT a.id, m.id, now(), 9223372036854775807, 9223372036854775807, 9223372036854775807
      FROM extreme a, agentic.model_catalog m WHERE m.model_name = 'extreme-model'$$,
  '23514', NULL, 'the largest token counts at the largest prices: rejected by the ceiling, no overflow');
SELECT is(pg_temp.error_of($$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
  SELECT a.id, m.id, 'infinity', 1 FROM extreme a, agentic.model_catalog m WHERE m.model_name = 'extreme-model'$$),
  '23514 execution_costs_occurred_at_not_future', 'a cost at occurred_at = infinity has not happened yet');
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
SELECT a.id, m.id, now(), 1 FROM extreme a, agentic.model_catalog m WHERE m.model_name = 'extreme-model';
SELECT is((SELECT cost FROM agentic.execution_costs ORDER BY id DESC LIMIT 1), 100.0000000000::numeric,
  'one token at the largest price: 99.999999999999 rounded to the column, exactly');
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

SELECT * FROM finish();
ROLLBACK;
