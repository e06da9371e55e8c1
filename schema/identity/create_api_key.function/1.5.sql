CREATE FUNCTION agentic.create_api_key(p_user_id bigint, p_name text, p_scopes text[] DEFAULT '{}', p_expires_at timestamptz DEFAULT NULL)
RETURNS text
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_create_api_key';
COMMENT ON FUNCTION agentic.create_api_key(bigint, text, text[], timestamptz) IS
  'Creates an API key for a user and returns it once: agk_, 40 random letters and digits, and a 6-character checksum. '
  'Only its prefix, last 4 characters and SHA-256 digest are stored';
