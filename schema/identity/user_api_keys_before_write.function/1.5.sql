CREATE FUNCTION agentic.user_api_keys_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_user_api_keys_before_write';
COMMENT ON FUNCTION agentic.user_api_keys_before_write() IS
  'BEFORE INSERT OR UPDATE row trigger of user_api_keys: keys are issued by create_api_key(); generic rules; a key keeps its user, prefix and digest, its scopes only shrink and its expiry only moves earlier, a revoked key stays revoked';
