-- agentic_schema 1.3 -> 1.2
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.2'" to load this file. \quit

DROP INDEX agentic.task_prompts_model_idx;
DROP INDEX agentic.resume_prompts_model_idx;
