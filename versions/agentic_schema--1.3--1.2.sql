-- agentic_schema 1.3 -> 1.2
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.2'" to load this file. \quit

DROP INDEX agentic.task_prompts_model_idx;
DROP INDEX agentic.resume_prompts_model_idx;

-- The 1.2 comment (the code is the module's: blank stays Unicode White_Space).
COMMENT ON FUNCTION agentic.jsonb_array_of(jsonb, text) IS
  'True when doc is a JSON array whose every element has the JSON type element_type '
  '(string, number, object, array, boolean) and, for strings, is not blank; used by CHECK constraints';

-- The 1.2 comments (the code is the module's: the window stays calendar days).
COMMENT ON FUNCTION agentic.calculate_agent_utilization(bigint) IS
  'calculate_agent_utilization for one agent over the last 30 days';
COMMENT ON FUNCTION agentic.calculate_agent_utilization(timestamptz, timestamptz) IS
  'calculate_agent_utilization for every agent employed at some time in the window';
