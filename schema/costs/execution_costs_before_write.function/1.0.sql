CREATE FUNCTION agentic.execution_costs_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_execution_costs_before_write';
COMMENT ON FUNCTION agentic.execution_costs_before_write() IS
  'BEFORE INSERT/UPDATE row trigger on execution_costs: validates tokens, records the model '
  'price in effect, derives the cost when not given, and checks it is finite, positive and '
  'below agentic.max_execution_cost';
