-- The demo data set through every rule, and the report a user comes for.
\set ECHO none
\set QUIET on
\i test/fixtures/reset.sql
\i demo/sample_data.sql
\set QUIET off
\set ON_ERROR_STOP off
\set ECHO all
\i demo/report.sql

-- Costs before the 2026-10-01 price change are priced from the price history.
SELECT m.model_name, c.occurred_at::date AS day, c.cost_source, c.input_price_per_mtok,
       c.output_price_per_mtok, c.cached_input_price_per_mtok, count(*) AS executions,
       sum(c.cost) AS cost
  FROM agentic.execution_costs c JOIN agentic.model_catalog m ON m.id = c.model_id
 GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2;
SELECT m.model_name, h.effective_from, h.effective_until, h.input_price_per_mtok,
       h.output_price_per_mtok
  FROM agentic.model_price_history h JOIN agentic.model_catalog m ON m.id = h.model_id;

-- The audit trail of one task, from creation to completion.
SELECT operation, old_data->>'status' AS old_status, new_data->>'status' AS new_status,
       changed_columns
  FROM agentic.audit_logs
 WHERE table_name = 'agentic.tasks' AND row_id = 2
 ORDER BY id;
SELECT table_name, operation, count(*) FROM agentic.audit_logs GROUP BY 1, 2 ORDER BY 1, 2;
