CREATE FUNCTION agentic.message_counts_changes()
RETURNS trigger
LANGUAGE C
AS 'MODULE_PATHNAME', 'agentic_message_counts_changes';
COMMENT ON FUNCTION agentic.message_counts_changes() IS
  'AFTER statement trigger of messages: keeps each conversation''s message count, tokens and last message time, in the same transaction';
