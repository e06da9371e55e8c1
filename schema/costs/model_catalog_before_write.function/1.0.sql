CREATE FUNCTION agentic.model_catalog_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_model_catalog_before_write';
COMMENT ON FUNCTION agentic.model_catalog_before_write() IS
  'BEFORE UPDATE row trigger on model_catalog: archives the previous price into '
  'model_price_history when a new price takes effect, and maintains updated_at';
