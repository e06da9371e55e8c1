-- bench/generate.sql: benchmark data for agentic_schema, loaded into agentic.* and,
-- row for row, into reference.* (bench/reference/schema.sql must be loaded first).
--
--   psql -v scale=1 -f bench/generate.sql
--
-- At scale 1: 10,000 agents (each active, one job description each), 1,000,000 tasks,
-- about 2,000,000 assignments and about 10,000,000 execution costs spread over the
-- year before the anchor (today 00:00 UTC), skewed: agent k of n is picked with
-- probability ~ x^3 (x uniform), so 1% of the agents carry about a fifth of the work,
-- and model m of 12 ~ x^2.5 (the first, most expensive models carry most cost).
-- Rows are written in their final states with explicit timestamps, consistent with the
-- native rules: assignment status machine and stamps, task status rolled up from its
-- assignments exactly as the native roll-up does, one active agent per job, costs
-- derived from the model price in effect at occurred_at (current or archived).
--
-- Two probe cohorts of agents (bench.config probe_*) have the same 30-day window of
-- assignments and 1x or 10x as much history before it: they measure whether
-- utilization depends on history size.
--
-- Generation runs with session_replication_role = replica, which switches off every
-- user trigger (native and reference rules, audit) and the foreign-key triggers of
-- both schemas while the rows are written; CHECK, NOT NULL and unique constraints
-- still hold. Triggers are back on when the script ends (the setting is per session).
-- Audit logs therefore start empty. One exception: the statement-level triggers of the
-- native ledger fire during its load (see there), so that state the installed version
-- keeps per statement (e.g. 1.1's daily cost rollup) matches the generated ledger.

\set ON_ERROR_STOP on
\if :{?scale}
\else
  \set scale 0.01
\endif
\timing off
SET client_min_messages = warning;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';
SET synchronous_commit = off;
SET TIME ZONE 'UTC';

-- Start empty (triggers still on: a TRUNCATE trigger of the installed version, e.g. one
-- that empties a summary kept by the ledger's statement triggers, does its work).
TRUNCATE agentic.execution_costs, agentic.task_assignments, agentic.task_dependencies, agentic.tasks,
         agentic.agents, agentic.job_descriptions, agentic.model_price_history, agentic.model_catalog,
         agentic.audit_logs RESTART IDENTITY CASCADE;
TRUNCATE reference.execution_costs, reference.task_assignments, reference.task_dependencies, reference.tasks,
         reference.agents, reference.job_descriptions, reference.model_price_history, reference.model_catalog,
         reference.audit_logs RESTART IDENTITY CASCADE;

\echo '== generate.sql: scale' :scale '(user and foreign-key triggers are OFF while generating: session_replication_role = replica)'
SET session_replication_role = replica;
SELECT setseed(0.4242) AS seeded \gset

CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.config (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS bench.gen_timing (step text PRIMARY KEY, seconds double precision NOT NULL,
                                             rows bigint);
TRUNCATE bench.config, bench.gen_timing;

-- Sizes. Tasks get 1, 2 or 3 assignments (1/4, 1/2, 1/4): 2 on average.
INSERT INTO bench.config (key, value)
SELECT k, v FROM (VALUES
  ('scale', (:scale)::numeric::text),
  ('agents', greatest(50, round(10000 * (:scale)::numeric))::bigint::text),
  ('tasks', greatest(1000, round(1000000 * (:scale)::numeric))::bigint::text),
  ('models', '12'),
  ('anchor', date_trunc('day', now())::text),
  ('window_start', (date_trunc('day', now()) - interval '30 days')::text),
  ('window_end', date_trunc('day', now())::text),
  ('probe_agents_per_cohort', '10'),
  ('probe_history_1x', '1000'),
  ('probe_window_assignments', '150'),
  ('generated_with', 'session_replication_role = replica (user and FK triggers off during generation)')
) AS c(k, v);

SELECT value AS agents FROM bench.config WHERE key = 'agents' \gset
SELECT value AS tasks FROM bench.config WHERE key = 'tasks' \gset
SELECT value AS anchor FROM bench.config WHERE key = 'anchor' \gset

SELECT clock_timestamp() AS t0 \gset
SELECT clock_timestamp() AS t \gset

----------------------------------------------------------------------------------------
-- Models: 12, the cheap ones last. Half of them changed price 180 days before the
-- anchor; their earlier price is in model_price_history.
----------------------------------------------------------------------------------------
INSERT INTO agentic.model_catalog (id, provider, model_name, display_name, context_window, max_output_tokens,
       capabilities, input_price_per_mtok, output_price_per_mtok, cached_input_price_per_mtok,
       price_effective_from, created_at, updated_at)
SELECT m.id, m.provider, m.name, initcap(m.name), 128000, 16384, '["chat","tools"]',
       m.inp, m.outp, m.cached,
       CASE WHEN m.id % 2 = 1 THEN timestamptz :'anchor' - interval '180 days'
            ELSE timestamptz :'anchor' - interval '400 days' END,
       timestamptz :'anchor' - interval '400 days', timestamptz :'anchor' - interval '180 days'
  FROM (VALUES (1, 'anthropic', 'opus', 15.0, 75.0, 1.5), (2, 'openai', 'gpt-5', 10.0, 40.0, 2.5),
               (3, 'openai', 'gpt-4o', 2.5, 10.0, 1.25), (4, 'anthropic', 'sonnet', 3.0, 15.0, 0.3),
               (5, 'google', 'gemini-pro', 1.25, 10.0, NULL), (6, 'mistral', 'large', 2.0, 6.0, NULL),
               (7, 'openai', 'gpt-4o-mini', 0.15, 0.6, 0.075), (8, 'anthropic', 'haiku', 0.8, 4.0, 0.08),
               (9, 'google', 'gemini-flash', 0.1, 0.4, 0.025), (10, 'mistral', 'small', 0.2, 0.6, NULL),
               (11, 'ollama', 'llama-70b', 0.05, 0.1, NULL), (12, 'ollama', 'qwen-32b', 0.02, 0.05, NULL))
       AS m(id, provider, name, inp, outp, cached);
INSERT INTO agentic.model_price_history (model_id, effective_from, effective_until, input_price_per_mtok,
       output_price_per_mtok, cached_input_price_per_mtok, currency, archived_at)
SELECT id, timestamptz :'anchor' - interval '400 days', price_effective_from,
       input_price_per_mtok * 1.5, output_price_per_mtok * 1.5, cached_input_price_per_mtok * 1.5, currency,
       price_effective_from
  FROM agentic.model_catalog WHERE id % 2 = 1;

----------------------------------------------------------------------------------------
-- Job descriptions and agents: one job per agent, every agent active, hired shortly
-- before the generated year. Agents after :agents are the two probe cohorts.
----------------------------------------------------------------------------------------
CREATE TEMP TABLE probe AS
SELECT :agents::bigint + g AS agent_id,
       CASE WHEN g <= 10 THEN 1 ELSE 10 END AS history_factor
  FROM generate_series(1, 20) g;

INSERT INTO agentic.job_descriptions (id, title, department, description, responsibilities, required_skills,
       experience_level, model_requirements, status, created_at, updated_at)
SELECT g, 'Agent role ' || g, (ARRAY['Support', 'Research', 'Engineering', 'Finance', 'Sales'])[1 + g % 5],
       'Benchmark role ' || g, '["handle tasks"]', jsonb_build_array('skill-' || (g % 50)),
       'mid', '{}', 'filled', timestamptz :'anchor' - interval '420 days', timestamptz :'anchor' - interval '400 days'
  FROM generate_series(1, :agents + 20) g;

INSERT INTO agentic.agents (id, name, job_description_id, model_id, status, configuration, capabilities,
       hired_at, created_at, updated_at)
SELECT g, 'agent-' || g, g, 1 + floor(12 * random() ^ 2.5)::int, 'active', '{"temperature":0.2}',
       '["chat"]', h, h - interval '1 day', h
  FROM (SELECT g, timestamptz :'anchor' - interval '400 days' + random() * interval '30 days' AS h
          FROM generate_series(1, :agents + 20) g) s;

INSERT INTO bench.gen_timing VALUES ('models, jobs, agents', extract(epoch FROM clock_timestamp() - :'t'),
                                     (SELECT count(*) FROM agentic.agents));
SELECT clock_timestamp() AS t \gset

----------------------------------------------------------------------------------------
-- Assignments. Task t is created at a time that grows with t over the year; its
-- attempts run in 4-hour slots. All but the last attempt were cancelled (half of
-- them after starting); the last one completed (90%), failed (7%) or was cancelled
-- (3%); on tasks of the last two days it is still assigned or in progress.
----------------------------------------------------------------------------------------
DROP TABLE IF EXISTS bench.task_plan;
CREATE UNLOGGED TABLE bench.task_plan AS
SELECT t AS task_id,
       timestamptz :'anchor' - interval '365 days'
         + (t - 1) * (interval '365 days' / :tasks) + random() * interval '10 minutes' AS created_at,
       CASE WHEN r < 0.25 THEN 1 WHEN r < 0.75 THEN 2 ELSE 3 END AS attempts,
       random() AS outcome
  FROM (SELECT t, random() AS r FROM generate_series(1, :tasks) t) s;

INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at,
       result, created_at, updated_at)
SELECT task_id, agent_id, status::agentic.assignment_status, assigned_at,
       CASE WHEN started THEN assigned_at + start_delay END,
       CASE WHEN status IN ('completed', 'failed') THEN assigned_at + start_delay + run_time
            WHEN status = 'cancelled' THEN assigned_at + start_delay + run_time / 2 END,
       CASE WHEN status = 'completed' THEN '{"ok":true}'::jsonb END,
       assigned_at, assigned_at + start_delay + run_time
  FROM (SELECT p.task_id, j,
               1 + floor(:agents * random() ^ 3)::bigint AS agent_id,
               p.created_at + (j - 1) * interval '4 hours' + random() * interval '10 minutes' AS assigned_at,
               random() * interval '30 minutes' AS start_delay,
               interval '5 minutes' + random() ^ 2 * interval '3 hours' AS run_time,
               CASE WHEN j < p.attempts THEN 'cancelled'
                    WHEN p.created_at > timestamptz :'anchor' - interval '2 days'
                      THEN CASE WHEN p.outcome < 0.5 THEN 'in_progress' ELSE 'assigned' END
                    WHEN p.outcome < 0.90 THEN 'completed'
                    WHEN p.outcome < 0.97 THEN 'failed'
                    ELSE 'cancelled' END AS status,
               CASE WHEN j < p.attempts THEN random() < 0.5
                    WHEN p.created_at > timestamptz :'anchor' - interval '2 days' THEN p.outcome < 0.5
                    WHEN p.outcome < 0.97 THEN true
                    ELSE false END AS started
          FROM bench.task_plan p
          CROSS JOIN LATERAL generate_series(1, p.attempts) AS j
         ORDER BY p.task_id, j) a;

-- Probe cohorts: identical 30-day window (150 assignments), and 1,000 (1x) or
-- 10,000 (10x) completed assignments in the year before it, on one task per agent.
INSERT INTO agentic.tasks (id, title, description, status, priority, started_at, completed_at, created_at, updated_at)
SELECT :tasks + row_number() OVER (ORDER BY agent_id), 'Probe history of agent ' || agent_id, '', 'in_progress',
       'low', timestamptz :'anchor' - interval '395 days', NULL, timestamptz :'anchor' - interval '396 days',
       timestamptz :'anchor' - interval '396 days'
  FROM probe;
INSERT INTO agentic.task_assignments (task_id, agent_id, status, assigned_at, started_at, completed_at,
       created_at, updated_at)
SELECT :tasks + dense_rank() OVER (ORDER BY p.agent_id), p.agent_id,
       CASE WHEN s.start_at + s.run_time > timestamptz :'anchor' THEN 'in_progress' ELSE 'completed' END::agentic.assignment_status,
       s.start_at, s.start_at,
       CASE WHEN s.start_at + s.run_time > timestamptz :'anchor' THEN NULL ELSE s.start_at + s.run_time END,
       s.start_at, s.start_at
  FROM probe p
  CROSS JOIN LATERAL (
    SELECT timestamptz :'anchor' - interval '395 days' + (h - 1) * (interval '364 days' / (1000 * p.history_factor))
             AS start_at,
           interval '1 hour' + (h % 7) * interval '20 minutes' AS run_time
      FROM generate_series(1, 1000 * p.history_factor) h
    UNION ALL
    SELECT timestamptz :'anchor' - interval '30 days' + (w - 1) * (interval '30 days' / 150)
             + (w % 5) * interval '17 minutes',
           interval '30 minutes' + (w % 11) * interval '37 minutes'
      FROM generate_series(1, 150) w) s
 ORDER BY p.agent_id, s.start_at;

INSERT INTO bench.gen_timing VALUES ('task_assignments', extract(epoch FROM clock_timestamp() - :'t'),
                                     (SELECT count(*) FROM agentic.task_assignments));
SELECT clock_timestamp() AS t \gset

----------------------------------------------------------------------------------------
-- Tasks: status rolled up from the assignments as the native roll-up leaves it
-- (in progress > assigned > failed > completed > pending), started_at the first
-- start, completed_at (of a completed or failed task) the last end of a completed or
-- failed assignment. One task in ten
-- is a subtask of an earlier task (so the graph is acyclic).
----------------------------------------------------------------------------------------
INSERT INTO agentic.tasks (id, title, description, parent_task_id, status, priority, required_skills,
       input_data, estimated_duration, started_at, completed_at, created_at, updated_at)
SELECT p.task_id, 'Task ' || p.task_id, '',
       CASE WHEN p.task_id > 1 AND p.task_id % 10 = 0 THEN greatest(1, p.task_id - 1 - (p.task_id::bigint * 7919) % 1000) END,
       s.status::agentic.task_status,
       (ARRAY['low', 'medium', 'medium', 'high', 'critical'])[1 + p.task_id % 5]::agentic.task_priority,
       jsonb_build_array('skill-' || (p.task_id % 50)), '{}', interval '2 hours',
       a.first_start,
       CASE WHEN s.status IN ('completed', 'failed') THEN a.last_end END,
       p.created_at, coalesce(a.last_change, p.created_at)
  FROM bench.task_plan p
  JOIN (SELECT task_id,
               count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
               count(*) FILTER (WHERE status = 'assigned') AS assigned,
               count(*) FILTER (WHERE status = 'failed') AS failed,
               count(*) FILTER (WHERE status = 'completed') AS completed,
               min(started_at) AS first_start,
               max(completed_at) FILTER (WHERE status IN ('completed', 'failed')) AS last_end,
               max(updated_at) AS last_change
          FROM agentic.task_assignments
         WHERE task_id <= :tasks
         GROUP BY task_id) a ON a.task_id = p.task_id
  CROSS JOIN LATERAL (SELECT CASE WHEN a.in_progress > 0 THEN 'in_progress' WHEN a.assigned > 0 THEN 'assigned'
                                  WHEN a.failed > 0 THEN 'failed' WHEN a.completed > 0 THEN 'completed'
                                  ELSE 'pending' END AS status) s
 ORDER BY p.task_id;

-- A few dependencies between tasks (always on an earlier task: acyclic).
INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id, created_at)
SELECT t, t - 1 - (t::bigint * 104729) % 500, timestamptz :'anchor' - interval '365 days' + (t - 1) * (interval '365 days' / :tasks)
  FROM generate_series(1000, :tasks, 50) t;

INSERT INTO bench.gen_timing VALUES ('tasks, task_dependencies', extract(epoch FROM clock_timestamp() - :'t'),
                                     (SELECT count(*) FROM agentic.tasks));
SELECT clock_timestamp() AS t \gset

SELECT round(10000000 * (:scale)::numeric
             / (SELECT count(*) FROM agentic.task_assignments WHERE task_id <= :tasks AND started_at IS NOT NULL),
             3) AS costs_per_worked \gset
----------------------------------------------------------------------------------------
-- The cost ledger: 10,000,000 x scale rows on average, spread over the assignments
-- that were worked on (1 to 2n-1 costs each for an average n), while they ran.
-- 70% were inserted with a NULL cost and derived from the price in effect; 30%
-- reported by the caller (within 10% of the derived amount). Either way the prices
-- in effect are recorded on the row, as the native rule does.
----------------------------------------------------------------------------------------
-- State the installed version keeps per statement (e.g. the 1.1 daily cost rollup) must
-- be built: the ledger's statement-level triggers (found in pg_trigger, whatever their
-- names) fire during this one INSERT (ENABLE ALWAYS), and are set back afterwards. Its
-- row-level rules and foreign-key checks stay off (the rows are correct by construction).
CREATE TEMP TABLE ledger_statement_triggers AS
SELECT tgname, tgenabled FROM pg_trigger
 WHERE tgrelid = 'agentic.execution_costs'::regclass AND NOT tgisinternal AND tgtype & 1 = 0 AND tgenabled <> 'D';
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT * FROM ledger_statement_triggers LOOP
    EXECUTE format('ALTER TABLE agentic.execution_costs ENABLE ALWAYS TRIGGER %I', t.tgname);
  END LOOP;
END $$;
INSERT INTO agentic.execution_costs (agent_id, task_id, task_assignment_id, model_id, operation, occurred_at,
       input_tokens, output_tokens, cached_input_tokens, cost, currency, cost_source,
       input_price_per_mtok, output_price_per_mtok, cached_input_price_per_mtok, price_effective_from,
       duration_ms, metadata, created_at)
SELECT c.agent_id, c.task_id, c.assignment_id, c.model_id, c.operation, c.occurred_at,
       c.input_tokens, c.output_tokens, c.cached_input_tokens,
       CASE WHEN c.derived THEN d.cost ELSE round(d.cost * c.jitter, 10) END,
       'USD', CASE WHEN c.derived THEN 'derived' ELSE 'reported' END::agentic.cost_source,
       pr.inp, pr.outp, pr.cached, pr.since, c.duration_ms, '{}', c.occurred_at
  FROM (SELECT a.id AS assignment_id, a.agent_id, a.task_id,
               1 + floor(12 * random() ^ 2.5)::bigint AS model_id,
               (ARRAY['chat', 'chat', 'chat', 'tool_call', 'embedding'])[1 + floor(random() * 5)::int] AS operation,
               a.s + random() * (a.e - a.s) AS occurred_at,
               it AS input_tokens, floor(it * random() * 0.5)::bigint AS cached_input_tokens,
               50 + floor(random() ^ 2 * 4000)::bigint AS output_tokens,
               random() < 0.7 AS derived, (0.9 + random() * 0.2)::numeric AS jitter,
               floor(random() * 20000)::int AS duration_ms
          FROM (SELECT id, agent_id, task_id, coalesce(started_at, assigned_at) AS s,
                       coalesce(completed_at, coalesce(started_at, assigned_at) + interval '1 hour') AS e,
                       1 + floor(random() * (2 * :costs_per_worked - 1))::int AS n
                  FROM agentic.task_assignments
                 WHERE task_id <= :tasks AND started_at IS NOT NULL
                 ORDER BY id) a
          CROSS JOIN LATERAL generate_series(1, a.n) k
          CROSS JOIN LATERAL (SELECT 200 + floor(random() ^ 2 * 20000)::bigint + k * 0 AS it) i) c
  JOIN agentic.model_catalog m ON m.id = c.model_id
  LEFT JOIN agentic.model_price_history h ON h.model_id = m.id
  CROSS JOIN LATERAL (
    SELECT CASE WHEN c.occurred_at >= m.price_effective_from THEN m.input_price_per_mtok ELSE h.input_price_per_mtok END AS inp,
           CASE WHEN c.occurred_at >= m.price_effective_from THEN m.output_price_per_mtok ELSE h.output_price_per_mtok END AS outp,
           CASE WHEN c.occurred_at >= m.price_effective_from THEN m.cached_input_price_per_mtok ELSE h.cached_input_price_per_mtok END AS cached,
           CASE WHEN c.occurred_at >= m.price_effective_from THEN m.price_effective_from ELSE h.effective_from END AS since) pr
  CROSS JOIN LATERAL (
    SELECT round(((c.input_tokens - c.cached_input_tokens) * pr.inp
                  + c.cached_input_tokens * coalesce(pr.cached, pr.inp)
                  + c.output_tokens * pr.outp) * 0.000001, 10) AS cost) d;

DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT * FROM ledger_statement_triggers LOOP
    EXECUTE format('ALTER TABLE agentic.execution_costs %s TRIGGER %I',
                   CASE t.tgenabled WHEN 'A' THEN 'ENABLE ALWAYS' WHEN 'R' THEN 'ENABLE REPLICA' ELSE 'ENABLE' END,
                   t.tgname);
  END LOOP;
END $$;
INSERT INTO bench.config
SELECT 'ledger_statement_triggers_fired_during_generation', coalesce(string_agg(tgname, ', ' ORDER BY tgname), 'none')
  FROM ledger_statement_triggers;
INSERT INTO bench.gen_timing VALUES ('execution_costs', extract(epoch FROM clock_timestamp() - :'t'),
                                     (SELECT count(*) FROM agentic.execution_costs));
SELECT clock_timestamp() AS t \gset

-- Identity sequences continue after the generated ids.
\o /dev/null
SELECT setval(pg_get_serial_sequence('agentic.model_catalog', 'id'), (SELECT max(id) FROM agentic.model_catalog));
SELECT setval(pg_get_serial_sequence('agentic.model_price_history', 'id'), (SELECT max(id) FROM agentic.model_price_history));
SELECT setval(pg_get_serial_sequence('agentic.job_descriptions', 'id'), (SELECT max(id) FROM agentic.job_descriptions));
SELECT setval(pg_get_serial_sequence('agentic.agents', 'id'), (SELECT max(id) FROM agentic.agents));
SELECT setval(pg_get_serial_sequence('agentic.tasks', 'id'), (SELECT max(id) FROM agentic.tasks));
SELECT setval(pg_get_serial_sequence('agentic.task_dependencies', 'id'), (SELECT max(id) FROM agentic.task_dependencies));
SELECT setval(pg_get_serial_sequence('agentic.task_assignments', 'id'), (SELECT max(id) FROM agentic.task_assignments));
SELECT setval(pg_get_serial_sequence('agentic.execution_costs', 'id'), (SELECT max(id) FROM agentic.execution_costs));
\o

----------------------------------------------------------------------------------------
-- The same rows in reference.* (its own enum types, generated columns recomputed).
----------------------------------------------------------------------------------------
INSERT INTO reference.model_catalog (id, provider, model_name, display_name, context_window, max_output_tokens,
       capabilities, input_price_per_mtok, output_price_per_mtok, cached_input_price_per_mtok, currency,
       price_effective_from, is_active, created_at, updated_at)
SELECT id, provider, model_name, display_name, context_window, max_output_tokens, capabilities,
       input_price_per_mtok, output_price_per_mtok, cached_input_price_per_mtok, currency,
       price_effective_from, is_active, created_at, updated_at
  FROM agentic.model_catalog ORDER BY id;
INSERT INTO reference.model_price_history (id, model_id, effective_from, effective_until, input_price_per_mtok,
       output_price_per_mtok, cached_input_price_per_mtok, currency, archived_at)
SELECT id, model_id, effective_from, effective_until, input_price_per_mtok, output_price_per_mtok,
       cached_input_price_per_mtok, currency, archived_at
  FROM agentic.model_price_history ORDER BY id;
INSERT INTO reference.job_descriptions (id, title, department, description, responsibilities, required_skills,
       preferred_skills, experience_level, model_requirements, status, created_at, updated_at)
SELECT id, title, department, description, responsibilities, required_skills, preferred_skills, experience_level,
       model_requirements, status::text::reference.job_status, created_at, updated_at
  FROM agentic.job_descriptions ORDER BY id;
INSERT INTO reference.agents (id, name, job_description_id, resume_id, model_id, status, configuration, capabilities,
       hired_at, terminated_at, termination_reason, created_at, updated_at)
SELECT id, name, job_description_id, resume_id, model_id, status::text::reference.agent_status, configuration,
       capabilities, hired_at, terminated_at, termination_reason, created_at, updated_at
  FROM agentic.agents ORDER BY id;
INSERT INTO reference.tasks (id, title, description, parent_task_id, status, priority, required_skills, input_data,
       output_data, estimated_duration, due_at, started_at, completed_at, created_at, updated_at)
SELECT id, title, description, parent_task_id, status::text::reference.task_status,
       priority::text::reference.task_priority, required_skills, input_data, output_data, estimated_duration,
       due_at, started_at, completed_at, created_at, updated_at
  FROM agentic.tasks ORDER BY id;
INSERT INTO reference.task_dependencies (id, task_id, depends_on_task_id, created_at)
SELECT id, task_id, depends_on_task_id, created_at FROM agentic.task_dependencies ORDER BY id;
INSERT INTO reference.task_assignments (id, task_id, agent_id, status, assigned_at, started_at, completed_at, result,
       error_message, created_at, updated_at)
SELECT id, task_id, agent_id, status::text::reference.assignment_status, assigned_at, started_at, completed_at,
       result, error_message, created_at, updated_at
  FROM agentic.task_assignments ORDER BY id;
INSERT INTO bench.gen_timing VALUES ('reference copy: all but execution_costs', extract(epoch FROM clock_timestamp() - :'t'),
                                     NULL);
SELECT clock_timestamp() AS t \gset
INSERT INTO reference.execution_costs (id, agent_id, task_id, task_assignment_id, model_id, operation, occurred_at,
       input_tokens, output_tokens, cached_input_tokens, cost, currency, cost_source, input_price_per_mtok,
       output_price_per_mtok, cached_input_price_per_mtok, price_effective_from, duration_ms, metadata, created_at)
SELECT id, agent_id, task_id, task_assignment_id, model_id, operation, occurred_at, input_tokens, output_tokens,
       cached_input_tokens, cost, currency, cost_source::text::reference.cost_source, input_price_per_mtok,
       output_price_per_mtok, cached_input_price_per_mtok, price_effective_from, duration_ms, metadata, created_at
  FROM agentic.execution_costs ORDER BY id;
INSERT INTO bench.gen_timing VALUES ('reference copy: execution_costs', extract(epoch FROM clock_timestamp() - :'t'),
                                     (SELECT count(*) FROM reference.execution_costs));
SELECT clock_timestamp() AS t \gset

SELECT setval(pg_get_serial_sequence('reference.' || t, 'id'), coalesce(m, 0) + 1, false)
  FROM (SELECT 'model_catalog' AS t, max(id) AS m FROM reference.model_catalog
        UNION ALL SELECT 'model_price_history', max(id) FROM reference.model_price_history
        UNION ALL SELECT 'job_descriptions', max(id) FROM reference.job_descriptions
        UNION ALL SELECT 'agents', max(id) FROM reference.agents
        UNION ALL SELECT 'tasks', max(id) FROM reference.tasks
        UNION ALL SELECT 'task_dependencies', max(id) FROM reference.task_dependencies
        UNION ALL SELECT 'task_assignments', max(id) FROM reference.task_assignments
        UNION ALL SELECT 'execution_costs', max(id) FROM reference.execution_costs) s \g /dev/null

DROP TABLE bench.task_plan;
RESET session_replication_role;

-- The reference summary is a materialized view: it is empty until refreshed by hand.
REFRESH MATERIALIZED VIEW reference.daily_cost_summary;
INSERT INTO bench.gen_timing VALUES ('reference: REFRESH MATERIALIZED VIEW daily_cost_summary',
                                     extract(epoch FROM clock_timestamp() - :'t'),
                                     (SELECT count(*) FROM reference.daily_cost_summary));
SELECT clock_timestamp() AS t \gset

INSERT INTO bench.config (key, value)
SELECT 'probe_agents_1x', string_agg(agent_id::text, ',' ORDER BY agent_id) FROM probe WHERE history_factor = 1
UNION ALL
SELECT 'probe_agents_10x', string_agg(agent_id::text, ',' ORDER BY agent_id) FROM probe WHERE history_factor = 10
UNION ALL
SELECT 'assignments', (SELECT count(*) FROM agentic.task_assignments)::text
UNION ALL
SELECT 'execution_costs', (SELECT count(*) FROM agentic.execution_costs)::text;

\echo '== generate.sql: triggers are back on (session_replication_role reset); VACUUM ANALYZE'
VACUUM (ANALYZE) agentic.model_catalog, agentic.model_price_history, agentic.job_descriptions, agentic.agents,
  agentic.tasks, agentic.task_dependencies, agentic.task_assignments, agentic.execution_costs, agentic.audit_logs,
  reference.model_catalog, reference.model_price_history, reference.job_descriptions, reference.agents,
  reference.tasks, reference.task_dependencies, reference.task_assignments, reference.execution_costs,
  reference.audit_logs, reference.status_transitions, reference.daily_cost_summary;
INSERT INTO bench.gen_timing VALUES ('VACUUM ANALYZE', extract(epoch FROM clock_timestamp() - :'t'), NULL);
INSERT INTO bench.gen_timing VALUES ('total', extract(epoch FROM clock_timestamp() - :'t0'), NULL);

SELECT step, round(seconds::numeric, 1) AS seconds, rows FROM bench.gen_timing ORDER BY seconds DESC;
