CREATE FUNCTION agentic.rotate_api_key(p_key_id bigint, p_grace interval DEFAULT '1 hour')
RETURNS text
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_rotate_api_key';
COMMENT ON FUNCTION agentic.rotate_api_key(bigint, interval) IS
  'Replaces a live API key by a new one with the same user, name, scopes and expiry, returned once; '
  'the old key keeps working for p_grace (0: revoked at once)';
