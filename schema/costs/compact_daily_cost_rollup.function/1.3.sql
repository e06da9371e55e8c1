-- Native from 1.3, with the same semantics as 1.1's SQL function: merges every
-- appended row into one per (day, currency, model), dropping groups that net to
-- nothing; compactions take turns on advisory lock ('agnt', 2) and with
-- p_skip_if_busy it returns 0 at once when another one runs. It now writes the
-- rollup with the table owner's rights (as the rollup trigger does), so every
-- role grant_access() gives EXECUTE can run it. Run it under READ COMMITTED.
CREATE OR REPLACE FUNCTION agentic.compact_daily_cost_rollup(p_skip_if_busy boolean DEFAULT false)
RETURNS bigint
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_compact_daily_cost_rollup';
COMMENT ON FUNCTION agentic.compact_daily_cost_rollup(boolean) IS
  'Merges daily_cost_rollup into one row per day, currency and model without blocking writers, '
  'with the table owner''s rights; returns the number of rows merged (0 when skipped because '
  'another compaction runs)';
