CREATE FUNCTION agentic.users_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_users_before_write';
COMMENT ON FUNCTION agentic.users_before_write() IS
  'BEFORE INSERT OR UPDATE row trigger of users: generic rules, a known time zone, sign-in columns only reset by clients, unlock on locked -> active';
