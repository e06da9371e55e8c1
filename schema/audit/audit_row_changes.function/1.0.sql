CREATE FUNCTION agentic.audit_row_changes()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_audit_row_changes';
COMMENT ON FUNCTION agentic.audit_row_changes() IS
  'AFTER statement trigger with transition tables: writes one audit_logs row per changed row '
  '(who, when, operation, old and new values)';
