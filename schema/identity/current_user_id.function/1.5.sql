CREATE FUNCTION agentic.current_user_id()
RETURNS bigint
LANGUAGE C STABLE PARALLEL RESTRICTED
AS 'MODULE_PATHNAME', 'agentic_current_user_id';
COMMENT ON FUNCTION agentic.current_user_id() IS
  'The application user the transaction acts for: the one set_current_user() named, else the user whose database_role is the current role, else NULL. '
  'Row-level security policies read it once per statement ((SELECT agentic.current_user_id()))';
