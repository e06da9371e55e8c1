-- Structure of the agentic schema: tables, columns, keys, enums, views,
-- functions, triggers, indexes, comments, extension membership, privileges.
BEGIN;
SET search_path = agentic, public;
SELECT plan(191);

----------------------------------------------------------------------------------------
-- Schema, tables, views, types
----------------------------------------------------------------------------------------
SELECT has_schema('agentic');
SELECT has_extension('agentic_schema');
SELECT tables_are('agentic', ARRAY[
  'model_catalog', 'model_price_history', 'job_descriptions', 'resumes', 'job_applications',
  'agents', 'tasks', 'task_dependencies', 'task_assignments', 'execution_costs',
  'task_prompts', 'resume_prompts', 'audit_logs', 'daily_cost_rollup']);
SELECT views_are('agentic', ARRAY[
  'active_agents_with_jobs', 'task_status_summary', 'cost_summary_by_agent', 'daily_cost_summary']);
SELECT has_view('agentic', 'active_agents_with_jobs', 'view active_agents_with_jobs exists');
SELECT has_view('agentic', 'task_status_summary', 'view task_status_summary exists');
SELECT has_view('agentic', 'cost_summary_by_agent', 'view cost_summary_by_agent exists');
SELECT has_view('agentic', 'daily_cost_summary', 'view daily_cost_summary exists');
SELECT materialized_views_are('agentic', ARRAY[]::name[]);
SELECT enums_are('agentic', ARRAY[
  'job_status', 'application_status', 'agent_status', 'task_status', 'task_priority',
  'assignment_status', 'cost_source', 'audit_operation']);

----------------------------------------------------------------------------------------
-- Columns (exact lists)
----------------------------------------------------------------------------------------
SELECT columns_are('agentic', 'model_catalog', ARRAY[
  'id', 'provider', 'model_name', 'display_name', 'context_window', 'max_output_tokens',
  'capabilities', 'input_price_per_mtok', 'output_price_per_mtok', 'cached_input_price_per_mtok',
  'currency', 'price_effective_from', 'is_active', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'model_price_history', ARRAY[
  'id', 'model_id', 'effective_from', 'effective_until', 'input_price_per_mtok',
  'output_price_per_mtok', 'cached_input_price_per_mtok', 'currency', 'archived_at']);
SELECT columns_are('agentic', 'job_descriptions', ARRAY[
  'id', 'title', 'department', 'description', 'responsibilities', 'required_skills',
  'preferred_skills', 'experience_level', 'model_requirements', 'status', 'search_vector',
  'created_at', 'updated_at']);
SELECT columns_are('agentic', 'resumes', ARRAY[
  'id', 'candidate_name', 'headline', 'summary', 'skills', 'experience', 'capabilities',
  'preferred_model_id', 'search_vector', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'job_applications', ARRAY[
  'id', 'job_description_id', 'resume_id', 'status', 'cover_letter', 'score', 'reviewer_notes',
  'applied_at', 'decided_at', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'agents', ARRAY[
  'id', 'name', 'job_description_id', 'resume_id', 'model_id', 'status', 'configuration',
  'capabilities', 'hired_at', 'terminated_at', 'termination_reason', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'tasks', ARRAY[
  'id', 'title', 'description', 'parent_task_id', 'status', 'priority', 'required_skills',
  'input_data', 'output_data', 'estimated_duration', 'due_at', 'started_at', 'completed_at',
  'search_vector', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'task_dependencies', ARRAY[
  'id', 'task_id', 'depends_on_task_id', 'created_at']);
SELECT columns_are('agentic', 'task_assignments', ARRAY[
  'id', 'task_id', 'agent_id', 'status', 'assigned_at', 'started_at', 'completed_at', 'result',
  'error_message', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'execution_costs', ARRAY[
  'id', 'agent_id', 'task_id', 'task_assignment_id', 'model_id', 'operation', 'occurred_at',
  'input_tokens', 'output_tokens', 'cached_input_tokens', 'cost', 'currency', 'cost_source',
  'input_price_per_mtok', 'output_price_per_mtok', 'cached_input_price_per_mtok',
  'price_effective_from', 'duration_ms', 'metadata', 'created_at']);
SELECT columns_are('agentic', 'task_prompts', ARRAY[
  'id', 'name', 'version', 'task_id', 'model_id', 'description', 'template', 'variables',
  'is_active', 'search_vector', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'resume_prompts', ARRAY[
  'id', 'name', 'version', 'job_description_id', 'model_id', 'description', 'template',
  'variables', 'is_active', 'search_vector', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'audit_logs', ARRAY[
  'id', 'occurred_at', 'table_name', 'operation', 'row_id', 'old_data', 'new_data',
  'changed_columns', 'changed_by', 'session_user_name', 'application_name', 'client_addr',
  'transaction_id']);

-- View columns
SELECT columns_are('agentic', 'active_agents_with_jobs', ARRAY[
  'agent_id', 'agent_name', 'status', 'hired_at', 'job_description_id', 'job_title', 'department',
  'resume_id', 'candidate_name', 'model_provider', 'model_name', 'active_assignments']);
SELECT columns_are('agentic', 'task_status_summary', ARRAY[
  'status', 'task_count', 'percent_of_tasks', 'avg_duration', 'oldest_created_at', 'last_updated_at']);
SELECT columns_are('agentic', 'cost_summary_by_agent', ARRAY[
  'agent_id', 'agent_name', 'agent_status', 'currency', 'executions', 'total_cost', 'avg_cost', 'input_tokens',
  'output_tokens', 'cached_input_tokens', 'first_execution_at', 'last_execution_at']);
SELECT columns_are('agentic', 'daily_cost_summary', ARRAY[
  'day', 'currency', 'executions', 'total_cost', 'input_tokens', 'output_tokens',
  'cached_input_tokens', 'models']);

-- A few column types that carry rules
SELECT col_type_is('agentic', 'execution_costs', 'cost', 'numeric(20,10)', 'execution_costs.cost is numeric(20,10)');
SELECT col_type_is('agentic', 'tasks', 'status', 'agentic', 'task_status', 'tasks.status is agentic.task_status');
SELECT col_type_is('agentic', 'audit_logs', 'transaction_id', 'xid8', 'audit_logs.transaction_id is xid8');
SELECT col_type_is('agentic', 'job_descriptions', 'search_vector', 'tsvector', 'job_descriptions.search_vector is tsvector');

----------------------------------------------------------------------------------------
-- Primary keys and unique keys
----------------------------------------------------------------------------------------
SELECT col_is_pk('agentic', t, 'id', format('%s has primary key id', t))
  FROM unnest(ARRAY[
    'model_catalog', 'model_price_history', 'job_descriptions', 'resumes', 'job_applications',
    'agents', 'tasks', 'task_dependencies', 'task_assignments', 'execution_costs',
    'task_prompts', 'resume_prompts', 'audit_logs']::name[]) AS t;
SELECT col_is_unique('agentic', 'model_catalog', ARRAY['provider', 'model_name'],
                     'model_catalog (provider, model_name) is unique');
SELECT col_is_unique('agentic', 'job_applications', ARRAY['job_description_id', 'resume_id'],
                     'job_applications (job_description_id, resume_id) is unique');
SELECT col_is_unique('agentic', 'task_dependencies', ARRAY['task_id', 'depends_on_task_id'],
                     'task_dependencies (task_id, depends_on_task_id) is unique');
SELECT col_is_unique('agentic', 'task_prompts', ARRAY['name', 'version'],
                     'task_prompts (name, version) is unique');
SELECT col_is_unique('agentic', 'resume_prompts', ARRAY['name', 'version'],
                     'resume_prompts (name, version) is unique');

----------------------------------------------------------------------------------------
-- Foreign keys: the Core Relationships, then the other references
----------------------------------------------------------------------------------------
SELECT fk_ok('agentic', 'job_applications', 'job_description_id', 'agentic', 'job_descriptions', 'id');
SELECT fk_ok('agentic', 'job_applications', 'resume_id', 'agentic', 'resumes', 'id');
SELECT fk_ok('agentic', 'agents', 'job_description_id', 'agentic', 'job_descriptions', 'id');
SELECT fk_ok('agentic', 'agents', 'resume_id', 'agentic', 'resumes', 'id');
SELECT fk_ok('agentic', 'task_assignments', 'agent_id', 'agentic', 'agents', 'id');
SELECT fk_ok('agentic', 'task_assignments', 'task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'tasks', 'parent_task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'execution_costs', 'agent_id', 'agentic', 'agents', 'id');
SELECT fk_ok('agentic', 'execution_costs', 'task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'execution_costs', 'task_assignment_id', 'agentic', 'task_assignments', 'id');
SELECT fk_ok('agentic', 'execution_costs', 'model_id', 'agentic', 'model_catalog', 'id');
SELECT fk_ok('agentic', 'agents', 'model_id', 'agentic', 'model_catalog', 'id');
SELECT fk_ok('agentic', 'resumes', 'preferred_model_id', 'agentic', 'model_catalog', 'id');
SELECT fk_ok('agentic', 'model_price_history', 'model_id', 'agentic', 'model_catalog', 'id');
SELECT fk_ok('agentic', 'task_dependencies', 'task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'task_dependencies', 'depends_on_task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'task_prompts', 'task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'task_prompts', 'model_id', 'agentic', 'model_catalog', 'id');
SELECT fk_ok('agentic', 'resume_prompts', 'job_description_id', 'agentic', 'job_descriptions', 'id');
SELECT fk_ok('agentic', 'resume_prompts', 'model_id', 'agentic', 'model_catalog', 'id');
SELECT is((SELECT count(*)::int FROM pg_constraint
            WHERE connamespace = 'agentic'::regnamespace AND contype = 'f'),
          20, 'the schema has exactly the 20 foreign keys tested above');
SELECT hasnt_fk('agentic', 'audit_logs', 'audit_logs references nothing (it outlives the rows it records)');

----------------------------------------------------------------------------------------
-- Enum labels (exact, in order)
----------------------------------------------------------------------------------------
SELECT enum_has_labels('agentic', 'job_status', ARRAY['draft', 'open', 'on_hold', 'filled', 'closed']);
SELECT enum_has_labels('agentic', 'application_status', ARRAY[
  'submitted', 'screening', 'interviewing', 'offered', 'hired', 'rejected', 'withdrawn']);
SELECT enum_has_labels('agentic', 'agent_status', ARRAY['onboarding', 'active', 'suspended', 'terminated']);
SELECT enum_has_labels('agentic', 'task_status', ARRAY[
  'pending', 'assigned', 'in_progress', 'blocked', 'completed', 'failed', 'cancelled']);
SELECT enum_has_labels('agentic', 'task_priority', ARRAY['low', 'medium', 'high', 'critical']);
SELECT enum_has_labels('agentic', 'assignment_status', ARRAY[
  'assigned', 'in_progress', 'completed', 'failed', 'cancelled']);
SELECT enum_has_labels('agentic', 'cost_source', ARRAY['reported', 'derived']);
SELECT enum_has_labels('agentic', 'audit_operation', ARRAY['INSERT', 'UPDATE', 'DELETE']);

-- Status enums equal the states of the native status machines (union of sources and targets)
SELECT set_eq(
  format('SELECT unnest(enum_range(NULL::agentic.%I))::text', m.enum_type),
  format('SELECT from_status FROM agentic.status_transitions() WHERE machine = %L '
         'UNION SELECT to_status FROM agentic.status_transitions() WHERE machine = %L',
         m.machine, m.machine),
  format('%s labels equal the states of status machine %s', m.enum_type, m.machine))
  FROM (VALUES ('task_status', 'task'), ('assignment_status', 'assignment'),
               ('agent_status', 'agent'), ('application_status', 'application'),
               ('job_status', 'job')) AS m(enum_type, machine);
SELECT set_eq('SELECT DISTINCT machine FROM agentic.status_transitions()',
              ARRAY['task', 'assignment', 'agent', 'application', 'job'],
              'status_transitions() covers exactly the five machines');

----------------------------------------------------------------------------------------
-- Functions
----------------------------------------------------------------------------------------
SELECT functions_are('agentic', ARRAY[
  'jsonb_array_of', 'status_transitions', 'row_before_write', 'agents_before_write',
  'task_assignments_before_write', 'task_assignments_after_write', 'task_graph_check',
  'execution_costs_before_write', 'model_catalog_before_write', 'audit_row_changes',
  'calculate_agent_utilization', 'grant_access', 'revoke_access', 'cost_rollup_changes',
  'compact_daily_cost_rollup']);
SELECT has_function('agentic', 'jsonb_array_of', ARRAY['jsonb', 'text']);
SELECT function_returns('agentic', 'jsonb_array_of', ARRAY['jsonb', 'text'], 'boolean');
SELECT has_function('agentic', 'status_transitions', ARRAY[]::name[]);
SELECT function_returns('agentic', 'status_transitions', ARRAY[]::name[], 'setof record');
SELECT has_function('agentic', 'calculate_agent_utilization',
                    ARRAY['bigint', 'timestamp with time zone', 'timestamp with time zone']);
SELECT has_function('agentic', 'calculate_agent_utilization', ARRAY['bigint']);
SELECT has_function('agentic', 'calculate_agent_utilization',
                    ARRAY['timestamp with time zone', 'timestamp with time zone']);
SELECT has_function('agentic', 'grant_access', ARRAY['regrole', 'text']);
SELECT function_returns('agentic', 'grant_access', ARRAY['regrole', 'text'], 'integer');
SELECT has_function('agentic', 'revoke_access', ARRAY['regrole']);
SELECT function_returns('agentic', 'revoke_access', ARRAY['regrole'], 'integer');
SELECT is((SELECT count(*)::int FROM pg_proc
            WHERE pronamespace = 'agentic'::regnamespace AND proname = 'calculate_agent_utilization'),
          3, 'calculate_agent_utilization has exactly three overloads');
SELECT is_strict('agentic', 'calculate_agent_utilization',
                 ARRAY['bigint', 'timestamp with time zone', 'timestamp with time zone']);
SELECT is_strict('agentic', 'calculate_agent_utilization', ARRAY['bigint']);
SELECT is_strict('agentic', 'calculate_agent_utilization',
                 ARRAY['timestamp with time zone', 'timestamp with time zone']);
SELECT volatility_is('agentic', 'jsonb_array_of', ARRAY['jsonb', 'text'], 'immutable');
SELECT volatility_is('agentic', 'calculate_agent_utilization',
                     ARRAY['bigint', 'timestamp with time zone', 'timestamp with time zone'], 'stable');
SELECT has_function('agentic', f, ARRAY[]::name[], format('trigger function agentic.%s() exists', f))
  FROM unnest(ARRAY[
    'row_before_write', 'agents_before_write', 'task_assignments_before_write',
    'task_assignments_after_write', 'task_graph_check', 'execution_costs_before_write',
    'model_catalog_before_write', 'audit_row_changes', 'cost_rollup_changes']::name[]) AS f;
SELECT set_eq(
  $$SELECT proname::text FROM pg_proc
     WHERE pronamespace = 'agentic'::regnamespace AND prorettype = 'trigger'::regtype$$,
  ARRAY['row_before_write', 'agents_before_write', 'task_assignments_before_write',
        'task_assignments_after_write', 'task_graph_check', 'execution_costs_before_write',
        'model_catalog_before_write', 'audit_row_changes', 'cost_rollup_changes'],
  'exactly the nine trigger functions return trigger');
SELECT set_eq($$SELECT p.proname::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                 WHERE p.pronamespace = 'agentic'::regnamespace AND l.lanname <> 'c'$$,
              ARRAY['compact_daily_cost_rollup'],
              'every agentic function is native (LANGUAGE C) but the one-statement rollup compaction (SQL)');
SELECT is((SELECT count(*)::int FROM pg_proc
            WHERE pronamespace = 'agentic'::regnamespace AND prosecdef),
          0, 'no agentic function is SECURITY DEFINER');

----------------------------------------------------------------------------------------
-- Triggers, per table
----------------------------------------------------------------------------------------
SELECT triggers_are('agentic', 'model_catalog', ARRAY[
  'model_catalog_before_write', 'model_catalog_audit_insert', 'model_catalog_audit_update',
  'model_catalog_audit_delete']);
SELECT triggers_are('agentic', 'model_price_history', ARRAY[
  'model_price_history_before_write', 'model_price_history_audit_update',
  'model_price_history_audit_delete']);
SELECT triggers_are('agentic', 'job_descriptions', ARRAY[
  'job_descriptions_before_write', 'job_descriptions_audit_insert',
  'job_descriptions_audit_update', 'job_descriptions_audit_delete']);
SELECT triggers_are('agentic', 'resumes', ARRAY[
  'resumes_before_write', 'resumes_audit_insert', 'resumes_audit_update', 'resumes_audit_delete']);
SELECT triggers_are('agentic', 'job_applications', ARRAY[
  'job_applications_before_write', 'job_applications_audit_insert',
  'job_applications_audit_update', 'job_applications_audit_delete']);
SELECT triggers_are('agentic', 'agents', ARRAY[
  'agents_before_write', 'agents_audit_insert', 'agents_audit_update', 'agents_audit_delete']);
SELECT triggers_are('agentic', 'tasks', ARRAY[
  'tasks_before_write', 'tasks_graph_check_insert', 'tasks_graph_check_update',
  'tasks_audit_insert', 'tasks_audit_update', 'tasks_audit_delete']);
SELECT triggers_are('agentic', 'task_dependencies', ARRAY[
  'task_dependencies_graph_check', 'task_dependencies_before_write',
  'task_dependencies_audit_insert', 'task_dependencies_audit_update',
  'task_dependencies_audit_delete']);
SELECT triggers_are('agentic', 'task_assignments', ARRAY[
  'task_assignments_before_write', 'task_assignments_after_write',
  'task_assignments_audit_insert', 'task_assignments_audit_update',
  'task_assignments_audit_delete']);
SELECT triggers_are('agentic', 'execution_costs', ARRAY[
  'execution_costs_before_write', 'execution_costs_audit_update', 'execution_costs_audit_delete',
  'execution_costs_rollup_insert', 'execution_costs_rollup_update', 'execution_costs_rollup_delete',
  'execution_costs_rollup_truncate']);
SELECT triggers_are('agentic', 'task_prompts', ARRAY[
  'task_prompts_before_write', 'task_prompts_audit_insert', 'task_prompts_audit_update',
  'task_prompts_audit_delete']);
SELECT triggers_are('agentic', 'resume_prompts', ARRAY[
  'resume_prompts_before_write', 'resume_prompts_audit_insert', 'resume_prompts_audit_update',
  'resume_prompts_audit_delete']);
SELECT triggers_are('agentic', 'audit_logs', ARRAY[]::name[]);

SELECT trigger_is('agentic', 'tasks', 'tasks_before_write', 'agentic', 'row_before_write');
SELECT trigger_is('agentic', 'agents', 'agents_before_write', 'agentic', 'agents_before_write');
SELECT trigger_is('agentic', 'task_assignments', 'task_assignments_after_write', 'agentic', 'task_assignments_after_write');
SELECT trigger_is('agentic', 'task_dependencies', 'task_dependencies_graph_check', 'agentic', 'task_graph_check');
SELECT trigger_is('agentic', 'execution_costs', 'execution_costs_before_write', 'agentic', 'execution_costs_before_write');
SELECT trigger_is('agentic', 'model_catalog', 'model_catalog_audit_update', 'agentic', 'audit_row_changes');
-- The generic trigger is told which status machine to enforce
SELECT set_eq(
  $$SELECT c.relname::text, encode(tgargs, 'escape')
      FROM pg_trigger JOIN pg_class c ON c.oid = tgrelid
     WHERE tgfoid = 'agentic.row_before_write()'::regprocedure AND tgnargs > 0$$,
  $$VALUES ('job_descriptions', 'job\000'), ('job_applications', 'application\000'),
           ('tasks', 'task\000')$$,
  'row_before_write enforces the job, application and task machines on their tables');
-- Audit triggers are AFTER ... FOR EACH STATEMENT with transition tables
SELECT is((SELECT count(*)::int FROM pg_trigger
            WHERE tgfoid = 'agentic.audit_row_changes()'::regprocedure
              AND (tgtype & 1) = 0                 -- statement level
              AND (tgtype & 2) = 0                 -- after
              AND (tgoldtable IS NOT NULL OR tgnewtable IS NOT NULL)),
          (SELECT count(*)::int FROM pg_trigger WHERE tgfoid = 'agentic.audit_row_changes()'::regprocedure),
          'every audit trigger fires AFTER, FOR EACH STATEMENT, with transition tables');
SELECT is((SELECT count(*)::int FROM pg_trigger WHERE tgfoid = 'agentic.audit_row_changes()'::regprocedure),
          34, '34 audit triggers: 12 tables x 3, less the inserts of model_price_history and execution_costs');

----------------------------------------------------------------------------------------
-- Indexes, per table
----------------------------------------------------------------------------------------
SELECT indexes_are('agentic', 'model_catalog', ARRAY[
  'model_catalog_pkey', 'model_catalog_provider_model_key', 'model_catalog_active_idx']);
SELECT indexes_are('agentic', 'model_price_history', ARRAY[
  'model_price_history_pkey', 'model_price_history_no_overlap', 'model_price_history_model_idx']);
SELECT indexes_are('agentic', 'job_descriptions', ARRAY[
  'job_descriptions_pkey', 'job_descriptions_status_idx', 'job_descriptions_open_idx',
  'job_descriptions_search_idx', 'job_descriptions_required_skills_idx']);
SELECT indexes_are('agentic', 'resumes', ARRAY[
  'resumes_pkey', 'resumes_search_idx', 'resumes_skills_idx', 'resumes_preferred_model_idx']);
SELECT indexes_are('agentic', 'job_applications', ARRAY[
  'job_applications_pkey', 'job_applications_job_resume_key', 'job_applications_resume_idx',
  'job_applications_status_idx', 'job_applications_open_idx']);
SELECT indexes_are('agentic', 'agents', ARRAY[
  'agents_pkey', 'agents_one_active_per_job', 'agents_job_description_idx', 'agents_resume_idx',
  'agents_model_idx', 'agents_status_idx']);
SELECT indexes_are('agentic', 'tasks', ARRAY[
  'tasks_pkey', 'tasks_parent_idx', 'tasks_status_idx', 'tasks_open_idx', 'tasks_due_idx',
  'tasks_created_idx', 'tasks_search_idx']);
SELECT indexes_are('agentic', 'task_dependencies', ARRAY[
  'task_dependencies_pkey', 'task_dependencies_task_depends_on_key',
  'task_dependencies_depends_on_idx']);
SELECT indexes_are('agentic', 'task_assignments', ARRAY[
  'task_assignments_pkey', 'task_assignments_task_idx', 'task_assignments_agent_idx',
  'task_assignments_active_idx', 'task_assignments_one_active_per_agent_task',
  'task_assignments_busy_period_idx']);
SELECT indexes_are('agentic', 'execution_costs', ARRAY[
  'execution_costs_pkey', 'execution_costs_agent_idx', 'execution_costs_task_idx',
  'execution_costs_assignment_idx', 'execution_costs_model_idx', 'execution_costs_occurred_idx']);
SELECT indexes_are('agentic', 'task_prompts', ARRAY[
  'task_prompts_pkey', 'task_prompts_name_version_key', 'task_prompts_task_idx',
  'task_prompts_active_idx', 'task_prompts_search_idx']);
SELECT indexes_are('agentic', 'resume_prompts', ARRAY[
  'resume_prompts_pkey', 'resume_prompts_name_version_key', 'resume_prompts_job_idx',
  'resume_prompts_active_idx', 'resume_prompts_search_idx']);
SELECT indexes_are('agentic', 'audit_logs', ARRAY[
  'audit_logs_pkey', 'audit_logs_row_idx', 'audit_logs_occurred_idx', 'audit_logs_changed_by_idx']);

-- One active agent per job: a unique partial index
SELECT index_is_unique('agentic', 'agents', 'agents_one_active_per_job');
SELECT has_index('agentic', 'agents', 'agents_one_active_per_job', 'job_description_id');
SELECT matches(pg_get_indexdef('agentic.agents_one_active_per_job'::regclass),
               $$WHERE \(status = 'active'::(agentic\.)?agent_status\)$$,
               'agents_one_active_per_job is partial: only active agents');
SELECT index_is_unique('agentic', 'task_assignments', 'task_assignments_one_active_per_agent_task');
SELECT matches(pg_get_indexdef('agentic.task_assignments_one_active_per_agent_task'::regclass),
               $$\(task_id, agent_id\) WHERE \(status = ANY \(ARRAY\['assigned'::(agentic\.)?assignment_status, 'in_progress'::(agentic\.)?assignment_status\]\)\)$$,
               'task_assignments_one_active_per_agent_task is partial on (task_id, agent_id), active statuses only');
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname)
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE c.relnamespace = 'agentic'::regnamespace AND i.indpred IS NOT NULL),
          ARRAY['agents_one_active_per_job', 'execution_costs_assignment_idx', 'execution_costs_task_idx',
                'job_applications_open_idx', 'job_descriptions_open_idx', 'model_catalog_active_idx',
                'resume_prompts_active_idx', 'resume_prompts_job_idx', 'task_assignments_active_idx',
                'task_assignments_busy_period_idx', 'task_assignments_one_active_per_agent_task',
                'task_prompts_active_idx', 'task_prompts_task_idx', 'tasks_due_idx', 'tasks_open_idx',
                'tasks_parent_idx'],
          'exactly these indexes are partial');

-- Full-text search: GIN on the generated search vectors
SELECT index_is_type('agentic', 'job_descriptions', 'job_descriptions_search_idx', 'gin');
SELECT has_index('agentic', 'job_descriptions', 'job_descriptions_search_idx', 'search_vector');
SELECT index_is_type('agentic', 'resumes', 'resumes_search_idx', 'gin');
SELECT has_index('agentic', 'resumes', 'resumes_search_idx', 'search_vector');
SELECT index_is_type('agentic', 'tasks', 'tasks_search_idx', 'gin');
SELECT has_index('agentic', 'tasks', 'tasks_search_idx', 'search_vector');
SELECT index_is_type('agentic', 'task_prompts', 'task_prompts_search_idx', 'gin');
SELECT has_index('agentic', 'task_prompts', 'task_prompts_search_idx', 'search_vector');
SELECT index_is_type('agentic', 'resume_prompts', 'resume_prompts_search_idx', 'gin');
SELECT has_index('agentic', 'resume_prompts', 'resume_prompts_search_idx', 'search_vector');
SELECT index_is_type('agentic', 'job_descriptions', 'job_descriptions_required_skills_idx', 'gin');
SELECT index_is_type('agentic', 'resumes', 'resumes_skills_idx', 'gin');
SELECT is((SELECT count(*)::int FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relnamespace = 'agentic'::regnamespace AND a.attname = 'search_vector'
              AND a.attgenerated = 's'),
          5, 'all five search_vector columns are stored generated columns');

-- GiST busy periods for utilization; BRIN for the append-only audit log
SELECT index_is_type('agentic', 'task_assignments', 'task_assignments_busy_period_idx', 'gist');
SELECT matches(pg_get_indexdef('agentic.task_assignments_busy_period_idx'::regclass),
               $$USING gist \(agent_id, tstzrange\(started_at, completed_at\)\) WHERE \(started_at IS NOT NULL\)$$,
               'busy-period index covers (agent_id, tstzrange(started_at, completed_at)) of started assignments');
SELECT index_is_type('agentic', 'model_price_history', 'model_price_history_no_overlap', 'gist');
SELECT index_is_type('agentic', 'audit_logs', 'audit_logs_occurred_idx', 'brin');

----------------------------------------------------------------------------------------
-- Comments: every table, column, view, function, type has a non-empty comment
----------------------------------------------------------------------------------------
CREATE TEMP TABLE missing_comments AS
SELECT 'table' AS class, c.oid::regclass::text AS object
  FROM pg_class c
 WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind IN ('r', 'p')
   AND coalesce(btrim(obj_description(c.oid, 'pg_class')), '') = ''
UNION ALL
SELECT 'column', c.oid::regclass::text || '.' || a.attname
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind IN ('r', 'p')
   AND coalesce(btrim(col_description(c.oid, a.attnum)), '') = ''
UNION ALL
SELECT 'view column', c.oid::regclass::text || '.' || a.attname
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind IN ('v', 'm')
   AND coalesce(btrim(col_description(c.oid, a.attnum)), '') = ''
UNION ALL
SELECT 'view', c.oid::regclass::text
  FROM pg_class c
 WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind IN ('v', 'm')
   AND coalesce(btrim(obj_description(c.oid, 'pg_class')), '') = ''
UNION ALL
SELECT 'function', p.oid::regprocedure::text
  FROM pg_proc p
 WHERE p.pronamespace = 'agentic'::regnamespace
   AND coalesce(btrim(obj_description(p.oid, 'pg_proc')), '') = ''
UNION ALL
SELECT 'type', t.oid::regtype::text
  FROM pg_type t
 WHERE t.typnamespace = 'agentic'::regnamespace AND t.typtype IN ('e', 'd', 'c')
   AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
   AND coalesce(btrim(obj_description(t.oid, 'pg_type')), '') = ''
UNION ALL
SELECT 'schema', 'agentic'
 WHERE coalesce(btrim(obj_description('agentic'::regnamespace, 'pg_namespace')), '') = '';

SELECT is((SELECT count(*)::int FROM missing_comments WHERE class = c), 0,
          format('every %s of the extension has a comment', c))
       || CASE WHEN (SELECT count(*) FROM missing_comments WHERE class = c) = 0 THEN ''
               ELSE E'\n' || diag(format('missing %s comments: %s', c,
                      (SELECT string_agg(object, ', ' ORDER BY object) FROM missing_comments WHERE class = c)))
          END
  FROM unnest(ARRAY['table', 'column', 'view', 'view column', 'function', 'type', 'schema']) AS c;
-- sanity: the comment queries do see the objects
SELECT is((SELECT count(*)::int FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind = 'r' AND a.attnum > 0
              AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NOT NULL),
          169, 'column comments are found: all 169 table columns are commented');

----------------------------------------------------------------------------------------
-- Extension membership
----------------------------------------------------------------------------------------
CREATE TEMP TABLE non_members AS
SELECT 'relation' AS class, c.oid::regclass::text AS object
  FROM pg_class c
 WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
                      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'agentic_schema'))
UNION ALL
SELECT 'function', p.oid::regprocedure::text
  FROM pg_proc p
 WHERE p.pronamespace = 'agentic'::regnamespace
   AND NOT EXISTS (SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
                      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'agentic_schema'))
UNION ALL
SELECT 'type', t.oid::regtype::text
  FROM pg_type t
 WHERE t.typnamespace = 'agentic'::regnamespace AND t.typtype IN ('e', 'd')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
                      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'agentic_schema'));

SELECT is((SELECT count(*)::int FROM non_members WHERE class = c), 0,
          format('every %s in schema agentic is a member of extension agentic_schema', c))
       || CASE WHEN (SELECT count(*) FROM non_members WHERE class = c) = 0 THEN ''
               ELSE E'\n' || diag(format('not members: %s',
                      (SELECT string_agg(object, ', ' ORDER BY object) FROM non_members WHERE class = c)))
          END
  FROM unnest(ARRAY['relation', 'function', 'type']) AS c;
SELECT is((SELECT count(*)::int FROM pg_depend d
            WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
              AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'agentic_schema')
              AND d.classid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass)),
          14 + 14 + 4 + 17 + 8,
          'the extension owns 14 tables, 14 identity sequences, 4 views, 17 functions and 8 enums');
-- pg_dump dumps the rows of member tables (and sequence positions) only when they are marked
SELECT set_eq(
  $$SELECT unnest(extconfig)::regclass::text FROM pg_extension WHERE extname = 'agentic_schema'$$,
  $$SELECT c.oid::regclass::text FROM pg_class c
     WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind IN ('r', 'S')$$,
  'every table and identity sequence is marked for pg_dump (pg_extension_config_dump)');

----------------------------------------------------------------------------------------
-- Privileges and search_path
----------------------------------------------------------------------------------------
CREATE ROLE pgtap_agentic_nobody NOLOGIN;
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.proname)
             FROM pg_proc p
            WHERE p.pronamespace = 'agentic'::regnamespace AND p.prorettype = 'trigger'::regtype
              AND has_function_privilege('public', p.oid, 'EXECUTE')),
          NULL, 'no trigger function is executable by PUBLIC');
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.proname)
             FROM pg_proc p
            WHERE p.pronamespace = 'agentic'::regnamespace AND p.prorettype = 'trigger'::regtype
              AND has_function_privilege('pgtap_agentic_nobody', p.oid, 'EXECUTE')),
          NULL, 'a role without privileges cannot execute any trigger function');
SELECT is((SELECT count(*)::int FROM pg_proc p
            WHERE p.pronamespace = 'agentic'::regnamespace AND p.prorettype = 'trigger'::regtype
              AND EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0)),
          0, 'no trigger function ACL grants anything to PUBLIC');
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.proname)
             FROM pg_proc p
            WHERE p.pronamespace = 'agentic'::regnamespace
              AND has_function_privilege('pgtap_agentic_nobody', p.oid, 'EXECUTE')),
          'jsonb_array_of(jsonb,text)',
          'least privilege (1.1): a role without grants can execute only the JSON shape test of the CHECK constraints');
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ')
             FROM pg_proc p
            WHERE p.pronamespace = 'agentic'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) s
                               WHERE s = 'search_path=pg_catalog, pg_temp')),
          NULL, 'every agentic function pins search_path = pg_catalog, pg_temp');

SELECT * FROM finish();
ROLLBACK;
