-- agentic_schema 1.1 -> 1.2
--
-- The rule registry: agentic.rules() lists every native business rule, and
-- agentic.check_rules() checks the tables, columns and triggers it names against the
-- catalog. The generic row rules (ids immutable) now also guard the two tables only
-- the extension's triggers write.
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.2'" to load this file. \quit

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

CREATE FUNCTION agentic.check_rules()
RETURNS TABLE (rule_id text, table_name text, column_name text, problem text)
LANGUAGE C STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_check_rules';
COMMENT ON FUNCTION agentic.check_rules() IS
  'Checks every table and column the rule registry (agentic.rules()) names against the '
  'catalog; one row per problem, no rows when all is well';
REVOKE EXECUTE ON FUNCTION agentic.check_rules() FROM PUBLIC;

-- Nobody but the audit trigger writes audit rows; the generic rules still keep an
-- audit row's id from changing under a superuser's UPDATE.
CREATE TRIGGER audit_logs_before_write BEFORE UPDATE ON agentic.audit_logs
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write();

CREATE TRIGGER daily_cost_rollup_before_write BEFORE UPDATE ON agentic.daily_cost_rollup
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write();

-- Roles given access before this version get the new client functions too: every
-- role agentic.grant_access() gave a level holds EXECUTE on status_transitions().
DO $$
DECLARE
  grantee regrole;
BEGIN
  FOR grantee IN
    SELECT DISTINCT a.grantee::regrole
      FROM pg_catalog.pg_proc p, pg_catalog.aclexplode(p.proacl) AS a
     WHERE p.oid = 'agentic.status_transitions()'::pg_catalog.regprocedure
       AND a.privilege_type = 'EXECUTE' AND a.grantee <> 0 AND a.grantee <> p.proowner
  LOOP
    EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION agentic.rules(), agentic.check_rules() TO %s',
                              grantee);
  END LOOP;
END
$$;
