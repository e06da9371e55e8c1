-- The cost rollup has two ways to append a statement's net change: summed in C and
-- inserted directly (the usual one), and an INSERT ... SELECT over the transition
-- tables when daily_cost_rollup has INSERT triggers of its own, which must fire. Both
-- must append the same rows: the same statements run once each way (on ledger rows of
-- their own) and the appended rows are compared.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
SET LOCAL agentic.rollup_compact_every = 0;

INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok, price_effective_from)
VALUES ('paths', 'paths-1', 1, 2, '2020-01-01'), ('paths', 'paths-2', 3, 4, '2020-01-01');
INSERT INTO agentic.job_descriptions (title) VALUES ('paths job');
INSERT INTO agentic.agents (name, job_description_id)
SELECT 'paths-agent', id FROM agentic.job_descriptions WHERE title = 'paths job';

-- Inserts over two UTC days (one just before midnight UTC), two models and none, a
-- reported and a derived cost; an update moving a cost to another day and model, one
-- changing nothing the rollup sums, a delete.
CREATE FUNCTION pg_temp.run_statements(tag text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  agent bigint := (SELECT id FROM agentic.agents WHERE name = 'paths-agent');
  m1 bigint := (SELECT id FROM agentic.model_catalog WHERE model_name = 'paths-1');
  m2 bigint := (SELECT id FROM agentic.model_catalog WHERE model_name = 'paths-2');
BEGIN
  INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens, operation)
  VALUES (agent, m1, '2026-03-01 23:59:59+00', 1000, 10, tag),
         (agent, m1, '2026-03-02 00:00:00+01', 2000, 20, tag),
         (agent, m2, '2026-03-02 12:00:00+00', 3000, 30, tag);
  INSERT INTO agentic.execution_costs (agent_id, occurred_at, input_tokens, cached_input_tokens, cost, operation)
  VALUES (agent, '2026-03-02 13:00:00+00', 500, 100, 0.25, tag);
  UPDATE agentic.execution_costs SET occurred_at = '2026-03-03 08:00:00+00', model_id = m2
   WHERE operation = tag AND input_tokens = 1000;
  UPDATE agentic.execution_costs SET metadata = '{"note": "no sum changes"}' WHERE operation = tag;
  DELETE FROM agentic.execution_costs WHERE operation = tag AND input_tokens = 2000;
END $$;

CREATE TEMP TABLE mark AS SELECT coalesce(max(id), 0) AS last_id FROM agentic.daily_cost_rollup;
SELECT pg_temp.run_statements('direct');
CREATE TEMP TABLE direct AS
SELECT day, currency, model_id, executions, total_cost, input_tokens, output_tokens, cached_input_tokens
  FROM agentic.daily_cost_rollup WHERE id > (SELECT last_id FROM mark);
UPDATE mark SET last_id = (SELECT max(id) FROM agentic.daily_cost_rollup);

CREATE FUNCTION public.agentic_test_count_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('agentic_test.rollup_trigger_rows',
                     (coalesce(nullif(current_setting('agentic_test.rollup_trigger_rows', true), ''), '0')::int + 1)::text,
                     true);
  RETURN NEW;
END $$;
CREATE TRIGGER agentic_test_count_rollup AFTER INSERT ON agentic.daily_cost_rollup
  FOR EACH ROW EXECUTE FUNCTION public.agentic_test_count_rollup();
SELECT pg_temp.run_statements('through sql');
DROP TRIGGER agentic_test_count_rollup ON agentic.daily_cost_rollup;
SELECT cmp_ok(current_setting('agentic_test.rollup_trigger_rows')::int, '>', 0,
              'daily_cost_rollup''s own INSERT trigger fired for the rows appended through SQL');
CREATE TEMP TABLE through_sql AS
SELECT day, currency, model_id, executions, total_cost, input_tokens, output_tokens, cached_input_tokens
  FROM agentic.daily_cost_rollup WHERE id > (SELECT last_id FROM mark);

SELECT cmp_ok((SELECT count(*) FROM direct), '>=', 6::bigint, 'every ledger statement appended its groups');
SELECT bag_eq('SELECT * FROM direct', 'SELECT * FROM through_sql', 'the two ways append the same rows');
SELECT is((SELECT count(*) FROM direct WHERE executions = 0 AND total_cost = 0 AND input_tokens = 0
             AND output_tokens = 0 AND cached_input_tokens = 0), 0::bigint,
          'an update that changes no sum appends nothing');
SELECT is((SELECT array_agg(DISTINCT day ORDER BY day) FROM direct),
          ARRAY['2026-03-01', '2026-03-02', '2026-03-03']::date[], 'days are UTC calendar days');
SELECT is((SELECT count(*) FROM direct WHERE model_id IS NULL), 1::bigint, 'a cost without a model has a group of its own');
-- The summary equals the ledger, both ways
SELECT set_eq($$SELECT day, currency, sum(executions) AS n, sum(total_cost) AS total FROM agentic.daily_cost_rollup
                 WHERE day BETWEEN '2026-03-01' AND '2026-03-03' GROUP BY 1, 2 HAVING sum(executions) <> 0$$,
              $$SELECT (occurred_at AT TIME ZONE 'UTC')::date, currency, count(*)::numeric AS n, sum(cost) AS total
                  FROM agentic.execution_costs WHERE occurred_at >= '2026-03-01' AND occurred_at < '2026-03-04'
                 GROUP BY 1, 2$$,
              'the rollup sums to the ledger');

SELECT * FROM finish();
ROLLBACK;
