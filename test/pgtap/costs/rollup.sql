-- The daily cost rollup: kept current by the ledger's statement triggers through
-- inserts, updates (moving a cost to another day, model or amount) and deletes;
-- compaction merges rows without changing a total.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
SET LOCAL agentic.rollup_compact_every = 0;

CREATE TEMP VIEW ledger_by_day AS
SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, currency, count(*)::bigint AS executions,
       sum(cost) AS total_cost, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
       sum(cached_input_tokens) AS cached_input_tokens, count(DISTINCT model_id) AS models
  FROM agentic.execution_costs GROUP BY 1, 2;

INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok, price_effective_from)
VALUES ('r', 'r-1', 1, 2, '2020-01-01'), ('r', 'r-2', 3, 4, '2020-01-01');
INSERT INTO agentic.job_descriptions (title) VALUES ('rollup job');
INSERT INTO agentic.agents (name, job_description_id)
SELECT 'rollup-agent', id FROM agentic.job_descriptions WHERE title = 'rollup job';
CREATE TEMP TABLE ids AS
SELECT (SELECT id FROM agentic.agents WHERE name = 'rollup-agent') AS agent,
       (SELECT id FROM agentic.model_catalog WHERE model_name = 'r-1') AS m1,
       (SELECT id FROM agentic.model_catalog WHERE model_name = 'r-2') AS m2;

-- 50 single-row statements and one multi-row statement over three days and two models
DO $$
BEGIN
  FOR i IN 1..50 LOOP
    INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens)
    SELECT agent, CASE WHEN i % 2 = 0 THEN m1 ELSE m2 END,
           '2026-05-01 00:00+00'::timestamptz + (i % 3) * interval '1 day' + i * interval '1 minute',
           1000 * i, 100 * i
      FROM ids;
  END LOOP;
END $$;
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens, cached_input_tokens)
SELECT agent, m1, '2026-05-03 12:00+00', 5000, 500, 2000 FROM ids, generate_series(1, 20);
INSERT INTO agentic.execution_costs (agent_id, occurred_at, cost, currency)
SELECT agent, '2026-05-02 08:00+00', 0.42, 'EUR' FROM ids;

SELECT set_eq('SELECT * FROM agentic.daily_cost_summary', 'SELECT * FROM ledger_by_day',
  'after inserts the summary equals the ledger');
SELECT cmp_ok((SELECT count(*) FROM agentic.daily_cost_rollup), '>=', 52::bigint,
  'each statement appended its own rows (nobody updated a shared row)');

UPDATE agentic.execution_costs SET occurred_at = occurred_at + interval '1 day'
 WHERE occurred_at < '2026-05-02';
UPDATE agentic.execution_costs SET model_id = (SELECT m2 FROM ids), input_tokens = input_tokens + 1
 WHERE cached_input_tokens > 0 AND id % 2 = 0;
UPDATE agentic.execution_costs SET operation = 'relabel';   -- no amount changes: nets to nothing
SELECT set_eq('SELECT * FROM agentic.daily_cost_summary', 'SELECT * FROM ledger_by_day',
  'after updates that move costs across days and models the summary equals the ledger');

DELETE FROM agentic.execution_costs WHERE occurred_at >= '2026-05-03' AND cached_input_tokens = 0;
SELECT set_eq('SELECT * FROM agentic.daily_cost_summary', 'SELECT * FROM ledger_by_day',
  'after deletes the summary equals the ledger');

CREATE TEMP TABLE provenance AS
SELECT id, cost_source, input_price_per_mtok, price_effective_from FROM agentic.execution_costs;
UPDATE agentic.execution_costs SET metadata = '{"note": "edited"}';
SELECT set_eq('SELECT id, cost_source, input_price_per_mtok, price_effective_from FROM agentic.execution_costs',
              'SELECT * FROM provenance',
  'an edit that changes neither the cost nor its inputs keeps every row''s cost_source and recorded price');
UPDATE agentic.execution_costs SET cost_source = 'reported', input_price_per_mtok = 0;
SELECT set_eq('SELECT id, cost_source, input_price_per_mtok, price_effective_from FROM agentic.execution_costs',
              'SELECT * FROM provenance',
  'nobody rewrites which price a cost was computed at');

CREATE TEMP TABLE before_compaction AS SELECT * FROM agentic.daily_cost_summary;
SELECT cmp_ok(agentic.compact_daily_cost_rollup(), '>', 0::bigint, 'compaction merges rows');
SELECT is((SELECT count(*)::int FROM pg_locks
            WHERE locktype = 'advisory' AND classid = 1634168436 AND objid = 2 AND objsubid = 2
              AND pid = pg_backend_pid() AND granted),
          1, 'compaction by hand took its turn on the advisory lock (''agnt'', 2)');
SELECT is((SELECT count(*) FROM agentic.daily_cost_rollup),
          (SELECT count(*) FROM (SELECT DISTINCT day, currency, model_id FROM agentic.execution_costs
                                  JOIN LATERAL (SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day) d ON true) g),
  'after compaction: one row per day, currency and model that still has costs');
SELECT set_eq('SELECT * FROM agentic.daily_cost_summary', 'SELECT * FROM before_compaction',
  'compaction changes no total');

DELETE FROM agentic.execution_costs;
SELECT is((SELECT count(*) FROM agentic.daily_cost_summary), 0::bigint,
  'when the ledger is empty no day is left in the summary');

-- automatic compaction after N statements in this backend
SET LOCAL agentic.rollup_compact_every = 5;
DO $$
BEGIN
  FOR i IN 1..12 LOOP
    INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
    SELECT agent, m1, '2026-06-01 10:00+00', 100 FROM ids;
  END LOOP;
END $$;
SELECT cmp_ok((SELECT count(*) FROM agentic.daily_cost_rollup), '<', 12::bigint,
  'with agentic.rollup_compact_every = 5, twelve statements leave fewer than twelve rows');
SELECT set_eq('SELECT * FROM agentic.daily_cost_summary', 'SELECT * FROM ledger_by_day',
  'and the summary still equals the ledger');

TRUNCATE agentic.execution_costs;
SELECT is((SELECT count(*) FROM agentic.daily_cost_rollup), 0::bigint,
  'truncating the ledger empties the rollup with it');

SELECT * FROM finish();
ROLLBACK;
