-- bench/sql/memory_batch.sql: one batch of :batch rows into the native ledger, rolled back;
-- adds the native function calls of the transaction to :calls.
BEGIN;
INSERT INTO agentic.execution_costs (agent_id, model_id, operation, occurred_at, input_tokens, output_tokens,
                                     cached_input_tokens, cost)
SELECT 1 + g % :agents, 1 + g % 12, 'chat', :'anchor'::timestamptz - (g % 720) * interval '1 hour',
       100 + g % 20000, 10 + g % 3000, g % 100, CASE WHEN :'derive' THEN NULL ELSE 0.01 END
  FROM generate_series(1, :batch) g;
SELECT :calls + coalesce(sum(calls), 0) AS calls FROM pg_stat_xact_user_functions WHERE schemaname = 'agentic' \gset
ROLLBACK;
