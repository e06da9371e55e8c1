CREATE FUNCTION agentic.task_graph_check()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_task_graph_check';
COMMENT ON FUNCTION agentic.task_graph_check() IS
  'AFTER row trigger on tasks (parent_task_id) and task_dependencies: rejects any edge that '
  'would close a cycle through parents and dependencies';
