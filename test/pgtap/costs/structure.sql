-- Structure of the costs: model catalog, price history, the cost ledger, its
-- daily rollup and the cost views. Schema-wide conventions:
-- ops/schema_invariants.sql; exact lists: expected/extension_members.out.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

SELECT columns_are('agentic', 'model_catalog', ARRAY[
  'id', 'provider', 'model_name', 'display_name', 'context_window', 'max_output_tokens',
  'capabilities', 'input_price_per_mtok', 'output_price_per_mtok', 'cached_input_price_per_mtok',
  'currency', 'price_effective_from', 'is_active', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'model_price_history', ARRAY[
  'id', 'model_id', 'effective_from', 'effective_until', 'input_price_per_mtok',
  'output_price_per_mtok', 'cached_input_price_per_mtok', 'currency', 'archived_at']);
SELECT columns_are('agentic', 'execution_costs', ARRAY[
  'id', 'agent_id', 'task_id', 'task_assignment_id', 'model_id', 'operation', 'occurred_at',
  'input_tokens', 'output_tokens', 'cached_input_tokens', 'cost', 'currency', 'cost_source',
  'input_price_per_mtok', 'output_price_per_mtok', 'cached_input_price_per_mtok',
  'price_effective_from', 'duration_ms', 'metadata', 'created_at', 'user_id', 'conversation_id', 'message_id']);
SELECT columns_are('agentic', 'daily_cost_rollup', ARRAY[
  'id', 'day', 'currency', 'model_id', 'executions', 'total_cost', 'input_tokens', 'output_tokens',
  'cached_input_tokens']);
SELECT has_view('agentic', 'cost_summary_by_agent', 'view cost_summary_by_agent exists');
SELECT has_view('agentic', 'daily_cost_summary', 'view daily_cost_summary exists');
SELECT columns_are('agentic', 'cost_summary_by_agent', ARRAY[
  'agent_id', 'agent_name', 'agent_status', 'currency', 'executions', 'total_cost', 'avg_cost', 'input_tokens',
  'output_tokens', 'cached_input_tokens', 'first_execution_at', 'last_execution_at']);
SELECT columns_are('agentic', 'daily_cost_summary', ARRAY[
  'day', 'currency', 'executions', 'total_cost', 'input_tokens', 'output_tokens',
  'cached_input_tokens', 'models']);
SELECT col_type_is('agentic', 'execution_costs', 'cost', 'numeric(20,10)', 'execution_costs.cost is numeric(20,10)');

-- Unique keys
SELECT col_is_unique('agentic', 'model_catalog', ARRAY['provider', 'model_name'],
                     'model_catalog (provider, model_name) is unique');

-- Foreign keys: a cost names its agent, task, assignment and model
SELECT fk_ok('agentic', 'execution_costs', 'agent_id', 'agentic', 'agents', 'id');
SELECT fk_ok('agentic', 'execution_costs', 'task_id', 'agentic', 'tasks', 'id');
SELECT fk_ok('agentic', 'execution_costs', 'task_assignment_id', 'agentic', 'task_assignments', 'id');
SELECT fk_ok('agentic', 'execution_costs', 'user_id', 'agentic', 'users', 'id');
SELECT fk_ok('agentic', 'execution_costs', 'conversation_id', 'agentic', 'conversations', 'id');
SELECT fk_ok('agentic', 'execution_costs', ARRAY['conversation_id', 'message_id'], 'agentic', 'messages', ARRAY['conversation_id', 'id']);
SELECT fk_ok('agentic', 'execution_costs', ARRAY['user_id', 'conversation_id'], 'agentic', 'conversations', ARRAY['user_id', 'id']);
SELECT fk_ok('agentic', 'execution_costs', 'model_id', 'agentic', 'model_catalog', 'id');
SELECT fk_ok('agentic', 'model_price_history', 'model_id', 'agentic', 'model_catalog', 'id');
SELECT hasnt_fk('agentic', 'daily_cost_rollup',
                'daily_cost_rollup references nothing (its totals outlive the models they name)');

-- Price periods of one model never overlap: a GiST exclusion constraint
SELECT index_is_type('agentic', 'model_price_history', 'model_price_history_no_overlap', 'gist');

-- The ledger's triggers
SELECT trigger_is('agentic', 'execution_costs', 'execution_costs_before_write', 'agentic', 'execution_costs_before_write');
SELECT trigger_is('agentic', 'model_catalog', 'model_catalog_before_write', 'agentic', 'model_catalog_before_write');
SELECT trigger_is('agentic', 'execution_costs', t, 'agentic', 'cost_rollup_changes')
  FROM unnest(ARRAY['execution_costs_rollup_insert', 'execution_costs_rollup_update',
                    'execution_costs_rollup_delete', 'execution_costs_rollup_truncate']::name[]) AS t;

SELECT * FROM finish();
ROLLBACK;
