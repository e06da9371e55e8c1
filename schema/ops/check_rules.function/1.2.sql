CREATE FUNCTION agentic.check_rules()
RETURNS TABLE (rule_id text, table_name text, column_name text, problem text)
LANGUAGE C STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_check_rules';
COMMENT ON FUNCTION agentic.check_rules() IS
  'Checks every table and column the rule registry (agentic.rules()) names against the '
  'catalog; one row per problem, no rows when all is well';
REVOKE EXECUTE ON FUNCTION agentic.check_rules() FROM PUBLIC;
