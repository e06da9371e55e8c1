CREATE FUNCTION agentic.messages_before_write()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'agentic_messages_before_write';
COMMENT ON FUNCTION agentic.messages_before_write() IS
  'BEFORE INSERT OR UPDATE row trigger of messages: generic rules (status machine, completed_at); the user is the conversation''s; conversation, role and parent never change; created_at not in the future';
