-- bench/sql/summary.sql: one repetition of reading the daily cost summary (psql -v rep=N):
-- the whole summary (a year) and the last 30 days, native (agentic.daily_cost_summary,
-- whatever it is in the installed version) and reference (materialized view).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
\o /dev/null
SELECT bench.record('summary', 'read_' || w || '_ms', v, :rep,
                    bench.time_summary_read(v, CASE w WHEN 'all' THEN '-infinity'::date
                                                 ELSE (bench.cfg('anchor')::timestamptz - interval '30 days')::date END),
                    'ms')
  FROM (VALUES ('native', 'all'), ('reference', 'all'), ('native', '30d'), ('reference', '30d')) AS x(v, w);
\o
