-- agentic_schema 1.5 -> 1.4
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.4'" to load this file. \quit
