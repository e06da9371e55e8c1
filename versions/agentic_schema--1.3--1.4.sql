-- agentic_schema 1.3 -> 1.4
--
-- Native that pays: the fast paths of the native rules (transactional path,
-- audit, utilization).
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.4'" to load this file. \quit
