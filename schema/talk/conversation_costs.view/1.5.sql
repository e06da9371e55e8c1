CREATE VIEW agentic.conversation_costs WITH (security_invoker = true) AS
SELECT c.id AS conversation_id, c.user_id, e.currency, count(*) AS executions, sum(e.cost) AS total_cost,
       max(e.occurred_at) AS last_cost_at
  FROM agentic.conversations c
  JOIN agentic.execution_costs e ON e.conversation_id = c.id
 GROUP BY c.id, c.user_id, e.currency;
COMMENT ON VIEW agentic.conversation_costs IS
  'What each conversation cost, per currency, summed from the ledger when read (always current; the ledger is the only money column). '
  'Runs with the reader''s rights: row-level security on conversations applies';
COMMENT ON COLUMN agentic.conversation_costs.conversation_id IS 'The conversation';
COMMENT ON COLUMN agentic.conversation_costs.user_id IS 'Its user';
COMMENT ON COLUMN agentic.conversation_costs.currency IS 'Currency of the costs summed';
COMMENT ON COLUMN agentic.conversation_costs.executions IS 'Ledger rows of the conversation in that currency';
COMMENT ON COLUMN agentic.conversation_costs.total_cost IS 'Their sum';
COMMENT ON COLUMN agentic.conversation_costs.last_cost_at IS 'When the latest of them occurred';
