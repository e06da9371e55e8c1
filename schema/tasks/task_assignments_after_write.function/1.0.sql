CREATE FUNCTION agentic.task_assignments_after_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_task_assignments_after_write';
COMMENT ON FUNCTION agentic.task_assignments_after_write() IS
  'AFTER INSERT/UPDATE/DELETE row trigger on task_assignments: moves the task''s status to '
  'follow its assignments (assigned, in progress, completed, failed)';
