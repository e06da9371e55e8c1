CREATE FUNCTION agentic.current_role_is_service()
RETURNS boolean
LANGUAGE C STABLE PARALLEL RESTRICTED
AS 'MODULE_PATHNAME', 'agentic_current_role_is_service';
COMMENT ON FUNCTION agentic.current_role_is_service()
  IS 'True when nobody acts (no set_current_user() in the transaction) and the current role is no user''s: the application itself or a DBA, trusted with every user''s row';
