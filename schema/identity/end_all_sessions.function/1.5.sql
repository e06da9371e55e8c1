CREATE FUNCTION agentic.end_all_sessions(p_user_id bigint)
RETURNS integer
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_end_all_sessions';
COMMENT ON FUNCTION agentic.end_all_sessions(bigint) IS
  'Ends every live session of a user (after a password change, say); returns how many';
