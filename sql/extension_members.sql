-- What CREATE EXTENSION installs, as exact lists in one place, so that any change
-- shows as a diff for a reviewer: the member objects, the required extensions,
-- the legal status transitions of the native rules, the settings, the dump marks,
-- the enum labels, every trigger, foreign key and index, the row-level security
-- policies. The conventions these objects follow are checked as invariants in
-- test/pgtap/ops/schema_invariants.sql.
SELECT extname, extversion, nspname AS schema, extrelocatable
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname IN ('agentic_schema', 'btree_gist')
 ORDER BY extname;

SELECT pg_describe_object(classid, objid, objsubid) AS member
  FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'agentic_schema')
   AND deptype = 'e'
 ORDER BY 1;

SELECT machine, from_status, to_status FROM agentic.status_transitions() ORDER BY 1, 2, 3;

-- Settings the module defines.
SELECT name, setting, context FROM pg_settings WHERE name LIKE 'agentic.%' ORDER BY name;

-- Tables and sequences whose contents pg_dump includes (all of them, unfiltered).
SELECT cfg::regclass AS dumped, cond AS filter
  FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS u(cfg, cond)
 WHERE e.extname = 'agentic_schema'
 ORDER BY 1::text;

-- Enum labels, in order.
SELECT t.typname AS enum, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS labels
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
 WHERE t.typnamespace = 'agentic'::regnamespace
 GROUP BY t.typname
 ORDER BY 1;

-- Every trigger: its table, when it fires, what it runs (with its argument) and
-- the transition tables it sees.
SELECT c.relname AS "table", g.tgname AS "trigger",
       CASE WHEN g.tgtype & 2 <> 0 THEN 'BEFORE' WHEN g.tgtype & 64 <> 0 THEN 'INSTEAD OF' ELSE 'AFTER' END
       || ' ' || concat_ws(' OR ', CASE WHEN g.tgtype & 4 <> 0 THEN 'INSERT' END,
                                   CASE WHEN g.tgtype & 16 <> 0 THEN 'UPDATE' END,
                                   CASE WHEN g.tgtype & 8 <> 0 THEN 'DELETE' END,
                                   CASE WHEN g.tgtype & 32 <> 0 THEN 'TRUNCATE' END)
       || CASE WHEN g.tgtype & 1 <> 0 THEN ' ROW' ELSE ' STATEMENT' END AS fires,
       g.tgfoid::regproc
       || '(' || array_to_string((string_to_array(rtrim(encode(g.tgargs, 'escape'), '\000'), '\000')), ', ') || ')'
       AS runs,
       concat_ws(', ', CASE WHEN g.tgoldtable IS NOT NULL THEN 'old' END,
                       CASE WHEN g.tgnewtable IS NOT NULL THEN 'new' END) AS transition,
       g.tgenabled AS enabled
  FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
 WHERE c.relnamespace = 'agentic'::regnamespace AND NOT g.tgisinternal
 ORDER BY 1, 2;

-- Every foreign key.
SELECT k.conrelid::regclass AS "table", k.conname AS "constraint",
       pg_get_constraintdef(k.oid) AS definition
  FROM pg_constraint k
 WHERE k.connamespace = 'agentic'::regnamespace AND k.contype = 'f'
 ORDER BY 1::text, 2;

-- Every index, with its definition (method, columns, uniqueness, predicate).
SELECT i.indrelid::regclass AS "table", c.relname AS "index",
       regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', 'USING ') AS definition
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE c.relnamespace = 'agentic'::regnamespace
 ORDER BY 1::text, 2;

-- The rule registry: every native rule, with the table it guards and what fires it.
SELECT rule_id, variant, sqlstate, table_name, events, columns FROM agentic.rules()
 ORDER BY table_name, rule_id, variant NULLS FIRST;
SELECT * FROM agentic.check_rules();

-- Row-level security: the tables that have it and their policies.
SELECT tablename, policyname, cmd, roles, qual, with_check
  FROM pg_policies WHERE schemaname = 'agentic' ORDER BY 1, 2;
SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
 WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind = 'r' AND c.relrowsecurity
 ORDER BY 1;
