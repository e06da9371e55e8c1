-- agentic_schema 1.4 -> 1.3
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.3'" to load this file. \quit

-- The 1.3 SET clauses (the module's queries stay pinned inside as well).
ALTER FUNCTION agentic.row_before_write() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.restore_guard() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.audit_row_changes() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.agents_before_write() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.task_assignments_before_write() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.task_assignments_after_write() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.task_graph_check() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.model_catalog_before_write() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.execution_costs_before_write() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.cost_rollup_changes() SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.jsonb_array_of(jsonb, text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.bounded_tsvector(regconfig, text, text) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.calculate_agent_utilization(bigint, timestamptz, timestamptz) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.calculate_agent_utilization(bigint) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION agentic.calculate_agent_utilization(timestamptz, timestamptz) SET search_path = pg_catalog, pg_temp;
