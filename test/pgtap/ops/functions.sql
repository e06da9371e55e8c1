-- Signatures of the schema-wide functions: the JSON shape test of the CHECK
-- constraints, the status machines, and access management. Every function's
-- search_path, privileges and language are checked in ops/schema_invariants.sql.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

SELECT has_function('agentic', 'jsonb_array_of', ARRAY['jsonb', 'text']);
SELECT function_returns('agentic', 'jsonb_array_of', ARRAY['jsonb', 'text'], 'boolean');
SELECT volatility_is('agentic', 'jsonb_array_of', ARRAY['jsonb', 'text'], 'immutable');
SELECT has_function('agentic', 'status_transitions', ARRAY[]::name[]);
SELECT function_returns('agentic', 'status_transitions', ARRAY[]::name[], 'setof record');
SELECT has_function('agentic', 'grant_access', ARRAY['regrole', 'text']);
SELECT function_returns('agentic', 'grant_access', ARRAY['regrole', 'text'], 'integer');
SELECT has_function('agentic', 'revoke_access', ARRAY['regrole']);
SELECT function_returns('agentic', 'revoke_access', ARRAY['regrole'], 'integer');

SELECT * FROM finish();
ROLLBACK;
