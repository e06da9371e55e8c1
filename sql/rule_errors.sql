-- The exact error of every native rule: message, DETAIL, HINT and SQLSTATE.
\set SHOW_CONTEXT never
\set ECHO none
\set QUIET on
\i test/fixtures/reset.sql
\i demo/sample_data.sql
\set QUIET off
\set ON_ERROR_STOP off
\set ECHO all

-- illegal status transition
UPDATE agentic.tasks SET status = 'pending' WHERE id = 2;
\echo :LAST_ERROR_SQLSTATE
-- id is immutable
UPDATE agentic.resumes SET id = 99 WHERE id = 1;
\echo :LAST_ERROR_SQLSTATE
-- one active agent per job description
INSERT INTO agentic.agents (name, job_description_id, status) VALUES ('ava-2', 1, 'active');
\echo :LAST_ERROR_SQLSTATE
-- no new work for a terminated agent, no termination with active work
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (1, 2);
UPDATE agentic.agents SET status = 'terminated' WHERE id = 2;
\echo :LAST_ERROR_SQLSTATE
UPDATE agentic.task_assignments SET status = 'cancelled' WHERE task_id = 1;
UPDATE agentic.agents SET status = 'terminated', termination_reason = 'project ended' WHERE id = 2;
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (1, 2);
\echo :LAST_ERROR_SQLSTATE
-- a completed task takes no new assignments
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (2, 1);
\echo :LAST_ERROR_SQLSTATE
-- no cycles through parents and dependencies
UPDATE agentic.tasks SET parent_task_id = 3 WHERE id = 1;
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (2, 3);
\echo :LAST_ERROR_SQLSTATE
-- (built-in constraint errors print the failing row, timestamps included: terse)
\set VERBOSITY terse
UPDATE agentic.tasks SET parent_task_id = id WHERE id = 5;
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
-- cost validation
INSERT INTO agentic.execution_costs (agent_id, cost) VALUES (1, 'NaN');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.execution_costs (agent_id, cost) VALUES (1, '-Infinity');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.execution_costs (agent_id, cost) VALUES (1, 0);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.execution_costs (agent_id, cost) VALUES (1, 1000000);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.execution_costs (agent_id, input_tokens, cached_input_tokens, cost) VALUES (1, 10, 20, 1);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.execution_costs (agent_id, output_tokens, cost) VALUES (1, -5, 1);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens)
VALUES (1, 2, '2025-01-01', 100);
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY terse
INSERT INTO agentic.execution_costs (cost) VALUES (1);
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
-- price history only moves forward
UPDATE agentic.model_catalog SET price_effective_from = '2025-01-01', input_price_per_mtok = 1 WHERE id = 2;
\echo :LAST_ERROR_SQLSTATE
-- JSON shapes, enums, foreign keys
\set VERBOSITY terse
INSERT INTO agentic.resumes (candidate_name, skills) VALUES ('Zed', '{"python": true}');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.resumes (candidate_name, skills) VALUES ('Zed', '["python", 3]');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.tasks (title, status) VALUES ('x', 'done');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (1, 999);
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY default
-- utilization arguments
SELECT * FROM agentic.calculate_agent_utilization(1, '2026-10-02', '2026-10-01');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM agentic.calculate_agent_utilization(999, '2026-10-01', '2026-10-02');
\echo :LAST_ERROR_SQLSTATE
-- nothing above was half-written
SELECT (SELECT count(*) FROM agentic.agents) AS agents,
       (SELECT count(*) FROM agentic.task_assignments) AS assignments,
       (SELECT count(*) FROM agentic.task_dependencies) AS dependencies,
       (SELECT count(*) FROM agentic.execution_costs) AS costs,
       (SELECT count(*) FROM agentic.resumes) AS resumes,
       (SELECT count(*) FROM agentic.model_price_history) AS price_periods;
-- 1.3: a new price cannot take effect before costs recorded at the current price
UPDATE agentic.model_catalog SET input_price_per_mtok = 4, price_effective_from = '2026-10-01 00:00+00' WHERE id = 3;
\echo :LAST_ERROR_SQLSTATE
-- 1.3: a completed_at belongs to an ended task only; a cost has happened already
INSERT INTO agentic.tasks (title, status, completed_at) VALUES ('open with an end', 'pending', '2026-10-01');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO agentic.execution_costs (agent_id, cost, occurred_at) VALUES (1, 1, '2999-01-01 00:00+00');
\echo :LAST_ERROR_SQLSTATE

-- 1.3: a pg_restore session that did not create the extension loads no row statement by
-- statement (each session of pg_restore --jobs), not even into audit_logs, which has no
-- row trigger on INSERT: the BEFORE INSERT statement guard refuses first
SET application_name = 'pg_restore';
SELECT pg_catalog.set_config('search_path', '', false) AS restore_search_path \gset
SET check_function_bodies = off;
SET row_security = off;
INSERT INTO agentic.audit_logs (table_name, operation, row_id, new_data, changed_by)
VALUES ('agentic.tasks', 'INSERT', 1, '{}', 'restorer');
\echo :LAST_ERROR_SQLSTATE
RESET application_name;
RESET search_path;
RESET check_function_bodies;
RESET row_security;
SELECT count(*) AS restorer_rows FROM agentic.audit_logs WHERE changed_by = 'restorer';
