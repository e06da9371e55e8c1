-- bench/pgbench/workflow.sql: one workflow of the transactional mix, written against agentic.*
-- (native rules); run.sh runs the very same statements on reference.* (PL/pgSQL rules).
-- Variables (pgbench -D): agents, models, tasks (ids of the generated data), derived
-- (1: costs inserted with a NULL cost, derived from the model price by the rules;
-- 0: costs reported by the caller). Each statement is its own transaction, as the
-- steps of a real workflow happen at different times:
-- create a task (half of them subtasks of an existing task), assign it to an agent
-- (skewed: Zipf 1.1), start it, record 2-3 model costs, complete it.
\set agent random_zipfian(1, :agents, 1.1)
\set model random(1, :models)
\set parent random(1, :tasks)
\set subtask random(0, 1)
\set third random(0, 1)
\set tokens random(200, 20000)
\set cached random(0, :tokens / 2)
\set output random(50, 4000)
\if :subtask
INSERT INTO agentic.tasks (title, description, parent_task_id, priority, required_skills, input_data)
VALUES ('pgbench subtask', 'transactional mix', :parent, 'medium', '["benchmarking"]', '{"source":"pgbench"}')
RETURNING id AS task_id \gset
\else
INSERT INTO agentic.tasks (title, description, priority, required_skills, input_data)
VALUES ('pgbench task', 'transactional mix', 'high', '["benchmarking"]', '{"source":"pgbench"}')
RETURNING id AS task_id \gset
\endif
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:task_id, :agent) RETURNING id AS assignment_id \gset
UPDATE agentic.task_assignments SET status = 'in_progress' WHERE id = :assignment_id;
INSERT INTO agentic.execution_costs (agent_id, task_id, task_assignment_id, model_id, operation,
       input_tokens, output_tokens, cached_input_tokens, cost)
VALUES (:agent, :task_id, :assignment_id, :model, 'chat', :tokens, :output, :cached,
        CASE WHEN :derived = 1 THEN NULL ELSE 0.0123 END);
INSERT INTO agentic.execution_costs (agent_id, task_id, task_assignment_id, model_id, operation,
       input_tokens, output_tokens, cached_input_tokens, cost)
VALUES (:agent, :task_id, :assignment_id, :model, 'tool_call', :output, :tokens / 10, 0,
        CASE WHEN :derived = 1 THEN NULL ELSE 0.0042 END);
\if :third
INSERT INTO agentic.execution_costs (agent_id, task_id, task_assignment_id, model_id, operation,
       input_tokens, output_tokens, cached_input_tokens, cost)
VALUES (:agent, :task_id, :assignment_id, :model, 'chat', :tokens / 2, :output / 2, :cached / 2,
        CASE WHEN :derived = 1 THEN NULL ELSE 0.0061 END);
\endif
UPDATE agentic.task_assignments SET status = 'completed', result = '{"ok": true}' WHERE id = :assignment_id;
