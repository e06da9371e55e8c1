-- agentic_schema 1.2 -> 1.3
--
-- Nothing lost, nothing stuck: fixes of defects found by trying 1.1 and 1.2 as a
-- demanding DBA would.
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.3'" to load this file. \quit
