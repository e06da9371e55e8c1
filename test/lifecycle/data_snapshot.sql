-- Keeps every row of every extension table (as JSON) in public.lifecycle_snapshot,
-- and creates public.lifecycle_diff(), which lists the rows that differ from the
-- snapshot now, comparing only the columns a table had at snapshot time (an
-- upgrade may add columns). An empty diff proves nothing was lost or changed.
DROP TABLE IF EXISTS public.lifecycle_snapshot;
CREATE TABLE public.lifecycle_snapshot (table_name text, columns text[], row_data jsonb);

CREATE OR REPLACE FUNCTION public.lifecycle_tables() RETURNS TABLE (table_name text, columns text[])
LANGUAGE sql AS $$
  SELECT c.relname::text, array_agg(a.attname::text ORDER BY a.attnum)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   WHERE n.nspname = 'agentic' AND c.relkind = 'r'
   GROUP BY c.relname
$$;

CREATE OR REPLACE FUNCTION public.lifecycle_take_snapshot() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM public.lifecycle_tables() LOOP
    -- a marker row keeps empty tables in the snapshot
    INSERT INTO public.lifecycle_snapshot VALUES (t.table_name, t.columns, NULL);
    EXECUTE format('INSERT INTO public.lifecycle_snapshot SELECT %L, %L, to_jsonb(r) FROM agentic.%I r',
                   t.table_name, t.columns, t.table_name);
  END LOOP;
  RETURN (SELECT count(*) FROM public.lifecycle_snapshot WHERE row_data IS NOT NULL);
END $$;

CREATE OR REPLACE FUNCTION public.lifecycle_diff() RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT DISTINCT s.table_name, s.columns FROM public.lifecycle_snapshot s
             JOIN public.lifecycle_tables() l USING (table_name) LOOP
    RETURN QUERY EXECUTE format($q$
      WITH now_rows AS (
        SELECT (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(to_jsonb(r)) e
                 WHERE e.key = ANY (%L::text[])) AS row_data
          FROM agentic.%I r
      ), before AS (
        SELECT row_data FROM public.lifecycle_snapshot WHERE table_name = %L AND row_data IS NOT NULL
      )
      SELECT 'lost or changed in %s: ' || x.row_data::text
        FROM (SELECT row_data FROM before EXCEPT ALL SELECT row_data FROM now_rows) x
      UNION ALL
      SELECT 'appeared in %s: ' || x.row_data::text
        FROM (SELECT row_data FROM now_rows EXCEPT ALL SELECT row_data FROM before) x
    $q$, t.columns, t.table_name, t.table_name, t.table_name, t.table_name);
  END LOOP;
  RETURN QUERY
    SELECT 'table gone: ' || s.table_name FROM (SELECT DISTINCT table_name FROM public.lifecycle_snapshot) s
     WHERE NOT EXISTS (SELECT 1 FROM public.lifecycle_tables() l WHERE l.table_name = s.table_name);
END $$;

SELECT public.lifecycle_take_snapshot() AS rows_in_snapshot;
