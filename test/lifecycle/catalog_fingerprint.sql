-- One line per fact about the installed agentic_schema: every extension member,
-- function definitions and settings, table columns, constraints, indexes,
-- triggers and their enabled state, views, comments, privileges, RLS policies
-- and the pg_dump config marks. Two databases hold the same extension exactly
-- when their fingerprints are equal. No OIDs or version strings appear.
-- Privileges are compared as granted: a NULL ACL is shown as the default it means,
-- and the entries of an ACL in a fixed order.
-- column_order=off (psql -v) leaves out column positions: a downgrade that re-adds a
-- column (PostgreSQL cannot move one) differs from a fresh install only there.
\if :{?column_order}
\else
\set column_order on
\endif
\pset format unaligned
\pset tuples_only on
WITH ext AS (
  SELECT oid FROM pg_extension WHERE extname = 'agentic_schema'
), members AS (
  SELECT d.classid, d.objid, d.objsubid
    FROM pg_depend d, ext
   WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
), rels AS (
  SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN members m
      ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
), funcs AS (
  SELECT p.oid FROM pg_proc p JOIN members m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
)
SELECT line FROM (
  SELECT 'member ' || pg_describe_object(classid, objid, objsubid) FROM members
  UNION ALL
  SELECT 'schema ' || n.nspname || ' owner-is-superuser=' || r.rolsuper || ' acl=' ||
         (SELECT string_agg(a::text, ',' ORDER BY a::text)
            FROM unnest(coalesce(n.nspacl, acldefault('n'::"char", n.nspowner))) a) || ' comment=' || coalesce(obj_description(n.oid, 'pg_namespace'), '-')
    FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'agentic'
  UNION ALL
  SELECT 'function ' || p.oid::regprocedure || E'\n' || pg_get_functiondef(p.oid) ||
         ' acl=' || (SELECT string_agg(a::text, ',' ORDER BY a::text)
            FROM unnest(coalesce(p.proacl, acldefault('f'::"char", p.proowner))) a) ||
         ' comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '-')
    FROM pg_proc p JOIN funcs f ON f.oid = p.oid WHERE p.prokind <> 'a'
  UNION ALL
  SELECT format('column %s.%s #%s %s notnull=%s default=%s identity=%s generated=%s comment=%s',
                r.relname, a.attname,
                CASE WHEN :'column_order' = 'off' THEN '-'
                     ELSE (rank() OVER (PARTITION BY r.oid ORDER BY a.attnum))::text END,
                format_type(a.atttypid, a.atttypmod), a.attnotnull,
                coalesce(pg_get_expr(ad.adbin, ad.adrelid), '-'), a.attidentity, a.attgenerated,
                coalesce(col_description(r.oid, a.attnum), '-'))
    FROM rels r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef ad ON ad.adrelid = r.oid AND ad.adnum = a.attnum
   WHERE r.relkind IN ('r', 'v', 'p')
  UNION ALL
  SELECT format('relation %s kind=%s acl=%s rls=%s force_rls=%s options=%s comment=%s',
                r.relname, r.relkind,
                (SELECT string_agg(a::text, ',' ORDER BY a::text)
                   FROM unnest(coalesce(c.relacl, acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::"char",
                                                            c.relowner))) a),
                c.relrowsecurity,
                c.relforcerowsecurity, coalesce(c.reloptions::text, '-'),
                coalesce(obj_description(r.oid, 'pg_class'), '-'))
    FROM rels r JOIN pg_class c ON c.oid = r.oid
  UNION ALL
  SELECT format('constraint %s.%s %s deferrable=%s validated=%s', r.relname, co.conname,
                pg_get_constraintdef(co.oid), co.condeferrable, co.convalidated)
    FROM rels r JOIN pg_constraint co ON co.conrelid = r.oid
  UNION ALL
  SELECT format('index %s %s', i.indexrelid::regclass, pg_get_indexdef(i.indexrelid))
    FROM rels r JOIN pg_index i ON i.indrelid = r.oid
  UNION ALL
  SELECT format('trigger %s.%s enabled=%s %s', r.relname, t.tgname, t.tgenabled,
                pg_get_triggerdef(t.oid))
    FROM rels r JOIN pg_trigger t ON t.tgrelid = r.oid AND NOT t.tgisinternal
  UNION ALL
  SELECT format('view %s %s', r.relname, pg_get_viewdef(r.oid))
    FROM rels r WHERE r.relkind IN ('v', 'm')
  UNION ALL
  SELECT format('policy %s.%s %s roles=%s using=%s check=%s', p.tablename, p.policyname,
                p.cmd, p.roles, coalesce(p.qual, '-'), coalesce(p.with_check, '-'))
    FROM pg_policies p WHERE p.schemaname = 'agentic'
  UNION ALL
  SELECT format('sequence %s start=%s increment=%s min=%s max=%s cycle=%s',
                s.seqrelid::regclass, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle)
    FROM pg_sequence s JOIN rels r ON r.oid = s.seqrelid
  UNION ALL
  SELECT format('type %s labels=%s comment=%s', t.oid::regtype,
                (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                   FROM pg_enum e WHERE e.enumtypid = t.oid),
                coalesce(obj_description(t.oid, 'pg_type'), '-'))
    FROM pg_type t JOIN members m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
  UNION ALL
  SELECT format('config-dump %s filter=%s', u.cfg::regclass, u.cond)
    FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS u(cfg, cond)
   WHERE e.extname = 'agentic_schema'
  UNION ALL
  SELECT format('extension requires %s', r.extname)
    FROM pg_depend d JOIN ext ON d.objid = ext.oid
    JOIN pg_extension r ON r.oid = d.refobjid
   WHERE d.classid = 'pg_extension'::regclass AND d.refclassid = 'pg_extension'::regclass
) AS facts(line)
ORDER BY line;
