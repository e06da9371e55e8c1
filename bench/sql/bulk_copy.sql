-- bench/sql/bulk_copy.sql: one timed bulk load (psql -v variant=... -v rep=N -v file=PATH -v check=0|1).
-- variant: bare (bench_bare.execution_costs), native (agentic.execution_costs, every rule
-- on), native_no_stmt (the same with the ledger's statement-level INSERT triggers off),
-- reference (reference.execution_costs, PL/pgSQL rules). The COPY runs in a transaction
-- that is rolled back after the measurement (so every repetition loads into the same
-- table), with SET CONSTRAINTS ALL IMMEDIATE inside the timing so that deferred checks
-- are counted; the table is vacuumed afterwards, outside the timing.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
\if :{?check}
\else
  \set check 0
\endif
SELECT CASE :'variant' WHEN 'bare' THEN 'bench_bare.execution_costs'
                       WHEN 'reference' THEN 'reference.execution_costs'
                       ELSE 'agentic.execution_costs' END AS tbl,
       :'variant' = 'native_no_stmt' AS nostmt,
       :'variant' = 'native' AND :check = 1 AS check_native,
       :'variant' = 'reference' AND :check = 1 AS check_reference \gset
CHECKPOINT;
BEGIN;
\if :nostmt
SELECT bench.disable_native_statement_insert_triggers() AS disabled \gset
\endif
SELECT clock_timestamp() AS t0 \gset
COPY :tbl (agent_id, task_id, task_assignment_id, model_id, operation, occurred_at,
           input_tokens, output_tokens, cached_input_tokens, cost, duration_ms)
  FROM :'file' (FORMAT csv);
SET CONSTRAINTS ALL IMMEDIATE;
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS secs \gset
\if :check_native
SELECT coalesce(bench.summary_mismatches('native')::text, 'n/a') AS native_stale \gset
\endif
\if :check_reference
SELECT coalesce(bench.summary_mismatches('reference')::text, 'n/a') AS reference_stale \gset
SELECT clock_timestamp() AS t1 \gset
REFRESH MATERIALIZED VIEW reference.daily_cost_summary;
SELECT extract(epoch FROM clock_timestamp() - :'t1'::timestamptz) AS refresh_secs \gset
SELECT coalesce(bench.summary_mismatches('reference')::text, 'n/a') AS reference_stale_after \gset
\endif
ROLLBACK;
SELECT bench.record('bulk_load', 'copy_seconds', :'variant', :rep, :secs, 's') AS r \gset
\if :check_native
SELECT bench.note('bulk_native_summary_stale_days_after_load', :'native_stale') AS r \gset
\endif
\if :check_reference
SELECT bench.note('bulk_reference_summary_stale_days_after_load', :'reference_stale') AS r \gset
SELECT bench.note('bulk_reference_summary_stale_days_after_refresh', :'reference_stale_after') AS r \gset
SELECT bench.record('summary', 'refresh_after_load_seconds', 'reference', :rep, :refresh_secs, 's') AS r \gset
\endif
VACUUM :tbl;
\echo :variant rep :rep :secs s
