-- model_catalog_price_change_after_costs (1.3): a new price, or a new start of
-- the current one, may not take effect at or before the latest cost that
-- recorded the current price; otherwise those costs would record a price the
-- history says was not in effect at their occurred_at.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

CREATE FUNCTION pg_temp.error_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE state text; cname text;
BEGIN
  EXECUTE sql;
  RETURN '(no error)';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, cname = CONSTRAINT_NAME;
  RETURN state || ' ' || cname;
END $$;

INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok,
       price_effective_from)
VALUES ('pc', 'pc-model', 2, 8, '2026-01-01 00:00+00'), ('pc', 'pc-idle', 1, 1, '2026-01-01 00:00+00');
INSERT INTO agentic.job_descriptions (title) VALUES ('price change job');
INSERT INTO agentic.agents (name, job_description_id)
SELECT 'pc-agent', id FROM agentic.job_descriptions WHERE title = 'price change job';
SELECT id AS m FROM agentic.model_catalog WHERE model_name = 'pc-model' \gset
SELECT id AS idle FROM agentic.model_catalog WHERE model_name = 'pc-idle' \gset
-- a derived cost and a reported one, both recording the price of 2026-01-01
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens)
SELECT id, :m, '2026-03-10 12:00+00', 1000000, 0 FROM agentic.agents WHERE name = 'pc-agent';
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, cost)
SELECT id, :m, '2026-03-20 12:00+00', 10, 0.5 FROM agentic.agents WHERE name = 'pc-agent';
SELECT is((SELECT count(*)::int FROM agentic.execution_costs
            WHERE model_id = :m AND price_effective_from = '2026-01-01 00:00+00'), 2,
  'both costs recorded the current price');

SELECT throws_ok(format($$UPDATE agentic.model_catalog SET input_price_per_mtok = 3,
                          price_effective_from = '2026-03-01 00:00+00' WHERE id = %s$$, :m),
  '23514', 'a new price cannot take effect before costs recorded at the current price',
  'a new price dated before costs that recorded the old one is rejected');
SELECT is(pg_temp.error_of(format($$UPDATE agentic.model_catalog SET input_price_per_mtok = 3,
                          price_effective_from = '2026-03-15 00:00+00' WHERE id = %s$$, :m)),
  '23514 model_catalog_price_change_after_costs',
  'reported as constraint model_catalog_price_change_after_costs (the reported cost counts too)');
SELECT throws_ok(format($$UPDATE agentic.model_catalog SET input_price_per_mtok = 3,
                          price_effective_from = '2026-03-20 12:00+00' WHERE id = %s$$, :m),
  '23514', NULL, 'a new price starting exactly at the latest such cost is rejected');
SELECT throws_ok(format($$UPDATE agentic.model_catalog SET output_price_per_mtok = 9 WHERE id = %s$$, :m),
  '23514', NULL, 'correcting the current price in place is rejected once costs recorded it');
SELECT throws_ok(format($$UPDATE agentic.model_catalog SET price_effective_from = '2026-02-01' WHERE id = %s$$, :m),
  '23514', NULL, 'moving only the start of the current price past recorded costs is rejected');
SELECT is(pg_temp.error_of(format($$UPDATE agentic.model_catalog SET price_effective_from = '2025-01-01' WHERE id = %s$$, :m)),
  '23514 model_catalog_price_history_forward', 'a start moved backwards still reports the older rule');
SELECT row_eq(format('SELECT input_price_per_mtok, output_price_per_mtok, price_effective_from FROM agentic.model_catalog WHERE id = %s', :m),
  ROW(2::numeric(14,6), 8::numeric(14,6), '2026-01-01 00:00+00'::timestamptz), 'the price is unchanged');
SELECT is((SELECT count(*)::int FROM agentic.model_price_history WHERE model_id = :m), 0, 'nothing was archived');

SELECT lives_ok(format($$UPDATE agentic.model_catalog SET is_active = false, display_name = 'PC' WHERE id = %s$$, :m),
  'an update that changes neither price nor start is not concerned');
SELECT lives_ok(format($$UPDATE agentic.model_catalog SET input_price_per_mtok = 5 WHERE id = %s$$, :idle),
  'a model without costs is corrected in place as before');
SELECT lives_ok(format($$UPDATE agentic.model_catalog SET input_price_per_mtok = 3,
                        price_effective_from = '2026-03-20 12:00:00.000001+00' WHERE id = %s$$, :m),
  'a new price after the latest cost that recorded the old one is accepted');
SELECT is((SELECT count(*)::int FROM agentic.model_price_history WHERE model_id = :m AND effective_until = '2026-03-20 12:00:00.000001+00'), 1,
  'and archives the old price');
-- costs that recorded the old price still record the price in effect at their time
SELECT lives_ok(
  $$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens,
         cost, cost_source, input_price_per_mtok, output_price_per_mtok, price_effective_from)
    SELECT agent_id, model_id, occurred_at, input_tokens, output_tokens, cost, cost_source,
           input_price_per_mtok, output_price_per_mtok, price_effective_from
      FROM agentic.execution_costs WHERE cost_source = 'derived' AND occurred_at = '2026-03-10 12:00+00'$$,
  'a copy of the derived cost still passes execution_costs_derived_price_in_effect');

-- The way out the HINT names: delete the costs, change the price, insert them again.
DELETE FROM agentic.execution_costs WHERE model_id = :idle;
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
SELECT id, :idle, '2026-04-01 00:00+00', 1000000 FROM agentic.agents WHERE name = 'pc-agent';
SELECT throws_ok(format($$UPDATE agentic.model_catalog SET input_price_per_mtok = 7,
                          price_effective_from = '2026-03-01' WHERE id = %s$$, :idle), '23514', NULL, 'setup: rejected');
DELETE FROM agentic.execution_costs WHERE model_id = :idle;
SELECT lives_ok(format($$UPDATE agentic.model_catalog SET input_price_per_mtok = 7,
                        price_effective_from = '2026-03-01' WHERE id = %s$$, :idle),
  'after deleting those costs the price change is accepted');
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
SELECT id, :idle, '2026-04-01 00:00+00', 1000000 FROM agentic.agents WHERE name = 'pc-agent';
SELECT is((SELECT cost FROM agentic.execution_costs WHERE model_id = :idle), 7.0000000000::numeric,
  'and the re-inserted cost is priced at the new price');

SELECT * FROM finish();
ROLLBACK;
