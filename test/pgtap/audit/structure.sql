-- Structure of the audit trail. Which tables carry audit triggers is a policy
-- checked for every table in ops/schema_invariants.sql; the exact trigger list
-- is in expected/extension_members.out.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

SELECT columns_are('agentic', 'audit_logs', ARRAY[
  'id', 'occurred_at', 'table_name', 'operation', 'row_id', 'old_data', 'new_data',
  'changed_columns', 'changed_by', 'session_user_name', 'application_name', 'client_addr',
  'transaction_id']);
SELECT col_type_is('agentic', 'audit_logs', 'transaction_id', 'xid8', 'audit_logs.transaction_id is xid8');
SELECT col_type_is('agentic', 'audit_logs', 'operation', 'agentic', 'audit_operation',
                   'audit_logs.operation is agentic.audit_operation');
SELECT hasnt_fk('agentic', 'audit_logs', 'audit_logs references nothing (it outlives the rows it records)');
SELECT triggers_are('agentic', 'audit_logs', ARRAY['audit_logs_before_write', 'audit_logs_restore_guard']::name[],
                    'audit_logs has only its id guard and the restore guard: it does not audit itself');

-- The append-only log: BRIN on the time
SELECT index_is_type('agentic', 'audit_logs', 'audit_logs_occurred_idx', 'brin');

SELECT trigger_is('agentic', 'model_catalog', 'model_catalog_audit_update', 'agentic', 'audit_row_changes');

SELECT * FROM finish();
ROLLBACK;
