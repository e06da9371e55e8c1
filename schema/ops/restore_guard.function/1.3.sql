CREATE FUNCTION agentic.restore_guard()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_restore_guard';
COMMENT ON FUNCTION agentic.restore_guard() IS
  'BEFORE INSERT statement trigger on every table: refuses, before the statement writes a row, '
  'a pg_restore session that loads rows into the extension without having created it, each '
  'statement committed on its own (every session of pg_restore --jobs; a data-only pg_restore '
  'without --single-transaction)';
REVOKE EXECUTE ON FUNCTION agentic.restore_guard() FROM PUBLIC;
