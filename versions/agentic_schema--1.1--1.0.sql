-- agentic_schema 1.1 -> 1.0: back to 1.0's privileges and to the daily cost
-- summary computed from the ledger. Grants made with grant_access stay in place
-- (they are the DBA's), only the functions go. The rollup is derived from the
-- ledger, so dropping it loses nothing.
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.0'" to load this file. \quit

DROP FUNCTION agentic.grant_access(regrole, text);
DROP FUNCTION agentic.revoke_access(regrole);

GRANT EXECUTE ON FUNCTION
  agentic.status_transitions(),
  agentic.calculate_agent_utilization(bigint, timestamptz, timestamptz),
  agentic.calculate_agent_utilization(bigint),
  agentic.calculate_agent_utilization(timestamptz, timestamptz)
TO PUBLIC;

DROP VIEW agentic.daily_cost_summary;
DROP TRIGGER execution_costs_rollup_insert ON agentic.execution_costs;
DROP TRIGGER execution_costs_rollup_update ON agentic.execution_costs;
DROP TRIGGER execution_costs_rollup_delete ON agentic.execution_costs;
DROP TRIGGER execution_costs_rollup_truncate ON agentic.execution_costs;
DROP FUNCTION agentic.cost_rollup_changes();
DROP FUNCTION agentic.compact_daily_cost_rollup(boolean);
ALTER EXTENSION agentic_schema DROP TABLE agentic.daily_cost_rollup;
ALTER EXTENSION agentic_schema DROP SEQUENCE agentic.daily_cost_rollup_id_seq;
DROP TABLE agentic.daily_cost_rollup;

CREATE VIEW agentic.daily_cost_summary AS
SELECT (c.occurred_at AT TIME ZONE 'UTC')::date AS day,
       c.currency,
       count(*) AS executions,
       sum(c.cost) AS total_cost,
       sum(c.input_tokens) AS input_tokens,
       sum(c.output_tokens) AS output_tokens,
       sum(c.cached_input_tokens) AS cached_input_tokens,
       count(DISTINCT c.model_id) AS models
  FROM agentic.execution_costs c
 GROUP BY 1, 2;
COMMENT ON VIEW agentic.daily_cost_summary IS
  'Spend per UTC day and currency, computed from the ledger at query time (always current)';
COMMENT ON COLUMN agentic.daily_cost_summary.day IS 'UTC calendar day of occurred_at';
COMMENT ON COLUMN agentic.daily_cost_summary.currency IS 'Currency of the costs';
COMMENT ON COLUMN agentic.daily_cost_summary.executions IS 'Ledger rows';
COMMENT ON COLUMN agentic.daily_cost_summary.total_cost IS 'Sum of costs';
COMMENT ON COLUMN agentic.daily_cost_summary.input_tokens IS 'Input tokens';
COMMENT ON COLUMN agentic.daily_cost_summary.output_tokens IS 'Output tokens';
COMMENT ON COLUMN agentic.daily_cost_summary.cached_input_tokens IS 'Cached input tokens';
COMMENT ON COLUMN agentic.daily_cost_summary.models IS 'Distinct models used';
