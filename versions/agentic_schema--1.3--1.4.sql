-- agentic_schema 1.3 -> 1.4
--
-- Native that pays: the fast paths of the native rules (transactional path,
-- audit, utilization).
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.4'" to load this file. \quit

-- The hot functions pin search_path inside instead of with a SET clause, whose cost
-- per call was the largest single item of a one-row statement: every query the
-- module runs is planned and run with search_path = pg_catalog, pg_temp, set as a
-- SET clause sets it but for that query only (see src/pg/runtime/spi.hpp), and
-- nothing else it does resolves a name. The functions
-- called rarely (grant_access, revoke_access, rules, check_rules,
-- status_transitions, compact_daily_cost_rollup) keep their SET clause.
ALTER FUNCTION agentic.row_before_write() RESET search_path;
ALTER FUNCTION agentic.restore_guard() RESET search_path;
ALTER FUNCTION agentic.audit_row_changes() RESET search_path;
ALTER FUNCTION agentic.agents_before_write() RESET search_path;
ALTER FUNCTION agentic.task_assignments_before_write() RESET search_path;
ALTER FUNCTION agentic.task_assignments_after_write() RESET search_path;
ALTER FUNCTION agentic.task_graph_check() RESET search_path;
ALTER FUNCTION agentic.model_catalog_before_write() RESET search_path;
ALTER FUNCTION agentic.execution_costs_before_write() RESET search_path;
ALTER FUNCTION agentic.cost_rollup_changes() RESET search_path;
ALTER FUNCTION agentic.jsonb_array_of(jsonb, text) RESET search_path;
ALTER FUNCTION agentic.bounded_tsvector(regconfig, text, text) RESET search_path;
ALTER FUNCTION agentic.calculate_agent_utilization(bigint, timestamptz, timestamptz) RESET search_path;
ALTER FUNCTION agentic.calculate_agent_utilization(bigint) RESET search_path;
ALTER FUNCTION agentic.calculate_agent_utilization(timestamptz, timestamptz) RESET search_path;
