-- bench/sql/report.sql: writes RESULTS.md (markdown) from bench.results, bench.notes,
-- bench.config and bench.gen_timing. psql variables (run.sh passes them): command,
-- machine_cpu, machine_nproc, machine_mem, machine_kernel, run_date, git_rev, duration,
-- pgbench_seconds, reps, bulk_rows, settings.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
\pset format unaligned
\pset tuples_only on
\pset footer off

-- Helpers (temporary: the report leaves nothing behind).
CREATE FUNCTION pg_temp.med(p_target text, p_metric text, p_variant text) RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY value) FROM bench.results
   WHERE target = p_target AND metric = p_metric AND variant = p_variant
$$;
CREATE FUNCTION pg_temp.n(p_target text, p_metric text, p_variant text) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT count(*) FROM bench.results WHERE target = p_target AND metric = p_metric AND variant = p_variant
$$;
CREATE FUNCTION pg_temp.f(x double precision, digits integer DEFAULT 2) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN x IS NULL THEN 'n/a'
              WHEN x = 'Infinity' THEN '∞'
              ELSE to_char(round(x::numeric, digits), 'FM999,999,999,990' || CASE WHEN digits > 0 THEN '.' || repeat('0', digits) ELSE '' END) END
$$;
CREATE FUNCTION pg_temp.verdict(ok boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN ok IS NULL THEN 'n/a' WHEN ok THEN '**MET**' ELSE '**NOT MET**' END
$$;
CREATE FUNCTION pg_temp.note(p_key text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT value FROM bench.notes WHERE key = p_key
$$;

-- The figures every table uses.
CREATE TEMP TABLE fig AS
SELECT pg_temp.med('bulk_load', 'copy_seconds', 'bare') AS tb,
       pg_temp.med('bulk_load', 'copy_seconds', 'native') AS tn,
       pg_temp.med('bulk_load', 'copy_seconds', 'native_no_stmt') AS tns,
       pg_temp.med('bulk_load', 'copy_seconds', 'reference') AS tr,
       pg_temp.med('callgrind', 'instructions_per_row', 'bare') AS ib,
       pg_temp.med('callgrind', 'instructions_per_row', 'native') AS inat,
       pg_temp.med('callgrind', 'instructions_per_row', 'reference') AS iref,
       pg_temp.med('utilization', 'one_agent_ms', 'native_1x') AS un1,
       pg_temp.med('utilization', 'one_agent_ms', 'native_10x') AS un10,
       pg_temp.med('utilization', 'one_agent_ms', 'reference_1x') AS ur1,
       pg_temp.med('utilization', 'one_agent_ms', 'reference_10x') AS ur10,
       pg_temp.med('utilization', 'one_agent_ms', 'native_top10') AS untop,
       pg_temp.med('utilization', 'one_agent_ms', 'reference_top10') AS urtop,
       pg_temp.med('utilization', 'all_agents_ms', 'native') AS uan,
       pg_temp.med('utilization', 'all_agents_ms', 'reference') AS uar,
       pg_temp.med('utilization', 'all_agents_ms', 'islands') AS uai,
       pg_temp.med('summary', 'read_all_ms', 'native') AS sna,
       pg_temp.med('summary', 'read_all_ms', 'reference') AS sra,
       pg_temp.med('summary', 'read_30d_ms', 'native') AS sn30,
       pg_temp.med('summary', 'read_30d_ms', 'reference') AS sr30,
       pg_temp.med('summary', 'refresh_after_load_seconds', 'reference') AS srefresh,
       pg_temp.med('memory', 'context_bytes', 'batch_00') AS mc0,
       pg_temp.med('memory', 'context_bytes', 'batch_05') AS mc1,
       pg_temp.med('memory', 'context_bytes', 'batch_10') AS mc2,
       pg_temp.med('memory', 'rss_anon_kb', 'batch_00') AS mr0,
       pg_temp.med('memory', 'rss_anon_kb', 'batch_05') AS mr1,
       pg_temp.med('memory', 'rss_anon_kb', 'batch_10') AS mr2,
       pg_temp.med('memory', 'seconds', 'insert_1m_rows') AS msec;

CREATE TEMP TABLE mix AS
SELECT c AS clients,
       pg_temp.med('mix', 'tps', 'native_c' || c) AS native,
       pg_temp.med('mix', 'tps', 'reference_c' || c) AS reference,
       pg_temp.n('mix', 'tps', 'native_c' || c) AS runs
  FROM unnest(ARRAY[1, 2, 8]) c;

-- Verdicts.
CREATE TEMP TABLE v AS
SELECT (SELECT tn / tb <= 1.3 FROM fig) AS bulk_ratio,
       (SELECT CASE WHEN tn - tb <= 0 THEN true ELSE (tr - tb) / (tn - tb) >= 3 END FROM fig) AS bulk_overhead,
       (SELECT bool_and(native / reference >= 1.5) FROM mix WHERE native IS NOT NULL) AS mix_all,
       (SELECT un10 / un1 <= 1.25 FROM fig) AS util_history,
       (SELECT uar / uan >= 5 FROM fig) AS util_all,
       (SELECT uai / uan >= 5 FROM fig) AS util_all_islands,
       (pg_temp.note('bulk_native_summary_stale_days_after_load') = '0') AS summary_current,
       (SELECT mc2 - mc0 < 65536 AND mr2 - mr0 < 1024 FROM fig) AS memory_flat;

\qecho '# agentic_schema benchmark results'
\qecho
SELECT format('Run with `%s` on %s (%s). Extension `agentic_schema` %s, built and installed from the working tree at %s.',
              :'command', :'run_date', :'duration',
              (SELECT extversion FROM pg_extension WHERE extname = 'agentic_schema'), :'git_rev');
\qecho
\qecho '## Machine and server'
\qecho
SELECT format('- CPU: %s, %s cores (`nproc`), shared with other work while the benchmark ran', :'machine_cpu', :'machine_nproc');
SELECT format('- Memory: %s; kernel %s', :'machine_mem', :'machine_kernel');
SELECT format('- %s', version());
SELECT format('- Throwaway cluster (pg_virtualenv -t): %s', :'settings');
\qecho '- Clients (psql, pgbench) connect over TCP to localhost, on the same 2 cores as the server.'
\qecho
\qecho '## Data'
\qecho
SELECT format('Scale %s, generated by `bench/generate.sql` into `agentic.*` and, row for row, `reference.*` '
              '(and the ledger into `bench_bare.execution_costs`). Spread over the year before %s, skewed '
              '(1%% of the agents carry about a fifth of the work; the first models most of the cost).',
              bench.cfg('scale'), bench.cfg('anchor'));
\qecho
SELECT format('**Generation ran with `session_replication_role = replica`: every user trigger (native rules, '
              'reference rules, audit) and the foreign-key triggers were off while the rows were written, and on '
              'again for every measurement.** CHECK, NOT NULL and unique constraints held; the rows were written in '
              'final states consistent with the rules (checked below). Generation took %s s at this scale '
              '(see the last section).', pg_temp.f((SELECT seconds FROM bench.gen_timing WHERE step = 'total')::double precision, 0));
\qecho
\qecho '| table | rows (agentic = reference) | agentic size | reference size |'
\qecho '|---|---:|---:|---:|'
SELECT format('| %s | %s | %s | %s |', t, pg_temp.f(c::double precision, 0),
              pg_size_pretty(pg_total_relation_size(('agentic.' || t)::regclass)),
              pg_size_pretty(pg_total_relation_size(('reference.' || t)::regclass)))
  FROM (VALUES ('agents', 1), ('tasks', 2), ('task_assignments', 3), ('execution_costs', 4)) AS x(t, o)
  CROSS JOIN LATERAL (SELECT CASE t WHEN 'agents' THEN bench.cfg('agents')::bigint + 20
                                    WHEN 'tasks' THEN bench.cfg('tasks')::bigint + 20
                                    WHEN 'task_assignments' THEN bench.cfg('assignments')::bigint
                                    ELSE bench.cfg('execution_costs')::bigint END AS c) n
 ORDER BY o;
\qecho
SELECT format('Every figure is the median of %s repetitions (pgbench: %s s per run); repetitions of the '
              'variants are interleaved.', :'reps', :'pgbench_seconds');
\qecho
\qecho '## Targets at a glance'
\qecho
\qecho '| target | measured | goal | verdict |'
\qecho '|---|---|---|---|'
SELECT format('| bulk load: COPY time with every rule / bare table | %s | ≤ 1.3 | %s |', pg_temp.f(tn / tb), pg_temp.verdict(bulk_ratio))
  FROM fig, v;
SELECT format('| bulk load, instructions per row (callgrind): reference overhead / native overhead | %s | (≥ 3) | low-noise cross-check: %s |',
              CASE WHEN inat - ib <= 0 THEN '∞' ELSE pg_temp.f((iref - ib) / (inat - ib)) END,
              pg_temp.verdict((iref - ib) / nullif(inat - ib, 0) >= 3 OR inat <= ib))
  FROM fig WHERE inat IS NOT NULL;
SELECT format('| bulk load: reference rule overhead / native rule overhead | %s | ≥ 3 | %s |',
              CASE WHEN tn - tb <= 0 THEN '∞ (native adds nothing)' ELSE pg_temp.f((tr - tb) / (tn - tb)) END,
              pg_temp.verdict(bulk_overhead))
  FROM fig, v;
SELECT format('| transactional mix, %s client%s: native / reference TPS | %s | ≥ 1.5 | %s |', clients,
              CASE WHEN clients > 1 THEN 's' ELSE '' END, pg_temp.f(native / reference), pg_temp.verdict(native / reference >= 1.5))
  FROM mix ORDER BY clients;
SELECT format('| transactional mix, instructions per workflow (callgrind): reference / native | %s | ≥ 2 | %s |',
              pg_temp.f(pg_temp.med('callgrind', 'instructions_per_workflow', 'reference') / pg_temp.med('callgrind', 'instructions_per_workflow', 'native')),
              pg_temp.verdict(pg_temp.med('callgrind', 'instructions_per_workflow', 'reference') / pg_temp.med('callgrind', 'instructions_per_workflow', 'native') >= 2))
 WHERE EXISTS (SELECT 1 FROM bench.results WHERE metric = 'instructions_per_workflow');
SELECT format('| transactional mix, instructions per workflow (callgrind): native / rule-free floor | %s | ≤ 1.5 | %s |',
              pg_temp.f(pg_temp.med('callgrind', 'instructions_per_workflow', 'native') / pg_temp.med('callgrind', 'instructions_per_workflow', 'floor')),
              pg_temp.verdict(pg_temp.med('callgrind', 'instructions_per_workflow', 'native') / pg_temp.med('callgrind', 'instructions_per_workflow', 'floor') <= 1.5))
 WHERE EXISTS (SELECT 1 FROM bench.results WHERE metric = 'instructions_per_workflow' AND variant = 'floor');
SELECT format('| utilization, one agent, 30 days: time at 10x / 1x history | %s | ≤ 1.25 (independent) | %s |',
              pg_temp.f(un10 / un1), pg_temp.verdict(util_history))
  FROM fig, v;
SELECT format('| utilization, all agents: plain SQL (range_agg) / native | %s | ≥ 5 | %s |', pg_temp.f(uar / uan), pg_temp.verdict(util_all))
  FROM fig, v;
SELECT format('| utilization, all agents: classic SQL (gaps and islands) / native | %s | ≥ 5 | %s |', pg_temp.f(uai / uan), pg_temp.verdict(util_all_islands))
  FROM fig, v;
SELECT format('| daily cost summary current after a bulk load, no REFRESH | %s stale days | 0 | %s |',
              coalesce(pg_temp.note('bulk_native_summary_stale_days_after_load'), 'n/a'), pg_temp.verdict(summary_current))
  FROM v;
SELECT format('| memory across 1,000,000 native rule calls | %s bytes contexts, %s kB RssAnon | < 64 KiB contexts, < 1 MiB RssAnon (1 byte/call) | %s |',
              pg_temp.f(mc2 - mc0, 0), pg_temp.f(mr2 - mr0, 0), pg_temp.verdict(memory_flat))
  FROM fig, v;
\qecho

\qecho '## 1. Bulk load of the cost ledger (COPY)'
\qecho
SELECT format('%s rows (`bench/sql/bulk_file.sql`: costs of recent assignments over the 7 days before the anchor, %s) '
              'copied into a ledger that already holds %s rows. Variants: **native** `agentic.execution_costs` '
              'with every rule; **bare** `bench_bare.execution_costs` (`LIKE agentic.execution_costs INCLUDING DEFAULTS '
              'INCLUDING IDENTITY INCLUDING INDEXES ...` plus the same foreign keys, no trigger, no CHECK, same rows); '
              '**reference** `reference.execution_costs` (PL/pgSQL BEFORE ROW trigger).',
              pg_temp.f(:bulk_rows::double precision, 0),
              CASE WHEN pg_temp.note('derives_null_cost') = 'true'
                   THEN 'half with a NULL cost that the rules derive from the model price, half with a reported cost'
                   ELSE 'all with a reported cost (the installed native ledger does not derive NULL costs)' END,
              pg_temp.f(bench.cfg('execution_costs')::double precision, 0));
\qecho
\qecho 'Command, per variant and repetition (`bench/sql/bulk_copy.sql`): `CHECKPOINT; BEGIN; COPY <table> (agent_id, task_id, task_assignment_id, model_id, operation, occurred_at, input_tokens, output_tokens, cached_input_tokens, cost, duration_ms) FROM ''<file>'' (FORMAT csv); SET CONSTRAINTS ALL IMMEDIATE; ROLLBACK; VACUUM <table>` — timed from before the COPY to after SET CONSTRAINTS.'
\qecho
\qecho '| measure | native | bare | reference | ratio | goal | verdict |'
\qecho '|---|---:|---:|---:|---|---|---|'
SELECT format('| COPY time, s (rows/s) | %s (%s) | %s (%s) | %s (%s) | native / bare = %s | ≤ 1.3 | %s |',
              pg_temp.f(tn), pg_temp.f(:bulk_rows / tn, 0), pg_temp.f(tb), pg_temp.f(:bulk_rows / tb, 0),
              pg_temp.f(tr), pg_temp.f(:bulk_rows / tr, 0), pg_temp.f(tn / tb), pg_temp.verdict(bulk_ratio))
  FROM fig, v;
SELECT format('| rule overhead (time − bare), s; µs per row | %s; %s | — | %s; %s | reference / native = %s | ≥ 3 | %s |',
              pg_temp.f(tn - tb), pg_temp.f((tn - tb) * 1e6 / :bulk_rows, 1), pg_temp.f(tr - tb),
              pg_temp.f((tr - tb) * 1e6 / :bulk_rows, 1),
              CASE WHEN tn - tb <= 0 THEN '∞' ELSE pg_temp.f((tr - tb) / (tn - tb)) END, pg_temp.verdict(bulk_overhead))
  FROM fig, v;
SELECT format('| instructions per row (callgrind, one backend, %s) | %s | %s | %s | overhead reference / native = %s | (≥ 3) | %s |',
              coalesce(pg_temp.note('callgrind_method'), 'n/a'),
              pg_temp.f(inat, 0), pg_temp.f(ib, 0), pg_temp.f(iref, 0),
              CASE WHEN inat - ib <= 0 THEN '∞' ELSE pg_temp.f((iref - ib) / (inat - ib)) END,
              CASE WHEN inat IS NULL THEN 'not measured' ELSE 'low-noise cross-check: ' || pg_temp.verdict((iref - ib) / nullif(inat - ib, 0) >= 3 OR inat <= ib) END)
  FROM fig;
SELECT format('| native without its statement-level INSERT triggers (%s), s | %s | | | statement triggers'' share = %s s | | info |',
              array_to_string(bench.native_statement_insert_triggers(), ', '), pg_temp.f(tns), pg_temp.f(tn - tns))
  FROM fig WHERE tns IS NOT NULL;
\qecho
SELECT 'Where the instructions of one row go (callgrind, inclusive instructions per row of each function; CopyFrom is the whole COPY, ExecBRInsertTriggers the BEFORE ROW triggers, AfterTriggerEndQuery the AFTER triggers (foreign keys, statement triggers), RI_FKey_check_ins the foreign-key checks, fmgr_security_definer the call wrapper of functions with a SET clause, SPI_* the queries run from triggers, agentic_* the native entry points):'
 WHERE EXISTS (SELECT 1 FROM bench.results WHERE target = 'callgrind_fn');
\qecho
SELECT '| function | bare | native | reference |' || E'\n' || '|---|---:|---:|---:|'
 WHERE EXISTS (SELECT 1 FROM bench.results WHERE target = 'callgrind_fn');
SELECT format('| %s | %s | %s | %s |', metric,
              coalesce(to_char(pg_temp.med('callgrind_fn', metric, 'bare'), 'FM999,999,999,990'), '—'),
              coalesce(to_char(pg_temp.med('callgrind_fn', metric, 'native'), 'FM999,999,999,990'), '—'),
              coalesce(to_char(pg_temp.med('callgrind_fn', metric, 'reference'), 'FM999,999,999,990'), '—'))
  FROM (SELECT metric, max(value) AS top FROM bench.results WHERE target = 'callgrind_fn' GROUP BY metric) m
 ORDER BY top DESC;
\qecho
SELECT format('Native ledger as installed: %s. Bare table: %s.', pg_temp.note('native_ledger'), pg_temp.note('bare_table'));
\qecho
SELECT format('All repetitions (s): native %s; bare %s; reference %s.',
              (SELECT string_agg(pg_temp.f(value), ', ' ORDER BY rep) FROM bench.results WHERE target = 'bulk_load' AND variant = 'native'),
              (SELECT string_agg(pg_temp.f(value), ', ' ORDER BY rep) FROM bench.results WHERE target = 'bulk_load' AND variant = 'bare'),
              (SELECT string_agg(pg_temp.f(value), ', ' ORDER BY rep) FROM bench.results WHERE target = 'bulk_load' AND variant = 'reference'));
\qecho

\qecho '## 2. Transactional mix (pgbench)'
\qecho
\qecho 'One pgbench transaction is one workflow, each step its own transaction: create a task (half of them subtasks of an existing task), assign it to an agent (Zipf-skewed, s = 1.1), start it, record 2 or 3 model costs (NULL cost, derived by the rules, when the native ledger derives), complete it. Reported TPS = workflows per second.'
\qecho
SELECT format('Command: `pgbench -n -M prepared -r -c <clients> -j <min(clients,2)> -T %s -f bench/pgbench/workflow.sql (reference: the same with agentic. replaced by reference.) -D agents=%s -D models=12 -D tasks=%s -D derived=%s`',
              :'pgbench_seconds', bench.cfg('agents'), bench.cfg('tasks'),
              CASE WHEN pg_temp.note('derives_null_cost') = 'true' THEN 1 ELSE 0 END);
\qecho
\qecho '| clients | native TPS | reference TPS | native / reference | goal | verdict |'
\qecho '|---:|---:|---:|---:|---|---|'
SELECT format('| %s | %s | %s | %s | ≥ 1.5 | %s |', clients, pg_temp.f(native, 1), pg_temp.f(reference, 1),
              pg_temp.f(native / reference), pg_temp.verdict(native / reference >= 1.5))
  FROM mix ORDER BY clients;
\qecho
SELECT format('Instructions per workflow (callgrind: one pgbench client in the small callgrind cluster, the same seeded workflows on every side, 120 minus 20 workflows, / 100): native %s, reference %s, rule-free floor %s; reference / native = %s (goal ≥ 2): %s; native / floor = %s (goal ≤ 1.5): %s. The floor is the workflow on `bench_floor.tasks`, `task_assignments` and `execution_costs` (`bench/sql/floor.sql`: same columns, defaults, indexes and foreign keys, no triggers, no CHECK constraints, same rows): %s.',
              pg_temp.f(pg_temp.med('callgrind', 'instructions_per_workflow', 'native'), 0),
              pg_temp.f(pg_temp.med('callgrind', 'instructions_per_workflow', 'reference'), 0),
              coalesce(pg_temp.f(pg_temp.med('callgrind', 'instructions_per_workflow', 'floor'), 0), 'not measured'),
              pg_temp.f(pg_temp.med('callgrind', 'instructions_per_workflow', 'reference') / pg_temp.med('callgrind', 'instructions_per_workflow', 'native')),
              pg_temp.verdict(pg_temp.med('callgrind', 'instructions_per_workflow', 'reference') / pg_temp.med('callgrind', 'instructions_per_workflow', 'native') >= 2),
              coalesce(pg_temp.f(pg_temp.med('callgrind', 'instructions_per_workflow', 'native') / pg_temp.med('callgrind', 'instructions_per_workflow', 'floor')), 'n/a'),
              coalesce(pg_temp.verdict(pg_temp.med('callgrind', 'instructions_per_workflow', 'native') / pg_temp.med('callgrind', 'instructions_per_workflow', 'floor') <= 1.5), 'n/a'),
              pg_temp.note('floor_tables'))
 WHERE EXISTS (SELECT 1 FROM bench.results WHERE metric = 'instructions_per_workflow');
\qecho
SELECT '| function (inclusive instructions per workflow) | native | reference | floor |' || E'\n' || '|---|---:|---:|---:|'
 WHERE EXISTS (SELECT 1 FROM bench.results WHERE target = 'callgrind_mix_fn');
SELECT format('| %s | %s | %s | %s |', metric,
              coalesce(to_char(pg_temp.med('callgrind_mix_fn', metric, 'native'), 'FM999,999,999,990'), '—'),
              coalesce(to_char(pg_temp.med('callgrind_mix_fn', metric, 'reference'), 'FM999,999,999,990'), '—'),
              coalesce(to_char(pg_temp.med('callgrind_mix_fn', metric, 'floor'), 'FM999,999,999,990'), '—'))
  FROM (SELECT metric, max(value) AS top FROM bench.results WHERE target = 'callgrind_mix_fn' GROUP BY metric) m
 WHERE top > 0
 ORDER BY top DESC;
\qecho
\qecho 'Mean latency per statement at 1 client (ms, median over the repetitions; `pgbench -r`):'
\qecho
\qecho '| step | native | reference | reference − native |'
\qecho '|---|---:|---:|---:|'
SELECT format('| %s | %s | %s | %s |', s.metric,
              pg_temp.f(pg_temp.med('mix_stmt', s.metric, 'native_c1'), 3),
              pg_temp.f(pg_temp.med('mix_stmt', s.metric, 'reference_c1'), 3),
              pg_temp.f(pg_temp.med('mix_stmt', s.metric, 'reference_c1') - pg_temp.med('mix_stmt', s.metric, 'native_c1'), 3))
  FROM (SELECT metric, min(id) AS first FROM bench.results WHERE target = 'mix_stmt' GROUP BY metric) s
 ORDER BY s.first;
\qecho
SELECT format('All runs (TPS): %s.', string_agg(format('%s %s', variant, pg_temp.f(value, 0)), ', ' ORDER BY id))
  FROM bench.results WHERE target = 'mix' AND metric = 'tps';
\qecho

\qecho '## 3. Utilization'
\qecho
SELECT format('Window [%s, %s). Checked first: %s (busy time, available time, assignments and utilization per agent).',
              bench.cfg('window_start'), bench.cfg('window_end'), pg_temp.note('utilization_check'));
\qecho
\qecho 'One agent: `agentic.calculate_agent_utilization(agent, from, to)` vs `reference.agent_utilization(agent, from, to)` (plain SQL with `range_agg`), timed in a server-side PL/pgSQL loop (`bench.time_one_agent`, 20 calls per agent per repetition). History size: two probe cohorts of 10 agents with the same 150 assignments inside the window and 1,000 (1x) or 10,000 (10x) assignments in the year before it — history a factor 10 apart at the same window content (scaling the whole data set keeps the history per agent constant, so it cannot show this).'
\qecho
\qecho '| one agent, 30-day window | native ms/call | reference ms/call | reference / native |'
\qecho '|---|---:|---:|---:|'
SELECT format('| 1x history (1,000 assignments before the window) | %s | %s | %s |', pg_temp.f(un1, 3), pg_temp.f(ur1, 3), pg_temp.f(ur1 / un1)) FROM fig;
SELECT format('| 10x history (10,000 assignments before the window) | %s | %s | %s |', pg_temp.f(un10, 3), pg_temp.f(ur10, 3), pg_temp.f(ur10 / un10)) FROM fig;
SELECT format('| the 10 busiest generated agents | %s | %s | %s |', pg_temp.f(untop, 3), pg_temp.f(urtop, 3), pg_temp.f(urtop / untop)) FROM fig;
SELECT format('| **10x / 1x time** (goal ≤ 1.25: independent of history) | **%s** %s | %s | |', pg_temp.f(un10 / un1), pg_temp.verdict(util_history), pg_temp.f(ur10 / ur1)) FROM fig, v;
\qecho
\qecho 'All agents: `agentic.calculate_agent_utilization(from, to)` vs `reference.all_agents_utilization(from, to)` (plain SQL, `range_agg` over the GiST-indexed overlap) and `reference.all_agents_utilization_islands(from, to)` (plain SQL, window-function gaps and islands); every output column read (`bench.time_all_agents`).'
\qecho
\qecho '| all agents, 30-day window | ms | SQL / native | goal | verdict |'
\qecho '|---|---:|---:|---|---|'
SELECT format('| native | %s | | | |', pg_temp.f(uan, 1)) FROM fig;
SELECT format('| reference, range_agg | %s | %s | ≥ 5 | %s |', pg_temp.f(uar, 1), pg_temp.f(uar / uan), pg_temp.verdict(util_all)) FROM fig, v;
SELECT format('| reference, gaps and islands | %s | %s | ≥ 5 | %s |', pg_temp.f(uai, 1), pg_temp.f(uai / uan), pg_temp.verdict(util_all_islands)) FROM fig, v;
\qecho

\qecho '## 4. Daily cost summary'
\qecho
SELECT format('`agentic.daily_cost_summary` is a %s; `reference.daily_cost_summary` is a materialized view refreshed by hand.',
              pg_temp.note('daily_cost_summary_kind'));
\qecho 'Whether a summary is current is checked inside the first bulk-load repetition, after the COPY and before the rollback: its per-day counts and sums are compared with the ledger (`bench.summary_mismatches`).'
\qecho
\qecho '| measure | native | reference | goal | verdict |'
\qecho '|---|---:|---:|---|---|'
SELECT format('| days that disagree with the ledger right after the bulk load, no REFRESH | %s | %s (after REFRESH: %s) | 0 | %s |',
              coalesce(pg_temp.note('bulk_native_summary_stale_days_after_load'), 'n/a'),
              coalesce(pg_temp.note('bulk_reference_summary_stale_days_after_load'), 'n/a'),
              coalesce(pg_temp.note('bulk_reference_summary_stale_days_after_refresh'), 'n/a'),
              pg_temp.verdict(summary_current)) FROM v;
SELECT format('| read the whole summary (a year of days), ms | %s | %s | | info |', pg_temp.f(sna, 1), pg_temp.f(sra, 1)) FROM fig;
SELECT format('| read the last 30 days, ms | %s | %s | | info |', pg_temp.f(sn30, 1), pg_temp.f(sr30, 1)) FROM fig;
SELECT format('| upkeep in the bulk load, s | %s | REFRESH after the load: %s | | info |',
              CASE WHEN tns IS NOT NULL THEN pg_temp.f(tn - tns) || ' (statement-level INSERT triggers)'
                   ELSE '0 (no statement-level INSERT trigger on the ledger: nothing is kept up to date during the load)' END,
              pg_temp.f(srefresh)) FROM fig;
\qecho

\qecho '## 5. Backend memory across 1,000,000 native rule calls'
\qecho
SELECT format('One session (`bench/sql/memory.sql`): two warm-up batches of 100,000 rows, then 1,000,000 rows into `agentic.execution_costs` '
              '(INSERT ... SELECT in batches of 100,000, each rolled back; %s), %s native function calls counted by '
              '`track_functions = all`; %s s.',
              CASE WHEN pg_temp.note('derives_null_cost') = 'true' THEN 'NULL costs, derived by the rules' ELSE 'reported costs' END,
              pg_temp.f(pg_temp.note('memory_native_function_calls')::double precision, 0), pg_temp.f(msec, 1)) FROM fig;
\qecho
\qecho '| measure | after warm-up | after 500,000 | after 1,000,000 | growth over the 1,000,000 calls | goal | verdict |'
\qecho '|---|---:|---:|---:|---:|---|---|'
SELECT format('| memory contexts total, bytes (pg_backend_memory_contexts) | %s | %s | %s | %s | < 65,536 | %s |',
              pg_temp.f(mc0, 0), pg_temp.f(mc1, 0), pg_temp.f(mc2, 0), pg_temp.f(mc2 - mc0, 0),
              pg_temp.verdict(mc2 - mc0 < 65536)) FROM fig;
SELECT format('| anonymous resident memory, kB (RssAnon, /proc) | %s | %s | %s | %s | < 1,024 | %s |',
              pg_temp.f(mr0, 0), pg_temp.f(mr1, 0), pg_temp.f(mr2, 0), pg_temp.f(mr2 - mr0, 0),
              pg_temp.verdict(mr2 - mr0 < 1024)) FROM fig;
\qecho
SELECT format('RssAnon after the warm-up and after each batch of 100,000 (kB): %s. Memory contexts (bytes): %s.',
              string_agg(pg_temp.f(value, 0), ', ' ORDER BY variant) FILTER (WHERE metric = 'rss_anon_kb'),
              string_agg(pg_temp.f(value, 0), ', ' ORDER BY variant) FILTER (WHERE metric = 'context_bytes'))
  FROM bench.results WHERE target = 'memory' AND variant LIKE 'batch_%';
\qecho
\qecho 'A leak of one byte per call adds about 100 kB per batch, steadily; a step now and then that stays flat afterwards is the allocator (glibc keeps freed memory), not a leak. VmRSS also counts the shared buffers the backend touches, hence RssAnon.'
\qecho

\qecho '## 6. Sign-in and conversations (1.5)'
\qecho
\qecho 'API key verification (`bench/pgbench/verify_key.sql`: one `verify_api_key()` of a key drawn uniformly, its own transaction) and a chat turn (`bench/pgbench/message_append.sql`: a user message and the answer appended to a conversation drawn Zipf-skewed, s = 1.1, each its own transaction, counters kept, rows audited), native against the PL/pgSQL reference of `bench/reference/talk.sql` (the same tables, constraints and indexes; its key check is a regular expression, without the checksum). Reported TPS = pgbench transactions per second, medians of the repetitions. No goal is set for these; they are measured so that the next versions keep them fast.'
\qecho
SELECT format('Command: `pgbench -n -M prepared -c <clients> -j <clients> -T %s -f bench/pgbench/<workload>.sql (reference: agentic. replaced by reference.) -D keys=%s -D conversations=%s`; %s users, keys and conversations on each side.',
              :'pgbench_seconds', pg_temp.note('talk_users'), pg_temp.note('talk_users'), pg_temp.note('talk_users'));
\qecho
\qecho '| workload | clients | native TPS | reference TPS | native / reference |'
\qecho '|---|---:|---:|---:|---:|'
SELECT format('| %s | %s | %s | %s | %s |', w, c,
              pg_temp.f(pg_temp.med('talk', 'tps', w || '_native_c' || c), 1),
              pg_temp.f(pg_temp.med('talk', 'tps', w || '_reference_c' || c), 1),
              pg_temp.f(pg_temp.med('talk', 'tps', w || '_native_c' || c) / pg_temp.med('talk', 'tps', w || '_reference_c' || c)))
  FROM unnest(ARRAY['verify_key', 'message_append']) WITH ORDINALITY AS x(w, o), unnest(ARRAY[1, 2]) c
 WHERE pg_temp.med('talk', 'tps', w || '_native_c' || c) IS NOT NULL
 ORDER BY o, c;
\qecho

\qecho '## Checks'
\qecho
SELECT format('- status machines of `reference.status_transitions` equal `agentic.status_transitions()`: %s', pg_temp.note('status_transitions_agree'));
SELECT format('- native and reference derive the same cost, currency, cost_source and recorded prices for 2,000 NULL-cost rows over both price periods: %s rows differ', pg_temp.note('cost_derivation_mismatches'));
SELECT format('- one workflow of the mix on each side (rolled back), task, assignment, cost and audit trail: %s', pg_temp.note('workflow_parity'));
SELECT format('- utilization, all agents over the window: %s; %s busy hours in total', pg_temp.note('utilization_check'), pg_temp.note('busy_hours_in_window'));
SELECT format('- native ledger derives NULL costs: %s', pg_temp.note('derives_null_cost'));
SELECT format('- extension build: %s', pg_temp.note('build'));
\qecho

\qecho '## Generation timings'
\qecho
\qecho '| step | seconds | rows |'
\qecho '|---|---:|---:|'
SELECT format('| %s | %s | %s |', step, pg_temp.f(seconds, 1), CASE WHEN rows IS NULL THEN '' ELSE pg_temp.f(rows::double precision, 0) END)
  FROM bench.gen_timing ORDER BY step = 'total', seconds DESC;
SELECT format('| bench/sql/setup.sql (bare ledger copy, checks) | %s | |', pg_temp.f(pg_temp.note('setup_seconds')::double precision, 1));
\qecho
SELECT format('Measured generation times on this machine: %s. Generation grows about linearly with the scale.', pg_temp.note('generation_measurements'))
 WHERE pg_temp.note('generation_measurements') IS NOT NULL;
