-- Every kind of failure inside native code surfaces as a PostgreSQL error with
-- its SQLSTATE, the statement writes nothing, and the backend lives on.
\set VERBOSITY default
\set SHOW_CONTEXT never
\set ECHO none
\i test/fixtures/reset.sql
\set ECHO all
INSERT INTO agentic.job_descriptions (title) VALUES ('Boundary test job');

SET agentic.inject_fault = 'cpp_exception';
SELECT agentic.jsonb_array_of('["a"]', 'string');
\echo :LAST_ERROR_SQLSTATE
UPDATE agentic.job_descriptions SET status = 'open';
\echo :LAST_ERROR_SQLSTATE

SET agentic.inject_fault = 'bad_alloc';
SELECT * FROM agentic.calculate_agent_utilization();
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.job_descriptions (title) VALUES ('never written');
\echo :LAST_ERROR_SQLSTATE

-- A server error raised under C++ frames keeps its own SQLSTATE and message.
SET agentic.inject_fault = 'postgres_error';
SELECT agentic.status_transitions();
\echo :LAST_ERROR_SQLSTATE

RESET agentic.inject_fault;
SELECT title, status FROM agentic.job_descriptions ORDER BY id;
SELECT count(*) AS audit_rows FROM agentic.audit_logs;
SELECT count(*) > 0 AS backend_alive FROM agentic.status_transitions();
