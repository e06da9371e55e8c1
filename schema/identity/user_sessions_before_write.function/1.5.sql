CREATE FUNCTION agentic.user_sessions_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_user_sessions_before_write';
COMMENT ON FUNCTION agentic.user_sessions_before_write() IS
  'BEFORE INSERT OR UPDATE row trigger of user_sessions: sessions are issued by start_session(); generic rules; a session keeps its user, token, start and end, its expiry only moves earlier, an ended session stays ended';
