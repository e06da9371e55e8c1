CREATE FUNCTION agentic.status_transitions()
RETURNS TABLE (machine text, from_status text, to_status text)
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_status_transitions';
COMMENT ON FUNCTION agentic.status_transitions() IS
  'Every legal status transition enforced by the native triggers, per status machine '
  '(task, assignment, agent, application, job)';
