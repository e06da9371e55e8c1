-- agentic_schema 1.0 -> 1.1
--
-- Least privilege: PUBLIC can do nothing with the extension's objects; access is
-- given to application roles with agentic.grant_access(role, 'read'|'write'|'admin')
-- and taken back with agentic.revoke_access(role).
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.1'" to load this file. \quit

REVOKE EXECUTE ON FUNCTION
  agentic.jsonb_array_of(jsonb, text), agentic.status_transitions(),
  agentic.calculate_agent_utilization(bigint, timestamptz, timestamptz),
  agentic.calculate_agent_utilization(bigint),
  agentic.calculate_agent_utilization(timestamptz, timestamptz)
FROM PUBLIC;

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

CREATE FUNCTION agentic.revoke_access(p_role regrole)
RETURNS integer
LANGUAGE C STRICT
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_revoke_access';
COMMENT ON FUNCTION agentic.revoke_access(regrole) IS
  'Revokes every right agentic.grant_access can give; returns the number of REVOKE statements run';

REVOKE EXECUTE ON FUNCTION agentic.grant_access(regrole, text), agentic.revoke_access(regrole)
FROM PUBLIC;
