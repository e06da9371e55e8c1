CREATE FUNCTION agentic.start_session(p_user_id bigint, p_client_addr inet DEFAULT NULL, p_user_agent text DEFAULT NULL)
RETURNS text
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_start_session';
COMMENT ON FUNCTION agentic.start_session(bigint, inet, text) IS
  'Starts a session for an active user and returns its token (ags_...) once; only the token''s digest is stored. '
  'It expires after agentic.session_idle_seconds without use and agentic.session_max_seconds after it started';
