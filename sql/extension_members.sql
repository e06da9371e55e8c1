-- What CREATE EXTENSION installs: the exact list of member objects, the
-- required extensions, and the legal status transitions of the native rules.
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
