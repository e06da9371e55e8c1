-- What the roles lc_read, lc_write and lc_admin may do with the extension's objects:
-- one line per role, object and privilege held (PUBLIC's grants included).
SELECT r.rolname, o.object, p.privilege
  FROM pg_roles r
  CROSS JOIN LATERAL (
    SELECT c.oid::regclass::text AS object, c.oid AS relid, NULL::oid AS procid
      FROM pg_class c
     WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'S')
    UNION ALL
    SELECT p.oid::regprocedure::text, NULL, p.oid
      FROM pg_proc p WHERE p.pronamespace = 'agentic'::regnamespace) AS o
  CROSS JOIN LATERAL (
    SELECT unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS privilege
     WHERE o.relid IS NOT NULL
    UNION ALL SELECT 'EXECUTE' WHERE o.procid IS NOT NULL) AS p
 WHERE r.rolname IN ('lc_read', 'lc_write', 'lc_admin')
   AND CASE WHEN o.relid IS NOT NULL
            THEN has_table_privilege(r.oid, o.relid, p.privilege)
            ELSE has_function_privilege(r.oid, o.procid, 'EXECUTE') END
UNION ALL
SELECT r.rolname, 'schema agentic', 'USAGE'
  FROM pg_roles r
 WHERE r.rolname IN ('lc_read', 'lc_write', 'lc_admin')
   AND has_schema_privilege(r.oid, 'agentic', 'USAGE')
 ORDER BY 1, 2, 3;
