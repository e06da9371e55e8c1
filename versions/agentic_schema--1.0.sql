-- agentic_schema 1.0: the workforce core (hiring, tasks, model costs, prompts, audit).
--
-- Released scripts never change: later changes go into agentic_schema--1.0--X.sql.
-- Every name is schema-qualified; the business rules are native C++ functions in
-- $libdir/agentic_schema.

\echo Use "CREATE EXTENSION agentic_schema" to load this file. \quit

COMMENT ON SCHEMA agentic IS
  'agentic_schema: the database layer of an agentic-AI platform (hiring, tasks, costs, audit)';

----------------------------------------------------------------------------------------
-- Enumerated statuses. Their labels match the native status machines exactly
-- (agentic.status_transitions() lists the legal moves between them).
----------------------------------------------------------------------------------------

CREATE TYPE agentic.job_status AS ENUM ('draft', 'open', 'on_hold', 'filled', 'closed');
COMMENT ON TYPE agentic.job_status IS 'Lifecycle of a job description';

CREATE TYPE agentic.application_status AS ENUM
  ('submitted', 'screening', 'interviewing', 'offered', 'hired', 'rejected', 'withdrawn');
COMMENT ON TYPE agentic.application_status IS 'Lifecycle of a job application';

CREATE TYPE agentic.agent_status AS ENUM ('onboarding', 'active', 'suspended', 'terminated');
COMMENT ON TYPE agentic.agent_status IS 'Lifecycle of a hired agent';

CREATE TYPE agentic.task_status AS ENUM
  ('pending', 'assigned', 'in_progress', 'blocked', 'completed', 'failed', 'cancelled');
COMMENT ON TYPE agentic.task_status IS 'Lifecycle of a task';

CREATE TYPE agentic.task_priority AS ENUM ('low', 'medium', 'high', 'critical');
COMMENT ON TYPE agentic.task_priority IS 'Priority of a task, lowest first';

CREATE TYPE agentic.assignment_status AS ENUM
  ('assigned', 'in_progress', 'completed', 'failed', 'cancelled');
COMMENT ON TYPE agentic.assignment_status IS 'Lifecycle of one agent''s assignment to a task';

CREATE TYPE agentic.cost_source AS ENUM ('reported', 'derived');
COMMENT ON TYPE agentic.cost_source IS
  'Whether an execution cost was given by the caller or derived from tokens and the model price';

CREATE TYPE agentic.audit_operation AS ENUM ('INSERT', 'UPDATE', 'DELETE');
COMMENT ON TYPE agentic.audit_operation IS 'The kind of row change an audit log entry records';

----------------------------------------------------------------------------------------
-- Native functions
----------------------------------------------------------------------------------------

CREATE FUNCTION agentic.jsonb_array_of(doc jsonb, element_type text)
RETURNS boolean
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_jsonb_array_of';
COMMENT ON FUNCTION agentic.jsonb_array_of(jsonb, text) IS
  'True when doc is a JSON array whose every element has the JSON type element_type '
  '(string, number, object, array, boolean) and, for strings, is not blank; used by CHECK constraints';

CREATE FUNCTION agentic.status_transitions()
RETURNS TABLE (machine text, from_status text, to_status text)
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_status_transitions';
COMMENT ON FUNCTION agentic.status_transitions() IS
  'Every legal status transition enforced by the native triggers, per status machine '
  '(task, assignment, agent, application, job)';

CREATE FUNCTION agentic.row_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_row_before_write';
COMMENT ON FUNCTION agentic.row_before_write() IS
  'BEFORE UPDATE row trigger: keeps id immutable, enforces the status machine named by the '
  'trigger argument (if any), stamps lifecycle timestamps and maintains updated_at';

CREATE FUNCTION agentic.agents_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_agents_before_write';
COMMENT ON FUNCTION agentic.agents_before_write() IS
  'BEFORE INSERT/UPDATE row trigger on agents: status machine, one active agent per job '
  'description, no termination while assignments are active';

CREATE FUNCTION agentic.task_assignments_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_task_assignments_before_write';
COMMENT ON FUNCTION agentic.task_assignments_before_write() IS
  'BEFORE INSERT/UPDATE row trigger on task_assignments: status machine, and an active '
  'assignment needs an active agent and a task that accepts work';

CREATE FUNCTION agentic.task_assignments_after_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_task_assignments_after_write';
COMMENT ON FUNCTION agentic.task_assignments_after_write() IS
  'AFTER INSERT/UPDATE/DELETE row trigger on task_assignments: moves the task''s status to '
  'follow its assignments (assigned, in progress, completed, failed)';

CREATE FUNCTION agentic.task_graph_check()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_task_graph_check';
COMMENT ON FUNCTION agentic.task_graph_check() IS
  'AFTER row trigger on tasks (parent_task_id) and task_dependencies: rejects any edge that '
  'would close a cycle through parents and dependencies';

CREATE FUNCTION agentic.execution_costs_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_execution_costs_before_write';
COMMENT ON FUNCTION agentic.execution_costs_before_write() IS
  'BEFORE INSERT/UPDATE row trigger on execution_costs: validates tokens, records the model '
  'price in effect, derives the cost when not given, and checks it is finite, positive and '
  'below agentic.max_execution_cost';

CREATE FUNCTION agentic.model_catalog_before_write()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_model_catalog_before_write';
COMMENT ON FUNCTION agentic.model_catalog_before_write() IS
  'BEFORE UPDATE row trigger on model_catalog: archives the previous price into '
  'model_price_history when a new price takes effect, and maintains updated_at';

CREATE FUNCTION agentic.audit_row_changes()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_audit_row_changes';
COMMENT ON FUNCTION agentic.audit_row_changes() IS
  'AFTER statement trigger with transition tables: writes one audit_logs row per changed row '
  '(who, when, operation, old and new values)';

REVOKE EXECUTE ON FUNCTION
  agentic.row_before_write(), agentic.agents_before_write(),
  agentic.task_assignments_before_write(), agentic.task_assignments_after_write(),
  agentic.task_graph_check(), agentic.execution_costs_before_write(),
  agentic.model_catalog_before_write(), agentic.audit_row_changes()
FROM PUBLIC;

----------------------------------------------------------------------------------------
-- Model catalog and prices
----------------------------------------------------------------------------------------

CREATE TABLE agentic.model_catalog (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  provider text NOT NULL CONSTRAINT model_catalog_provider_not_blank CHECK (btrim(provider) <> ''),
  model_name text NOT NULL CONSTRAINT model_catalog_model_name_not_blank CHECK (btrim(model_name) <> ''),
  display_name text,
  context_window integer CONSTRAINT model_catalog_context_window_positive CHECK (context_window > 0),
  max_output_tokens integer CONSTRAINT model_catalog_max_output_tokens_positive CHECK (max_output_tokens > 0),
  capabilities jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT model_catalog_capabilities_shape CHECK (agentic.jsonb_array_of(capabilities, 'string')),
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
COMMENT ON TABLE agentic.model_catalog IS
  'LLM models an agent can run on, with the token prices in effect since price_effective_from';
COMMENT ON COLUMN agentic.model_catalog.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.model_catalog.provider IS 'Model vendor, e.g. openai, anthropic, ollama';
COMMENT ON COLUMN agentic.model_catalog.model_name IS 'Vendor''s model identifier; unique per provider';
COMMENT ON COLUMN agentic.model_catalog.display_name IS 'Human-friendly name';
COMMENT ON COLUMN agentic.model_catalog.context_window IS 'Maximum context length in tokens';
COMMENT ON COLUMN agentic.model_catalog.max_output_tokens IS 'Maximum tokens per completion';
COMMENT ON COLUMN agentic.model_catalog.capabilities IS 'JSON array of capability names (strings)';
COMMENT ON COLUMN agentic.model_catalog.input_price_per_mtok IS 'Price per million uncached input tokens';
COMMENT ON COLUMN agentic.model_catalog.output_price_per_mtok IS 'Price per million output tokens';
COMMENT ON COLUMN agentic.model_catalog.cached_input_price_per_mtok IS
  'Price per million cached input tokens; NULL bills cached tokens at the input price';
COMMENT ON COLUMN agentic.model_catalog.currency IS 'ISO 4217 currency of the prices';
COMMENT ON COLUMN agentic.model_catalog.price_effective_from IS
  'When the current prices took (or take) effect; earlier prices are in model_price_history';
COMMENT ON COLUMN agentic.model_catalog.is_active IS 'False for models no longer offered';
COMMENT ON COLUMN agentic.model_catalog.created_at IS 'When the row was created';
COMMENT ON COLUMN agentic.model_catalog.updated_at IS 'When the row last changed (maintained by trigger)';

CREATE TABLE agentic.model_price_history (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  model_id bigint NOT NULL REFERENCES agentic.model_catalog (id) ON DELETE CASCADE,
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
COMMENT ON TABLE agentic.model_price_history IS
  'Prices a model had before its current one; written by the model_catalog trigger';
COMMENT ON COLUMN agentic.model_price_history.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.model_price_history.model_id IS 'The model these prices applied to';
COMMENT ON COLUMN agentic.model_price_history.effective_from IS 'Start of the price period (inclusive)';
COMMENT ON COLUMN agentic.model_price_history.effective_until IS 'End of the price period (exclusive)';
COMMENT ON COLUMN agentic.model_price_history.input_price_per_mtok IS 'Price per million uncached input tokens';
COMMENT ON COLUMN agentic.model_price_history.output_price_per_mtok IS 'Price per million output tokens';
COMMENT ON COLUMN agentic.model_price_history.cached_input_price_per_mtok IS 'Price per million cached input tokens';
COMMENT ON COLUMN agentic.model_price_history.currency IS 'ISO 4217 currency of the prices';
COMMENT ON COLUMN agentic.model_price_history.archived_at IS 'When the period was archived';

----------------------------------------------------------------------------------------
-- Hiring: job descriptions, resumes, applications, agents
----------------------------------------------------------------------------------------

CREATE TABLE agentic.job_descriptions (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  title text NOT NULL CONSTRAINT job_descriptions_title_not_blank CHECK (btrim(title) <> ''),
  department text,
  description text NOT NULL DEFAULT '',
  responsibilities jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT job_descriptions_responsibilities_shape CHECK (agentic.jsonb_array_of(responsibilities, 'string')),
  required_skills jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT job_descriptions_required_skills_shape CHECK (agentic.jsonb_array_of(required_skills, 'string')),
  preferred_skills jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT job_descriptions_preferred_skills_shape CHECK (agentic.jsonb_array_of(preferred_skills, 'string')),
  experience_level text,
  model_requirements jsonb NOT NULL DEFAULT '{}'
    CONSTRAINT job_descriptions_model_requirements_shape CHECK (jsonb_typeof(model_requirements) = 'object'),
  status agentic.job_status NOT NULL DEFAULT 'draft',
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, title), 'A') ||
    setweight(to_tsvector('english'::regconfig, description), 'B')) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE agentic.job_descriptions IS 'Roles the organisation hires AI agents for';
COMMENT ON COLUMN agentic.job_descriptions.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.job_descriptions.title IS 'Role title';
COMMENT ON COLUMN agentic.job_descriptions.department IS 'Owning department or team';
COMMENT ON COLUMN agentic.job_descriptions.description IS 'Free-text description of the role';
COMMENT ON COLUMN agentic.job_descriptions.responsibilities IS 'JSON array of responsibilities (strings)';
COMMENT ON COLUMN agentic.job_descriptions.required_skills IS 'JSON array of required skills (strings)';
COMMENT ON COLUMN agentic.job_descriptions.preferred_skills IS 'JSON array of preferred skills (strings)';
COMMENT ON COLUMN agentic.job_descriptions.experience_level IS 'Expected seniority, free text';
COMMENT ON COLUMN agentic.job_descriptions.model_requirements IS 'JSON object of model constraints (context, capabilities)';
COMMENT ON COLUMN agentic.job_descriptions.status IS 'Lifecycle status; moves follow agentic.status_transitions() machine job';
COMMENT ON COLUMN agentic.job_descriptions.search_vector IS 'Full-text search document of title and description';
COMMENT ON COLUMN agentic.job_descriptions.created_at IS 'When the row was created';
COMMENT ON COLUMN agentic.job_descriptions.updated_at IS 'When the row last changed (maintained by trigger)';

CREATE TABLE agentic.resumes (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  candidate_name text NOT NULL CONSTRAINT resumes_candidate_name_not_blank CHECK (btrim(candidate_name) <> ''),
  headline text,
  summary text NOT NULL DEFAULT '',
  skills jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT resumes_skills_shape CHECK (agentic.jsonb_array_of(skills, 'string')),
  experience jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT resumes_experience_shape CHECK (agentic.jsonb_array_of(experience, 'object')),
  capabilities jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT resumes_capabilities_shape CHECK (agentic.jsonb_array_of(capabilities, 'string')),
  preferred_model_id bigint REFERENCES agentic.model_catalog (id),
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, candidate_name || ' ' || coalesce(headline, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, summary), 'B')) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE agentic.resumes IS 'Profiles of candidate agents (an agent configuration applying for jobs)';
COMMENT ON COLUMN agentic.resumes.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.resumes.candidate_name IS 'Name of the candidate agent';
COMMENT ON COLUMN agentic.resumes.headline IS 'One-line pitch';
COMMENT ON COLUMN agentic.resumes.summary IS 'Free-text summary';
COMMENT ON COLUMN agentic.resumes.skills IS 'JSON array of skills (strings)';
COMMENT ON COLUMN agentic.resumes.experience IS 'JSON array of experience entries (objects)';
COMMENT ON COLUMN agentic.resumes.capabilities IS 'JSON array of tool or capability names (strings)';
COMMENT ON COLUMN agentic.resumes.preferred_model_id IS 'Model the candidate is built on, if any';
COMMENT ON COLUMN agentic.resumes.search_vector IS 'Full-text search document of name, headline and summary';
COMMENT ON COLUMN agentic.resumes.created_at IS 'When the row was created';
COMMENT ON COLUMN agentic.resumes.updated_at IS 'When the row last changed (maintained by trigger)';

CREATE TABLE agentic.job_applications (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  job_description_id bigint NOT NULL REFERENCES agentic.job_descriptions (id),
  resume_id bigint NOT NULL REFERENCES agentic.resumes (id),
  status agentic.application_status NOT NULL DEFAULT 'submitted',
  cover_letter text,
  score numeric(5,2) CONSTRAINT job_applications_score_range CHECK (score >= 0 AND score <= 100),
  reviewer_notes text,
  applied_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT job_applications_job_resume_key UNIQUE (job_description_id, resume_id),
  CONSTRAINT job_applications_decided_after_applied CHECK (decided_at >= applied_at)
);
COMMENT ON TABLE agentic.job_applications IS 'A resume applying for a job description';
COMMENT ON COLUMN agentic.job_applications.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.job_applications.job_description_id IS 'The job applied for';
COMMENT ON COLUMN agentic.job_applications.resume_id IS 'The applying resume';
COMMENT ON COLUMN agentic.job_applications.status IS 'Lifecycle status; moves follow agentic.status_transitions() machine application';
COMMENT ON COLUMN agentic.job_applications.cover_letter IS 'Application text';
COMMENT ON COLUMN agentic.job_applications.score IS 'Screening score, 0 to 100';
COMMENT ON COLUMN agentic.job_applications.reviewer_notes IS 'Reviewer''s notes';
COMMENT ON COLUMN agentic.job_applications.applied_at IS 'When the application was made';
COMMENT ON COLUMN agentic.job_applications.decided_at IS 'When it was hired, rejected or withdrawn (stamped by trigger)';
COMMENT ON COLUMN agentic.job_applications.created_at IS 'When the row was created';
COMMENT ON COLUMN agentic.job_applications.updated_at IS 'When the row last changed (maintained by trigger)';

CREATE TABLE agentic.agents (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name text NOT NULL CONSTRAINT agents_name_not_blank CHECK (btrim(name) <> ''),
  job_description_id bigint NOT NULL REFERENCES agentic.job_descriptions (id),
  resume_id bigint REFERENCES agentic.resumes (id),
  model_id bigint REFERENCES agentic.model_catalog (id),
  status agentic.agent_status NOT NULL DEFAULT 'onboarding',
  configuration jsonb NOT NULL DEFAULT '{}'
    CONSTRAINT agents_configuration_shape CHECK (jsonb_typeof(configuration) = 'object'),
  capabilities jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT agents_capabilities_shape CHECK (agentic.jsonb_array_of(capabilities, 'string')),
  hired_at timestamptz,
  terminated_at timestamptz,
  termination_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT agents_terminated_after_hired CHECK (terminated_at >= hired_at)
);
COMMENT ON TABLE agentic.agents IS 'AI agents hired into a job description';
COMMENT ON COLUMN agentic.agents.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.agents.name IS 'Agent name';
COMMENT ON COLUMN agentic.agents.job_description_id IS 'The job the agent holds; at most one active agent per job';
COMMENT ON COLUMN agentic.agents.resume_id IS 'The resume the agent was hired from';
COMMENT ON COLUMN agentic.agents.model_id IS 'The model the agent runs on';
COMMENT ON COLUMN agentic.agents.status IS 'Lifecycle status; moves follow agentic.status_transitions() machine agent';
COMMENT ON COLUMN agentic.agents.configuration IS 'JSON object of runtime settings (temperature, tools, ...)';
COMMENT ON COLUMN agentic.agents.capabilities IS 'JSON array of capability names (strings)';
COMMENT ON COLUMN agentic.agents.hired_at IS 'When the agent first became active (stamped by trigger)';
COMMENT ON COLUMN agentic.agents.terminated_at IS 'When the agent was terminated (stamped by trigger)';
COMMENT ON COLUMN agentic.agents.termination_reason IS 'Why the agent was terminated';
COMMENT ON COLUMN agentic.agents.created_at IS 'When the row was created';
COMMENT ON COLUMN agentic.agents.updated_at IS 'When the row last changed (maintained by trigger)';

----------------------------------------------------------------------------------------
-- Task orchestration
----------------------------------------------------------------------------------------

CREATE TABLE agentic.tasks (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  title text NOT NULL CONSTRAINT tasks_title_not_blank CHECK (btrim(title) <> ''),
  description text NOT NULL DEFAULT '',
  parent_task_id bigint REFERENCES agentic.tasks (id),
  status agentic.task_status NOT NULL DEFAULT 'pending',
  priority agentic.task_priority NOT NULL DEFAULT 'medium',
  required_skills jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT tasks_required_skills_shape CHECK (agentic.jsonb_array_of(required_skills, 'string')),
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
COMMENT ON TABLE agentic.tasks IS 'Units of work, with subtasks (parent_task_id) and dependencies';
COMMENT ON COLUMN agentic.tasks.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.tasks.title IS 'Short title';
COMMENT ON COLUMN agentic.tasks.description IS 'Free-text description';
COMMENT ON COLUMN agentic.tasks.parent_task_id IS 'Parent task of a subtask; never itself, never a cycle';
COMMENT ON COLUMN agentic.tasks.status IS 'Lifecycle status; follows its assignments, moves follow agentic.status_transitions() machine task';
COMMENT ON COLUMN agentic.tasks.priority IS 'Priority';
COMMENT ON COLUMN agentic.tasks.required_skills IS 'JSON array of required skills (strings)';
COMMENT ON COLUMN agentic.tasks.input_data IS 'JSON object of task inputs';
COMMENT ON COLUMN agentic.tasks.output_data IS 'JSON result of the task';
COMMENT ON COLUMN agentic.tasks.estimated_duration IS 'Expected effort';
COMMENT ON COLUMN agentic.tasks.due_at IS 'Deadline';
COMMENT ON COLUMN agentic.tasks.started_at IS 'When work first started (stamped by trigger)';
COMMENT ON COLUMN agentic.tasks.completed_at IS 'When the task ended: completed, failed or cancelled (stamped by trigger)';
COMMENT ON COLUMN agentic.tasks.search_vector IS 'Full-text search document of title and description';
COMMENT ON COLUMN agentic.tasks.created_at IS 'When the row was created';
COMMENT ON COLUMN agentic.tasks.updated_at IS 'When the row last changed (maintained by trigger)';

CREATE TABLE agentic.task_dependencies (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  task_id bigint NOT NULL REFERENCES agentic.tasks (id) ON DELETE CASCADE,
  depends_on_task_id bigint NOT NULL REFERENCES agentic.tasks (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT task_dependencies_task_depends_on_key UNIQUE (task_id, depends_on_task_id),
  CONSTRAINT task_dependencies_not_self CHECK (task_id <> depends_on_task_id)
);
COMMENT ON TABLE agentic.task_dependencies IS 'Task task_id cannot finish before depends_on_task_id; never a cycle';
COMMENT ON COLUMN agentic.task_dependencies.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.task_dependencies.task_id IS 'The waiting task';
COMMENT ON COLUMN agentic.task_dependencies.depends_on_task_id IS 'The task it waits for';
COMMENT ON COLUMN agentic.task_dependencies.created_at IS 'When the dependency was added';

CREATE TABLE agentic.task_assignments (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  task_id bigint NOT NULL REFERENCES agentic.tasks (id),
  agent_id bigint NOT NULL REFERENCES agentic.agents (id),
  status agentic.assignment_status NOT NULL DEFAULT 'assigned',
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
COMMENT ON TABLE agentic.task_assignments IS 'An agent working on a task; its timestamps drive utilization';
COMMENT ON COLUMN agentic.task_assignments.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.task_assignments.task_id IS 'The task';
COMMENT ON COLUMN agentic.task_assignments.agent_id IS 'The agent; must be active while the assignment is active';
COMMENT ON COLUMN agentic.task_assignments.status IS 'Lifecycle status; moves follow agentic.status_transitions() machine assignment';
COMMENT ON COLUMN agentic.task_assignments.assigned_at IS 'When the agent was assigned';
COMMENT ON COLUMN agentic.task_assignments.started_at IS 'When work started (stamped by trigger)';
COMMENT ON COLUMN agentic.task_assignments.completed_at IS 'When work ended: completed, failed or cancelled (stamped by trigger)';
COMMENT ON COLUMN agentic.task_assignments.result IS 'JSON result reported by the agent';
COMMENT ON COLUMN agentic.task_assignments.error_message IS 'Failure reason';
COMMENT ON COLUMN agentic.task_assignments.created_at IS 'When the row was created';
COMMENT ON COLUMN agentic.task_assignments.updated_at IS 'When the row last changed (maintained by trigger)';

----------------------------------------------------------------------------------------
-- Cost ledger
----------------------------------------------------------------------------------------

CREATE TABLE agentic.execution_costs (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  agent_id bigint REFERENCES agentic.agents (id),
  task_id bigint REFERENCES agentic.tasks (id),
  task_assignment_id bigint REFERENCES agentic.task_assignments (id),
  model_id bigint REFERENCES agentic.model_catalog (id),
  operation text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  input_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cached_input_tokens bigint NOT NULL DEFAULT 0,
  cost numeric(20,10) NOT NULL,
  currency char(3) NOT NULL DEFAULT 'USD' CONSTRAINT execution_costs_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
  cost_source agentic.cost_source NOT NULL DEFAULT 'reported',
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
COMMENT ON TABLE agentic.execution_costs IS
  'The cost ledger: one row per charged model execution, attributed to an agent and/or a task';
COMMENT ON COLUMN agentic.execution_costs.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.execution_costs.agent_id IS 'Agent charged';
COMMENT ON COLUMN agentic.execution_costs.task_id IS 'Task charged';
COMMENT ON COLUMN agentic.execution_costs.task_assignment_id IS 'Assignment during which the cost arose';
COMMENT ON COLUMN agentic.execution_costs.model_id IS 'Model executed; its price derives the cost when none is given';
COMMENT ON COLUMN agentic.execution_costs.operation IS 'What was executed, e.g. chat.completion, embedding';
COMMENT ON COLUMN agentic.execution_costs.occurred_at IS 'When the execution happened; selects the price in effect';
COMMENT ON COLUMN agentic.execution_costs.input_tokens IS 'Input tokens, cached ones included; not negative';
COMMENT ON COLUMN agentic.execution_costs.output_tokens IS 'Output tokens; not negative';
COMMENT ON COLUMN agentic.execution_costs.cached_input_tokens IS 'Part of input_tokens served from cache; not negative';
COMMENT ON COLUMN agentic.execution_costs.cost IS
  'Charged amount: finite, positive, at most agentic.max_execution_cost; derived when inserted as NULL';
COMMENT ON COLUMN agentic.execution_costs.currency IS 'ISO 4217 currency of cost';
COMMENT ON COLUMN agentic.execution_costs.cost_source IS 'reported (given) or derived (from tokens and price; set by trigger)';
COMMENT ON COLUMN agentic.execution_costs.input_price_per_mtok IS 'Input price in effect, recorded by trigger';
COMMENT ON COLUMN agentic.execution_costs.output_price_per_mtok IS 'Output price in effect, recorded by trigger';
COMMENT ON COLUMN agentic.execution_costs.cached_input_price_per_mtok IS 'Cached-input price in effect, recorded by trigger';
COMMENT ON COLUMN agentic.execution_costs.price_effective_from IS 'Start of the price period used, recorded by trigger';
COMMENT ON COLUMN agentic.execution_costs.duration_ms IS 'Execution latency in milliseconds';
COMMENT ON COLUMN agentic.execution_costs.metadata IS 'JSON object of request details';
COMMENT ON COLUMN agentic.execution_costs.created_at IS 'When the row was recorded';

----------------------------------------------------------------------------------------
-- Prompts
----------------------------------------------------------------------------------------

CREATE TABLE agentic.task_prompts (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name text NOT NULL CONSTRAINT task_prompts_name_not_blank CHECK (btrim(name) <> ''),
  version integer NOT NULL DEFAULT 1 CONSTRAINT task_prompts_version_positive CHECK (version > 0),
  task_id bigint REFERENCES agentic.tasks (id) ON DELETE CASCADE,
  model_id bigint REFERENCES agentic.model_catalog (id),
  description text,
  template text NOT NULL CONSTRAINT task_prompts_template_not_blank CHECK (btrim(template) <> ''),
  variables jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT task_prompts_variables_shape CHECK (agentic.jsonb_array_of(variables, 'string')),
  is_active boolean NOT NULL DEFAULT true,
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, name || ' ' || coalesce(description, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, template), 'B')) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT task_prompts_name_version_key UNIQUE (name, version)
);
COMMENT ON TABLE agentic.task_prompts IS 'Versioned prompt templates used to run tasks';
COMMENT ON COLUMN agentic.task_prompts.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.task_prompts.name IS 'Template name; with version, unique';
COMMENT ON COLUMN agentic.task_prompts.version IS 'Template version, from 1';
COMMENT ON COLUMN agentic.task_prompts.task_id IS 'Task the prompt is specific to, if any';
COMMENT ON COLUMN agentic.task_prompts.model_id IS 'Model the prompt is tuned for, if any';
COMMENT ON COLUMN agentic.task_prompts.description IS 'What the prompt is for';
COMMENT ON COLUMN agentic.task_prompts.template IS 'Prompt text with {{variable}} placeholders';
COMMENT ON COLUMN agentic.task_prompts.variables IS 'JSON array of placeholder names (strings)';
COMMENT ON COLUMN agentic.task_prompts.is_active IS 'False for retired versions';
COMMENT ON COLUMN agentic.task_prompts.search_vector IS 'Full-text search document of name, description and template';
COMMENT ON COLUMN agentic.task_prompts.created_at IS 'When the row was created';
COMMENT ON COLUMN agentic.task_prompts.updated_at IS 'When the row last changed (maintained by trigger)';

CREATE TABLE agentic.resume_prompts (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name text NOT NULL CONSTRAINT resume_prompts_name_not_blank CHECK (btrim(name) <> ''),
  version integer NOT NULL DEFAULT 1 CONSTRAINT resume_prompts_version_positive CHECK (version > 0),
  job_description_id bigint REFERENCES agentic.job_descriptions (id) ON DELETE CASCADE,
  model_id bigint REFERENCES agentic.model_catalog (id),
  description text,
  template text NOT NULL CONSTRAINT resume_prompts_template_not_blank CHECK (btrim(template) <> ''),
  variables jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT resume_prompts_variables_shape CHECK (agentic.jsonb_array_of(variables, 'string')),
  is_active boolean NOT NULL DEFAULT true,
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, name || ' ' || coalesce(description, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, template), 'B')) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT resume_prompts_name_version_key UNIQUE (name, version)
);
COMMENT ON TABLE agentic.resume_prompts IS 'Versioned prompt templates used to write or screen resumes';
COMMENT ON COLUMN agentic.resume_prompts.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.resume_prompts.name IS 'Template name; with version, unique';
COMMENT ON COLUMN agentic.resume_prompts.version IS 'Template version, from 1';
COMMENT ON COLUMN agentic.resume_prompts.job_description_id IS 'Job the prompt is specific to, if any';
COMMENT ON COLUMN agentic.resume_prompts.model_id IS 'Model the prompt is tuned for, if any';
COMMENT ON COLUMN agentic.resume_prompts.description IS 'What the prompt is for';
COMMENT ON COLUMN agentic.resume_prompts.template IS 'Prompt text with {{variable}} placeholders';
COMMENT ON COLUMN agentic.resume_prompts.variables IS 'JSON array of placeholder names (strings)';
COMMENT ON COLUMN agentic.resume_prompts.is_active IS 'False for retired versions';
COMMENT ON COLUMN agentic.resume_prompts.search_vector IS 'Full-text search document of name, description and template';
COMMENT ON COLUMN agentic.resume_prompts.created_at IS 'When the row was created';
COMMENT ON COLUMN agentic.resume_prompts.updated_at IS 'When the row last changed (maintained by trigger)';

----------------------------------------------------------------------------------------
-- Audit trail
----------------------------------------------------------------------------------------

CREATE TABLE agentic.audit_logs (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT statement_timestamp(),
  table_name text NOT NULL,
  operation agentic.audit_operation NOT NULL,
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
COMMENT ON TABLE agentic.audit_logs IS 'Row-change audit trail of the agentic tables, written by trigger';
COMMENT ON COLUMN agentic.audit_logs.id IS 'Surrogate key';
COMMENT ON COLUMN agentic.audit_logs.occurred_at IS 'Start of the changing statement';
COMMENT ON COLUMN agentic.audit_logs.table_name IS 'Schema-qualified table that changed';
COMMENT ON COLUMN agentic.audit_logs.operation IS 'INSERT, UPDATE or DELETE';
COMMENT ON COLUMN agentic.audit_logs.row_id IS 'id of the changed row';
COMMENT ON COLUMN agentic.audit_logs.old_data IS 'Row before the change (UPDATE, DELETE)';
COMMENT ON COLUMN agentic.audit_logs.new_data IS 'Row after the change (INSERT, UPDATE)';
COMMENT ON COLUMN agentic.audit_logs.changed_columns IS 'Columns whose value changed (UPDATE)';
COMMENT ON COLUMN agentic.audit_logs.changed_by IS 'Role that made the change (current_user)';
COMMENT ON COLUMN agentic.audit_logs.session_user_name IS 'Role that logged in (session_user)';
COMMENT ON COLUMN agentic.audit_logs.application_name IS 'Client application_name';
COMMENT ON COLUMN agentic.audit_logs.client_addr IS 'Client address; NULL for local connections';
COMMENT ON COLUMN agentic.audit_logs.transaction_id IS 'Transaction that made the change';

----------------------------------------------------------------------------------------
-- Indexes
----------------------------------------------------------------------------------------

CREATE INDEX model_catalog_active_idx ON agentic.model_catalog (provider, model_name) WHERE is_active;
CREATE INDEX model_price_history_model_idx ON agentic.model_price_history (model_id, effective_from);

CREATE INDEX job_descriptions_status_idx ON agentic.job_descriptions (status);
CREATE INDEX job_descriptions_open_idx ON agentic.job_descriptions (created_at) WHERE status = 'open';
CREATE INDEX job_descriptions_search_idx ON agentic.job_descriptions USING gin (search_vector);
CREATE INDEX job_descriptions_required_skills_idx ON agentic.job_descriptions USING gin (required_skills jsonb_path_ops);

CREATE INDEX resumes_search_idx ON agentic.resumes USING gin (search_vector);
CREATE INDEX resumes_skills_idx ON agentic.resumes USING gin (skills jsonb_path_ops);
CREATE INDEX resumes_preferred_model_idx ON agentic.resumes (preferred_model_id);

CREATE INDEX job_applications_resume_idx ON agentic.job_applications (resume_id);
CREATE INDEX job_applications_status_idx ON agentic.job_applications (job_description_id, status);
CREATE INDEX job_applications_open_idx ON agentic.job_applications (job_description_id, score DESC)
  WHERE status IN ('submitted', 'screening', 'interviewing', 'offered');

-- At most one active agent per job description; the agents trigger reports a
-- friendlier error first, this index is the last line of defence.
CREATE UNIQUE INDEX agents_one_active_per_job ON agentic.agents (job_description_id) WHERE status = 'active';
CREATE INDEX agents_job_description_idx ON agentic.agents (job_description_id);
CREATE INDEX agents_resume_idx ON agentic.agents (resume_id);
CREATE INDEX agents_model_idx ON agentic.agents (model_id);
CREATE INDEX agents_status_idx ON agentic.agents (status);

CREATE INDEX tasks_parent_idx ON agentic.tasks (parent_task_id) WHERE parent_task_id IS NOT NULL;
CREATE INDEX tasks_status_idx ON agentic.tasks (status, priority);
CREATE INDEX tasks_open_idx ON agentic.tasks (priority DESC, created_at)
  WHERE status IN ('pending', 'assigned', 'in_progress', 'blocked');
CREATE INDEX tasks_due_idx ON agentic.tasks (due_at) WHERE due_at IS NOT NULL AND completed_at IS NULL;
CREATE INDEX tasks_created_idx ON agentic.tasks (created_at);
CREATE INDEX tasks_search_idx ON agentic.tasks USING gin (search_vector);

CREATE INDEX task_dependencies_depends_on_idx ON agentic.task_dependencies (depends_on_task_id);

CREATE INDEX task_assignments_task_idx ON agentic.task_assignments (task_id, status);
CREATE INDEX task_assignments_agent_idx ON agentic.task_assignments (agent_id, assigned_at);
CREATE INDEX task_assignments_active_idx ON agentic.task_assignments (agent_id)
  WHERE status IN ('assigned', 'in_progress');
CREATE UNIQUE INDEX task_assignments_one_active_per_agent_task ON agentic.task_assignments (task_id, agent_id)
  WHERE status IN ('assigned', 'in_progress');
-- Utilization reads only the assignments that overlap its window.
CREATE INDEX task_assignments_busy_period_idx ON agentic.task_assignments
  USING gist (agent_id, tstzrange(started_at, completed_at)) WHERE started_at IS NOT NULL;

CREATE INDEX execution_costs_agent_idx ON agentic.execution_costs (agent_id, occurred_at);
CREATE INDEX execution_costs_task_idx ON agentic.execution_costs (task_id) WHERE task_id IS NOT NULL;
CREATE INDEX execution_costs_assignment_idx ON agentic.execution_costs (task_assignment_id)
  WHERE task_assignment_id IS NOT NULL;
CREATE INDEX execution_costs_model_idx ON agentic.execution_costs (model_id, occurred_at);
CREATE INDEX execution_costs_occurred_idx ON agentic.execution_costs (occurred_at);

CREATE INDEX task_prompts_task_idx ON agentic.task_prompts (task_id) WHERE task_id IS NOT NULL;
CREATE INDEX task_prompts_active_idx ON agentic.task_prompts (name, version DESC) WHERE is_active;
CREATE INDEX task_prompts_search_idx ON agentic.task_prompts USING gin (search_vector);
CREATE INDEX resume_prompts_job_idx ON agentic.resume_prompts (job_description_id) WHERE job_description_id IS NOT NULL;
CREATE INDEX resume_prompts_active_idx ON agentic.resume_prompts (name, version DESC) WHERE is_active;
CREATE INDEX resume_prompts_search_idx ON agentic.resume_prompts USING gin (search_vector);

CREATE INDEX audit_logs_row_idx ON agentic.audit_logs (table_name, row_id, occurred_at);
CREATE INDEX audit_logs_occurred_idx ON agentic.audit_logs USING brin (occurred_at);
CREATE INDEX audit_logs_changed_by_idx ON agentic.audit_logs (changed_by, occurred_at);

----------------------------------------------------------------------------------------
-- Triggers. BEFORE row triggers validate and complete the row; AFTER triggers act
-- on other rows; statement triggers write the audit trail.
----------------------------------------------------------------------------------------

CREATE TRIGGER job_descriptions_before_write BEFORE UPDATE ON agentic.job_descriptions
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write('job');
CREATE TRIGGER resumes_before_write BEFORE UPDATE ON agentic.resumes
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write();
CREATE TRIGGER job_applications_before_write BEFORE UPDATE ON agentic.job_applications
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write('application');
CREATE TRIGGER agents_before_write BEFORE INSERT OR UPDATE ON agentic.agents
  FOR EACH ROW EXECUTE FUNCTION agentic.agents_before_write();
CREATE TRIGGER tasks_before_write BEFORE UPDATE ON agentic.tasks
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write('task');
CREATE TRIGGER tasks_graph_check_insert AFTER INSERT ON agentic.tasks
  FOR EACH ROW WHEN (NEW.parent_task_id IS NOT NULL) EXECUTE FUNCTION agentic.task_graph_check();
CREATE TRIGGER tasks_graph_check_update AFTER UPDATE OF parent_task_id ON agentic.tasks
  FOR EACH ROW WHEN (NEW.parent_task_id IS NOT NULL AND NEW.parent_task_id IS DISTINCT FROM OLD.parent_task_id)
  EXECUTE FUNCTION agentic.task_graph_check();
CREATE TRIGGER task_dependencies_graph_check AFTER INSERT OR UPDATE ON agentic.task_dependencies
  FOR EACH ROW EXECUTE FUNCTION agentic.task_graph_check();
CREATE TRIGGER task_dependencies_before_write BEFORE UPDATE ON agentic.task_dependencies
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write();
CREATE TRIGGER task_assignments_before_write BEFORE INSERT OR UPDATE ON agentic.task_assignments
  FOR EACH ROW EXECUTE FUNCTION agentic.task_assignments_before_write();
CREATE TRIGGER task_assignments_after_write AFTER INSERT OR UPDATE OF status, task_id OR DELETE ON agentic.task_assignments
  FOR EACH ROW EXECUTE FUNCTION agentic.task_assignments_after_write();
CREATE TRIGGER execution_costs_before_write BEFORE INSERT OR UPDATE ON agentic.execution_costs
  FOR EACH ROW EXECUTE FUNCTION agentic.execution_costs_before_write();
CREATE TRIGGER model_catalog_before_write BEFORE UPDATE ON agentic.model_catalog
  FOR EACH ROW EXECUTE FUNCTION agentic.model_catalog_before_write();
CREATE TRIGGER model_price_history_before_write BEFORE UPDATE ON agentic.model_price_history
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write();
CREATE TRIGGER task_prompts_before_write BEFORE UPDATE ON agentic.task_prompts
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write();
CREATE TRIGGER resume_prompts_before_write BEFORE UPDATE ON agentic.resume_prompts
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write();

-- Audit: every table but the audit log itself. The cost ledger is append-mostly
-- and its inserts are the ledger itself, so only its updates and deletes are audited.
CREATE TRIGGER job_descriptions_audit_insert AFTER INSERT ON agentic.job_descriptions
  REFERENCING NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER job_descriptions_audit_update AFTER UPDATE ON agentic.job_descriptions
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER job_descriptions_audit_delete AFTER DELETE ON agentic.job_descriptions
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER resumes_audit_insert AFTER INSERT ON agentic.resumes
  REFERENCING NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER resumes_audit_update AFTER UPDATE ON agentic.resumes
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER resumes_audit_delete AFTER DELETE ON agentic.resumes
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER job_applications_audit_insert AFTER INSERT ON agentic.job_applications
  REFERENCING NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER job_applications_audit_update AFTER UPDATE ON agentic.job_applications
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER job_applications_audit_delete AFTER DELETE ON agentic.job_applications
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER agents_audit_insert AFTER INSERT ON agentic.agents
  REFERENCING NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER agents_audit_update AFTER UPDATE ON agentic.agents
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER agents_audit_delete AFTER DELETE ON agentic.agents
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER tasks_audit_insert AFTER INSERT ON agentic.tasks
  REFERENCING NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER tasks_audit_update AFTER UPDATE ON agentic.tasks
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER tasks_audit_delete AFTER DELETE ON agentic.tasks
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_dependencies_audit_insert AFTER INSERT ON agentic.task_dependencies
  REFERENCING NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_dependencies_audit_update AFTER UPDATE ON agentic.task_dependencies
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_dependencies_audit_delete AFTER DELETE ON agentic.task_dependencies
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_assignments_audit_insert AFTER INSERT ON agentic.task_assignments
  REFERENCING NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_assignments_audit_update AFTER UPDATE ON agentic.task_assignments
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_assignments_audit_delete AFTER DELETE ON agentic.task_assignments
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER model_catalog_audit_insert AFTER INSERT ON agentic.model_catalog
  REFERENCING NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER model_catalog_audit_update AFTER UPDATE ON agentic.model_catalog
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER model_catalog_audit_delete AFTER DELETE ON agentic.model_catalog
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER model_price_history_audit_update AFTER UPDATE ON agentic.model_price_history
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER model_price_history_audit_delete AFTER DELETE ON agentic.model_price_history
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER execution_costs_audit_update AFTER UPDATE ON agentic.execution_costs
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER execution_costs_audit_delete AFTER DELETE ON agentic.execution_costs
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_prompts_audit_insert AFTER INSERT ON agentic.task_prompts
  REFERENCING NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_prompts_audit_update AFTER UPDATE ON agentic.task_prompts
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_prompts_audit_delete AFTER DELETE ON agentic.task_prompts
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER resume_prompts_audit_insert AFTER INSERT ON agentic.resume_prompts
  REFERENCING NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER resume_prompts_audit_update AFTER UPDATE ON agentic.resume_prompts
  REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER resume_prompts_audit_delete AFTER DELETE ON agentic.resume_prompts
  REFERENCING OLD TABLE AS agentic_old_rows FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();

----------------------------------------------------------------------------------------
-- Utilization
----------------------------------------------------------------------------------------

CREATE FUNCTION agentic.calculate_agent_utilization(
  p_agent_id bigint, p_window_start timestamptz, p_window_end timestamptz)
RETURNS TABLE (agent_id bigint, window_start timestamptz, window_end timestamptz,
               available_time interval, busy_time interval, utilization double precision,
               assignments integer)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 1
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_agent_utilization';
COMMENT ON FUNCTION agentic.calculate_agent_utilization(bigint, timestamptz, timestamptz) IS
  'Busy share of one agent''s employed time in [p_window_start, p_window_end), counting '
  'overlapping assignments once and open ones until now; utilization is NULL when the agent '
  'had no time in the window';

CREATE FUNCTION agentic.calculate_agent_utilization(p_agent_id bigint)
RETURNS TABLE (agent_id bigint, window_start timestamptz, window_end timestamptz,
               available_time interval, busy_time interval, utilization double precision,
               assignments integer)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 1
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_agent_utilization';
COMMENT ON FUNCTION agentic.calculate_agent_utilization(bigint) IS
  'calculate_agent_utilization for one agent over the last 30 days';

CREATE FUNCTION agentic.calculate_agent_utilization(
  p_window_start timestamptz DEFAULT now() - interval '30 days',
  p_window_end timestamptz DEFAULT now())
RETURNS TABLE (agent_id bigint, window_start timestamptz, window_end timestamptz,
               available_time interval, busy_time interval, utilization double precision,
               assignments integer)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_all_agents_utilization';
COMMENT ON FUNCTION agentic.calculate_agent_utilization(timestamptz, timestamptz) IS
  'calculate_agent_utilization for every agent employed at some time in the window';

----------------------------------------------------------------------------------------
-- Views
----------------------------------------------------------------------------------------

CREATE VIEW agentic.active_agents_with_jobs AS
SELECT a.id AS agent_id,
       a.name AS agent_name,
       a.status,
       a.hired_at,
       j.id AS job_description_id,
       j.title AS job_title,
       j.department,
       r.id AS resume_id,
       r.candidate_name,
       m.provider AS model_provider,
       m.model_name,
       (SELECT count(*) FROM agentic.task_assignments ta
         WHERE ta.agent_id = a.id AND ta.status IN ('assigned', 'in_progress')) AS active_assignments
  FROM agentic.agents a
  JOIN agentic.job_descriptions j ON j.id = a.job_description_id
  LEFT JOIN agentic.resumes r ON r.id = a.resume_id
  LEFT JOIN agentic.model_catalog m ON m.id = a.model_id
 WHERE a.status = 'active';
COMMENT ON VIEW agentic.active_agents_with_jobs IS 'Active agents with their job, resume, model and open workload';
COMMENT ON COLUMN agentic.active_agents_with_jobs.agent_id IS 'The agent';
COMMENT ON COLUMN agentic.active_agents_with_jobs.agent_name IS 'Agent name';
COMMENT ON COLUMN agentic.active_agents_with_jobs.status IS 'Always active';
COMMENT ON COLUMN agentic.active_agents_with_jobs.hired_at IS 'When the agent first became active';
COMMENT ON COLUMN agentic.active_agents_with_jobs.job_description_id IS 'The job held';
COMMENT ON COLUMN agentic.active_agents_with_jobs.job_title IS 'Title of the job';
COMMENT ON COLUMN agentic.active_agents_with_jobs.department IS 'Department of the job';
COMMENT ON COLUMN agentic.active_agents_with_jobs.resume_id IS 'Resume the agent was hired from';
COMMENT ON COLUMN agentic.active_agents_with_jobs.candidate_name IS 'Name on that resume';
COMMENT ON COLUMN agentic.active_agents_with_jobs.model_provider IS 'Provider of the agent''s model';
COMMENT ON COLUMN agentic.active_agents_with_jobs.model_name IS 'The agent''s model';
COMMENT ON COLUMN agentic.active_agents_with_jobs.active_assignments IS 'Assignments assigned or in progress';

CREATE VIEW agentic.task_status_summary AS
SELECT s.status,
       count(t.id) AS task_count,
       round(100.0 * count(t.id) / nullif(sum(count(t.id)) OVER (), 0), 2) AS percent_of_tasks,
       avg(t.completed_at - t.started_at) FILTER (WHERE t.completed_at IS NOT NULL) AS avg_duration,
       min(t.created_at) AS oldest_created_at,
       max(t.updated_at) AS last_updated_at
  FROM unnest(enum_range(NULL::agentic.task_status)) AS s(status)
  LEFT JOIN agentic.tasks t ON t.status = s.status
 GROUP BY s.status
 ORDER BY s.status;
COMMENT ON VIEW agentic.task_status_summary IS 'Number and share of tasks in every status, with average run time';
COMMENT ON COLUMN agentic.task_status_summary.status IS 'Task status (every status, also when no task has it)';
COMMENT ON COLUMN agentic.task_status_summary.task_count IS 'Tasks in the status';
COMMENT ON COLUMN agentic.task_status_summary.percent_of_tasks IS 'Share of all tasks, in percent';
COMMENT ON COLUMN agentic.task_status_summary.avg_duration IS 'Average completed_at - started_at of the tasks that ended';
COMMENT ON COLUMN agentic.task_status_summary.oldest_created_at IS 'Creation time of the oldest task in the status';
COMMENT ON COLUMN agentic.task_status_summary.last_updated_at IS 'Latest change of a task in the status';

CREATE VIEW agentic.cost_summary_by_agent AS
SELECT a.id AS agent_id,
       a.name AS agent_name,
       a.status AS agent_status,
       c.currency,
       count(c.id) AS executions,
       coalesce(sum(c.cost), 0) AS total_cost,
       avg(c.cost) AS avg_cost,
       coalesce(sum(c.input_tokens), 0) AS input_tokens,
       coalesce(sum(c.output_tokens), 0) AS output_tokens,
       coalesce(sum(c.cached_input_tokens), 0) AS cached_input_tokens,
       min(c.occurred_at) AS first_execution_at,
       max(c.occurred_at) AS last_execution_at
  FROM agentic.agents a
  LEFT JOIN agentic.execution_costs c ON c.agent_id = a.id
 GROUP BY a.id, a.name, a.status, c.currency;
COMMENT ON VIEW agentic.cost_summary_by_agent IS
  'Executions, spend and tokens per agent and currency, over the whole ledger (agents without costs: one row, currency NULL)';
COMMENT ON COLUMN agentic.cost_summary_by_agent.agent_id IS 'The agent';
COMMENT ON COLUMN agentic.cost_summary_by_agent.agent_name IS 'Agent name';
COMMENT ON COLUMN agentic.cost_summary_by_agent.agent_status IS 'Agent status';
COMMENT ON COLUMN agentic.cost_summary_by_agent.currency IS 'Currency of the costs (NULL when the agent has none)';
COMMENT ON COLUMN agentic.cost_summary_by_agent.executions IS 'Ledger rows charged to the agent';
COMMENT ON COLUMN agentic.cost_summary_by_agent.total_cost IS 'Sum of their costs (0 when none)';
COMMENT ON COLUMN agentic.cost_summary_by_agent.avg_cost IS 'Average cost per execution';
COMMENT ON COLUMN agentic.cost_summary_by_agent.input_tokens IS 'Input tokens';
COMMENT ON COLUMN agentic.cost_summary_by_agent.output_tokens IS 'Output tokens';
COMMENT ON COLUMN agentic.cost_summary_by_agent.cached_input_tokens IS 'Cached input tokens';
COMMENT ON COLUMN agentic.cost_summary_by_agent.first_execution_at IS 'Earliest occurred_at';
COMMENT ON COLUMN agentic.cost_summary_by_agent.last_execution_at IS 'Latest occurred_at';

CREATE VIEW agentic.daily_cost_summary AS
SELECT (c.occurred_at AT TIME ZONE 'UTC')::date AS day,
       c.currency,
       count(*) AS executions,
       sum(c.cost) AS total_cost,
       sum(c.input_tokens) AS input_tokens,
       sum(c.output_tokens) AS output_tokens,
       sum(c.cached_input_tokens) AS cached_input_tokens,
       count(DISTINCT c.model_id) AS models
  FROM agentic.execution_costs c
 GROUP BY 1, 2;
COMMENT ON VIEW agentic.daily_cost_summary IS
  'Spend per UTC day and currency, computed from the ledger at query time (always current)';
COMMENT ON COLUMN agentic.daily_cost_summary.day IS 'UTC calendar day of occurred_at';
COMMENT ON COLUMN agentic.daily_cost_summary.currency IS 'Currency of the costs';
COMMENT ON COLUMN agentic.daily_cost_summary.executions IS 'Ledger rows';
COMMENT ON COLUMN agentic.daily_cost_summary.total_cost IS 'Sum of costs';
COMMENT ON COLUMN agentic.daily_cost_summary.input_tokens IS 'Input tokens';
COMMENT ON COLUMN agentic.daily_cost_summary.output_tokens IS 'Output tokens';
COMMENT ON COLUMN agentic.daily_cost_summary.cached_input_tokens IS 'Cached input tokens';
COMMENT ON COLUMN agentic.daily_cost_summary.models IS 'Distinct models used';

----------------------------------------------------------------------------------------
-- pg_dump: the tables are extension members, so their rows (and their identity
-- sequences' positions) are dumped only because they are marked here. The
-- extension seeds no rows, so nothing is filtered out.
----------------------------------------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('agentic.model_catalog', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.model_catalog_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.model_price_history', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.model_price_history_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.job_descriptions', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.job_descriptions_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.resumes', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.resumes_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.job_applications', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.job_applications_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.agents', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.agents_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.tasks', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.tasks_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.task_dependencies', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.task_dependencies_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.task_assignments', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.task_assignments_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.execution_costs', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.execution_costs_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.task_prompts', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.task_prompts_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.resume_prompts', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.resume_prompts_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.audit_logs', '');
SELECT pg_catalog.pg_extension_config_dump('agentic.audit_logs_id_seq', '');
