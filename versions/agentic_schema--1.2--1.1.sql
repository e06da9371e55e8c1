-- agentic_schema 1.2 -> 1.1: without the rule registry functions and the id guards
-- of the trigger-maintained tables.
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.1'" to load this file. \quit

DROP TRIGGER daily_cost_rollup_before_write ON agentic.daily_cost_rollup;
DROP TRIGGER audit_logs_before_write ON agentic.audit_logs;
DROP FUNCTION agentic.check_rules();
DROP FUNCTION agentic.rules();
