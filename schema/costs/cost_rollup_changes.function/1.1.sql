CREATE FUNCTION agentic.cost_rollup_changes()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_cost_rollup_changes';
COMMENT ON FUNCTION agentic.cost_rollup_changes() IS
  'AFTER statement trigger on execution_costs: appends the statement''s net change per day, '
  'currency and model to daily_cost_rollup (a TRUNCATE empties it); every '
  'agentic.rollup_compact_every statements it compacts the rollup unless another session '
  'is doing so';
REVOKE EXECUTE ON FUNCTION agentic.cost_rollup_changes() FROM PUBLIC;
