CREATE FUNCTION agentic.messages_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_messages_before_write';
COMMENT ON FUNCTION agentic.messages_before_write() IS
  'BEFORE INSERT OR UPDATE row trigger of messages: generic rules (status machine, completed_at); the user is the conversation''s; conversation and role never change';
