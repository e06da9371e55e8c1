CREATE FUNCTION agentic.row_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_row_before_write';
COMMENT ON FUNCTION agentic.row_before_write() IS
  'BEFORE UPDATE row trigger: keeps id immutable, enforces the status machine named by the '
  'trigger argument (if any), stamps lifecycle timestamps and maintains updated_at';
