CREATE FUNCTION agentic.verify_api_key(p_key text)
RETURNS TABLE (user_id bigint, key_id bigint, scopes text[])
LANGUAGE C
AS 'MODULE_PATHNAME', 'agentic_verify_api_key';
COMMENT ON FUNCTION agentic.verify_api_key(text) IS
  'The user, key id and scopes of a valid API key; 28000 (user_api_keys_key_valid) when it is unknown, revoked or expired or its user may not sign in; '
  '22023 (user_api_keys_key_format) for a malformed key, refused without a lookup';
