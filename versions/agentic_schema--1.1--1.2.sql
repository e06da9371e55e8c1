-- agentic_schema 1.1 -> 1.2
--
-- The rule registry: agentic.rules() lists every native business rule, and
-- agentic.check_rules() checks the tables and columns it names against the catalog.
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.2'" to load this file. \quit

CREATE FUNCTION agentic.rules()
RETURNS TABLE (rule_id text, variant text, sqlstate text, table_name text, events text[],
               columns text[], hint text, description text)
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_rules';
COMMENT ON FUNCTION agentic.rules() IS
  'The registry of every native business rule: its id (the constraint_name of its errors), '
  'the variant when one rule reports in more than one way (NULL otherwise), SQLSTATE, the table it guards, the events and columns that fire it, the hint its errors '
  'give and what it enforces';
REVOKE EXECUTE ON FUNCTION agentic.rules() FROM PUBLIC;

CREATE FUNCTION agentic.check_rules()
RETURNS TABLE (rule_id text, table_name text, column_name text, problem text)
LANGUAGE C STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_check_rules';
COMMENT ON FUNCTION agentic.check_rules() IS
  'Checks every table and column the rule registry (agentic.rules()) names against the '
  'catalog; one row per problem, no rows when all is well';
REVOKE EXECUTE ON FUNCTION agentic.check_rules() FROM PUBLIC;
