-- Schema-wide conventions, checked as invariants over the catalog: whatever
-- tables, columns, triggers and functions the extension has, each must follow
-- them. Nothing here counts objects or lists them; the exact lists live in one
-- golden file (sql/extension_members.sql, expected/extension_members.out) where
-- a reviewer sees every change as a diff. The few deliberate departures from a
-- convention are written down once, as data, with their reason.
--
-- Each invariant is a temp view of its violations, so that the last section can
-- add a member table and a member function that break every convention (inside
-- a savepoint that is rolled back) and check that every invariant reports them.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

SELECT has_schema('agentic');
SELECT has_extension('agentic_schema');

----------------------------------------------------------------------------------------
-- The extension's members
----------------------------------------------------------------------------------------
CREATE TEMP VIEW member AS
SELECT d.classid, d.objid
  FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'agentic_schema');

CREATE TEMP VIEW member_table AS
SELECT c.oid AS relid, c.relname::text AS tbl
  FROM pg_class c JOIN member m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
 WHERE c.relkind IN ('r', 'p');

CREATE TEMP VIEW member_function AS
SELECT p.oid AS funcid, p.oid::regprocedure::text AS func, p.prorettype = 'trigger'::regtype AS is_trigger
  FROM pg_proc p JOIN member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid;

-- Fails with the offending objects as diagnostics; `what` names the invariant.
CREATE FUNCTION pg_temp.none(violations text, what text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE found text;
BEGIN
  EXECUTE format('SELECT string_agg(v::text, E''\n'' ORDER BY v::text) FROM (%s) AS q(v)', violations) INTO found;
  RETURN ok(found IS NULL, what) || CASE WHEN found IS NULL THEN '' ELSE E'\n' || diag('violations:' || E'\n' || found) END;
END $$;

-- sanity: the views see the extension (an empty catalog query would pass every invariant)
SELECT ok((SELECT count(*) FROM member_table) > 0 AND (SELECT count(*) FROM member_function) > 0,
          'the invariants below see the member tables and functions of agentic_schema');

----------------------------------------------------------------------------------------
-- Membership: everything in schema agentic belongs to the extension
----------------------------------------------------------------------------------------
CREATE TEMP VIEW v_non_member AS
SELECT 'relation ' || c.oid::regclass::text
  FROM pg_class c
 WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
   AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_class'::regclass AND m.objid = c.oid)
UNION ALL
SELECT 'function ' || p.oid::regprocedure::text
  FROM pg_proc p
 WHERE p.pronamespace = 'agentic'::regnamespace
   AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_proc'::regclass AND m.objid = p.oid)
UNION ALL
SELECT 'type ' || t.oid::regtype::text
  FROM pg_type t
 WHERE t.typnamespace = 'agentic'::regnamespace AND t.typtype IN ('e', 'd')
   AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_type'::regclass AND m.objid = t.oid);
SELECT pg_temp.none('SELECT * FROM v_non_member',
                    'every relation, function and type in schema agentic is a member of extension agentic_schema');

----------------------------------------------------------------------------------------
-- Comments: every table, column, view, function, type and the schema has one
----------------------------------------------------------------------------------------
CREATE TEMP VIEW v_missing_comment AS
SELECT 'table ' || c.oid::regclass::text
  FROM pg_class c
 WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
   AND coalesce(btrim(obj_description(c.oid, 'pg_class')), '') = ''
UNION ALL
SELECT 'column ' || c.oid::regclass::text || '.' || a.attname
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
   AND coalesce(btrim(col_description(c.oid, a.attnum)), '') = ''
UNION ALL
SELECT 'function ' || p.oid::regprocedure::text
  FROM pg_proc p
 WHERE p.pronamespace = 'agentic'::regnamespace
   AND coalesce(btrim(obj_description(p.oid, 'pg_proc')), '') = ''
UNION ALL
SELECT 'type ' || t.oid::regtype::text
  FROM pg_type t
 WHERE t.typnamespace = 'agentic'::regnamespace AND t.typtype IN ('e', 'd', 'c')
   AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
   AND coalesce(btrim(obj_description(t.oid, 'pg_type')), '') = ''
UNION ALL
SELECT 'schema agentic'
 WHERE coalesce(btrim(obj_description('agentic'::regnamespace, 'pg_namespace')), '') = '';
SELECT pg_temp.none('SELECT * FROM v_missing_comment',
                    'every table, view, column, function and type of the extension, and the schema, has a comment');

----------------------------------------------------------------------------------------
-- pg_dump: every member table and every sequence of the extension is dump-marked
-- (pg_extension_config_dump), so that a dump carries the rows and sequence positions
----------------------------------------------------------------------------------------
CREATE TEMP VIEW v_not_dumped AS
SELECT c.oid::regclass::text
  FROM pg_class c JOIN member m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
 WHERE c.relkind IN ('r', 'p', 'S')
   AND c.oid <> ALL (coalesce((SELECT extconfig FROM pg_extension WHERE extname = 'agentic_schema'), '{}'))
UNION ALL
-- an identity sequence of a member table, even if it were left out of the extension
SELECT s.oid::regclass::text
  FROM pg_class s JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.deptype = 'i'
  JOIN member_table t ON t.relid = d.refobjid
 WHERE s.relkind = 'S'
   AND s.oid <> ALL (coalesce((SELECT extconfig FROM pg_extension WHERE extname = 'agentic_schema'), '{}'));
SELECT pg_temp.none('SELECT DISTINCT * FROM v_not_dumped',
                    'every member table and identity sequence is marked for pg_dump (pg_extension_config_dump)');
SELECT pg_temp.none($$SELECT cfg::regclass::text || ' WHERE ' || cond
                        FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS u(cfg, cond)
                       WHERE e.extname = 'agentic_schema' AND cond <> ''$$,
                    'pg_dump dumps every marked table whole (no filter condition)');

----------------------------------------------------------------------------------------
-- Keys: every member table has the surrogate primary key id
----------------------------------------------------------------------------------------
CREATE TEMP VIEW v_no_id_pk AS
SELECT t.tbl
  FROM member_table t
 WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k
                    WHERE k.conrelid = t.relid AND k.contype = 'p'
                      AND k.conkey = ARRAY[(SELECT attnum FROM pg_attribute
                                             WHERE attrelid = t.relid AND attname = 'id')]);
SELECT pg_temp.none('SELECT * FROM v_no_id_pk', 'every member table has primary key (id)');

----------------------------------------------------------------------------------------
-- Audit: every member table has one audit trigger per INSERT, UPDATE, DELETE and (since
-- 1.3) TRUNCATE, AFTER ... FOR EACH STATEMENT with the transition tables the event has, named
-- <table>_audit_<event>, executing agentic.audit_row_changes(). Departures:
----------------------------------------------------------------------------------------
CREATE TEMP TABLE audit_exemption (tbl text, event text, reason text NOT NULL, PRIMARY KEY (tbl, event));
INSERT INTO audit_exemption VALUES
  ('audit_logs', 'INSERT', 'the audit log does not audit itself'),
  ('audit_logs', 'UPDATE', 'the audit log does not audit itself'),
  ('audit_logs', 'DELETE', 'the audit log does not audit itself'),
  ('audit_logs', 'TRUNCATE', 'the audit log does not audit itself'),
  ('daily_cost_rollup', 'INSERT', 'derived from execution_costs by its statement triggers; the ledger is audited'),
  ('daily_cost_rollup', 'UPDATE', 'derived from execution_costs by its statement triggers; the ledger is audited'),
  ('daily_cost_rollup', 'DELETE', 'derived from execution_costs by its statement triggers; the ledger is audited'),
  ('daily_cost_rollup', 'TRUNCATE', 'derived from execution_costs by its statement triggers; the ledger is audited'),
  ('execution_costs', 'INSERT', 'the cost ledger is append-mostly: its inserts are the ledger itself (README)'),
  ('model_price_history', 'INSERT', 'archived periods are written by a model_catalog price change, whose UPDATE is audited');

CREATE TEMP VIEW audit_trigger AS
SELECT c.relname::text AS tbl, g.tgname::text AS name, g.tgtype, g.tgoldtable, g.tgnewtable, g.tgenabled,
       e.event
  FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
  CROSS JOIN LATERAL (VALUES ('INSERT', 4), ('DELETE', 8), ('UPDATE', 16), ('TRUNCATE', 32)) AS e(event, bit)
 WHERE g.tgfoid = 'agentic.audit_row_changes()'::regprocedure AND (g.tgtype & e.bit) <> 0;

CREATE TEMP VIEW v_audit_policy AS
-- a required audit trigger is missing or malformed
SELECT t.tbl || ': no audit trigger ' || t.tbl || '_audit_' || lower(e.event)
       || ' (AFTER ' || e.event || ' FOR EACH STATEMENT, with its transition tables)'
  FROM member_table t CROSS JOIN (VALUES ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE')) AS e(event)
 WHERE NOT EXISTS (SELECT 1 FROM audit_exemption x WHERE x.tbl = t.tbl AND x.event = e.event)
   AND NOT EXISTS (SELECT 1 FROM audit_trigger a
                    WHERE a.tbl = t.tbl AND a.event = e.event
                      AND a.name = t.tbl || '_audit_' || lower(e.event)
                      AND (a.tgtype & 1) = 0 AND (a.tgtype & 2) = 0 AND (a.tgtype & 64) = 0  -- statement, after
                      AND a.tgtype & (4 | 8 | 16 | 32) IN (4, 8, 16, 32)                      -- this event alone
                      AND a.tgenabled = 'O'
                      AND (a.tgnewtable IS NOT NULL) = (e.event IN ('INSERT', 'UPDATE'))
                      AND (a.tgoldtable IS NOT NULL) = (e.event IN ('UPDATE', 'DELETE')))
UNION ALL
-- an audit trigger where the policy says none: the exemption is stale
SELECT a.tbl || ': audit trigger ' || a.name || ' on an exempt ' || a.event || ' (' || x.reason || ')'
  FROM audit_trigger a JOIN audit_exemption x ON x.tbl = a.tbl AND x.event = a.event
UNION ALL
-- an exemption for a table the extension does not have
SELECT x.tbl || ': audit exemption for a table that is not a member'
  FROM audit_exemption x WHERE x.tbl NOT IN (SELECT tbl FROM member_table);
SELECT pg_temp.none('SELECT * FROM v_audit_policy',
                    'every member table has exactly the audit triggers its policy says (exemptions listed once, with reasons)');

----------------------------------------------------------------------------------------
-- Row rules: a BEFORE UPDATE row trigger on every table with updated_at (kept
-- current), with a status column (its machine) or an id (immutable ids)
----------------------------------------------------------------------------------------
-- Tables exempt from the row rules, with the reason (none since 1.2: even the tables
-- only triggers write keep their ids).
CREATE TEMP TABLE row_rule_exemption (tbl text PRIMARY KEY, reason text NOT NULL);

CREATE TEMP VIEW before_update_row_trigger AS
SELECT g.tgrelid AS relid, g.tgname::text AS name, g.tgfoid, g.tgargs, g.tgnargs, g.tgtype
  FROM pg_trigger g
 WHERE NOT g.tgisinternal AND g.tgenabled = 'O'
   AND (g.tgtype & 1) <> 0 AND (g.tgtype & 2) <> 0 AND (g.tgtype & 16) <> 0;  -- row, before, update

CREATE TEMP VIEW v_row_rules AS
SELECT t.tbl || ': has ' || a.attname || ' but no BEFORE UPDATE row trigger'
  FROM member_table t JOIN pg_attribute a ON a.attrelid = t.relid AND NOT a.attisdropped
 WHERE a.attname IN ('id', 'updated_at', 'status')
   AND NOT EXISTS (SELECT 1 FROM row_rule_exemption x WHERE x.tbl = t.tbl)
   AND NOT EXISTS (SELECT 1 FROM before_update_row_trigger g WHERE g.relid = t.relid)
UNION ALL
SELECT x.tbl || ': row-rule exemption is stale (' || x.reason || ')'
  FROM row_rule_exemption x
 WHERE x.tbl NOT IN (SELECT tbl FROM member_table)
    OR EXISTS (SELECT 1 FROM before_update_row_trigger g JOIN member_table t ON t.relid = g.relid
                WHERE t.tbl = x.tbl)
    OR EXISTS (SELECT 1 FROM member_table t JOIN pg_attribute a ON a.attrelid = t.relid
                WHERE t.tbl = x.tbl AND a.attname IN ('updated_at', 'status'));
SELECT pg_temp.none('SELECT * FROM v_row_rules',
                    'every member table with id, updated_at or status has a BEFORE UPDATE row trigger (exemptions listed once)');

CREATE TEMP VIEW v_updated_at AS
SELECT t.tbl || '.updated_at: ' || problem
  FROM member_table t JOIN pg_attribute a ON a.attrelid = t.relid AND a.attname = 'updated_at' AND NOT a.attisdropped
  CROSS JOIN LATERAL (VALUES
    (CASE WHEN a.atttypid <> 'timestamptz'::regtype THEN 'is not timestamptz' END),
    (CASE WHEN NOT a.attnotnull THEN 'is nullable' END),
    (CASE WHEN NOT EXISTS (SELECT 1 FROM pg_attribute c WHERE c.attrelid = t.relid AND c.attname = 'created_at'
                                                         AND NOT c.attisdropped)
          THEN 'has no created_at beside it' END)) AS p(problem)
 WHERE problem IS NOT NULL;
SELECT pg_temp.none('SELECT * FROM v_updated_at',
                    'every updated_at is a NOT NULL timestamptz next to a created_at');

----------------------------------------------------------------------------------------
-- Status machines: a table's status column of enum type <m>_status is enforced by
-- machine <m> of agentic.status_transitions(), whose states are exactly the labels
----------------------------------------------------------------------------------------
CREATE TEMP VIEW status_column AS
SELECT t.tbl, t.relid, ty.oid AS enum_type, ty.typname::text AS enum_name,
       regexp_replace(ty.typname, '_status$', '') AS machine
  FROM member_table t
  JOIN pg_attribute a ON a.attrelid = t.relid AND a.attname = 'status' AND NOT a.attisdropped
  JOIN pg_type ty ON ty.oid = a.atttypid AND ty.typtype = 'e';

CREATE TEMP VIEW v_status_machines AS
SELECT s.tbl || '.status: enum ' || s.enum_name || ' is not named <machine>_status'
  FROM status_column s WHERE s.enum_name NOT LIKE '%\_status'
UNION ALL
SELECT s.tbl || '.status: no status machine ' || s.machine
  FROM status_column s WHERE s.machine NOT IN (SELECT machine FROM agentic.status_transitions())
UNION ALL
SELECT s.tbl || '.status: ' || s.enum_name || ' label ' || l.enumlabel || ' is not a state of machine ' || s.machine
  FROM status_column s JOIN pg_enum l ON l.enumtypid = s.enum_type
 WHERE s.machine IN (SELECT machine FROM agentic.status_transitions())
   AND l.enumlabel NOT IN (SELECT from_status FROM agentic.status_transitions() WHERE machine = s.machine
                           UNION SELECT to_status FROM agentic.status_transitions() WHERE machine = s.machine)
UNION ALL
SELECT 'machine ' || st.machine || ': state ' || st.state || ' is not a label of ' || st.machine || '_status'
  FROM (SELECT machine, from_status AS state FROM agentic.status_transitions()
        UNION SELECT machine, to_status FROM agentic.status_transitions()) st
 WHERE NOT EXISTS (SELECT 1 FROM pg_enum l JOIN pg_type ty ON ty.oid = l.enumtypid
                    WHERE ty.typnamespace = 'agentic'::regnamespace
                      AND ty.typname = st.machine || '_status' AND l.enumlabel = st.state)
UNION ALL
SELECT 'machine ' || m.machine || ': enforced on ' || count(s.tbl) || ' tables (' || coalesce(string_agg(s.tbl, ', '), '') || ')'
  FROM (SELECT DISTINCT machine FROM agentic.status_transitions()) m
  LEFT JOIN status_column s ON s.machine = m.machine
 GROUP BY m.machine HAVING count(s.tbl) <> 1
UNION ALL
-- the generic row trigger names the machine it enforces: it must be the table's
SELECT t.tbl || ': ' || g.name || ' enforces machine '
       || coalesce(split_part(encode(g.tgargs, 'escape'), '\000', 1), '?')
       || ' but the status column is ' || coalesce(s.enum_name, 'absent')
  FROM before_update_row_trigger g JOIN member_table t ON t.relid = g.relid
  LEFT JOIN status_column s ON s.relid = g.relid
 WHERE g.tgfoid = 'agentic.row_before_write()'::regprocedure AND g.tgnargs > 0
   AND split_part(encode(g.tgargs, 'escape'), '\000', 1) IS DISTINCT FROM s.machine
UNION ALL
-- and a table whose status is enforced by the generic trigger must name its machine
SELECT s.tbl || ': ' || g.name || ' runs agentic.row_before_write() without the machine ' || s.machine
  FROM status_column s JOIN before_update_row_trigger g ON g.relid = s.relid
 WHERE g.tgfoid = 'agentic.row_before_write()'::regprocedure AND g.tgnargs = 0;
SELECT pg_temp.none('SELECT * FROM v_status_machines',
                    'every status enum equals the states of its machine, and each machine is enforced on exactly one table');

----------------------------------------------------------------------------------------
-- Foreign keys: every referencing column leads an index (deletes and joins on the
-- referenced side need it). No exceptions since 1.3 (the prompt tables' model_id got
-- their indexes); the list stays, empty, so that a known defect can be recorded: the
-- test fails when a new unindexed foreign key appears and when a listed one gets its
-- index without being removed from the list.
----------------------------------------------------------------------------------------
CREATE TEMP TABLE unindexed_fk_known (tbl text, col text, reason text NOT NULL, PRIMARY KEY (tbl, col));

CREATE TEMP VIEW unindexed_fk AS
SELECT t.tbl, (SELECT string_agg(a.attname, ', ' ORDER BY k.i)
                 FROM unnest(f.conkey) WITH ORDINALITY AS k(attnum, i)
                 JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.attnum) AS col,
       f.conname::text
  FROM pg_constraint f JOIN member_table t ON t.relid = f.conrelid
 WHERE f.contype = 'f'
   AND NOT EXISTS (SELECT 1 FROM pg_index i
                    WHERE i.indrelid = f.conrelid
                      AND (i.indkey::int2[])[0:cardinality(f.conkey) - 1] @> f.conkey
                      AND (i.indkey::int2[])[0:cardinality(f.conkey) - 1] <@ f.conkey);
SELECT pg_temp.none($$SELECT u.tbl || '.' || u.col || ' (' || u.conname || ')' FROM unindexed_fk u
                       WHERE (u.tbl, u.col) NOT IN (SELECT tbl, col FROM unindexed_fk_known)$$,
                    'every foreign-key column leads an index, but the known exceptions');
SELECT pg_temp.none($$SELECT k.tbl || '.' || k.col || ' now leads an index: remove it from unindexed_fk_known'
                        FROM unindexed_fk_known k
                       WHERE (k.tbl, k.col) NOT IN (SELECT tbl, col FROM unindexed_fk)$$,
                    'each known unindexed foreign key is still unindexed (the list is current)');

----------------------------------------------------------------------------------------
-- Generated search vectors: stored tsvector columns with a GIN index
----------------------------------------------------------------------------------------
CREATE TEMP VIEW v_search_vector AS
SELECT t.tbl || '.search_vector: ' || problem
  FROM member_table t JOIN pg_attribute a ON a.attrelid = t.relid AND a.attname = 'search_vector' AND NOT a.attisdropped
  CROSS JOIN LATERAL (VALUES
    (CASE WHEN a.atttypid <> 'tsvector'::regtype THEN 'is not tsvector' END),
    (CASE WHEN a.attgenerated <> 's' THEN 'is not a stored generated column' END),
    (CASE WHEN NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                            JOIN pg_am am ON am.oid = ic.relam
                           WHERE i.indrelid = t.relid AND i.indkey[0] = a.attnum AND am.amname = 'gin')
          THEN 'has no GIN index' END)) AS p(problem)
 WHERE problem IS NOT NULL;
SELECT pg_temp.none('SELECT * FROM v_search_vector',
                    'every search_vector is a stored generated tsvector with a GIN index');
SELECT ok(EXISTS (SELECT 1 FROM member_table t JOIN pg_attribute a ON a.attrelid = t.relid
                   WHERE a.attname = 'search_vector'),
          'sanity: the extension has search_vector columns to check');

----------------------------------------------------------------------------------------
-- Triggers: every trigger on a member table runs a member trigger function, and
-- every member trigger function is used by a trigger
----------------------------------------------------------------------------------------
CREATE TEMP VIEW v_triggers AS
SELECT t.tbl || ': trigger ' || g.tgname || ' runs ' || g.tgfoid::regprocedure::text || ', not a member function'
  FROM pg_trigger g JOIN member_table t ON t.relid = g.tgrelid
 WHERE NOT g.tgisinternal AND g.tgfoid NOT IN (SELECT funcid FROM member_function)
UNION ALL
SELECT 'trigger function ' || f.func || ' is used by no trigger'
  FROM member_function f
 WHERE f.is_trigger AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgfoid = f.funcid)
UNION ALL
SELECT t.tbl || ': trigger ' || g.tgname || ' is not enabled'
  FROM pg_trigger g JOIN member_table t ON t.relid = g.tgrelid
 WHERE NOT g.tgisinternal AND g.tgenabled <> 'O'
UNION ALL
SELECT t.tbl || ': trigger ' || g.tgname || ' is not named after its table'
  FROM pg_trigger g JOIN member_table t ON t.relid = g.tgrelid
 WHERE NOT g.tgisinternal AND g.tgname NOT LIKE t.tbl || '\_%';
SELECT pg_temp.none('SELECT * FROM v_triggers',
                    'triggers run enabled member functions, are named <table>_..., and no trigger function is unused');

----------------------------------------------------------------------------------------
-- Functions: search_path pinned, no SECURITY DEFINER, native, trigger functions
-- not executable by PUBLIC
----------------------------------------------------------------------------------------
-- Every function is native since 1.3 (compact_daily_cost_rollup() was SQL before);
-- an exception would be listed here with its reason.
CREATE TEMP TABLE non_native_function (func text PRIMARY KEY, reason text NOT NULL);
-- From 1.4 the hot C functions pin search_path inside, around every query the module
-- runs (src/pg/runtime/spi.hpp; ops/security tests them with hostile objects in
-- front of pg_catalog), instead of with a SET clause, whose cost per call was the
-- largest single item of a one-row statement.
CREATE TEMP TABLE pins_inside (func text PRIMARY KEY, reason text NOT NULL);
INSERT INTO pins_inside
SELECT f, 'hot: ' || why FROM (VALUES
  ('agentic.row_before_write()', 'every UPDATE'),
  ('agentic.restore_guard()', 'every INSERT statement'),
  ('agentic.audit_row_changes()', 'every statement'),
  ('agentic.agents_before_write()', 'every agent write'),
  ('agentic.task_assignments_before_write()', 'every assignment write'),
  ('agentic.task_assignments_after_write()', 'every assignment write'),
  ('agentic.task_graph_check()', 'every dependency write'),
  ('agentic.model_catalog_before_write()', 'every model write'),
  ('agentic.execution_costs_before_write()', 'every ledger row'),
  ('agentic.cost_rollup_changes()', 'every ledger statement'),
  ('agentic.jsonb_array_of(jsonb,text)', 'CHECK constraints, every row'),
  ('agentic.bounded_tsvector(regconfig,text,text)', 'generated columns, every row'),
  ('agentic.calculate_agent_utilization(bigint,timestamp with time zone,timestamp with time zone)', 'reports'),
  ('agentic.calculate_agent_utilization(bigint)', 'reports'),
  ('agentic.calculate_agent_utilization(timestamp with time zone,timestamp with time zone)', 'reports'),
  ('agentic.verify_api_key(text)', 'every API request'),
  ('agentic.resolve_session(text)', 'every request of a signed-in user'),
  ('agentic.current_user_id()', 'every statement under row-level security'),
  ('agentic.current_user_is_admin()', 'every statement under row-level security'),
  ('agentic.current_role_is_service()', 'every statement on users'),
  ('agentic.conversations_before_write()', 'every conversation write'),
  ('agentic.messages_before_write()', 'every message'),
  ('agentic.message_counts_changes()', 'every message statement')) AS v(f, why);

CREATE TEMP VIEW v_functions AS
SELECT f.func || ': search_path is not pinned to pg_catalog, pg_temp'
  FROM member_function f JOIN pg_proc p ON p.oid = f.funcid
 WHERE NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) s WHERE s = 'search_path=pg_catalog, pg_temp')
   AND f.func NOT IN (SELECT func FROM pins_inside)
UNION ALL
SELECT n.func || ': listed as pinning search_path inside but has a SET clause, is not C or is absent'
  FROM pins_inside n
 WHERE NOT EXISTS (SELECT 1 FROM member_function f JOIN pg_proc p ON p.oid = f.funcid
                     JOIN pg_language l ON l.oid = p.prolang
                    WHERE f.func = n.func AND l.lanname = 'c' AND p.proconfig IS NULL)
UNION ALL
SELECT f.func || ': SECURITY DEFINER'
  FROM member_function f JOIN pg_proc p ON p.oid = f.funcid WHERE p.prosecdef
UNION ALL
SELECT f.func || ': LANGUAGE ' || l.lanname || ', not C'
  FROM member_function f JOIN pg_proc p ON p.oid = f.funcid JOIN pg_language l ON l.oid = p.prolang
 WHERE l.lanname <> 'c' AND f.func NOT IN (SELECT func FROM non_native_function)
UNION ALL
SELECT n.func || ': listed as non-native but is LANGUAGE C or absent'
  FROM non_native_function n
 WHERE NOT EXISTS (SELECT 1 FROM member_function f JOIN pg_proc p ON p.oid = f.funcid
                     JOIN pg_language l ON l.oid = p.prolang
                    WHERE f.func = n.func AND l.lanname <> 'c')
UNION ALL
SELECT f.func || ': trigger function executable by PUBLIC'
  FROM member_function f JOIN pg_proc p ON p.oid = f.funcid
 WHERE f.is_trigger
   AND (p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a
                                     WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE'));
SELECT pg_temp.none('SELECT * FROM v_functions',
                    'every function pins search_path (with SET, or inside as listed), none is SECURITY DEFINER, all but the listed are native, '
                    'and no trigger function is executable by PUBLIC');

-- The same seen through has_function_privilege, by a role that was granted nothing
CREATE ROLE pgtap_agentic_nobody NOLOGIN;
SELECT pg_temp.none($$SELECT f.func FROM member_function f
                       WHERE f.is_trigger AND has_function_privilege('pgtap_agentic_nobody', f.funcid, 'EXECUTE')$$,
                    'a role without privileges cannot execute any trigger function');
SELECT is((SELECT string_agg(f.func, ', ' ORDER BY f.func) FROM member_function f
            WHERE has_function_privilege('pgtap_agentic_nobody', f.funcid, 'EXECUTE')),
          'agentic.bounded_tsvector(regconfig,text,text), agentic.jsonb_array_of(jsonb,text)',
          'least privilege (1.1): a role without grants can execute only the JSON shape test of the CHECK constraints and the search vector of the generated columns');

----------------------------------------------------------------------------------------
-- Controls: a member table and a member function that break every convention
-- above are reported by every invariant (rolled back). pgTAP records results in
-- tables that a rollback would undo, so each check is kept in a psql variable and
-- reported after the rollback.
----------------------------------------------------------------------------------------
-- true when a violation matches `pattern` (LIKE)
CREATE FUNCTION pg_temp.reports(violations text, pattern text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE hit boolean;
BEGIN
  EXECUTE format('SELECT bool_or(v::text LIKE %L) FROM (%s) AS q(v)', pattern, violations) INTO hit;
  RETURN coalesce(hit, false);
END $$;

SAVEPOINT probe;
CREATE TYPE agentic.pgtap_probe_status AS ENUM ('new', 'old');
CREATE TABLE agentic.pgtap_probe (
  id bigint GENERATED BY DEFAULT AS IDENTITY,
  status agentic.pgtap_probe_status,
  updated_at timestamptz,
  search_vector tsvector,
  model_id bigint REFERENCES agentic.model_catalog (id));
CREATE TABLE agentic.pgtap_probe_task (id bigint PRIMARY KEY, status agentic.task_status NOT NULL);
CREATE FUNCTION agentic.pgtap_probe_fn() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END';
CREATE TRIGGER probe_audit_insert AFTER INSERT ON agentic.pgtap_probe
  FOR EACH ROW EXECUTE FUNCTION agentic.audit_row_changes();
ALTER TABLE agentic.pgtap_probe DISABLE TRIGGER probe_audit_insert;
CREATE TRIGGER pgtap_probe_task_before_write BEFORE UPDATE ON agentic.pgtap_probe_task
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write('job');
ALTER EXTENSION agentic_schema ADD TABLE agentic.pgtap_probe;
ALTER EXTENSION agentic_schema ADD SEQUENCE agentic.pgtap_probe_id_seq;
ALTER EXTENSION agentic_schema ADD TABLE agentic.pgtap_probe_task;
ALTER EXTENSION agentic_schema ADD FUNCTION agentic.pgtap_probe_fn();
ALTER EXTENSION agentic_schema ADD TYPE agentic.pgtap_probe_status;
CREATE TABLE agentic.pgtap_stray (id bigint PRIMARY KEY);


SELECT pg_temp.reports('SELECT * FROM v_non_member', 'relation agentic.pgtap_stray')
       AS control_1 \gset
SELECT pg_temp.reports('SELECT * FROM v_missing_comment', 'table agentic.pgtap_probe')
   AND pg_temp.reports('SELECT * FROM v_missing_comment', 'column agentic.pgtap_probe.id')
   AND pg_temp.reports('SELECT * FROM v_missing_comment', 'function agentic.pgtap_probe_fn()')
   AND pg_temp.reports('SELECT * FROM v_missing_comment', 'type agentic.pgtap_probe_status')
       AS control_2 \gset
COMMENT ON COLUMN agentic.tasks.title IS NULL;
SELECT pg_temp.reports('SELECT * FROM v_missing_comment', 'column agentic.tasks.title')
       AS control_3 \gset
SELECT pg_temp.reports('SELECT * FROM v_not_dumped', 'agentic.pgtap_probe')
   AND pg_temp.reports('SELECT * FROM v_not_dumped', 'agentic.pgtap_probe_id_seq')
       AS control_4 \gset
SELECT pg_temp.reports('SELECT * FROM v_no_id_pk', 'pgtap_probe')
       AS control_5 \gset
SELECT pg_temp.reports('SELECT * FROM v_audit_policy', 'pgtap_probe: no audit trigger pgtap_probe_audit_insert%')
   AND pg_temp.reports('SELECT * FROM v_audit_policy', 'pgtap_probe: no audit trigger pgtap_probe_audit_delete%')
   AND pg_temp.reports('SELECT * FROM v_audit_policy', 'pgtap_probe: no audit trigger pgtap_probe_audit_truncate%')
       AS control_6 \gset
SELECT pg_temp.reports('SELECT * FROM v_row_rules', 'pgtap_probe: has % but no BEFORE UPDATE row trigger')
       AS control_7 \gset
SELECT pg_temp.reports('SELECT * FROM v_updated_at', 'pgtap_probe.updated_at: is nullable')
   AND pg_temp.reports('SELECT * FROM v_updated_at', 'pgtap_probe.updated_at: has no created_at beside it')
       AS control_8 \gset
SELECT pg_temp.reports('SELECT * FROM v_status_machines', 'pgtap_probe.status: no status machine pgtap_probe')
   AND pg_temp.reports('SELECT * FROM v_status_machines', 'machine task: enforced on 2 tables%')
   AND pg_temp.reports('SELECT * FROM v_status_machines',
                          'pgtap_probe_task: pgtap_probe_task_before_write enforces machine job but the status column is task_status')
       AS control_9 \gset
SELECT pg_temp.reports($$SELECT u.tbl || '.' || u.col FROM unindexed_fk u
                             WHERE (u.tbl, u.col) NOT IN (SELECT tbl, col FROM unindexed_fk_known)$$,
                          'pgtap_probe.model_id')
       AS control_10 \gset
SELECT pg_temp.reports('SELECT * FROM v_search_vector', 'pgtap_probe.search_vector: is not a stored generated column')
   AND pg_temp.reports('SELECT * FROM v_search_vector', 'pgtap_probe.search_vector: has no GIN index')
       AS control_11 \gset
SELECT pg_temp.reports('SELECT * FROM v_triggers', 'trigger function agentic.pgtap_probe_fn() is used by no trigger')
   AND pg_temp.reports('SELECT * FROM v_triggers', 'pgtap_probe: trigger probe_audit_insert is not enabled')
   AND pg_temp.reports('SELECT * FROM v_triggers', 'pgtap_probe: trigger probe_audit_insert is not named after its table')
       AS control_12 \gset
SELECT pg_temp.reports('SELECT * FROM v_functions', 'agentic.pgtap_probe_fn(): search_path is not pinned%')
   AND pg_temp.reports('SELECT * FROM v_functions', 'agentic.pgtap_probe_fn(): LANGUAGE plpgsql, not C')
   AND pg_temp.reports('SELECT * FROM v_functions', 'agentic.pgtap_probe_fn(): trigger function executable by PUBLIC')
       AS control_13 \gset
ROLLBACK TO SAVEPOINT probe;
SELECT ok(:'control_1'::boolean, 'control: a table in schema agentic outside the extension is reported');
SELECT ok(:'control_2'::boolean, 'control: a table, column, function and type without a comment are reported');
SELECT ok(:'control_3'::boolean, 'control: a column whose comment is dropped is reported');
SELECT ok(:'control_4'::boolean, 'control: a member table and its identity sequence that are not dump-marked are reported');
SELECT ok(:'control_5'::boolean, 'control: a member table without primary key (id) is reported');
SELECT ok(:'control_6'::boolean, 'control: a member table without its audit triggers is reported (a disabled row-level one does not count)');
SELECT ok(:'control_7'::boolean, 'control: a member table with id, status and updated_at but no BEFORE UPDATE trigger is reported');
SELECT ok(:'control_8'::boolean, 'control: a nullable updated_at without created_at is reported');
SELECT ok(:'control_9'::boolean, 'control: a status enum without a machine, a machine on two tables, and a trigger naming the wrong machine are reported');
SELECT ok(:'control_10'::boolean, 'control: a new unindexed foreign key is reported');
SELECT ok(:'control_11'::boolean, 'control: a plain search_vector without a GIN index is reported');
SELECT ok(:'control_12'::boolean, 'control: an unused trigger function, a disabled trigger and a misnamed trigger are reported');
SELECT ok(:'control_13'::boolean, 'control: a member function without pinned search_path, not native, executable by PUBLIC is reported');

SAVEPOINT probe_fix;
INSERT INTO unindexed_fk_known VALUES ('task_prompts', 'model_id', 'control: listed although indexed');
SELECT pg_temp.reports($$SELECT k.tbl || '.' || k.col FROM unindexed_fk_known k
                             WHERE (k.tbl, k.col) NOT IN (SELECT tbl, col FROM unindexed_fk)$$,
                          'task_prompts.model_id')
       AS control_14 \gset
ROLLBACK TO SAVEPOINT probe_fix;
SELECT ok(:'control_14'::boolean, 'control: a listed unindexed foreign key that has its index is reported as a stale exception');

SAVEPOINT probe_pins;
INSERT INTO pins_inside VALUES ('agentic.rules()', 'control: keeps its SET clause');
ALTER FUNCTION agentic.jsonb_array_of(jsonb, text) SET search_path = pg_catalog, pg_temp;
SELECT pg_temp.reports('SELECT * FROM v_functions', 'agentic.rules(): listed as pinning search_path inside%')
   AND pg_temp.reports('SELECT * FROM v_functions', 'agentic.jsonb_array_of(jsonb,text): listed as pinning search_path inside%')
       AS control_15 \gset
ROLLBACK TO SAVEPOINT probe_pins;
SELECT ok(:'control_15'::boolean, 'control: a function listed as pinning inside that has a SET clause is reported');

SAVEPOINT probe_audit;
DROP TRIGGER execution_costs_audit_update ON agentic.execution_costs;
CREATE TRIGGER execution_costs_audit_insert AFTER INSERT ON agentic.execution_costs
  REFERENCING NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
SELECT pg_temp.reports('SELECT * FROM v_audit_policy', 'execution_costs: no audit trigger execution_costs_audit_update%')
   AND pg_temp.reports('SELECT * FROM v_audit_policy', 'execution_costs: audit trigger execution_costs_audit_insert on an exempt INSERT%')
       AS control_15 \gset
ROLLBACK TO SAVEPOINT probe_audit;
SELECT ok(:'control_15'::boolean, 'control: a dropped audit trigger, and one added where the policy exempts it, are reported');

SELECT * FROM finish();
ROLLBACK;
