-- bench/sql/utilization.sql: one repetition of the utilization measurements (psql -v rep=N).
-- One agent over the 30-day window, per call (server-side loop, 20 calls per agent):
-- the probe cohort with 1x history (1,000 assignments before the window) and the one
-- with 10x (10,000), both with the same 150 assignments inside the window; and the
-- 10 busiest generated agents. All agents over the window: native, the plain SQL
-- reference (range_agg) and the classic gaps-and-islands SQL.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
\o /dev/null
SELECT bench.cfg('window_start') AS ws, bench.cfg('window_end') AS we,
       '{' || bench.cfg('probe_agents_1x') || '}' AS p1, '{' || bench.cfg('probe_agents_10x') || '}' AS p10 \gset
SELECT bench.record('utilization', 'one_agent_ms', v || '_' || c, :rep,
                    bench.time_one_agent(v, a::bigint[], 20, :'ws', :'we'), 'ms')
  FROM (VALUES ('native', '1x', :'p1'), ('reference', '1x', :'p1'), ('native', '10x', :'p10'),
               ('reference', '10x', :'p10'), ('native', 'top10', '{1,2,3,4,5,6,7,8,9,10}'),
               ('reference', 'top10', '{1,2,3,4,5,6,7,8,9,10}')) AS x(v, c, a);
SELECT bench.record('utilization', 'all_agents_ms', v, :rep, bench.time_all_agents(v, :'ws', :'we'), 'ms')
  FROM unnest(CASE WHEN :rep % 2 = 0 THEN ARRAY['native', 'reference', 'islands']
                   ELSE ARRAY['islands', 'reference', 'native'] END) AS v;
\o
