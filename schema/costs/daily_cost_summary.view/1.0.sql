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
