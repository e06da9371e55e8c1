-- One line per table of the extension: row count and a digest of every row in id
-- order (audit_logs and daily_cost_rollup among them), one per identity sequence
-- with its position, and one per view (daily_cost_summary among them: what the
-- roll-up adds up to) with a digest of its rows in text order. Equal output from
-- two databases means equal data.
\pset format unaligned
\pset tuples_only on
SELECT pg_catalog.string_agg(line, E'\n' ORDER BY line) FROM (
  SELECT format('table %s rows=%s digest=%s', c.relname,
                (xpath('/row/n/text()', query_to_xml(
                   format('SELECT count(*) AS n FROM agentic.%I', c.relname), false, true, '')))[1],
                (xpath('/row/d/text()', query_to_xml(
                   format('SELECT md5(coalesce(string_agg(to_jsonb(t)::text, %L ORDER BY t.id), %L)) AS d FROM agentic.%I t',
                          E'\n', '', c.relname), false, true, '')))[1]) AS line
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'agentic' AND c.relkind = 'r'
  UNION ALL
  SELECT format('sequence %s last_value=%s is_called=%s', c.relname,
                (xpath('/row/v/text()', query_to_xml(
                   format('SELECT last_value AS v FROM agentic.%I', c.relname), false, true, '')))[1],
                (xpath('/row/c/text()', query_to_xml(
                   format('SELECT is_called AS c FROM agentic.%I', c.relname), false, true, '')))[1])
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'agentic' AND c.relkind = 'S'
  UNION ALL
  SELECT format('view %s rows=%s digest=%s', c.relname,
                (xpath('/row/n/text()', query_to_xml(
                   format('SELECT count(*) AS n FROM agentic.%I', c.relname), false, true, '')))[1],
                (xpath('/row/d/text()', query_to_xml(
                   format('SELECT md5(coalesce(string_agg(r, %L ORDER BY r), %L)) AS d
                             FROM (SELECT to_jsonb(t)::text AS r FROM agentic.%I t) AS v',
                          E'\n', '', c.relname), false, true, '')))[1])
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'agentic' AND c.relkind = 'v'
) AS facts(line);
