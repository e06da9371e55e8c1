-- Free (local) models: a model whose price in effect charges nothing for the
-- row's tokens derives a cost of exactly 0, which the ledger accepts (from 1.3);
-- every other zero cost is still rejected by execution_costs_cost_positive: a
-- reported 0, a derived 0 from zero tokens, a derived cost that rounds to 0.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
SET LOCAL agentic.rollup_compact_every = 0;

INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok,
       cached_input_price_per_mtok, price_effective_from)
VALUES ('local', 'free-model', 0, 0, NULL, '2020-01-01'),
       ('local', 'free-input', 0, 15, NULL, '2020-01-01'),
       ('local', 'tiny-model', 0.000001, 0, NULL, '2020-01-01');
INSERT INTO agentic.job_descriptions (title) VALUES ('free job');
INSERT INTO agentic.agents (name, job_description_id)
SELECT 'free-agent', id FROM agentic.job_descriptions WHERE title = 'free job';
CREATE TEMP VIEW ids AS
SELECT (SELECT id FROM agentic.agents WHERE name = 'free-agent') AS agent,
       (SELECT id FROM agentic.model_catalog WHERE model_name = 'free-model') AS free,
       (SELECT id FROM agentic.model_catalog WHERE model_name = 'free-input') AS free_input,
       (SELECT id FROM agentic.model_catalog WHERE model_name = 'tiny-model') AS tiny;

SELECT lives_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens)
    SELECT agent, free, '2026-07-01 10:00+00', 12000, 3400 FROM ids$$,
  'a cost derived at a free model''s price is accepted');
SELECT row_eq(
  $$SELECT cost, cost_source::text, input_price_per_mtok, output_price_per_mtok, price_effective_from
      FROM agentic.execution_costs WHERE model_id = (SELECT free FROM ids)$$,
  ROW(0::numeric(20,10), 'derived'::text, 0::numeric(14,6), 0::numeric(14,6), '2020-01-01'::timestamptz),
  'it is exactly 0, derived, and records the free price it used');
SELECT lives_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
    SELECT agent, free_input, '2026-07-01 11:00+00', 5000 FROM ids$$,
  'input tokens at a model whose input is free derive 0 too');
SELECT is((SELECT executions::int || ' ' || total_cost::text FROM agentic.daily_cost_summary
            WHERE day = '2026-07-01' AND currency = 'USD'), '2 0.0000000000',
  'the daily summary counts the free executions at no cost');

SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens)
    SELECT agent, free_input, '2026-07-01 12:00+00'::timestamptz, 5000, 0 FROM ids
    UNION ALL SELECT agent, free_input, '2026-07-01 12:00+00', 0, 0 FROM ids$$,
  '23514', 'execution cost rejected: cost must be greater than zero',
  'zero tokens derive a zero cost, which is still rejected (nothing was priced)');
SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
    SELECT agent, tiny, '2026-07-01 12:00+00', 1 FROM ids$$,
  '23514', 'execution cost rejected: cost must be greater than zero',
  'a derived cost that only rounds to 0 at a non-zero price is still rejected');
SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, cost)
    SELECT agent, free, '2026-07-01 12:00+00', 1000, 0 FROM ids$$,
  '23514', 'execution cost rejected: cost must be greater than zero',
  'a reported cost of 0 is still rejected, at a free model too (leave cost NULL to derive it)');
SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens)
    SELECT agent, free_input, '2026-07-01 12:00+00'::timestamptz, 5000, 1 FROM ids
    UNION ALL SELECT agent, free_input, '2026-07-01 12:00+00'::timestamptz, 5000, 0 FROM ids
    UNION ALL SELECT agent, free, '2026-07-01 12:00+00', 0, 0 FROM ids$$,
  '23514', 'execution cost rejected: cost must be greater than zero',
  'a statement with one zero-token row writes nothing');

-- A replayed derived zero (a copy from another ledger) is kept as it arrived.
SELECT lives_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens,
         cost, cost_source, input_price_per_mtok, output_price_per_mtok, price_effective_from)
    SELECT agent, free, '2026-07-02 10:00+00', 100, 100, 0, 'derived', 0, 0, '2020-01-01' FROM ids$$,
  'a row arriving as a derived 0 at the free price in effect is accepted');
SELECT throws_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens,
         cost, cost_source, input_price_per_mtok, output_price_per_mtok, price_effective_from)
    SELECT agent, free, '2026-07-02 10:00+00', 0, 0, 0, 'derived', 0, 0, '2020-01-01' FROM ids$$,
  '23514', 'execution cost rejected: cost must be greater than zero',
  'a row arriving as a derived 0 with no tokens is rejected');

-- A free model that starts charging: later costs are priced, earlier ones stay 0.
UPDATE agentic.model_catalog SET input_price_per_mtok = 1, output_price_per_mtok = 2,
       price_effective_from = '2026-08-01' WHERE model_name = 'free-model';
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens)
SELECT agent, free, '2026-08-02 10:00+00', 1000000, 1000000 FROM ids;
SELECT is((SELECT cost FROM agentic.execution_costs WHERE occurred_at = '2026-08-02 10:00+00'),
  3.0000000000::numeric, 'after the model starts charging its costs are priced');
SELECT lives_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
    SELECT agent, free, '2026-07-03 10:00+00', 1000 FROM ids$$,
  'a late cost dated while the model was free derives 0 from the archived free price');

SELECT * FROM finish();
ROLLBACK;
