CREATE FUNCTION agentic.end_session(p_token text)
RETURNS boolean
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_end_session';
COMMENT ON FUNCTION agentic.end_session(text) IS
  'Ends (signs out) the session of a token; true when it was live';
