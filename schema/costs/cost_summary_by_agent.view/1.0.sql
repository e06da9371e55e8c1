CREATE VIEW agentic.cost_summary_by_agent AS
SELECT a.id AS agent_id,
       a.name AS agent_name,
       a.status AS agent_status,
       c.currency,
       count(c.id) AS executions,
       coalesce(sum(c.cost), 0) AS total_cost,
       avg(c.cost) AS avg_cost,
       coalesce(sum(c.input_tokens), 0) AS input_tokens,
       coalesce(sum(c.output_tokens), 0) AS output_tokens,
       coalesce(sum(c.cached_input_tokens), 0) AS cached_input_tokens,
       min(c.occurred_at) AS first_execution_at,
       max(c.occurred_at) AS last_execution_at
  FROM agentic.agents a
  LEFT JOIN agentic.execution_costs c ON c.agent_id = a.id
 GROUP BY a.id, a.name, a.status, c.currency;
COMMENT ON VIEW agentic.cost_summary_by_agent IS
  'Executions, spend and tokens per agent and currency, over the whole ledger (agents without costs: one row, currency NULL)';
COMMENT ON COLUMN agentic.cost_summary_by_agent.agent_id IS 'The agent';
COMMENT ON COLUMN agentic.cost_summary_by_agent.agent_name IS 'Agent name';
COMMENT ON COLUMN agentic.cost_summary_by_agent.agent_status IS 'Agent status';
COMMENT ON COLUMN agentic.cost_summary_by_agent.currency IS 'Currency of the costs (NULL when the agent has none)';
COMMENT ON COLUMN agentic.cost_summary_by_agent.executions IS 'Ledger rows charged to the agent';
COMMENT ON COLUMN agentic.cost_summary_by_agent.total_cost IS 'Sum of their costs (0 when none)';
COMMENT ON COLUMN agentic.cost_summary_by_agent.avg_cost IS 'Average cost per execution';
COMMENT ON COLUMN agentic.cost_summary_by_agent.input_tokens IS 'Input tokens';
COMMENT ON COLUMN agentic.cost_summary_by_agent.output_tokens IS 'Output tokens';
COMMENT ON COLUMN agentic.cost_summary_by_agent.cached_input_tokens IS 'Cached input tokens';
COMMENT ON COLUMN agentic.cost_summary_by_agent.first_execution_at IS 'Earliest occurred_at';
COMMENT ON COLUMN agentic.cost_summary_by_agent.last_execution_at IS 'Latest occurred_at';
