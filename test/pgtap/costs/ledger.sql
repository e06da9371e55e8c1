-- The cost ledger: validation, derivation from model prices, price history.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

\ir ../../fixtures/error_of.sql

----------------------------------------------------------------------------------------
-- Fixtures
----------------------------------------------------------------------------------------
INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok,
       cached_input_price_per_mtok, price_effective_from)
VALUES ('pgtap', 'priced', 5.00, 15.00, 2.50, '2026-01-01 00:00+00') RETURNING id AS m_priced \gset
INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok,
       price_effective_from)
VALUES ('pgtap', 'no-cache-price', 2.00, 8.00, '2026-01-01 00:00+00') RETURNING id AS m_nocache \gset
INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok,
       price_effective_from)
VALUES ('pgtap', 'odd-price', 1.234567, 0, '2026-01-01 00:00+00') RETURNING id AS m_odd \gset
INSERT INTO agentic.job_descriptions (title) VALUES ('Spender') RETURNING id AS job \gset
INSERT INTO agentic.agents (name, job_description_id, model_id, status)
VALUES ('spender', :job, :m_priced, 'active') RETURNING id AS agent \gset
INSERT INTO agentic.tasks (title) VALUES ('costly task') RETURNING id AS task \gset

CREATE FUNCTION pg_temp.cost_sql(cost text, input bigint DEFAULT 0, output bigint DEFAULT 0,
                                 cached bigint DEFAULT 0) RETURNS text LANGUAGE sql AS $$
  SELECT format('INSERT INTO agentic.execution_costs (agent_id, input_tokens, output_tokens, '
                'cached_input_tokens, cost) VALUES (%s, %s, %s, %s, %s)',
                (SELECT id FROM agentic.agents WHERE name = 'spender'), input, output, cached, cost)
$$;

----------------------------------------------------------------------------------------
-- Invalid costs
----------------------------------------------------------------------------------------
SELECT throws_ok(pg_temp.cost_sql('''NaN'''), '23514', 'execution cost rejected: cost must be a number, not NaN',
                 'a NaN cost is rejected');
SELECT is(pg_temp.error_of(pg_temp.cost_sql('''NaN''')), '23514 execution_costs_cost_finite',
          'NaN is reported as rule execution_costs_cost_finite');
-- numeric(20,10) cannot hold an infinity: PostgreSQL rejects it before the trigger runs.
SELECT throws_ok(pg_temp.cost_sql('''Infinity'''), '22003', 'numeric field overflow', 'an infinite cost is rejected');
SELECT throws_ok(pg_temp.cost_sql('''-Infinity'''), '22003', 'numeric field overflow', 'a -infinite cost is rejected');
SELECT throws_ok(pg_temp.cost_sql('0'), '23514', 'execution cost rejected: cost must be greater than zero',
                 'a zero cost is rejected');
SELECT is(pg_temp.error_of(pg_temp.cost_sql('0')), '23514 execution_costs_cost_positive',
          'zero is reported as rule execution_costs_cost_positive');
SELECT throws_ok(pg_temp.cost_sql('-0.01'), '23514', 'execution cost rejected: cost must be greater than zero',
                 'a negative cost is rejected');
SELECT is(pg_temp.error_of(pg_temp.cost_sql('-0.0000000001')), '23514 execution_costs_cost_positive',
          'the smallest negative cost is reported as rule execution_costs_cost_positive');
SELECT lives_ok(pg_temp.cost_sql('0.0000000001'), 'the smallest positive cost is accepted');

SELECT throws_ok(pg_temp.cost_sql('1', -1, 0, 0), '23514', 'execution cost rejected: input_tokens must not be negative',
                 'negative input_tokens are rejected');
SELECT throws_ok(pg_temp.cost_sql('1', 0, -1, 0), '23514', 'execution cost rejected: output_tokens must not be negative',
                 'negative output_tokens are rejected');
SELECT throws_ok(pg_temp.cost_sql('1', 10, 0, -1), '23514', 'execution cost rejected: cached_input_tokens must not be negative',
                 'negative cached_input_tokens are rejected');
SELECT is(pg_temp.error_of(pg_temp.cost_sql('1', 0, -5, 0)), '23514 execution_costs_tokens_non_negative',
          'negative tokens are reported as rule execution_costs_tokens_non_negative');
SELECT throws_ok(pg_temp.cost_sql('1', 10, 0, 11), '23514',
                 'execution cost rejected: cached_input_tokens must not exceed input_tokens',
                 'more cached than input tokens is rejected');
SELECT is(pg_temp.error_of(pg_temp.cost_sql('1', 10, 0, 11)), '23514 execution_costs_cached_within_input',
          'reported as rule execution_costs_cached_within_input');
SELECT lives_ok(pg_temp.cost_sql('1', 10, 0, 10), 'all input tokens cached is fine');

SELECT throws_ok(pg_temp.cost_sql('1000.0000000001'), '23514',
                 'execution cost rejected: cost exceeds agentic.max_execution_cost (1000.00)',
                 'a cost above agentic.max_execution_cost is rejected');
SELECT is(pg_temp.error_of(pg_temp.cost_sql('5000')), '23514 execution_costs_cost_ceiling',
          'reported as rule execution_costs_cost_ceiling');
SELECT lives_ok(pg_temp.cost_sql('1000'), 'a cost equal to agentic.max_execution_cost is accepted');
SET LOCAL agentic.max_execution_cost = 10000;
SELECT lives_ok(pg_temp.cost_sql('5000'), 'after SET LOCAL agentic.max_execution_cost = 10000, 5000 is accepted');
SET LOCAL agentic.max_execution_cost = 0.1;
SELECT lives_ok(pg_temp.cost_sql('0.1'), 'with a ceiling of 0.1, a cost of exactly 0.1 is accepted');
SELECT throws_ok(pg_temp.cost_sql('0.1000000001'), '23514',
                 'execution cost rejected: cost exceeds agentic.max_execution_cost (0.10)',
                 'with a ceiling of 0.1, 0.1000000001 is rejected');
SET LOCAL agentic.max_execution_cost TO DEFAULT;
SELECT throws_ok(format('INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, output_tokens, cost) '
                        'VALUES (%s, %s, ''2026-02-01'', 100000000, NULL)', :agent, :m_priced),
                 '23514', 'execution cost rejected: cost exceeds agentic.max_execution_cost (1000.00)',
                 'a derived cost above the ceiling (100M output tokens at 15/M = 1500) is rejected');

SELECT is(pg_temp.error_of(format('INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, output_tokens, cost) '
                                  'VALUES (%s, %s, ''2026-02-01'', 1000000000000000, NULL)', :agent, :m_priced)),
          '23514 execution_costs_cost_ceiling',
          'a derived cost beyond the column range (1e15 output tokens at 15/M) is rejected by the ceiling rule');

----------------------------------------------------------------------------------------
-- Derived costs
----------------------------------------------------------------------------------------
INSERT INTO agentic.execution_costs (agent_id, task_id, model_id, occurred_at, input_tokens, output_tokens, cost)
VALUES (:agent, :task, :m_priced, '2026-02-01 12:00+00', 1000000, 500000, NULL) RETURNING id AS c_derived \gset
SELECT is((SELECT cost FROM agentic.execution_costs WHERE id = :c_derived), 12.5::numeric,
          '1M input at 5.00/M + 500k output at 15.00/M = 12.5');
SELECT is((SELECT cost_source::text FROM agentic.execution_costs WHERE id = :c_derived), 'derived',
          'a NULL cost is marked derived');
SELECT row_eq(format('SELECT input_price_per_mtok, output_price_per_mtok, cached_input_price_per_mtok, price_effective_from '
                     'FROM agentic.execution_costs WHERE id = %s', :c_derived),
              ROW(5.000000::numeric(14,6), 15.000000::numeric(14,6), 2.500000::numeric(14,6),
                  '2026-01-01 00:00+00'::timestamptz),
              'the derived cost records the price it used');

INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, cached_input_tokens, cost)
VALUES (:agent, :m_priced, '2026-02-01 12:00+00', 1000000, 400000, NULL) RETURNING id AS c_cached \gset
SELECT is((SELECT cost FROM agentic.execution_costs WHERE id = :c_cached), 4::numeric,
          'cached tokens are billed at the cached price: 600k x 5.00 + 400k x 2.50 = 4.0');

INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, cached_input_tokens, output_tokens, cost)
VALUES (:agent, :m_nocache, '2026-02-01 12:00+00', 1000000, 500000, 250000, NULL) RETURNING id AS c_nocache \gset
SELECT is((SELECT cost FROM agentic.execution_costs WHERE id = :c_nocache), 4::numeric,
          'without a cached price cached tokens cost the input price: 1M x 2.00 + 250k x 8.00 = 4.0');
SELECT is((SELECT cached_input_price_per_mtok FROM agentic.execution_costs WHERE id = :c_nocache), NULL,
          'and the recorded cached price is NULL');

INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok, currency,
       price_effective_from)
VALUES ('pgtap', 'euro-model', 4.00, 12.00, 'EUR', '2026-01-01 00:00+00') RETURNING id AS m_eur \gset
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens, cost)
VALUES (:agent, :m_eur, '2026-02-01 12:00+00', 1000000, 1000000, NULL) RETURNING id AS c_eur \gset
SELECT row_eq(format('SELECT cost, currency::text FROM agentic.execution_costs WHERE id = %s', :c_eur),
              ROW(16::numeric, 'EUR'::text),
              'a cost derived from EUR prices is 16 EUR (recorded in the currency of the price)');

INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, cost)
VALUES (:agent, :m_odd, '2026-02-01 12:00+00', 1, NULL) RETURNING id AS c_round \gset
SELECT is((SELECT cost FROM agentic.execution_costs WHERE id = :c_round), 0.0000012346::numeric,
          'one token at 1.234567/M rounds half up to 0.0000012346 (scale 10)');
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens, cost)
VALUES (:agent, :m_priced, '2026-02-01 12:00+00', 123457, 98765, NULL) RETURNING id AS c_exact \gset
SELECT is((SELECT cost FROM agentic.execution_costs WHERE id = :c_exact),
          round((123457 * 5.00 + 98765 * 15.00) / 1000000, 10),
          'a derived cost equals the exact decimal computation');

INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens, cost)
VALUES (:agent, :m_priced, '2026-02-01 12:00+00', 1000000, 500000, 11.75) RETURNING id AS c_reported \gset
SELECT is((SELECT cost FROM agentic.execution_costs WHERE id = :c_reported), 11.75::numeric, 'a given cost is kept');
SELECT is((SELECT cost_source::text FROM agentic.execution_costs WHERE id = :c_reported), 'reported',
          'a given cost is marked reported');
SELECT row_eq(format('SELECT input_price_per_mtok, output_price_per_mtok, cached_input_price_per_mtok, price_effective_from '
                     'FROM agentic.execution_costs WHERE id = %s', :c_reported),
              ROW(5.000000::numeric(14,6), 15.000000::numeric(14,6), 2.500000::numeric(14,6),
                  '2026-01-01 00:00+00'::timestamptz),
              'a reported cost still records the price in effect');
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.execution_costs (agent_id, cost, cost_source)
                                    VALUES (%s, 0.25, 'derived')$$, :agent)),
          '23514 execution_costs_derived_cost_matches',
          'a cost claimed derived without the price it was derived at is refused, not stored as reported');
SELECT throws_ok(format($$INSERT INTO agentic.execution_costs (agent_id, model_id, input_tokens, cost, cost_source)
                          VALUES (%s, %s, 10, 0, 'derived')$$, :agent, :m_priced),
                 '23514', 'execution cost rejected: a cost that arrives as derived must record the price it was '
                          'derived at (price_effective_from and the prices); leave cost NULL to have it derived',
                 'a zero cost claimed derived is told that its price is missing');
INSERT INTO agentic.execution_costs (agent_id, cost) VALUES (:agent, 0.25)
  RETURNING id AS c_lying \gset
SELECT is((SELECT cost_source::text FROM agentic.execution_costs WHERE id = :c_lying), 'reported',
          'a given cost is reported');

-- Rows that arrive with their cost and recorded price (a restore) keep both; a derived claim must add up
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens, cost, cost_source,
       input_price_per_mtok, output_price_per_mtok, cached_input_price_per_mtok, price_effective_from)
VALUES (:agent, :m_priced, '2026-02-01 12:00+00', 1000000, 1000000, 20.00, 'derived', 5.00, 15.00, 2.50,
        '2026-01-01 00:00+00')
RETURNING id AS c_restored \gset
SELECT row_eq(format('SELECT cost, cost_source::text, input_price_per_mtok, output_price_per_mtok, price_effective_from '
                     'FROM agentic.execution_costs WHERE id = %s', :c_restored),
              ROW(20.00::numeric, 'derived'::text, 5.000000::numeric(14,6), 15.000000::numeric(14,6),
                  '2026-01-01 00:00+00'::timestamptz),
              'a restored derived cost that adds up at the price in effect keeps its recorded price');
SELECT throws_ok(format($$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens,
                          cost, cost_source, input_price_per_mtok, output_price_per_mtok, cached_input_price_per_mtok,
                          price_effective_from)
                          VALUES (%s, %s, '2026-02-01 12:00+00', 1000000, 1000000, 20.01, 'derived', 5.00, 15.00, 2.50,
                                  '2026-01-01')$$,
                        :agent, :m_priced),
                 '23514', 'execution cost rejected: a derived cost must equal tokens times the recorded prices',
                 'a restored derived cost that does not add up is rejected');
SELECT throws_ok(format($$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens,
                          cost, cost_source, input_price_per_mtok, output_price_per_mtok, price_effective_from)
                          VALUES (%s, %s, '2026-02-01 12:00+00', 1000000, 1000000, 3.00, 'derived', 1.00, 2.00, '2025-01-01')$$,
                        :agent, :m_priced),
                 '23514', 'execution cost rejected: a derived cost must record the model''s price in effect at occurred_at',
                 'a derived claim with made-up prices that add up is rejected');
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.execution_costs (agent_id, occurred_at, input_tokens, cost,
                                    cost_source, price_effective_from)
                                    VALUES (%s, '2026-02-01', 10, 1, 'derived', '2025-01-01')$$, :agent)),
          '23514 execution_costs_derived_cost_matches',
          'a derived claim without recorded prices is reported as rule execution_costs_derived_cost_matches');
SELECT throws_ok(format($$INSERT INTO agentic.execution_costs (agent_id, occurred_at, cost, price_effective_from)
                          VALUES (%s, '2026-02-01', 'NaN', '2025-01-01')$$, :agent),
                 '23514', 'execution cost rejected: cost must be a number, not NaN',
                 'a restored row is still validated');

----------------------------------------------------------------------------------------
-- Price history
----------------------------------------------------------------------------------------
UPDATE agentic.model_catalog
   SET input_price_per_mtok = 2.50, output_price_per_mtok = 10.00, cached_input_price_per_mtok = 1.25,
       price_effective_from = '2026-06-01 00:00+00'
 WHERE id = :m_priced;
SELECT results_eq(format('SELECT effective_from, effective_until, input_price_per_mtok, output_price_per_mtok, '
                         'cached_input_price_per_mtok, currency::text FROM agentic.model_price_history WHERE model_id = %s', :m_priced),
                  $$VALUES ('2026-01-01 00:00+00'::timestamptz, '2026-06-01 00:00+00'::timestamptz,
                            5.000000::numeric(14,6), 15.000000::numeric(14,6), 2.500000::numeric(14,6), 'USD')$$,
                  'a later price archives the old period into model_price_history');

CREATE FUNCTION pg_temp.derived_at(model bigint, at timestamptz) RETURNS TABLE (cost numeric, price_from timestamptz)
LANGUAGE sql AS $$
  INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens, cost)
  VALUES ((SELECT id FROM agentic.agents WHERE name = 'spender'), model, at, 1000000, 500000, NULL)
  RETURNING cost, price_effective_from
$$;
SELECT row_eq($$SELECT * FROM pg_temp.derived_at((SELECT id FROM agentic.model_catalog WHERE model_name = 'priced'),
                                                  '2026-03-01 00:00+00')$$,
              ROW(12.5::numeric, '2026-01-01 00:00+00'::timestamptz),
              'a cost before the price change is priced at the old price');
SELECT row_eq($$SELECT * FROM pg_temp.derived_at((SELECT id FROM agentic.model_catalog WHERE model_name = 'priced'),
                                                  '2026-05-31 23:59:59.999999+00')$$,
              ROW(12.5::numeric, '2026-01-01 00:00+00'::timestamptz),
              'the last microsecond of the old period uses the old price');
SELECT row_eq($$SELECT * FROM pg_temp.derived_at((SELECT id FROM agentic.model_catalog WHERE model_name = 'priced'),
                                                  '2026-06-01 00:00+00')$$,
              ROW(7.5::numeric, '2026-06-01 00:00+00'::timestamptz),
              'the first instant of the new period uses the new price (1M x 2.50 + 500k x 10.00 = 7.5)');
SELECT row_eq($$SELECT * FROM pg_temp.derived_at((SELECT id FROM agentic.model_catalog WHERE model_name = 'priced'),
                                                  '2026-07-01 00:00+00')$$,
              ROW(7.5::numeric, '2026-06-01 00:00+00'::timestamptz),
              'a cost after the price change is priced at the new price');
SELECT is((SELECT cost FROM agentic.execution_costs WHERE id = :c_derived), 12.5::numeric,
          'existing costs are not re-priced by a price change');

UPDATE agentic.model_catalog SET input_price_per_mtok = 3.00, output_price_per_mtok = 12.00,
       cached_input_price_per_mtok = 1.50, price_effective_from = '2026-09-01 00:00+00'
 WHERE id = :m_priced;
SELECT results_eq(format('SELECT effective_from, effective_until, input_price_per_mtok FROM agentic.model_price_history '
                         'WHERE model_id = %s ORDER BY effective_from', :m_priced),
                  $$VALUES ('2026-01-01 00:00+00'::timestamptz, '2026-06-01 00:00+00'::timestamptz, 5.000000::numeric(14,6)),
                           ('2026-06-01 00:00+00'::timestamptz, '2026-09-01 00:00+00'::timestamptz, 2.500000::numeric(14,6))$$,
                  'a second change archives the second period, adjacent to the first');
SELECT row_eq($$SELECT * FROM pg_temp.derived_at((SELECT id FROM agentic.model_catalog WHERE model_name = 'priced'),
                                                  '2026-07-15 00:00+00')$$,
              ROW(7.5::numeric, '2026-06-01 00:00+00'::timestamptz),
              'a cost in the middle period is priced from the middle period');
SELECT row_eq($$SELECT * FROM pg_temp.derived_at((SELECT id FROM agentic.model_catalog WHERE model_name = 'priced'),
                                                  '2026-02-15 00:00+00')$$,
              ROW(12.5::numeric, '2026-01-01 00:00+00'::timestamptz),
              'a cost in the first period is still priced from the first period');

UPDATE agentic.model_catalog SET output_price_per_mtok = 12.50 WHERE id = :m_priced;
SELECT is((SELECT count(*)::int FROM agentic.model_price_history WHERE model_id = :m_priced), 2,
          'correcting the current price without moving price_effective_from archives nothing');
SELECT throws_ok(format('UPDATE agentic.model_catalog SET price_effective_from = ''2026-08-01'' WHERE id = %s', :m_priced),
                 '23514', 'a model''s price_effective_from cannot move backwards',
                 'moving price_effective_from backwards is rejected');
SELECT is(pg_temp.error_of(format('UPDATE agentic.model_catalog SET price_effective_from = ''2025-01-01'' WHERE id = %s', :m_priced)),
          '23514 model_catalog_price_history_forward', 'reported as constraint model_catalog_price_history_forward');
SELECT is((SELECT price_effective_from FROM agentic.model_catalog WHERE id = :m_priced), '2026-09-01 00:00+00'::timestamptz,
          'the current price period is unchanged after the rejected move');

----------------------------------------------------------------------------------------
-- Underivable and unattributed costs, foreign keys
----------------------------------------------------------------------------------------
SELECT throws_ok(format('INSERT INTO agentic.execution_costs (agent_id, input_tokens, cost) VALUES (%s, 100, NULL)', :agent),
                 '23514', 'execution cost rejected: cost is NULL and cannot be derived: it names no model_id',
                 'a NULL cost without a model is rejected');
SELECT throws_ok(format('INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, cost) '
                        'VALUES (%s, %s, ''2025-12-31 23:59:59+00'', 100, NULL)', :agent, :m_priced),
                 '23514',
                 format('execution cost rejected: cost is NULL and cannot be derived: model %s has no price in effect at occurred_at', :m_priced),
                 'a NULL cost before the model''s first price is rejected');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, cost) '
                                  'VALUES (%s, %s, ''2020-01-01'', NULL)', :agent, :m_nocache)),
          '23514 execution_costs_cost_derivable', 'reported as rule execution_costs_cost_derivable');
SELECT is((SELECT price_effective_from FROM agentic.execution_costs WHERE id = :c_lying), NULL,
          'a cost without a model records no price');

SELECT is(pg_temp.error_of('INSERT INTO agentic.execution_costs (cost) VALUES (1)'),
          '23514 execution_costs_attributed', 'a cost attributed to nothing is rejected');
SELECT lives_ok(format('INSERT INTO agentic.execution_costs (task_id, cost) VALUES (%s, 1)', :task),
                'a cost attributed to a task only is fine');
SELECT throws_ok('INSERT INTO agentic.execution_costs (agent_id, cost) VALUES (-42, 1)', '23503', NULL,
                 'an unknown agent is rejected by the foreign key');
SELECT throws_ok(format('INSERT INTO agentic.execution_costs (agent_id, model_id, cost) VALUES (%s, -42, 1)', :agent),
                 '23503', NULL, 'an unknown model is rejected by the foreign key');
SELECT throws_ok('INSERT INTO agentic.execution_costs (task_id, cost) VALUES (-42, 1)', '23503', NULL,
                 'an unknown task is rejected by the foreign key');
SELECT throws_ok(format('INSERT INTO agentic.execution_costs (agent_id, task_assignment_id, cost) VALUES (%s, -42, 1)', :agent),
                 '23503', NULL, 'an unknown assignment is rejected by the foreign key');

----------------------------------------------------------------------------------------
-- Updates re-derive derived costs
----------------------------------------------------------------------------------------
UPDATE agentic.execution_costs SET output_tokens = 1000000 WHERE id = :c_derived;
SELECT is((SELECT cost FROM agentic.execution_costs WHERE id = :c_derived), 20::numeric,
          'correcting the tokens of a derived cost re-derives it: 1M x 5.00 + 1M x 15.00 = 20');
SELECT is((SELECT cost_source::text FROM agentic.execution_costs WHERE id = :c_derived), 'derived', 'still derived');
UPDATE agentic.execution_costs SET occurred_at = '2026-07-01 00:00+00' WHERE id = :c_derived;
SELECT row_eq(format('SELECT cost, price_effective_from FROM agentic.execution_costs WHERE id = %s', :c_derived),
              ROW(12.5::numeric, '2026-06-01 00:00+00'::timestamptz),
              'moving a derived cost into another price period re-prices it (1M x 2.50 + 1M x 10.00 = 12.5)');
UPDATE agentic.execution_costs SET output_tokens = 1000000 WHERE id = :c_reported;
SELECT is((SELECT cost FROM agentic.execution_costs WHERE id = :c_reported), 11.75::numeric,
          'correcting the tokens of a reported cost keeps the reported amount');
UPDATE agentic.execution_costs SET cost = 3.33 WHERE id = :c_derived;
SELECT row_eq(format('SELECT cost, cost_source::text FROM agentic.execution_costs WHERE id = %s', :c_derived),
              ROW(3.33::numeric, 'reported'::text), 'overriding a derived cost makes it reported');
UPDATE agentic.execution_costs SET cost = NULL WHERE id = :c_reported;
SELECT row_eq(format('SELECT cost, cost_source::text FROM agentic.execution_costs WHERE id = %s', :c_reported),
              ROW(20::numeric, 'derived'::text), 'setting a reported cost to NULL derives it');
SELECT throws_ok(format('UPDATE agentic.execution_costs SET cost = 0 WHERE id = %s', :c_reported),
                 '23514', 'execution cost rejected: cost must be greater than zero', 'UPDATE is validated too');
SELECT throws_ok(format('UPDATE agentic.execution_costs SET cached_input_tokens = input_tokens + 1 WHERE id = %s', :c_reported),
                 '23514', 'execution cost rejected: cached_input_tokens must not exceed input_tokens',
                 'token rules apply to UPDATE');

----------------------------------------------------------------------------------------
-- A multi-row INSERT with one bad row writes nothing
----------------------------------------------------------------------------------------
CREATE TEMP TABLE before_count AS SELECT count(*) AS n FROM agentic.execution_costs;
SELECT throws_ok(format('INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, cost) VALUES '
                        '(%1$s, %2$s, ''2026-02-01'', 100, NULL), (%1$s, NULL, ''2026-02-01'', 100, 0.5), '
                        '(%1$s, NULL, ''2026-02-01'', 100, -1), (%1$s, %2$s, ''2026-02-01'', 100, NULL)', :agent, :m_priced),
                 '23514', 'execution cost rejected: cost must be greater than zero',
                 'a multi-row INSERT with one negative cost fails');
SELECT is((SELECT count(*) FROM agentic.execution_costs), (SELECT n FROM before_count),
          'and none of its rows were written');

-- A cost happened already (1.3): a far-future occurred_at would freeze its model's price,
-- since a new price may only take effect after the latest cost recorded at the old one
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
                                    VALUES (%s, %s, '2999-01-01', 10)$$, :agent, :m_priced)),
          '23514 execution_costs_occurred_at_not_future', 'a cost dated in 2999 is refused');
SELECT lives_ok(format($$INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
                         VALUES (%s, %s, clock_timestamp() + interval '4 minutes', 10)$$, :agent, :m_priced),
                'a writer''s clock a few minutes ahead of the server is allowed');
SELECT is(pg_temp.error_of(format($$UPDATE agentic.execution_costs SET occurred_at = now() + interval '1 day'
                                    WHERE id = %s$$, :c_reported)),
          '23514 execution_costs_occurred_at_not_future', 'an update cannot move a cost into the future');
SELECT lives_ok($$UPDATE model_catalog SET input_price_per_mtok = input_price_per_mtok + 1,
                         price_effective_from = now() + interval '10 minutes' WHERE model_name = 'priced'$$,
                'so a price change dated a little ahead is never blocked by a cost from the future');

SELECT * FROM finish();
ROLLBACK;
