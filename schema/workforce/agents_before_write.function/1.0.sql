CREATE FUNCTION agentic.agents_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_agents_before_write';
COMMENT ON FUNCTION agentic.agents_before_write() IS
  'BEFORE INSERT/UPDATE row trigger on agents: status machine, one active agent per job '
  'description, no termination while assignments are active';
