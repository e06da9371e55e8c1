-- bench/sql/setup.sql: the benchmark's own objects (schema bench), run after generate.sql.
--   * bench.results: every measurement (one row per repetition);
--   * bench.notes: facts the report prints (checks, detected capabilities);
--   * bench_bare.execution_costs: the ledger with every rule off, for the bulk-load
--     baseline: same columns, defaults, identity, indexes and foreign keys as
--     agentic.execution_costs, no triggers and no CHECK constraints, same rows;
--   * helpers that time server-side loops.
-- Nothing here names a native trigger: the native side is whatever version is installed.

\set ON_ERROR_STOP on
SET client_min_messages = warning;
\o /dev/null

CREATE TABLE IF NOT EXISTS bench.results (
  id bigserial PRIMARY KEY,
  target text NOT NULL,
  metric text NOT NULL,
  variant text NOT NULL,
  rep integer NOT NULL,
  value double precision NOT NULL,
  unit text NOT NULL,
  measured_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS bench.notes (key text PRIMARY KEY, value text NOT NULL);

CREATE OR REPLACE FUNCTION bench.note(p_key text, p_value text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO bench.notes VALUES (p_key, coalesce(p_value, 'n/a'))
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
$$;
CREATE OR REPLACE FUNCTION bench.cfg(p_key text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT value FROM bench.config WHERE key = p_key
$$;
CREATE OR REPLACE FUNCTION bench.record(p_target text, p_metric text, p_variant text, p_rep integer,
                                        p_value double precision, p_unit text)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO bench.results (target, metric, variant, rep, value, unit)
  SELECT p_target, p_metric, p_variant, p_rep, p_value, p_unit WHERE p_value IS NOT NULL
$$;

-- Does the installed native ledger derive a NULL cost (the row is rolled back)?
CREATE OR REPLACE FUNCTION bench.native_derives_cost() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens,
                                       cached_input_tokens, cost)
  VALUES (1, 1, bench.cfg('anchor')::timestamptz - interval '1 hour', 1000, 100, 0, NULL);
  RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'bench: derived';
EXCEPTION
  WHEN raise_exception THEN RETURN SQLERRM = 'bench: derived';
  WHEN others THEN RETURN false;
END $$;

SELECT bench.note('derives_null_cost', bench.native_derives_cost()::text);

-- The reference's status machines must be the native ones.
SELECT bench.note('status_transitions_agree',
  (NOT EXISTS (SELECT machine, from_status, to_status FROM agentic.status_transitions()
               EXCEPT SELECT machine, from_status, to_status FROM reference.status_transitions)
   AND NOT EXISTS (SELECT machine, from_status, to_status FROM reference.status_transitions
                   EXCEPT SELECT machine, from_status, to_status FROM agentic.status_transitions()))::text);

----------------------------------------------------------------------------------------
-- The bare ledger
----------------------------------------------------------------------------------------
DROP SCHEMA IF EXISTS bench_bare CASCADE;
CREATE SCHEMA bench_bare;
CREATE TABLE bench_bare.execution_costs
  (LIKE agentic.execution_costs INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED
                                INCLUDING INDEXES INCLUDING STORAGE);

DO $$
DECLARE
  c record;
  v_cols text;
BEGIN
  -- Foreign keys are constraints, not rules: the bare table checks them too.
  PERFORM set_config('search_path', 'pg_catalog', true);  -- schema-qualified definitions
  FOR c IN SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
            WHERE conrelid = 'agentic.execution_costs'::regclass AND contype = 'f' ORDER BY conname LOOP
    EXECUTE format('ALTER TABLE bench_bare.execution_costs ADD CONSTRAINT %I %s', c.conname, c.def);
  END LOOP;
  -- Without rules a NULL cost stays NULL (the native side derives it).
  IF bench.native_derives_cost() THEN
    ALTER TABLE bench_bare.execution_costs ALTER COLUMN cost DROP NOT NULL;
  END IF;
  SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO v_cols
    FROM pg_attribute WHERE attrelid = 'agentic.execution_costs'::regclass AND attnum > 0
     AND NOT attisdropped AND attgenerated = '';
  SET LOCAL session_replication_role = replica;  -- rows known good: skip the FK checks while copying
  EXECUTE format('INSERT INTO bench_bare.execution_costs (%s) OVERRIDING SYSTEM VALUE SELECT %s '
                 'FROM agentic.execution_costs ORDER BY id', v_cols, v_cols);
  PERFORM setval(pg_get_serial_sequence('bench_bare.execution_costs', 'id'),
                 (SELECT max(id) FROM bench_bare.execution_costs));
END $$;

SELECT bench.note('bare_table',
  format('bench_bare.execution_costs: %s rows, %s indexes, %s foreign keys, %s triggers, %s CHECK constraints',
         (SELECT count(*) FROM bench_bare.execution_costs),
         (SELECT count(*) FROM pg_index WHERE indrelid = 'bench_bare.execution_costs'::regclass),
         (SELECT count(*) FROM pg_constraint WHERE conrelid = 'bench_bare.execution_costs'::regclass AND contype = 'f'),
         (SELECT count(*) FROM pg_trigger WHERE tgrelid = 'bench_bare.execution_costs'::regclass AND NOT tgisinternal),
         (SELECT count(*) FROM pg_constraint WHERE conrelid = 'bench_bare.execution_costs'::regclass AND contype = 'c')));
SELECT bench.note('native_ledger',
  format('agentic.execution_costs: %s indexes, %s foreign keys, user triggers: %s; CHECK constraints: %s',
         (SELECT count(*) FROM pg_index WHERE indrelid = 'agentic.execution_costs'::regclass),
         (SELECT count(*) FROM pg_constraint WHERE conrelid = 'agentic.execution_costs'::regclass AND contype = 'f'),
         coalesce((SELECT string_agg(tgname || ' (' || CASE WHEN tgtype & 1 = 1 THEN 'row' ELSE 'statement' END
                                     || ')', ', ' ORDER BY tgname)
                     FROM pg_trigger WHERE tgrelid = 'agentic.execution_costs'::regclass AND NOT tgisinternal), 'none'),
         (SELECT count(*) FROM pg_constraint WHERE conrelid = 'agentic.execution_costs'::regclass AND contype = 'c')));
SELECT bench.note('daily_cost_summary_kind',
  (SELECT CASE c.relkind WHEN 'v' THEN 'view reading ' ||
                                       coalesce((SELECT string_agg(DISTINCT d.refobjid::regclass::text, ', ')
                                                   FROM pg_rewrite r
                                                   JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass
                                                    AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
                                                  WHERE r.ev_class = c.oid AND d.refobjid <> c.oid), 'nothing')
                         WHEN 'm' THEN 'materialized view' WHEN 'r' THEN 'table' ELSE c.relkind::text END
     FROM pg_class c WHERE c.oid = 'agentic.daily_cost_summary'::regclass));
VACUUM (ANALYZE) bench_bare.execution_costs;

-- Statement-level INSERT triggers on the native ledger (e.g. a summary maintained per
-- statement): the bulk load also runs once with them disabled to show their share.
CREATE OR REPLACE FUNCTION bench.native_statement_insert_triggers() RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(tgname ORDER BY tgname), '{}')
    FROM pg_trigger
   WHERE tgrelid = 'agentic.execution_costs'::regclass AND NOT tgisinternal
     AND tgtype & 1 = 0      -- FOR EACH STATEMENT
     AND tgtype & 4 = 4      -- INSERT
$$;
CREATE OR REPLACE FUNCTION bench.disable_native_statement_insert_triggers() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  t text;
  n integer := 0;
BEGIN
  FOREACH t IN ARRAY bench.native_statement_insert_triggers() LOOP
    EXECUTE format('ALTER TABLE agentic.execution_costs DISABLE TRIGGER %I', t);
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;

----------------------------------------------------------------------------------------
-- Timing helpers (server-side loops: no client round trip per call)
----------------------------------------------------------------------------------------

-- Milliseconds per call of calculate_agent_utilization / reference.agent_utilization for
-- each of the agents, p_loops times over.
CREATE OR REPLACE FUNCTION bench.time_one_agent(p_variant text, p_agents bigint[], p_loops integer,
                                                p_from timestamptz, p_to timestamptz)
RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz;
  a bigint;
BEGIN
  t0 := clock_timestamp();
  FOR i IN 1 .. p_loops LOOP
    FOREACH a IN ARRAY p_agents LOOP
      IF p_variant = 'native' THEN
        PERFORM * FROM agentic.calculate_agent_utilization(a, p_from, p_to);
      ELSE
        PERFORM * FROM reference.agent_utilization(a, p_from, p_to);
      END IF;
    END LOOP;
  END LOOP;
  RETURN extract(epoch FROM clock_timestamp() - t0) * 1000 / (p_loops * cardinality(p_agents));
END $$;

-- Milliseconds for one all-agents utilization over the window (every output column read).
CREATE OR REPLACE FUNCTION bench.time_all_agents(p_variant text, p_from timestamptz, p_to timestamptz)
RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz;
BEGIN
  t0 := clock_timestamp();
  IF p_variant = 'native' THEN
    PERFORM md5(string_agg(u::text, ',')) FROM agentic.calculate_agent_utilization(p_from, p_to) u;
  ELSIF p_variant = 'reference' THEN
    PERFORM md5(string_agg(u::text, ',')) FROM reference.all_agents_utilization(p_from, p_to) u;
  ELSE
    PERFORM md5(string_agg(u::text, ',')) FROM reference.all_agents_utilization_islands(p_from, p_to) u;
  END IF;
  RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END $$;

-- Milliseconds to read a daily cost summary (every row and column), whole or last 30 days.
CREATE OR REPLACE FUNCTION bench.time_summary_read(p_variant text, p_since date)
RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
  t0 timestamptz;
BEGIN
  t0 := clock_timestamp();
  IF p_variant = 'native' THEN
    PERFORM md5(string_agg(s::text, ',')) FROM agentic.daily_cost_summary s WHERE s.day >= p_since;
  ELSE
    PERFORM md5(string_agg(s::text, ',')) FROM reference.daily_cost_summary s WHERE s.day >= p_since;
  END IF;
  RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
EXCEPTION WHEN undefined_column OR undefined_table THEN
  RETURN NULL;  -- the installed version's summary has another shape: reported as n/a
END $$;

-- Is a summary current: does it hold exactly the ledger's per-day counts and sums?
CREATE OR REPLACE FUNCTION bench.summary_mismatches(p_variant text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  IF p_variant = 'native' THEN
    SELECT count(*) INTO n FROM (
      (SELECT day, currency, executions, total_cost FROM agentic.daily_cost_summary
       EXCEPT SELECT (occurred_at AT TIME ZONE 'UTC')::date, currency, count(*), sum(cost)
                FROM agentic.execution_costs GROUP BY 1, 2)
      UNION ALL
      (SELECT (occurred_at AT TIME ZONE 'UTC')::date, currency, count(*), sum(cost)
         FROM agentic.execution_costs GROUP BY 1, 2
       EXCEPT SELECT day, currency, executions, total_cost FROM agentic.daily_cost_summary)) d;
  ELSE
    SELECT count(*) INTO n FROM (
      (SELECT day, currency, executions, total_cost FROM reference.daily_cost_summary
       EXCEPT SELECT (occurred_at AT TIME ZONE 'UTC')::date, currency, count(*), sum(cost)
                FROM reference.execution_costs GROUP BY 1, 2)
      UNION ALL
      (SELECT (occurred_at AT TIME ZONE 'UTC')::date, currency, count(*), sum(cost)
         FROM reference.execution_costs GROUP BY 1, 2
       EXCEPT SELECT day, currency, executions, total_cost FROM reference.daily_cost_summary)) d;
  END IF;
  RETURN n;
EXCEPTION WHEN undefined_column OR undefined_table OR datatype_mismatch THEN
  RETURN NULL;  -- the installed version's summary has another shape: reported as n/a
END $$;

-- Backend memory: total of the memory contexts, and anonymous resident memory (kB).
CREATE OR REPLACE FUNCTION bench.backend_memory(OUT context_bytes bigint, OUT rss_anon_kb bigint,
                                                OUT rss_kb bigint)
LANGUAGE sql AS $$
  SELECT (SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts),
         (regexp_match(pg_read_file('/proc/self/status'), 'RssAnon:\s+(\d+)'))[1]::bigint,
         (regexp_match(pg_read_file('/proc/self/status'), 'VmRSS:\s+(\d+)'))[1]::bigint
$$;
\o

\o /dev/null
-- Assignments that ran in the 30 days before the anchor: the bulk-load rows charge them.
DROP TABLE IF EXISTS bench.recent_assignments;
CREATE TABLE bench.recent_assignments AS
SELECT row_number() OVER (ORDER BY id) - 1 AS n, id
  FROM agentic.task_assignments
 WHERE started_at >= bench.cfg('anchor')::timestamptz - interval '30 days'
   AND started_at < bench.cfg('anchor')::timestamptz;
CREATE UNIQUE INDEX ON bench.recent_assignments (n);
ANALYZE bench.recent_assignments;

-- Native and reference derive the same costs (and currency) and record the same prices: 2,000 rows
-- with NULL costs over the whole year (both price periods), inserted into both ledgers
-- and compared, then rolled back. Returns the rows that differ.
CREATE OR REPLACE FUNCTION bench.cost_derivation_mismatches() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  BEGIN
    CREATE TEMP TABLE cost_sample ON COMMIT DROP AS
    SELECT g, 1 + g % (bench.cfg('agents')::int) AS agent_id, 1 + g % 12 AS model_id,
           bench.cfg('anchor')::timestamptz - (g % 365) * interval '1 day' - (g % 24) * interval '1 hour' AS occurred_at,
           100 + (g * 7919) % 30000 AS input_tokens, (g * 104729) % 100 AS cached_input_tokens,
           10 + (g * 31) % 5000 AS output_tokens
      FROM generate_series(1, 2000) g;
    CREATE TEMP TABLE native_rows ON COMMIT DROP AS SELECT * FROM agentic.execution_costs LIMIT 0;
    CREATE TEMP TABLE reference_rows ON COMMIT DROP AS SELECT * FROM reference.execution_costs LIMIT 0;
    WITH ins AS (
      INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens,
                                           cached_input_tokens, cost)
      SELECT agent_id, model_id, occurred_at, input_tokens, output_tokens, cached_input_tokens, NULL
        FROM cost_sample ORDER BY g RETURNING *)
    INSERT INTO native_rows SELECT * FROM ins;
    WITH ins AS (
      INSERT INTO reference.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens,
                                             cached_input_tokens, cost)
      SELECT agent_id, model_id, occurred_at, input_tokens, output_tokens, cached_input_tokens, NULL
        FROM cost_sample ORDER BY g RETURNING *)
    INSERT INTO reference_rows SELECT * FROM ins;
    SELECT count(*) INTO n
      FROM native_rows a
      FULL JOIN reference_rows b
        ON (a.agent_id, a.model_id, a.occurred_at, a.input_tokens, a.output_tokens, a.cached_input_tokens)
         = (b.agent_id, b.model_id, b.occurred_at, b.input_tokens, b.output_tokens, b.cached_input_tokens)
     WHERE a.id IS NULL OR b.id IS NULL
        OR (a.cost, a.currency, a.cost_source::text, a.input_price_per_mtok, a.output_price_per_mtok,
            a.cached_input_price_per_mtok, a.price_effective_from)
           IS DISTINCT FROM
           (b.cost, b.currency, b.cost_source::text, b.input_price_per_mtok, b.output_price_per_mtok,
            b.cached_input_price_per_mtok, b.price_effective_from);
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'bench: roll back';
  EXCEPTION WHEN raise_exception THEN
    NULL;
  END;
  RETURN n;
END $$;

SELECT bench.note('cost_derivation_mismatches',
                  CASE WHEN bench.native_derives_cost() THEN bench.cost_derivation_mismatches()::text
                       ELSE 'not checked (the native ledger does not derive NULL costs)' END);

-- Native and reference utilization agree for every agent over the benchmark window.
SELECT bench.note('utilization_check', format('%s agents, %s differ (native vs reference), %s differ (native vs islands query)',
  count(*), count(*) FILTER (WHERE n.agent_id IS NULL OR r.agent_id IS NULL
                                OR extract(epoch FROM n.busy_time) <> extract(epoch FROM r.busy_time)
                                OR extract(epoch FROM n.available_time) <> extract(epoch FROM r.available_time)
                                OR n.assignments <> r.assignments
                                OR abs(n.utilization - r.utilization) > 1e-12),
  count(*) FILTER (WHERE n.agent_id IS NULL OR i.agent_id IS NULL
                                OR extract(epoch FROM n.busy_time) <> extract(epoch FROM i.busy_time)
                                OR extract(epoch FROM n.available_time) <> extract(epoch FROM i.available_time)
                                OR n.assignments <> i.assignments)))
  FROM agentic.calculate_agent_utilization(bench.cfg('window_start')::timestamptz, bench.cfg('window_end')::timestamptz) n
  FULL JOIN reference.all_agents_utilization(bench.cfg('window_start')::timestamptz, bench.cfg('window_end')::timestamptz) r
    USING (agent_id)
  FULL JOIN reference.all_agents_utilization_islands(bench.cfg('window_start')::timestamptz, bench.cfg('window_end')::timestamptz) i
    USING (agent_id);
SELECT bench.note('busy_hours_in_window', round(sum(extract(epoch FROM busy_time)) / 3600)::text)
  FROM agentic.calculate_agent_utilization(bench.cfg('window_start')::timestamptz, bench.cfg('window_end')::timestamptz);
\o

\o /dev/null
-- One workflow of the transactional mix on each side, in one transaction that is rolled
-- back: the task, assignment and cost rows and the audit trail must come out the same.
CREATE OR REPLACE FUNCTION bench.workflow_outcome(p_schema text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  t bigint;
  a bigint;
  v text;
BEGIN
  EXECUTE format('INSERT INTO %I.tasks (title, parent_task_id, required_skills) VALUES (''parity'', 1, ''["x"]'') RETURNING id', p_schema) INTO t;
  EXECUTE format('INSERT INTO %I.task_assignments (task_id, agent_id) VALUES ($1, 1) RETURNING id', p_schema) INTO a USING t;
  EXECUTE format('UPDATE %I.task_assignments SET status = ''in_progress'' WHERE id = $1', p_schema) USING a;
  EXECUTE format('INSERT INTO %I.execution_costs (agent_id, task_id, task_assignment_id, model_id, input_tokens, output_tokens, cached_input_tokens, cost) VALUES (1, $1, $2, 1, 1000, 100, 10, CASE WHEN bench.native_derives_cost() THEN NULL ELSE 0.01 END)', p_schema) USING t, a;
  EXECUTE format('UPDATE %I.task_assignments SET status = ''completed'' WHERE id = $1', p_schema) USING a;
  EXECUTE format($q$
    SELECT format('task %%s started=%%s completed=%%s ended_with_assignment=%%s; assignment %%s; cost %%s %%s %%s; audit: %%s',
                  t.status, t.started_at IS NOT NULL, t.completed_at IS NOT NULL, t.completed_at = x.completed_at,
                  x.status, c.cost, c.currency, c.cost_source,
                  (SELECT string_agg(format('%%s %%s %%s', split_part(l.table_name, '.', 2), l.operation, l.n), ', '
                                     ORDER BY split_part(l.table_name, '.', 2), l.operation::text)
                     FROM (SELECT table_name, operation, count(*) AS n FROM %1$I.audit_logs
                            WHERE transaction_id = pg_current_xact_id() GROUP BY 1, 2) l))
      FROM %1$I.tasks t, %1$I.task_assignments x, %1$I.execution_costs c
     WHERE t.id = $1 AND x.id = $2 AND c.task_assignment_id = $2$q$, p_schema) INTO v USING t, a;
  RETURN v;
END $$;
CREATE OR REPLACE FUNCTION bench.workflow_parity() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  n text;
  r text;
BEGIN
  BEGIN
    n := bench.workflow_outcome('agentic');
    r := bench.workflow_outcome('reference');
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'bench: roll back';
  EXCEPTION WHEN raise_exception THEN
    NULL;
  END;
  RETURN CASE WHEN n = r THEN 'same: ' || n ELSE 'DIFFERENT: native ' || n || ' / reference ' || r END;
END $$;
SELECT bench.note('workflow_parity', bench.workflow_parity());
\o
