CREATE FUNCTION agentic.grant_access(p_role regrole, p_level text)
RETURNS integer
LANGUAGE C STRICT
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_grant_access';
COMMENT ON FUNCTION agentic.grant_access(regrole, text) IS
  'Grants a role read (SELECT on every table and view but audit_logs, EXECUTE on the client '
  'functions), write (read plus INSERT/UPDATE/DELETE on the workforce, task, cost and prompt '
  'tables) or admin (write plus the model catalog and reading audit_logs); returns the number '
  'of GRANT statements run';
