-- Structure of the tasks: tasks, dependencies, assignments, task prompts, and the
-- task status view. Schema-wide conventions: ops/schema_invariants.sql; exact
-- lists: expected/extension_members.out.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

SELECT columns_are('agentic', 'tasks', ARRAY[
  'id', 'title', 'description', 'parent_task_id', 'status', 'priority', 'required_skills',
  'input_data', 'output_data', 'estimated_duration', 'due_at', 'started_at', 'completed_at',
  'search_vector', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'task_dependencies', ARRAY[
  'id', 'task_id', 'depends_on_task_id', 'created_at']);
SELECT columns_are('agentic', 'task_assignments', ARRAY[
  'id', 'task_id', 'agent_id', 'status', 'assigned_at', 'started_at', 'completed_at', 'result',
  'error_message', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'task_prompts', ARRAY[
  'id', 'name', 'version', 'task_id', 'model_id', 'description', 'template', 'variables',
  'is_active', 'search_vector', 'created_at', 'updated_at']);
SELECT has_view('agentic', 'task_status_summary', 'view task_status_summary exists');
SELECT columns_are('agentic', 'task_status_summary', ARRAY[
  'status', 'task_count', 'percent_of_tasks', 'avg_duration', 'oldest_created_at', 'last_updated_at']);
SELECT col_type_is('agentic', 'tasks', 'status', 'agentic', 'task_status', 'tasks.status is agentic.task_status');

-- Unique keys
SELECT col_is_unique('agentic', 'task_dependencies', ARRAY['task_id', 'depends_on_task_id'],
                     'task_dependencies (task_id, depends_on_task_id) is unique');
SELECT col_is_unique('agentic', 'task_prompts', ARRAY['name', 'version'],
                     'task_prompts (name, version) is unique');

-- Foreign keys: the Core Relationships of tasks, then the other references
SELECT fk_ok('agentic', 'task_assignments', 'agent_id', 'agentic', 'agents', 'id');
SELECT fk_ok('agentic', 'task_assignments', 'task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'tasks', 'parent_task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'task_dependencies', 'task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'task_dependencies', 'depends_on_task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'task_prompts', 'task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'task_prompts', 'model_id', 'agentic', 'model_catalog', 'id');

-- One active assignment per (task, agent): a unique partial index
SELECT index_is_unique('agentic', 'task_assignments', 'task_assignments_one_active_per_agent_task');
SELECT matches(pg_get_indexdef('agentic.task_assignments_one_active_per_agent_task'::regclass),
               $$\(task_id, agent_id\) WHERE \(status = ANY \(ARRAY\['assigned'::(agentic\.)?assignment_status, 'in_progress'::(agentic\.)?assignment_status\]\)\)$$,
               'task_assignments_one_active_per_agent_task is partial on (task_id, agent_id), active statuses only');

-- Full-text search: GIN
SELECT index_is_type('agentic', 'tasks', 'tasks_search_idx', 'gin');
SELECT has_index('agentic', 'tasks', 'tasks_search_idx', 'search_vector');
SELECT index_is_type('agentic', 'task_prompts', 'task_prompts_search_idx', 'gin');
SELECT has_index('agentic', 'task_prompts', 'task_prompts_search_idx', 'search_vector');

-- The rules' triggers
SELECT trigger_is('agentic', 'tasks', 'tasks_before_write', 'agentic', 'row_before_write');
SELECT trigger_is('agentic', 'tasks', 'tasks_graph_check_insert', 'agentic', 'task_graph_check');
SELECT trigger_is('agentic', 'tasks', 'tasks_graph_check_update', 'agentic', 'task_graph_check');
SELECT trigger_is('agentic', 'task_dependencies', 'task_dependencies_graph_check', 'agentic', 'task_graph_check');
SELECT trigger_is('agentic', 'task_assignments', 'task_assignments_before_write', 'agentic', 'task_assignments_before_write');
SELECT trigger_is('agentic', 'task_assignments', 'task_assignments_after_write', 'agentic', 'task_assignments_after_write');

SELECT * FROM finish();
ROLLBACK;
