CREATE FUNCTION agentic.rules()
RETURNS TABLE (rule_id text, variant text, sqlstate text, table_name text, events text[],
               columns text[], hint text, description text)
LANGUAGE C STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_rules';
COMMENT ON FUNCTION agentic.rules() IS
  'The registry of every native business rule: its id (the constraint_name of its errors), '
  'the variant when one rule reports in more than one way (NULL otherwise), SQLSTATE, the table it guards, the events and columns that fire it, the hint its errors '
  'give and what it enforces';
REVOKE EXECUTE ON FUNCTION agentic.rules() FROM PUBLIC;
