CREATE FUNCTION agentic.conversations_before_write()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'agentic_conversations_before_write';
COMMENT ON FUNCTION agentic.conversations_before_write() IS
  'BEFORE INSERT OR UPDATE row trigger of conversations: generic rules (status machine, archived_at); the counters are the message rules'' alone';
