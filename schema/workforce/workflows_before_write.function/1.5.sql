CREATE FUNCTION agentic.workflows_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_workflows_before_write';
COMMENT ON FUNCTION agentic.workflows_before_write() IS
  'BEFORE INSERT OR UPDATE row trigger of workflows: generic rules; a new workflow starts at version 1 and each change of its definition raises the version by one';
