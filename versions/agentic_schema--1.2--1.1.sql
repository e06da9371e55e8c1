-- agentic_schema 1.2 -> 1.1: without the rule registry functions.
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.1'" to load this file. \quit

DROP FUNCTION agentic.check_rules();
DROP FUNCTION agentic.rules();
