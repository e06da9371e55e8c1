CREATE FUNCTION agentic.task_assignments_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_task_assignments_before_write';
COMMENT ON FUNCTION agentic.task_assignments_before_write() IS
  'BEFORE INSERT/UPDATE row trigger on task_assignments: status machine, and an active '
  'assignment needs an active agent and a task that accepts work';
