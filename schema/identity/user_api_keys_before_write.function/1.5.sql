CREATE FUNCTION agentic.user_api_keys_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_user_api_keys_before_write';
COMMENT ON FUNCTION agentic.user_api_keys_before_write() IS
  'BEFORE UPDATE row trigger of user_api_keys: generic rules; a key keeps its user, prefix and digest; a revoked key stays revoked';
