CREATE FUNCTION agentic.conversations_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_conversations_before_write';
COMMENT ON FUNCTION agentic.conversations_before_write() IS
  'BEFORE INSERT OR UPDATE row trigger of conversations: generic rules (status machine, archived_at); the counters are the message rules'' alone';
