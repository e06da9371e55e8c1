CREATE FUNCTION agentic.revoke_access(p_role regrole)
RETURNS integer
LANGUAGE C STRICT
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_revoke_access';
COMMENT ON FUNCTION agentic.revoke_access(regrole) IS
  'Revokes every right agentic.grant_access can give; returns the number of REVOKE statements run';
