CREATE FUNCTION agentic.current_user_is_admin()
RETURNS boolean
LANGUAGE C STABLE PARALLEL RESTRICTED
AS 'MODULE_PATHNAME', 'agentic_current_user_is_admin';
COMMENT ON FUNCTION agentic.current_user_is_admin() IS
  'Whether the acting user (current_user_id()) is an active admin, who sees every row the policies guard';
