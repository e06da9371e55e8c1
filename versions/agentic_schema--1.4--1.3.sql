-- agentic_schema 1.4 -> 1.3
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.3'" to load this file. \quit
