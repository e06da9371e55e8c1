CREATE FUNCTION agentic.set_current_user(p_user_id bigint)
RETURNS bigint
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_set_current_user';
COMMENT ON FUNCTION agentic.set_current_user(bigint) IS
  'Acts for an active application user until the transaction ends (a rolled-back subtransaction takes it back), as SET LOCAL would; '
  'for trusted application roles (write level). A database role mapped to a user acts as that user only';
