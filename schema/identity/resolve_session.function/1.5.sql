CREATE FUNCTION agentic.resolve_session(p_token text)
RETURNS bigint
LANGUAGE C
AS 'MODULE_PATHNAME', 'agentic_resolve_session';
COMMENT ON FUNCTION agentic.resolve_session(text) IS
  'The user of a live session token, sliding its idle expiry; 28000 (user_sessions_session_valid) when the session is unknown, ended or expired or its user may not sign in; '
  '22023 (user_sessions_token_format) for a malformed token, refused without a lookup';
