CREATE VIEW agentic.daily_cost_summary AS
SELECT g.day,
       g.currency,
       sum(g.executions)::bigint AS executions,
       sum(g.total_cost) AS total_cost,
       sum(g.input_tokens) AS input_tokens,
       sum(g.output_tokens) AS output_tokens,
       sum(g.cached_input_tokens) AS cached_input_tokens,
       count(DISTINCT g.model_id) AS models
  FROM (SELECT r.day, r.currency, r.model_id, sum(r.executions) AS executions,
               sum(r.total_cost) AS total_cost, sum(r.input_tokens) AS input_tokens,
               sum(r.output_tokens) AS output_tokens,
               sum(r.cached_input_tokens) AS cached_input_tokens
          FROM agentic.daily_cost_rollup r
         GROUP BY r.day, r.currency, r.model_id
        HAVING sum(r.executions) <> 0) AS g
 GROUP BY g.day, g.currency;
COMMENT ON VIEW agentic.daily_cost_summary IS
  'Spend per UTC day and currency, from daily_cost_rollup (always current: kept by the ledger''s triggers)';
COMMENT ON COLUMN agentic.daily_cost_summary.day IS 'UTC calendar day of occurred_at';
COMMENT ON COLUMN agentic.daily_cost_summary.currency IS 'Currency of the costs';
COMMENT ON COLUMN agentic.daily_cost_summary.executions IS 'Ledger rows';
COMMENT ON COLUMN agentic.daily_cost_summary.total_cost IS 'Sum of costs';
COMMENT ON COLUMN agentic.daily_cost_summary.input_tokens IS 'Input tokens';
COMMENT ON COLUMN agentic.daily_cost_summary.output_tokens IS 'Output tokens';
COMMENT ON COLUMN agentic.daily_cost_summary.cached_input_tokens IS 'Cached input tokens';
COMMENT ON COLUMN agentic.daily_cost_summary.models IS 'Distinct models used';
