CREATE FUNCTION agentic.revoke_api_key(p_key_id bigint)
RETURNS boolean
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_revoke_api_key';
COMMENT ON FUNCTION agentic.revoke_api_key(bigint) IS
  'Revokes an API key for good; true when it was not revoked before';
