CREATE FUNCTION agentic.bounded_tsvector(config regconfig, a_text text, b_text text)
RETURNS tsvector
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_bounded_tsvector';
COMMENT ON FUNCTION agentic.bounded_tsvector(regconfig, text, text) IS
  'setweight(to_tsvector(config, a_text), ''A'') || setweight(to_tsvector(config, b_text), ''B'') '
  'when that fits in a tsvector (1 MB of lexemes and positions), else the same of the leading words '
  'that fit (a_text first); never fails for long text. Computes the search_vector generated columns, '
  'so PUBLIC may execute it';
