-- bench/reference/schema.sql: the PL/pgSQL reference implementation of the rules of
-- agentic_schema, written the way the source systems would write them, so that
-- the benchmark can compare the native (C++) rules with it on the same data.
--
-- Schema `reference`: the tables the benchmark touches (same columns, constraints
-- and indexes as agentic.*, with their own enum types), and the same rules as
-- ordinary PL/pgSQL row triggers:
--   * status machines looked up in the table reference.status_transitions, with the
--     same lifecycle stamps (started_at, completed_at, hired_at, terminated_at);
--   * ids immutable, updated_at maintained;
--   * task status rolled up from its assignments (AFTER row trigger, task row locked);
--   * agent termination guard, one active agent per job (job row locked), an active
--     assignment needs an active agent (FOR SHARE) and a task that accepts work;
--   * task graph cycle check with a recursive CTE;
--   * cost validation and derivation from the model price in effect, in PL/pgSQL;
--   * row-level audit trigger writing to_jsonb(OLD/NEW) (cost-ledger inserts are not
--     audited, exactly like the native side);
--   * reference.daily_cost_summary: a plain MATERIALIZED VIEW refreshed by hand;
--   * reference.agent_utilization() / reference.all_agents_utilization(): plain SQL
--     computing the same numbers as agentic.calculate_agent_utilization().
--
-- Needs: btree_gist (installed by CREATE EXTENSION agentic_schema CASCADE).
-- Errors use the native side's SQLSTATEs and constraint names.

\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS reference CASCADE;
CREATE SCHEMA reference;
COMMENT ON SCHEMA reference IS 'agentic_schema benchmark: PL/pgSQL reference implementation of the rules';

CREATE TYPE reference.job_status AS ENUM ('draft', 'open', 'on_hold', 'filled', 'closed');
CREATE TYPE reference.agent_status AS ENUM ('onboarding', 'active', 'suspended', 'terminated');
CREATE TYPE reference.task_status AS ENUM
  ('pending', 'assigned', 'in_progress', 'blocked', 'completed', 'failed', 'cancelled');
CREATE TYPE reference.task_priority AS ENUM ('low', 'medium', 'high', 'critical');
CREATE TYPE reference.assignment_status AS ENUM
  ('assigned', 'in_progress', 'completed', 'failed', 'cancelled');
CREATE TYPE reference.cost_source AS ENUM ('reported', 'derived');
CREATE TYPE reference.audit_operation AS ENUM ('INSERT', 'UPDATE', 'DELETE');

-- JSON shape check used by the CHECK constraints (agentic.jsonb_array_of in SQL).
CREATE FUNCTION reference.jsonb_array_of(doc jsonb, element_type text)
RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT jsonb_typeof(doc) = 'array'
     AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(doc) AS e(v)
                      WHERE jsonb_typeof(e.v) <> element_type
                         OR (element_type = 'string' AND btrim(e.v #>> '{}') = ''))
$$;

-- The legal status moves, one row per (machine, from, to): the same list as
-- agentic.status_transitions() (run.sh checks that they agree).
CREATE TABLE reference.status_transitions (
  machine text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  PRIMARY KEY (machine, from_status, to_status)
);
INSERT INTO reference.status_transitions (machine, from_status, to_status) VALUES
  ('task', 'pending', 'assigned'), ('task', 'pending', 'in_progress'), ('task', 'pending', 'blocked'),
  ('task', 'pending', 'cancelled'), ('task', 'assigned', 'pending'), ('task', 'assigned', 'in_progress'),
  ('task', 'assigned', 'blocked'), ('task', 'assigned', 'completed'), ('task', 'assigned', 'failed'),
  ('task', 'assigned', 'cancelled'), ('task', 'in_progress', 'assigned'), ('task', 'in_progress', 'pending'),
  ('task', 'in_progress', 'completed'), ('task', 'in_progress', 'failed'), ('task', 'in_progress', 'blocked'),
  ('task', 'in_progress', 'cancelled'), ('task', 'blocked', 'pending'), ('task', 'blocked', 'assigned'),
  ('task', 'blocked', 'cancelled'), ('task', 'failed', 'pending'), ('task', 'failed', 'assigned'),
  ('task', 'failed', 'in_progress'), ('task', 'failed', 'cancelled'),
  ('assignment', 'assigned', 'in_progress'), ('assignment', 'assigned', 'failed'),
  ('assignment', 'assigned', 'cancelled'), ('assignment', 'in_progress', 'completed'),
  ('assignment', 'in_progress', 'failed'), ('assignment', 'in_progress', 'cancelled'),
  ('agent', 'onboarding', 'active'), ('agent', 'onboarding', 'terminated'), ('agent', 'active', 'suspended'),
  ('agent', 'active', 'terminated'), ('agent', 'suspended', 'active'), ('agent', 'suspended', 'terminated'),
  ('application', 'submitted', 'screening'), ('application', 'submitted', 'rejected'),
  ('application', 'submitted', 'withdrawn'), ('application', 'screening', 'interviewing'),
  ('application', 'screening', 'offered'), ('application', 'screening', 'rejected'),
  ('application', 'screening', 'withdrawn'), ('application', 'interviewing', 'offered'),
  ('application', 'interviewing', 'rejected'), ('application', 'interviewing', 'withdrawn'),
  ('application', 'offered', 'hired'), ('application', 'offered', 'rejected'),
  ('application', 'offered', 'withdrawn'),
  ('job', 'draft', 'open'), ('job', 'draft', 'closed'), ('job', 'open', 'on_hold'), ('job', 'open', 'filled'),
  ('job', 'open', 'closed'), ('job', 'on_hold', 'open'), ('job', 'on_hold', 'closed'), ('job', 'filled', 'open'),
  ('job', 'filled', 'closed');

----------------------------------------------------------------------------------------
-- Tables: the CREATE TABLE statements of agentic_schema--1.0.sql, in schema reference
-- (agents.resume_id keeps its column but not its foreign key: resumes is not copied).
----------------------------------------------------------------------------------------

CREATE TABLE reference.model_catalog (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  provider text NOT NULL CONSTRAINT model_catalog_provider_not_blank CHECK (btrim(provider) <> ''),
  model_name text NOT NULL CONSTRAINT model_catalog_model_name_not_blank CHECK (btrim(model_name) <> ''),
  display_name text,
  context_window integer CONSTRAINT model_catalog_context_window_positive CHECK (context_window > 0),
  max_output_tokens integer CONSTRAINT model_catalog_max_output_tokens_positive CHECK (max_output_tokens > 0),
  capabilities jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT model_catalog_capabilities_shape CHECK (reference.jsonb_array_of(capabilities, 'string')),
  input_price_per_mtok numeric(14,6) NOT NULL
    CONSTRAINT model_catalog_input_price_valid CHECK (input_price_per_mtok >= 0 AND input_price_per_mtok <> 'NaN'),
  output_price_per_mtok numeric(14,6) NOT NULL
    CONSTRAINT model_catalog_output_price_valid CHECK (output_price_per_mtok >= 0 AND output_price_per_mtok <> 'NaN'),
  cached_input_price_per_mtok numeric(14,6)
    CONSTRAINT model_catalog_cached_input_price_valid
    CHECK (cached_input_price_per_mtok >= 0 AND cached_input_price_per_mtok <> 'NaN'),
  currency char(3) NOT NULL DEFAULT 'USD' CONSTRAINT model_catalog_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
  price_effective_from timestamptz NOT NULL DEFAULT now(),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT model_catalog_provider_model_key UNIQUE (provider, model_name)
);

CREATE TABLE reference.model_price_history (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  model_id bigint NOT NULL REFERENCES reference.model_catalog (id) ON DELETE CASCADE,
  effective_from timestamptz NOT NULL,
  effective_until timestamptz NOT NULL,
  input_price_per_mtok numeric(14,6) NOT NULL,
  output_price_per_mtok numeric(14,6) NOT NULL,
  cached_input_price_per_mtok numeric(14,6),
  currency char(3) NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT model_price_history_period_valid CHECK (effective_until > effective_from),
  CONSTRAINT model_price_history_no_overlap
    EXCLUDE USING gist (model_id WITH =, tstzrange(effective_from, effective_until) WITH &&)
);

CREATE TABLE reference.job_descriptions (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  title text NOT NULL CONSTRAINT job_descriptions_title_not_blank CHECK (btrim(title) <> ''),
  department text,
  description text NOT NULL DEFAULT '',
  responsibilities jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT job_descriptions_responsibilities_shape CHECK (reference.jsonb_array_of(responsibilities, 'string')),
  required_skills jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT job_descriptions_required_skills_shape CHECK (reference.jsonb_array_of(required_skills, 'string')),
  preferred_skills jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT job_descriptions_preferred_skills_shape CHECK (reference.jsonb_array_of(preferred_skills, 'string')),
  experience_level text,
  model_requirements jsonb NOT NULL DEFAULT '{}'
    CONSTRAINT job_descriptions_model_requirements_shape CHECK (jsonb_typeof(model_requirements) = 'object'),
  status reference.job_status NOT NULL DEFAULT 'draft',
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, title), 'A') ||
    setweight(to_tsvector('english'::regconfig, description), 'B')) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reference.agents (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name text NOT NULL CONSTRAINT agents_name_not_blank CHECK (btrim(name) <> ''),
  job_description_id bigint NOT NULL REFERENCES reference.job_descriptions (id),
  resume_id bigint,
  model_id bigint REFERENCES reference.model_catalog (id),
  status reference.agent_status NOT NULL DEFAULT 'onboarding',
  configuration jsonb NOT NULL DEFAULT '{}'
    CONSTRAINT agents_configuration_shape CHECK (jsonb_typeof(configuration) = 'object'),
  capabilities jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT agents_capabilities_shape CHECK (reference.jsonb_array_of(capabilities, 'string')),
  hired_at timestamptz,
  terminated_at timestamptz,
  termination_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT agents_terminated_after_hired CHECK (terminated_at >= hired_at)
);

CREATE TABLE reference.tasks (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  title text NOT NULL CONSTRAINT tasks_title_not_blank CHECK (btrim(title) <> ''),
  description text NOT NULL DEFAULT '',
  parent_task_id bigint REFERENCES reference.tasks (id),
  status reference.task_status NOT NULL DEFAULT 'pending',
  priority reference.task_priority NOT NULL DEFAULT 'medium',
  required_skills jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT tasks_required_skills_shape CHECK (reference.jsonb_array_of(required_skills, 'string')),
  input_data jsonb NOT NULL DEFAULT '{}'
    CONSTRAINT tasks_input_data_shape CHECK (jsonb_typeof(input_data) = 'object'),
  output_data jsonb,
  estimated_duration interval CONSTRAINT tasks_estimated_duration_positive CHECK (estimated_duration > interval '0'),
  due_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, title), 'A') ||
    setweight(to_tsvector('english'::regconfig, description), 'B')) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT tasks_not_own_parent CHECK (parent_task_id <> id),
  CONSTRAINT tasks_completed_after_started CHECK (completed_at >= started_at)
);

CREATE TABLE reference.task_dependencies (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  task_id bigint NOT NULL REFERENCES reference.tasks (id) ON DELETE CASCADE,
  depends_on_task_id bigint NOT NULL REFERENCES reference.tasks (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT task_dependencies_task_depends_on_key UNIQUE (task_id, depends_on_task_id),
  CONSTRAINT task_dependencies_not_self CHECK (task_id <> depends_on_task_id)
);

CREATE TABLE reference.task_assignments (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  task_id bigint NOT NULL REFERENCES reference.tasks (id),
  agent_id bigint NOT NULL REFERENCES reference.agents (id),
  status reference.assignment_status NOT NULL DEFAULT 'assigned',
  assigned_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  completed_at timestamptz,
  result jsonb,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT task_assignments_completed_after_started CHECK (completed_at >= started_at),
  CONSTRAINT task_assignments_started_after_assigned CHECK (started_at >= assigned_at)
);

CREATE TABLE reference.execution_costs (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  agent_id bigint REFERENCES reference.agents (id),
  task_id bigint REFERENCES reference.tasks (id),
  task_assignment_id bigint REFERENCES reference.task_assignments (id),
  model_id bigint REFERENCES reference.model_catalog (id),
  operation text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cached_input_tokens bigint NOT NULL DEFAULT 0,
  cost numeric(20,10) NOT NULL,
  currency char(3) NOT NULL DEFAULT 'USD' CONSTRAINT execution_costs_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
  cost_source reference.cost_source NOT NULL DEFAULT 'reported',
  input_price_per_mtok numeric(14,6),
  output_price_per_mtok numeric(14,6),
  cached_input_price_per_mtok numeric(14,6),
  price_effective_from timestamptz,
  duration_ms integer CONSTRAINT execution_costs_duration_non_negative CHECK (duration_ms >= 0),
  metadata jsonb NOT NULL DEFAULT '{}'
    CONSTRAINT execution_costs_metadata_shape CHECK (jsonb_typeof(metadata) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT execution_costs_attributed CHECK (agent_id IS NOT NULL OR task_id IS NOT NULL)
);

CREATE TABLE reference.audit_logs (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT statement_timestamp(),
  table_name text NOT NULL,
  operation reference.audit_operation NOT NULL,
  row_id bigint NOT NULL,
  old_data jsonb,
  new_data jsonb,
  changed_columns text[],
  changed_by text NOT NULL DEFAULT current_user,
  session_user_name text NOT NULL DEFAULT session_user,
  application_name text DEFAULT current_setting('application_name', true),
  client_addr inet DEFAULT inet_client_addr(),
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CONSTRAINT audit_logs_data_matches_operation CHECK (
    (operation = 'INSERT' AND old_data IS NULL AND new_data IS NOT NULL) OR
    (operation = 'UPDATE' AND old_data IS NOT NULL AND new_data IS NOT NULL) OR
    (operation = 'DELETE' AND old_data IS NOT NULL AND new_data IS NULL))
);

-- Indexes: the same as agentic's on these tables.
CREATE INDEX model_catalog_active_idx ON reference.model_catalog (provider, model_name) WHERE is_active;
CREATE INDEX model_price_history_model_idx ON reference.model_price_history (model_id, effective_from);
CREATE INDEX job_descriptions_status_idx ON reference.job_descriptions (status);
CREATE INDEX job_descriptions_open_idx ON reference.job_descriptions (created_at) WHERE status = 'open';
CREATE INDEX job_descriptions_search_idx ON reference.job_descriptions USING gin (search_vector);
CREATE INDEX job_descriptions_required_skills_idx ON reference.job_descriptions USING gin (required_skills jsonb_path_ops);
CREATE UNIQUE INDEX agents_one_active_per_job ON reference.agents (job_description_id) WHERE status = 'active';
CREATE INDEX agents_job_description_idx ON reference.agents (job_description_id);
CREATE INDEX agents_resume_idx ON reference.agents (resume_id);
CREATE INDEX agents_model_idx ON reference.agents (model_id);
CREATE INDEX agents_status_idx ON reference.agents (status);
CREATE INDEX tasks_parent_idx ON reference.tasks (parent_task_id) WHERE parent_task_id IS NOT NULL;
CREATE INDEX tasks_status_idx ON reference.tasks (status, priority);
CREATE INDEX tasks_open_idx ON reference.tasks (priority DESC, created_at)
  WHERE status IN ('pending', 'assigned', 'in_progress', 'blocked');
CREATE INDEX tasks_due_idx ON reference.tasks (due_at) WHERE due_at IS NOT NULL AND completed_at IS NULL;
CREATE INDEX tasks_created_idx ON reference.tasks (created_at);
CREATE INDEX tasks_search_idx ON reference.tasks USING gin (search_vector);
CREATE INDEX task_dependencies_depends_on_idx ON reference.task_dependencies (depends_on_task_id);
CREATE INDEX task_assignments_task_idx ON reference.task_assignments (task_id, status);
CREATE INDEX task_assignments_agent_idx ON reference.task_assignments (agent_id, assigned_at);
CREATE INDEX task_assignments_active_idx ON reference.task_assignments (agent_id)
  WHERE status IN ('assigned', 'in_progress');
CREATE UNIQUE INDEX task_assignments_one_active_per_agent_task ON reference.task_assignments (task_id, agent_id)
  WHERE status IN ('assigned', 'in_progress');
CREATE INDEX task_assignments_busy_period_idx ON reference.task_assignments
  USING gist (agent_id, tstzrange(started_at, completed_at)) WHERE started_at IS NOT NULL;
CREATE INDEX execution_costs_agent_idx ON reference.execution_costs (agent_id, occurred_at);
CREATE INDEX execution_costs_task_idx ON reference.execution_costs (task_id) WHERE task_id IS NOT NULL;
CREATE INDEX execution_costs_assignment_idx ON reference.execution_costs (task_assignment_id)
  WHERE task_assignment_id IS NOT NULL;
CREATE INDEX execution_costs_model_idx ON reference.execution_costs (model_id, occurred_at);
CREATE INDEX execution_costs_occurred_idx ON reference.execution_costs (occurred_at);
CREATE INDEX audit_logs_row_idx ON reference.audit_logs (table_name, row_id, occurred_at);
CREATE INDEX audit_logs_occurred_idx ON reference.audit_logs USING brin (occurred_at);
CREATE INDEX audit_logs_changed_by_idx ON reference.audit_logs (changed_by, occurred_at);

----------------------------------------------------------------------------------------
-- Shared helpers
----------------------------------------------------------------------------------------

-- Raises when `machine` does not allow from -> to (a lookup in status_transitions).
CREATE FUNCTION reference.check_transition(p_machine text, p_table text, p_id bigint,
                                           p_from text, p_to text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_from = p_to THEN
    RETURN;
  END IF;
  PERFORM 1 FROM reference.status_transitions
    WHERE machine = p_machine AND from_status = p_from AND to_status = p_to;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'illegal % status transition from "%" to "%"', p_machine, p_from, p_to
      USING ERRCODE = 'check_violation', TABLE = p_table, CONSTRAINT = p_table || '_status_transition',
            DETAIL = format('%s row id=%s has status "%s".', p_table, p_id, p_from);
  END IF;
END $$;

CREATE FUNCTION reference.reject_id_change(p_table text, p_old bigint, p_new bigint)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the id of a % row cannot change', p_table
    USING ERRCODE = 'check_violation', TABLE = p_table, CONSTRAINT = p_table || '_id_immutable',
          DETAIL = format('%s row id=%s was updated to id=%s', p_table, p_old, p_new);
END $$;

----------------------------------------------------------------------------------------
-- BEFORE row triggers: status machines, stamps, ids, updated_at
----------------------------------------------------------------------------------------

-- Generic BEFORE UPDATE: id immutable and updated_at (tables without a status machine).
CREATE FUNCTION reference.touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id THEN
    PERFORM reference.reject_id_change(TG_TABLE_NAME, OLD.id, NEW.id);
  END IF;
  NEW.updated_at := transaction_timestamp();
  RETURN NEW;
END $$;

-- Same, for tables that have no updated_at column.
CREATE FUNCTION reference.keep_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id THEN
    PERFORM reference.reject_id_change(TG_TABLE_NAME, OLD.id, NEW.id);
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION reference.job_descriptions_before_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id THEN
    PERFORM reference.reject_id_change(TG_TABLE_NAME, OLD.id, NEW.id);
  END IF;
  PERFORM reference.check_transition('job', TG_TABLE_NAME, OLD.id, OLD.status::text, NEW.status::text);
  NEW.updated_at := transaction_timestamp();
  RETURN NEW;
END $$;

CREATE FUNCTION reference.tasks_before_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id THEN
    PERFORM reference.reject_id_change(TG_TABLE_NAME, OLD.id, NEW.id);
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM reference.check_transition('task', TG_TABLE_NAME, OLD.id, OLD.status::text, NEW.status::text);
    IF NEW.status = 'in_progress' THEN
      NEW.started_at := coalesce(NEW.started_at, statement_timestamp());
    ELSIF NEW.status IN ('completed', 'failed', 'cancelled')
          AND (NEW.completed_at IS NULL OR NEW.completed_at IS NOT DISTINCT FROM OLD.completed_at) THEN
      NEW.completed_at := statement_timestamp();
    END IF;
  END IF;
  NEW.updated_at := transaction_timestamp();
  RETURN NEW;
END $$;

-- One active agent per job description (job row locked), no termination while
-- assignments are active, agent status machine and stamps.
CREATE FUNCTION reference.agents_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_other bigint;
  v_active bigint;
  v_example record;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.id IS DISTINCT FROM OLD.id THEN
      PERFORM reference.reject_id_change(TG_TABLE_NAME, OLD.id, NEW.id);
    END IF;
    PERFORM reference.check_transition('agent', TG_TABLE_NAME, OLD.id, OLD.status::text, NEW.status::text);
  END IF;
  IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
    IF NEW.status = 'active' THEN
      NEW.hired_at := coalesce(NEW.hired_at, statement_timestamp());
    ELSIF NEW.status = 'terminated'
          AND (NEW.terminated_at IS NULL
               OR (TG_OP = 'UPDATE' AND NEW.terminated_at IS NOT DISTINCT FROM OLD.terminated_at)) THEN
      NEW.terminated_at := statement_timestamp();
    END IF;
  END IF;

  IF NEW.status = 'active' AND (TG_OP = 'INSERT' OR OLD.status <> 'active'
                                OR NEW.job_description_id IS DISTINCT FROM OLD.job_description_id) THEN
    PERFORM 1 FROM reference.job_descriptions WHERE id = NEW.job_description_id FOR NO KEY UPDATE;
    IF FOUND THEN
      SELECT id INTO v_other FROM reference.agents
        WHERE job_description_id = NEW.job_description_id AND status = 'active' AND id <> NEW.id
        ORDER BY id LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'job description % already has an active agent', NEW.job_description_id
          USING ERRCODE = 'unique_violation', TABLE = 'agents', CONSTRAINT = 'agents_one_active_per_job',
                DETAIL = format('agents row id=%s cannot become active: agent %s is active for job description %s.',
                                NEW.id, v_other, NEW.job_description_id),
                HINT = format('Suspend or terminate agent %s first.', v_other);
      END IF;
    END IF;
  END IF;

  IF TG_OP = 'UPDATE' AND NEW.status = 'terminated' AND OLD.status <> 'terminated' THEN
    SELECT id, task_id, status::text AS status, count(*) OVER () AS n INTO v_example
      FROM reference.task_assignments
     WHERE agent_id = NEW.id AND status IN ('assigned', 'in_progress') ORDER BY id LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'agent % cannot be terminated while it has active assignments', NEW.id
        USING ERRCODE = 'check_violation', TABLE = 'agents',
              CONSTRAINT = 'agents_no_termination_with_active_assignments',
              DETAIL = format('agents row id=%s has %s active assignment(s), e.g. assignment %s on task %s (%s).',
                              OLD.id, v_example.n, v_example.id, v_example.task_id, v_example.status),
              HINT = 'Complete, fail or cancel its assignments first.';
    END IF;
  END IF;

  IF TG_OP = 'UPDATE' THEN
    NEW.updated_at := transaction_timestamp();
  END IF;
  RETURN NEW;
END $$;

-- Assignment status machine and stamps; an assignment that becomes active or starts
-- needs an active agent (locked FOR SHARE) and a task that accepts work (locked).
CREATE FUNCTION reference.task_assignments_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_agent_status text;
  v_task_status text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.id IS DISTINCT FROM OLD.id THEN
      PERFORM reference.reject_id_change(TG_TABLE_NAME, OLD.id, NEW.id);
    END IF;
    PERFORM reference.check_transition('assignment', TG_TABLE_NAME, OLD.id, OLD.status::text, NEW.status::text);
  END IF;
  IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
    IF NEW.status = 'in_progress' THEN
      NEW.started_at := coalesce(NEW.started_at, statement_timestamp());
    ELSIF NEW.status IN ('completed', 'failed', 'cancelled')
          AND (NEW.completed_at IS NULL
               OR (TG_OP = 'UPDATE' AND NEW.completed_at IS NOT DISTINCT FROM OLD.completed_at)) THEN
      NEW.completed_at := statement_timestamp();
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.task_id IS DISTINCT FROM OLD.task_id OR NEW.agent_id IS DISTINCT FROM OLD.agent_id) THEN
    RAISE EXCEPTION 'the task and agent of an assignment cannot change'
      USING ERRCODE = 'check_violation', TABLE = 'task_assignments',
            CONSTRAINT = 'task_assignments_task_agent_immutable',
            HINT = 'Cancel it and create a new assignment.';
  END IF;

  IF (TG_OP = 'INSERT' AND NEW.status IN ('assigned', 'in_progress'))
     OR (TG_OP = 'UPDATE' AND NEW.status = 'in_progress' AND OLD.status <> 'in_progress') THEN
    SELECT status::text INTO v_agent_status FROM reference.agents WHERE id = NEW.agent_id FOR SHARE;
    IF FOUND AND v_agent_status <> 'active' THEN
      RAISE EXCEPTION 'agent % is % and cannot work on assignments', NEW.agent_id, v_agent_status
        USING ERRCODE = 'check_violation', TABLE = 'task_assignments',
              CONSTRAINT = 'task_assignments_agent_active',
              HINT = 'Only active agents take or start assignments.';
    END IF;
    SELECT status::text INTO v_task_status FROM reference.tasks WHERE id = NEW.task_id FOR NO KEY UPDATE;
    IF FOUND AND v_task_status NOT IN ('pending', 'assigned', 'in_progress', 'failed') THEN
      RAISE EXCEPTION 'task % is % and accepts no new assignments', NEW.task_id, v_task_status
        USING ERRCODE = 'check_violation', TABLE = 'task_assignments',
              CONSTRAINT = 'task_assignments_task_accepts_work',
              HINT = 'Only pending, assigned, in_progress or failed tasks take assignments.';
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    NEW.updated_at := transaction_timestamp();
  END IF;
  RETURN NEW;
END $$;

----------------------------------------------------------------------------------------
-- Task status roll-up from its assignments (AFTER row trigger, task row locked first)
----------------------------------------------------------------------------------------

CREATE FUNCTION reference.task_assignments_after_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_task_id bigint;
  v_current text;
  v_desired text;
  c record;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status THEN
    RETURN NULL;
  END IF;
  v_task_id := CASE WHEN TG_OP = 'DELETE' THEN OLD.task_id ELSE NEW.task_id END;
  SELECT status::text INTO v_current FROM reference.tasks WHERE id = v_task_id FOR NO KEY UPDATE;
  IF NOT FOUND OR v_current NOT IN ('pending', 'assigned', 'in_progress', 'failed') THEN
    RETURN NULL;
  END IF;
  SELECT count(*) FILTER (WHERE status = 'assigned') AS assigned,
         count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
         count(*) FILTER (WHERE status = 'completed') AS completed,
         count(*) FILTER (WHERE status = 'failed') AS failed,
         min(started_at) AS first_start,
         max(completed_at) FILTER (WHERE status IN ('completed', 'failed')) AS last_end
    INTO c
    FROM reference.task_assignments WHERE task_id = v_task_id;
  v_desired := CASE WHEN c.in_progress > 0 THEN 'in_progress'
                    WHEN c.assigned > 0 THEN 'assigned'
                    WHEN c.failed > 0 THEN 'failed'
                    WHEN c.completed > 0 THEN 'completed'
                    ELSE 'pending' END;
  IF v_desired = v_current OR (v_current = 'failed' AND v_desired = 'pending') THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM reference.status_transitions
    WHERE machine = 'task' AND from_status = v_current AND to_status = v_desired;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  UPDATE reference.tasks
     SET status = v_desired::reference.task_status,
         started_at = CASE WHEN v_desired = 'in_progress' THEN coalesce(started_at, c.first_start) ELSE started_at END,
         completed_at = CASE WHEN v_desired IN ('completed', 'failed') THEN c.last_end ELSE completed_at END
   WHERE id = v_task_id;
  RETURN NULL;
END $$;

----------------------------------------------------------------------------------------
-- Task graph: no cycle through parents and dependencies (recursive CTE)
----------------------------------------------------------------------------------------

CREATE FUNCTION reference.task_graph_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_from bigint;
  v_to bigint;
BEGIN
  -- The new edge from -> to: a parent waits for its subtask, a task for its dependency.
  IF TG_TABLE_NAME = 'task_dependencies' THEN
    v_from := NEW.task_id;
    v_to := NEW.depends_on_task_id;
  ELSE
    v_from := NEW.parent_task_id;
    v_to := NEW.id;
  END IF;
  IF v_from IS NULL OR v_to IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'task_dependencies' OR TG_OP = 'UPDATE' THEN
    PERFORM pg_advisory_xact_lock(1634167924, 2);  -- the reference graph's own lock
  END IF;
  IF v_from = v_to OR EXISTS (
       WITH RECURSIVE reach(id) AS (
         SELECT v_to
         UNION
         SELECT e.next_id
           FROM reach r
           CROSS JOIN LATERAL (
             SELECT t.id AS next_id FROM reference.tasks t WHERE t.parent_task_id = r.id
             UNION ALL
             SELECT d.depends_on_task_id FROM reference.task_dependencies d WHERE d.task_id = r.id) e)
       SELECT 1 FROM reach WHERE id = v_from) THEN
    RAISE EXCEPTION 'task graph cycle: the new edge % -> % would close a cycle', v_from, v_to
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, CONSTRAINT = 'task_graph_acyclic';
  END IF;
  RETURN NULL;
END $$;

----------------------------------------------------------------------------------------
-- Cost ledger: validation and derivation from the model price, in PL/pgSQL
----------------------------------------------------------------------------------------

CREATE FUNCTION reference.execution_costs_before_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p record;
  v_derive boolean;
  v_ceiling numeric := coalesce(nullif(current_setting('agentic.max_execution_cost', true), ''), '1000')::numeric;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id IS DISTINCT FROM OLD.id THEN
    PERFORM reference.reject_id_change(TG_TABLE_NAME, OLD.id, NEW.id);
  END IF;
  IF NEW.input_tokens IS NULL OR NEW.output_tokens IS NULL OR NEW.cached_input_tokens IS NULL THEN
    RETURN NEW;  -- NOT NULL reports it
  END IF;
  IF NEW.input_tokens < 0 OR NEW.output_tokens < 0 OR NEW.cached_input_tokens < 0 THEN
    RAISE EXCEPTION 'execution cost rejected: token counts must not be negative'
      USING ERRCODE = 'check_violation', TABLE = 'execution_costs',
            CONSTRAINT = 'execution_costs_tokens_non_negative';
  END IF;
  IF NEW.cached_input_tokens > NEW.input_tokens THEN
    RAISE EXCEPTION 'execution cost rejected: cached_input_tokens must not exceed input_tokens'
      USING ERRCODE = 'check_violation', TABLE = 'execution_costs',
            CONSTRAINT = 'execution_costs_cached_within_input';
  END IF;

  v_derive := NEW.cost IS NULL;
  IF TG_OP = 'UPDATE' AND NEW.cost IS NOT NULL AND NEW.cost IS NOT DISTINCT FROM OLD.cost THEN
    v_derive := OLD.cost_source = 'derived'
      AND (NEW.input_tokens, NEW.output_tokens, NEW.cached_input_tokens, NEW.model_id, NEW.occurred_at)
          IS DISTINCT FROM (OLD.input_tokens, OLD.output_tokens, OLD.cached_input_tokens, OLD.model_id, OLD.occurred_at);
  END IF;

  -- The price in effect at occurred_at: the current one, else the archived period.
  IF NEW.model_id IS NOT NULL AND NEW.occurred_at IS NOT NULL THEN
    SELECT x.input_price_per_mtok, x.output_price_per_mtok, x.cached_input_price_per_mtok, x.effective_from,
           x.currency
      INTO p
      FROM ((SELECT m.input_price_per_mtok, m.output_price_per_mtok, m.cached_input_price_per_mtok,
                    m.price_effective_from AS effective_from, m.currency
               FROM reference.model_catalog m
              WHERE m.id = NEW.model_id AND m.price_effective_from <= NEW.occurred_at)
            UNION ALL
            (SELECT h.input_price_per_mtok, h.output_price_per_mtok, h.cached_input_price_per_mtok, h.effective_from,
                    h.currency
               FROM reference.model_price_history h
              WHERE h.model_id = NEW.model_id AND h.effective_from <= NEW.occurred_at
                AND h.effective_until > NEW.occurred_at
              ORDER BY h.effective_from DESC LIMIT 1)
            LIMIT 1) x;
  END IF;
  IF p IS NULL OR p.effective_from IS NULL THEN
    NEW.input_price_per_mtok := NULL;
    NEW.output_price_per_mtok := NULL;
    NEW.cached_input_price_per_mtok := NULL;
    NEW.price_effective_from := NULL;
  ELSE
    NEW.input_price_per_mtok := p.input_price_per_mtok;
    NEW.output_price_per_mtok := p.output_price_per_mtok;
    NEW.cached_input_price_per_mtok := p.cached_input_price_per_mtok;
    NEW.price_effective_from := p.effective_from;
  END IF;

  IF v_derive THEN
    IF NEW.price_effective_from IS NULL THEN
      RAISE EXCEPTION 'execution cost rejected: cost is NULL and cannot be derived'
        USING ERRCODE = 'check_violation', TABLE = 'execution_costs',
              CONSTRAINT = 'execution_costs_cost_derivable',
              HINT = 'Give the cost, or a model_id whose price covers occurred_at.';
    END IF;
    -- Prices are per million tokens; round half up to the column's 10 decimals.
    NEW.cost := round(((NEW.input_tokens - NEW.cached_input_tokens) * NEW.input_price_per_mtok
                       + NEW.cached_input_tokens * coalesce(NEW.cached_input_price_per_mtok, NEW.input_price_per_mtok)
                       + NEW.output_tokens * NEW.output_price_per_mtok) * 0.000001, 10);
    NEW.currency := p.currency;  -- a derived cost is in the price's currency
    NEW.cost_source := 'derived';
  ELSE
    NEW.cost_source := 'reported';
  END IF;

  IF NEW.cost IS NOT NULL THEN
    IF NEW.cost = 'NaN'::numeric OR NEW.cost IN ('Infinity'::numeric, '-Infinity'::numeric) THEN
      RAISE EXCEPTION 'execution cost rejected: cost must be finite'
        USING ERRCODE = 'check_violation', TABLE = 'execution_costs', CONSTRAINT = 'execution_costs_cost_finite';
    END IF;
    IF NEW.cost <= 0 THEN
      RAISE EXCEPTION 'execution cost rejected: cost must be greater than zero'
        USING ERRCODE = 'check_violation', TABLE = 'execution_costs', CONSTRAINT = 'execution_costs_cost_positive';
    END IF;
    IF NEW.cost > v_ceiling THEN
      RAISE EXCEPTION 'execution cost rejected: cost exceeds agentic.max_execution_cost (%)', v_ceiling
        USING ERRCODE = 'check_violation', TABLE = 'execution_costs', CONSTRAINT = 'execution_costs_cost_ceiling';
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- A later price_effective_from archives the current price; dates never move backwards.
CREATE FUNCTION reference.model_catalog_before_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id THEN
    PERFORM reference.reject_id_change(TG_TABLE_NAME, OLD.id, NEW.id);
  END IF;
  IF NEW.price_effective_from < OLD.price_effective_from THEN
    RAISE EXCEPTION 'a model''s price_effective_from cannot move backwards'
      USING ERRCODE = 'check_violation', TABLE = 'model_catalog',
            CONSTRAINT = 'model_catalog_price_history_forward';
  ELSIF NEW.price_effective_from > OLD.price_effective_from THEN
    INSERT INTO reference.model_price_history (model_id, effective_from, effective_until,
           input_price_per_mtok, output_price_per_mtok, cached_input_price_per_mtok, currency)
    VALUES (OLD.id, OLD.price_effective_from, NEW.price_effective_from,
            OLD.input_price_per_mtok, OLD.output_price_per_mtok, OLD.cached_input_price_per_mtok, OLD.currency);
  END IF;
  NEW.updated_at := transaction_timestamp();
  RETURN NEW;
END $$;

----------------------------------------------------------------------------------------
-- Row-level audit trigger
----------------------------------------------------------------------------------------

CREATE FUNCTION reference.audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_old jsonb;
  v_new jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO reference.audit_logs (table_name, operation, row_id, new_data)
    VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, 'INSERT', NEW.id, to_jsonb(NEW) - 'search_vector');
    RETURN NULL;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO reference.audit_logs (table_name, operation, row_id, old_data)
    VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, 'DELETE', OLD.id, to_jsonb(OLD) - 'search_vector');
    RETURN NULL;
  END IF;
  v_old := to_jsonb(OLD) - 'search_vector';
  v_new := to_jsonb(NEW) - 'search_vector';
  INSERT INTO reference.audit_logs (table_name, operation, row_id, old_data, new_data, changed_columns)
  VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, 'UPDATE', NEW.id, v_old, v_new,
          ARRAY(SELECT e.key FROM jsonb_each(v_new) e WHERE e.value IS DISTINCT FROM v_old -> e.key ORDER BY e.key));
  RETURN NULL;
END $$;

----------------------------------------------------------------------------------------
-- Triggers
----------------------------------------------------------------------------------------

CREATE TRIGGER job_descriptions_before_update BEFORE UPDATE ON reference.job_descriptions
  FOR EACH ROW EXECUTE FUNCTION reference.job_descriptions_before_update();
CREATE TRIGGER agents_before_write BEFORE INSERT OR UPDATE ON reference.agents
  FOR EACH ROW EXECUTE FUNCTION reference.agents_before_write();
CREATE TRIGGER tasks_before_update BEFORE UPDATE ON reference.tasks
  FOR EACH ROW EXECUTE FUNCTION reference.tasks_before_update();
CREATE TRIGGER tasks_graph_check_insert AFTER INSERT ON reference.tasks
  FOR EACH ROW WHEN (NEW.parent_task_id IS NOT NULL) EXECUTE FUNCTION reference.task_graph_check();
CREATE TRIGGER tasks_graph_check_update AFTER UPDATE OF parent_task_id ON reference.tasks
  FOR EACH ROW WHEN (NEW.parent_task_id IS NOT NULL AND NEW.parent_task_id IS DISTINCT FROM OLD.parent_task_id)
  EXECUTE FUNCTION reference.task_graph_check();
CREATE TRIGGER task_dependencies_graph_check AFTER INSERT OR UPDATE ON reference.task_dependencies
  FOR EACH ROW EXECUTE FUNCTION reference.task_graph_check();
CREATE TRIGGER task_dependencies_before_update BEFORE UPDATE ON reference.task_dependencies
  FOR EACH ROW EXECUTE FUNCTION reference.keep_id();
CREATE TRIGGER task_assignments_before_write BEFORE INSERT OR UPDATE ON reference.task_assignments
  FOR EACH ROW EXECUTE FUNCTION reference.task_assignments_before_write();
CREATE TRIGGER task_assignments_after_write AFTER INSERT OR UPDATE OF status, task_id OR DELETE ON reference.task_assignments
  FOR EACH ROW EXECUTE FUNCTION reference.task_assignments_after_write();
CREATE TRIGGER execution_costs_before_write BEFORE INSERT OR UPDATE ON reference.execution_costs
  FOR EACH ROW EXECUTE FUNCTION reference.execution_costs_before_write();
CREATE TRIGGER model_catalog_before_update BEFORE UPDATE ON reference.model_catalog
  FOR EACH ROW EXECUTE FUNCTION reference.model_catalog_before_update();
CREATE TRIGGER model_price_history_before_update BEFORE UPDATE ON reference.model_price_history
  FOR EACH ROW EXECUTE FUNCTION reference.keep_id();

-- Audit: every table but the audit log; cost-ledger inserts are not audited (as natively).
CREATE TRIGGER job_descriptions_audit AFTER INSERT OR UPDATE OR DELETE ON reference.job_descriptions
  FOR EACH ROW EXECUTE FUNCTION reference.audit_row();
CREATE TRIGGER agents_audit AFTER INSERT OR UPDATE OR DELETE ON reference.agents
  FOR EACH ROW EXECUTE FUNCTION reference.audit_row();
CREATE TRIGGER tasks_audit AFTER INSERT OR UPDATE OR DELETE ON reference.tasks
  FOR EACH ROW EXECUTE FUNCTION reference.audit_row();
CREATE TRIGGER task_dependencies_audit AFTER INSERT OR UPDATE OR DELETE ON reference.task_dependencies
  FOR EACH ROW EXECUTE FUNCTION reference.audit_row();
CREATE TRIGGER task_assignments_audit AFTER INSERT OR UPDATE OR DELETE ON reference.task_assignments
  FOR EACH ROW EXECUTE FUNCTION reference.audit_row();
CREATE TRIGGER model_catalog_audit AFTER INSERT OR UPDATE OR DELETE ON reference.model_catalog
  FOR EACH ROW EXECUTE FUNCTION reference.audit_row();
CREATE TRIGGER model_price_history_audit AFTER UPDATE OR DELETE ON reference.model_price_history
  FOR EACH ROW EXECUTE FUNCTION reference.audit_row();
CREATE TRIGGER execution_costs_audit AFTER UPDATE OR DELETE ON reference.execution_costs
  FOR EACH ROW EXECUTE FUNCTION reference.audit_row();

----------------------------------------------------------------------------------------
-- Daily cost summary: a plain materialized view, refreshed by hand
----------------------------------------------------------------------------------------

CREATE MATERIALIZED VIEW reference.daily_cost_summary AS
SELECT (c.occurred_at AT TIME ZONE 'UTC')::date AS day,
       c.currency,
       count(*) AS executions,
       sum(c.cost) AS total_cost,
       sum(c.input_tokens) AS input_tokens,
       sum(c.output_tokens) AS output_tokens,
       sum(c.cached_input_tokens) AS cached_input_tokens,
       count(DISTINCT c.agent_id) AS agents,
       count(DISTINCT c.task_id) AS tasks,
       count(DISTINCT c.model_id) AS models
  FROM reference.execution_costs c
 GROUP BY 1, 2
WITH NO DATA;
CREATE UNIQUE INDEX daily_cost_summary_day_currency ON reference.daily_cost_summary (day, currency);

----------------------------------------------------------------------------------------
-- Utilization in plain SQL: the same numbers as agentic.calculate_agent_utilization().
-- Employed time: coalesce(hired_at, created_at) until terminated_at, inside
-- [from, to), clipped at now(); busy time: the union of the started assignments
-- overlapping the window (open ones run until now), clipped to that span.
----------------------------------------------------------------------------------------

CREATE FUNCTION reference.agent_utilization(p_agent_id bigint, p_window_start timestamptz,
                                            p_window_end timestamptz)
RETURNS TABLE (agent_id bigint, window_start timestamptz, window_end timestamptz,
               available_time interval, busy_time interval, utilization double precision,
               assignments integer)
LANGUAGE sql STABLE AS $$
  WITH span AS (
    SELECT a.id,
           greatest(p_window_start, coalesce(a.hired_at, a.created_at)) AS lo,
           least(p_window_end, coalesce(a.terminated_at, 'infinity'), now()) AS hi
      FROM reference.agents a
     WHERE a.id = p_agent_id),
  periods AS (
    SELECT tstzrange(greatest(ta.started_at, s.lo), least(coalesce(ta.completed_at, 'infinity'), s.hi)) AS r
      FROM span s
      JOIN reference.task_assignments ta ON ta.agent_id = s.id
     WHERE ta.started_at IS NOT NULL
       AND tstzrange(ta.started_at, ta.completed_at) && tstzrange(p_window_start, p_window_end)
       AND greatest(ta.started_at, s.lo) < least(coalesce(ta.completed_at, 'infinity'), s.hi)),
  busy AS (
    SELECT justify_hours(coalesce(sum(upper(m) - lower(m)), interval '0')) AS busy
      FROM unnest((SELECT range_agg(r) FROM periods)) AS m)
  SELECT s.id, p_window_start, p_window_end,
         CASE WHEN s.lo < s.hi THEN s.hi - s.lo ELSE interval '0' END,
         CASE WHEN s.lo < s.hi THEN (SELECT busy FROM busy) ELSE interval '0' END,
         CASE WHEN s.lo < s.hi
              THEN (extract(epoch FROM (SELECT busy FROM busy)) / extract(epoch FROM s.hi - s.lo))::double precision END,
         CASE WHEN s.lo < s.hi THEN (SELECT count(*)::integer FROM periods) ELSE 0 END
    FROM span s
$$;

CREATE FUNCTION reference.all_agents_utilization(p_window_start timestamptz, p_window_end timestamptz)
RETURNS TABLE (agent_id bigint, window_start timestamptz, window_end timestamptz,
               available_time interval, busy_time interval, utilization double precision,
               assignments integer)
LANGUAGE sql STABLE AS $$
  WITH span AS (
    SELECT a.id,
           greatest(p_window_start, coalesce(a.hired_at, a.created_at)) AS lo,
           least(p_window_end, coalesce(a.terminated_at, 'infinity'), now()) AS hi
      FROM reference.agents a
     WHERE coalesce(a.hired_at, a.created_at) < p_window_end
       AND (a.terminated_at IS NULL OR a.terminated_at > p_window_start)),
  per_agent AS (
    SELECT s.id, count(*)::integer AS n,
           range_agg(tstzrange(greatest(ta.started_at, s.lo),
                               least(coalesce(ta.completed_at, 'infinity'), s.hi))) AS busy
      FROM span s
      JOIN reference.task_assignments ta ON ta.agent_id = s.id
     WHERE ta.started_at IS NOT NULL
       AND tstzrange(ta.started_at, ta.completed_at) && tstzrange(p_window_start, p_window_end)
       AND greatest(ta.started_at, s.lo) < least(coalesce(ta.completed_at, 'infinity'), s.hi)
     GROUP BY s.id)
  SELECT s.id, p_window_start, p_window_end, s.hi - s.lo, coalesce(b.busy, interval '0'),
         (extract(epoch FROM coalesce(b.busy, interval '0')) / extract(epoch FROM s.hi - s.lo))::double precision,
         coalesce(p.n, 0)
    FROM span s
    LEFT JOIN per_agent p ON p.id = s.id
    LEFT JOIN LATERAL (SELECT justify_hours(sum(upper(m) - lower(m))) AS busy FROM unnest(p.busy) AS m) b ON true
   WHERE s.lo < s.hi
   ORDER BY s.id
$$;

-- The same all-agents numbers the classic way (no range types): gaps and islands with
-- window functions over the assignments overlapping the window.
CREATE FUNCTION reference.all_agents_utilization_islands(p_window_start timestamptz, p_window_end timestamptz)
RETURNS TABLE (agent_id bigint, window_start timestamptz, window_end timestamptz,
               available_time interval, busy_time interval, utilization double precision,
               assignments integer)
LANGUAGE sql STABLE AS $$
  WITH span AS (
    SELECT a.id,
           greatest(p_window_start, coalesce(a.hired_at, a.created_at)) AS lo,
           least(p_window_end, coalesce(a.terminated_at, 'infinity'), now()) AS hi
      FROM reference.agents a
     WHERE coalesce(a.hired_at, a.created_at) < p_window_end
       AND (a.terminated_at IS NULL OR a.terminated_at > p_window_start)),
  clipped AS (
    SELECT s.id, greatest(ta.started_at, s.lo) AS b, least(coalesce(ta.completed_at, 'infinity'), s.hi) AS e
      FROM span s
      JOIN reference.task_assignments ta ON ta.agent_id = s.id
     WHERE ta.started_at IS NOT NULL
       AND ta.started_at < p_window_end AND (ta.completed_at IS NULL OR ta.completed_at > p_window_start)
       AND greatest(ta.started_at, s.lo) < least(coalesce(ta.completed_at, 'infinity'), s.hi)),
  marked AS (
    SELECT id, b, e,
           CASE WHEN b <= max(e) OVER (PARTITION BY id ORDER BY b, e
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                THEN 0 ELSE 1 END AS starts_island
      FROM clipped),
  islands AS (
    SELECT id, b, e, sum(starts_island) OVER (PARTITION BY id ORDER BY b, e ROWS UNBOUNDED PRECEDING) AS island
      FROM marked),
  per_agent AS (
    SELECT id, sum(n)::integer AS n, sum(len) AS busy
      FROM (SELECT id, island, count(*) AS n, max(e) - min(b) AS len FROM islands GROUP BY id, island) x
     GROUP BY id)
  SELECT s.id, p_window_start, p_window_end, s.hi - s.lo, justify_hours(coalesce(p.busy, interval '0')),
         (extract(epoch FROM coalesce(p.busy, interval '0')) / extract(epoch FROM s.hi - s.lo))::double precision,
         coalesce(p.n, 0)
    FROM span s
    LEFT JOIN per_agent p ON p.id = s.id
   WHERE s.lo < s.hi
   ORDER BY s.id
$$;
