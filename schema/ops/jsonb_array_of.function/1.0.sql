CREATE FUNCTION agentic.jsonb_array_of(doc jsonb, element_type text)
RETURNS boolean
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_jsonb_array_of';
COMMENT ON FUNCTION agentic.jsonb_array_of(jsonb, text) IS
  'True when doc is a JSON array whose every element has the JSON type element_type '
  '(string, number, object, array, boolean) and, for strings, is not blank; used by CHECK constraints';
