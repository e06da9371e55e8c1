-- Constraints of every table: JSON shapes (the shape function itself:
-- ops/jsonb_array_of.sql), enums, foreign keys, NOT NULL and CHECK constraints.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

----------------------------------------------------------------------------------------
-- Fixtures: one row in every table
----------------------------------------------------------------------------------------
INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok, price_effective_from)
VALUES ('pgtap', 'shapes', 1, 2, '2026-01-01') RETURNING id AS model \gset
INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok, price_effective_from)
VALUES ('pgtap', 'shapes-2', 1, 2, '2026-01-01') RETURNING id AS model2 \gset
UPDATE agentic.model_catalog SET input_price_per_mtok = 3, price_effective_from = '2026-02-01' WHERE id = :model;
SELECT id AS hist FROM agentic.model_price_history WHERE model_id = :model \gset
INSERT INTO agentic.job_descriptions (title) VALUES ('Shaper') RETURNING id AS job \gset
INSERT INTO agentic.resumes (candidate_name) VALUES ('Shelly') RETURNING id AS resume \gset
INSERT INTO agentic.job_applications (job_description_id, resume_id) VALUES (:job, :resume) RETURNING id AS app \gset
INSERT INTO agentic.agents (name, job_description_id) VALUES ('shaper', :job) RETURNING id AS agent \gset
INSERT INTO agentic.job_descriptions (title) VALUES ('Worker job') RETURNING id AS job2 \gset
INSERT INTO agentic.agents (name, job_description_id, status) VALUES ('worker', :job2, 'active') RETURNING id AS worker \gset
INSERT INTO agentic.tasks (title) VALUES ('shape task') RETURNING id AS task \gset
INSERT INTO agentic.tasks (title) VALUES ('shape task 2') RETURNING id AS task2 \gset
INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (:task, :task2) RETURNING id AS dep \gset
INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (:task, :worker) RETURNING id AS asg \gset
INSERT INTO agentic.execution_costs (agent_id, cost) VALUES (:agent, 1) RETURNING id AS cost \gset
INSERT INTO agentic.task_prompts (name, template) VALUES ('shape-prompt', 'Do {{x}}') RETURNING id AS tprompt \gset
INSERT INTO agentic.users (username, email) VALUES ('shaper', 'shaper@example.com') RETURNING id AS usr \gset
SET LOCAL agentic.password_work_factor = 4;
SELECT agentic.set_password(:usr, 'shape password');
SELECT id AS cred FROM agentic.user_credentials WHERE user_id = :usr \gset
INSERT INTO agentic.user_agents (user_id, agent_id) VALUES (:usr, :agent) RETURNING id AS usr_agent \gset
INSERT INTO agentic.workflows (name, owner_user_id) VALUES ('shape flow', :usr) RETURNING id AS flow \gset
INSERT INTO agentic.user_workflows (user_id, workflow_id) VALUES (:usr, :flow) RETURNING id AS usr_flow \gset
INSERT INTO agentic.tools (name) VALUES ('shape_tool') RETURNING id AS tool \gset
INSERT INTO agentic.conversations (user_id, title) VALUES (:usr, 'shapes') RETURNING id AS conv \gset
INSERT INTO agentic.messages (conversation_id, role, content) VALUES (:conv, 'user', 'shape?') RETURNING id AS msg \gset
INSERT INTO agentic.resume_prompts (name, template) VALUES ('shape-prompt', 'Do {{x}}') RETURNING id AS rprompt \gset

CREATE TEMP TABLE fixture (tbl text PRIMARY KEY, id bigint NOT NULL);
INSERT INTO fixture VALUES
  ('model_catalog', :model), ('model_price_history', :hist), ('job_descriptions', :job), ('resumes', :resume),
  ('job_applications', :app), ('agents', :agent), ('tasks', :task), ('task_dependencies', :dep),
  ('task_assignments', :asg), ('execution_costs', :cost), ('task_prompts', :tprompt), ('resume_prompts', :rprompt),
  ('users', :usr), ('user_credentials', :cred), ('user_agents', :usr_agent), ('workflows', :flow),
  ('user_workflows', :usr_flow), ('tools', :tool), ('conversations', :conv), ('messages', :msg);

-- UPDATE one column of the fixture row of a table
CREATE FUNCTION pg_temp.set_sql(tbl text, col text, val text) RETURNS text LANGUAGE sql AS $$
  SELECT format('UPDATE agentic.%I SET %I = %L WHERE id = %s', tbl, col, val, (SELECT id FROM fixture f WHERE f.tbl = $1))
$$;

----------------------------------------------------------------------------------------
-- JSON shapes
----------------------------------------------------------------------------------------
CREATE TEMP TABLE shape_columns (tbl text, col text, kind text);
INSERT INTO shape_columns VALUES
  ('model_catalog', 'capabilities', 'strings'),
  ('job_descriptions', 'responsibilities', 'strings'), ('job_descriptions', 'required_skills', 'strings'),
  ('job_descriptions', 'preferred_skills', 'strings'), ('job_descriptions', 'model_requirements', 'object'),
  ('resumes', 'skills', 'strings'), ('resumes', 'experience', 'objects'), ('resumes', 'capabilities', 'strings'),
  ('agents', 'configuration', 'object'), ('agents', 'capabilities', 'strings'),
  ('tasks', 'required_skills', 'strings'), ('tasks', 'input_data', 'object'),
  ('execution_costs', 'metadata', 'object'),
  ('task_prompts', 'variables', 'strings'), ('resume_prompts', 'variables', 'strings'),
  ('users', 'preferences', 'object'), ('workflows', 'definition', 'object'),
  ('tools', 'input_schema', 'object schema'), ('conversations', 'model_config', 'object'),
  ('messages', 'metadata', 'object');

SELECT set_eq($$SELECT c.relname::text || '.' || k.conname::text FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                 WHERE k.connamespace = 'agentic'::regnamespace AND k.contype = 'c' AND k.conname LIKE '%\_shape'$$,
              $$SELECT tbl || '.' || tbl || '_' || col || '_shape' FROM shape_columns$$,
              'every jsonb column with a *_shape constraint is listed below');

CREATE TEMP TABLE bad_json (kind text, val text, what text);
INSERT INTO bad_json VALUES
  ('strings', '{}', 'an object'), ('strings', '"skill"', 'a string'), ('strings', '42', 'a number'),
  ('strings', 'null', 'JSON null'), ('strings', '[1]', 'an array of numbers'),
  ('strings', '[null]', 'an array holding null'), ('strings', '[["a"]]', 'an array of arrays'),
  ('strings', '["ok", ""]', 'an array with an empty string'),
  ('strings', '["ok", " \t\n "]', 'an array with a blank string'),
  ('objects', '{}', 'an object'), ('objects', '"x"', 'a string'), ('objects', '42', 'a number'),
  ('objects', 'null', 'JSON null'), ('objects', '["x"]', 'an array of strings'), ('objects', '[1]', 'an array of numbers'),
  ('objects', '[[]]', 'an array of arrays'), ('objects', '[{"a": 1}, "b"]', 'an array with one non-object'),
  ('object', '[]', 'an array'), ('object', '"x"', 'a string'), ('object', '42', 'a number'),
  ('object', 'null', 'JSON null'), ('object', '[{}]', 'an array of objects'),
  ('object schema', '[]', 'an array'), ('object schema', '{}', 'an object without a type'),
  ('object schema', '{"type": "array"}', 'a schema of another type'), ('object schema', '"object"', 'a string');

SELECT throws_ok(pg_temp.set_sql(s.tbl, s.col, b.val), '23514',
                 format('new row for relation "%s" violates check constraint "%s_%s_shape"', s.tbl, s.tbl, s.col),
                 format('%s.%s rejects %s: %s', s.tbl, s.col, b.what, b.val))
  FROM shape_columns s JOIN bad_json b USING (kind)
 ORDER BY s.tbl, s.col, b.val;

CREATE TEMP TABLE good_json (kind text, val text);
INSERT INTO good_json VALUES
  ('strings', '[]'), ('strings', '["code review", "sql", "ünïcode"]'),
  ('objects', '[]'), ('objects', '[{"role": "reviewer", "years": 4}, {}]'),
  ('object', '{}'), ('object', '{"tools": true, "nested": [1, {"a": null}]}'),
  ('object schema', '{"type": "object"}'),
  ('object schema', '{"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}');
SELECT lives_ok(pg_temp.set_sql(s.tbl, s.col, g.val), format('%s.%s accepts %s', s.tbl, s.col, g.val))
  FROM shape_columns s JOIN good_json g USING (kind)
 ORDER BY s.tbl, s.col, length(g.val);
SELECT is((SELECT skills FROM agentic.resumes WHERE id = :resume), '["code review", "sql", "ünïcode"]'::jsonb,
          'the accepted value is stored');

----------------------------------------------------------------------------------------
-- Enums reject unknown labels
----------------------------------------------------------------------------------------
SELECT set_eq($$SELECT c.relname::text || '.' || a.attname::text FROM pg_attribute a
                  JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
                 WHERE c.relnamespace = 'agentic'::regnamespace AND c.relkind = 'r' AND t.typtype = 'e'
                   AND a.attnum > 0 AND NOT a.attisdropped$$,
              ARRAY['job_descriptions.status', 'job_applications.status', 'agents.status', 'tasks.status',
                    'tasks.priority', 'task_assignments.status', 'execution_costs.cost_source', 'audit_logs.operation',
                    'users.user_group', 'users.status', 'user_agents.permission', 'user_workflows.permission',
                    'conversations.status', 'messages.role', 'messages.status'],
              'the enum columns are the ones tested below');
SELECT throws_ok(pg_temp.set_sql(tbl, col, 'bogus'), '22P02',
                 format('invalid input value for enum %s: "bogus"', typ),
                 format('%s.%s rejects an unknown label', tbl, col))
  FROM (VALUES ('job_descriptions', 'status', 'job_status'), ('job_applications', 'status', 'application_status'),
               ('agents', 'status', 'agent_status'), ('tasks', 'status', 'task_status'),
               ('tasks', 'priority', 'task_priority'), ('task_assignments', 'status', 'assignment_status'),
               ('execution_costs', 'cost_source', 'cost_source'), ('users', 'user_group', 'user_group'),
               ('users', 'status', 'user_status'), ('user_agents', 'permission', 'access_permission'),
               ('user_workflows', 'permission', 'access_permission'),
               ('conversations', 'status', 'conversation_status'), ('messages', 'status', 'message_status'))
       AS v(tbl, col, typ);
SELECT throws_ok($$INSERT INTO agentic.messages (conversation_id, role) VALUES (1, 'robot')$$, '22P02',
                 'invalid input value for enum message_role: "robot"', 'messages.role rejects an unknown label');
SELECT throws_ok($$INSERT INTO agentic.audit_logs (table_name, operation, row_id, new_data) VALUES ('x', 'MERGE', 1, '{}')$$,
                 '22P02', 'invalid input value for enum audit_operation: "MERGE"',
                 'audit_logs.operation rejects an unknown label');
SELECT throws_ok($$INSERT INTO agentic.tasks (title, status) VALUES ('case', 'Pending')$$, '22P02',
                 'invalid input value for enum task_status: "Pending"', 'enum labels are case-sensitive');

----------------------------------------------------------------------------------------
-- Foreign keys reject dangling ids
----------------------------------------------------------------------------------------
SELECT throws_ok(pg_temp.set_sql(tbl, col, '-1'), '23503',
                 format('insert or update on table "%s" violates foreign key constraint "%s_%s_fkey"', tbl, tbl, col),
                 format('%s.%s rejects a dangling id', tbl, col))
  FROM (VALUES ('model_price_history', 'model_id'), ('resumes', 'preferred_model_id'),
               ('job_applications', 'job_description_id'), ('job_applications', 'resume_id'),
               ('agents', 'job_description_id'), ('agents', 'resume_id'), ('agents', 'model_id'),
               ('tasks', 'parent_task_id'), ('task_dependencies', 'task_id'), ('task_dependencies', 'depends_on_task_id'),
               ('execution_costs', 'agent_id'), ('execution_costs', 'task_id'), ('execution_costs', 'task_assignment_id'),
               ('execution_costs', 'model_id'), ('task_prompts', 'task_id'), ('task_prompts', 'model_id'),
               ('resume_prompts', 'job_description_id'), ('resume_prompts', 'model_id'),
               ('users', 'preferred_model_id'), ('user_credentials', 'user_id'),
               ('agents', 'owner_user_id'), ('user_agents', 'user_id'), ('user_agents', 'agent_id'),
               ('workflows', 'owner_user_id'), ('user_workflows', 'user_id'),
               ('user_workflows', 'workflow_id'), ('conversations', 'agent_id'),
               ('conversations', 'model_id'), ('messages', 'model_id')) AS v(tbl, col)
 ORDER BY tbl, col;
-- The task and agent of an assignment are immutable, so test those references on INSERT
SELECT throws_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (-1, %s)', :worker), '23503',
                 'insert or update on table "task_assignments" violates foreign key constraint "task_assignments_task_id_fkey"',
                 'task_assignments.task_id rejects a dangling id');
SELECT throws_ok(format('INSERT INTO agentic.task_assignments (task_id, agent_id) VALUES (%s, -1)', :task2), '23503',
                 'insert or update on table "task_assignments" violates foreign key constraint "task_assignments_agent_id_fkey"',
                 'task_assignments.agent_id rejects a dangling id');
-- Referenced rows cannot be deleted; owned rows cascade
SELECT throws_ok(format('DELETE FROM agentic.job_descriptions WHERE id = %s', :job), '23503', NULL,
                 'a job description with agents and applications cannot be deleted');
SELECT throws_ok(format('DELETE FROM agentic.agents WHERE id = %s', :worker), '23503', NULL,
                 'an agent with assignments cannot be deleted');
SELECT throws_ok(format('DELETE FROM agentic.tasks WHERE id = %s', :task), '23503', NULL,
                 'a task with assignments cannot be deleted');
INSERT INTO agentic.tasks (title) VALUES ('doomed parent') RETURNING id AS doomed \gset
INSERT INTO agentic.tasks (title) VALUES ('doomed other') RETURNING id AS doomed2 \gset
INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (:doomed2, :doomed);
INSERT INTO agentic.task_prompts (name, template, task_id) VALUES ('doomed prompt', 'x', :doomed);
DELETE FROM agentic.tasks WHERE id = :doomed;
SELECT is((SELECT count(*)::int FROM agentic.task_dependencies WHERE depends_on_task_id = :doomed)
          + (SELECT count(*)::int FROM agentic.task_prompts WHERE task_id = :doomed), 0,
          'deleting a task cascades to its dependencies and prompts');
UPDATE agentic.model_catalog SET price_effective_from = '2026-02-01' WHERE id = :model2;
UPDATE agentic.model_catalog SET price_effective_from = '2026-03-01' WHERE id = :model2;
SELECT is((SELECT count(*)::int FROM agentic.model_price_history WHERE model_id = :model2), 2,
          'the second model has two archived periods');
INSERT INTO agentic.agents (name, job_description_id, model_id) VALUES ('model user', :job, :model2) RETURNING id AS model_user \gset
SELECT throws_ok(format('DELETE FROM agentic.model_catalog WHERE id = %s', :model2), '23503', NULL,
                 'a model an agent runs on cannot be deleted');
DELETE FROM agentic.agents WHERE id = :model_user;
DELETE FROM agentic.model_catalog WHERE id = :model2;
SELECT is((SELECT count(*)::int FROM agentic.model_price_history WHERE model_id = :model2), 0,
          'deleting a model cascades to its price history');

----------------------------------------------------------------------------------------
-- NOT NULL
----------------------------------------------------------------------------------------
SELECT throws_ok($$INSERT INTO agentic.tasks (title) VALUES (NULL)$$, '23502',
                 'null value in column "title" of relation "tasks" violates not-null constraint', 'tasks.title is required');
SELECT throws_ok($$INSERT INTO agentic.job_descriptions (title) VALUES (NULL)$$, '23502',
                 'null value in column "title" of relation "job_descriptions" violates not-null constraint',
                 'job_descriptions.title is required');
SELECT throws_ok(format('INSERT INTO agentic.job_applications (job_description_id, resume_id) VALUES (NULL, %s)', :resume),
                 '23502', 'null value in column "job_description_id" of relation "job_applications" violates not-null constraint',
                 'an application needs a job');
SELECT throws_ok($$INSERT INTO agentic.agents (name, job_description_id) VALUES ('nojob', NULL)$$, '23502',
                 'null value in column "job_description_id" of relation "agents" violates not-null constraint',
                 'an agent needs a job');
SELECT throws_ok(format('INSERT INTO agentic.execution_costs (agent_id, input_tokens, cost) VALUES (%s, NULL, 1)', :agent),
                 '23502', 'null value in column "input_tokens" of relation "execution_costs" violates not-null constraint',
                 'execution_costs.input_tokens is required');
SELECT throws_ok(pg_temp.set_sql('tasks', 'status', NULL), '23502',
                 'null value in column "status" of relation "tasks" violates not-null constraint', 'tasks.status is required');
SELECT throws_ok(pg_temp.set_sql('resumes', 'skills', NULL), '23502',
                 'null value in column "skills" of relation "resumes" violates not-null constraint',
                 'a JSON column cannot be SQL NULL');
SELECT throws_ok($$INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok)
                   VALUES ('p', 'm', NULL, 1)$$, '23502',
                 'null value in column "input_price_per_mtok" of relation "model_catalog" violates not-null constraint',
                 'a model needs an input price');

----------------------------------------------------------------------------------------
-- CHECK constraints
----------------------------------------------------------------------------------------
SELECT throws_ok(pg_temp.set_sql(tbl, col, val), '23514',
                 format('new row for relation "%s" violates check constraint "%s"', tbl, con),
                 format('%s.%s = %L violates %s', tbl, col, val, con))
  FROM (VALUES
    ('job_descriptions', 'title', '   ', 'job_descriptions_title_not_blank'),
    ('job_descriptions', 'title', '', 'job_descriptions_title_not_blank'),
    ('tasks', 'title', '  ', 'tasks_title_not_blank'),
    ('resumes', 'candidate_name', ' ', 'resumes_candidate_name_not_blank'),
    ('agents', 'name', '', 'agents_name_not_blank'),
    ('model_catalog', 'provider', ' ', 'model_catalog_provider_not_blank'),
    ('model_catalog', 'model_name', '', 'model_catalog_model_name_not_blank'),
    ('task_prompts', 'name', ' ', 'task_prompts_name_not_blank'),
    ('task_prompts', 'template', '  ', 'task_prompts_template_not_blank'),
    ('resume_prompts', 'name', '', 'resume_prompts_name_not_blank'),
    ('resume_prompts', 'template', ' ', 'resume_prompts_template_not_blank'),
    ('job_applications', 'score', '100.01', 'job_applications_score_range'),
    ('job_applications', 'score', '-0.01', 'job_applications_score_range'),
    ('tasks', 'estimated_duration', '-1 hour', 'tasks_estimated_duration_positive'),
    ('tasks', 'estimated_duration', '0', 'tasks_estimated_duration_positive'),
    ('execution_costs', 'duration_ms', '-1', 'execution_costs_duration_non_negative'),
    ('model_catalog', 'currency', 'usd', 'model_catalog_currency_code'),
    ('model_catalog', 'currency', 'US1', 'model_catalog_currency_code'),
    ('model_catalog', 'currency', 'US', 'model_catalog_currency_code'),
    ('execution_costs', 'currency', 'eur', 'execution_costs_currency_code'),
    ('model_catalog', 'context_window', '0', 'model_catalog_context_window_positive'),
    ('model_catalog', 'max_output_tokens', '-1', 'model_catalog_max_output_tokens_positive'),
    ('model_catalog', 'input_price_per_mtok', '-0.000001', 'model_catalog_input_price_valid'),
    ('model_catalog', 'input_price_per_mtok', 'NaN', 'model_catalog_input_price_valid'),
    ('model_catalog', 'output_price_per_mtok', '-1', 'model_catalog_output_price_valid'),
    ('model_catalog', 'cached_input_price_per_mtok', 'NaN', 'model_catalog_cached_input_price_valid'),
    ('task_prompts', 'version', '0', 'task_prompts_version_positive'),
    ('resume_prompts', 'version', '-1', 'resume_prompts_version_positive'),
    ('model_price_history', 'effective_until', '2025-01-01', 'model_price_history_period_valid'),
    ('users', 'username', '', 'users_username_format'),
    ('users', 'username', 'a b', 'users_username_format'),
    ('users', 'username', 'x@y', 'users_username_format'),
    ('users', 'username', '.dot', 'users_username_format'),
    ('users', 'username', repeat('u', 65), 'users_username_format'),
    ('users', 'email', 'no-at-sign', 'users_email_format'),
    ('users', 'email', 'two@@example.com', 'users_email_format'),
    ('users', 'email', 'sp ace@example.com', 'users_email_format'),
    ('users', 'email', repeat('e', 250) || '@x.io', 'users_email_format'),
    ('users', 'display_name', ' ', 'users_display_name_not_blank'),
    ('users', 'temperature', '2.01', 'users_temperature_range'),
    ('users', 'temperature', '-0.01', 'users_temperature_range'),
    ('users', 'language', 'english', 'users_language_tag'),
    ('users', 'language', 'EN', 'users_language_tag'),
    ('users', 'database_role', '  ', 'users_database_role_not_blank'),
    ('agents', 'system_prompt', ' ', 'agents_system_prompt_not_blank'),
    ('workflows', 'name', '', 'workflows_name_not_blank'),
    ('tools', 'name', 'Search', 'tools_name_format'),
    ('tools', 'name', 'web search', 'tools_name_format'),
    ('tools', 'name', '1st', 'tools_name_format'),
    ('conversations', 'title', ' ', 'conversations_title_not_blank'),
    ('conversations', 'temperature', '2.5', 'conversations_temperature_range'),
    ('conversations', 'max_tokens', '0', 'conversations_max_tokens_positive'),
    ('messages', 'tool_name', 'Web Search', 'messages_tool_name_format'),
    ('messages', 'input_tokens', '-1', 'messages_input_tokens_non_negative'),
    ('messages', 'output_tokens', '-1', 'messages_output_tokens_non_negative')
  ) AS v(tbl, col, val, con);
SELECT throws_ok(pg_temp.set_sql('user_credentials', 'password_hash', 'plain text'), '23514',
                 'value for domain password_hash violates check constraint "password_hash_bcrypt"',
                 'user_credentials.password_hash holds only bcrypt hashes');
-- constraints that compare two columns need both set
UPDATE agentic.agents SET status = 'active', hired_at = '2026-01-01' WHERE id = :agent;
SELECT throws_ok(format('UPDATE agentic.agents SET status = ''terminated'', terminated_at = ''2025-12-31'' WHERE id = %s', :agent), '23514',
                 'new row for relation "agents" violates check constraint "agents_terminated_after_hired"',
                 'an agent cannot be terminated before it was hired');
SELECT throws_ok(format('UPDATE agentic.job_applications SET status = ''rejected'', decided_at = ''2000-01-01'' WHERE id = %s', :app),
                 '23514', 'new row for relation "job_applications" violates check constraint "job_applications_decided_after_applied"',
                 'an application cannot be decided before it was applied');
SELECT throws_ok(format('UPDATE agentic.task_assignments SET status = ''in_progress'', started_at = ''2000-01-01'' WHERE id = %s', :asg),
                 '23514', 'new row for relation "task_assignments" violates check constraint "task_assignments_started_after_assigned"',
                 'an assignment cannot start before it was assigned');
SELECT throws_ok(format('UPDATE agentic.tasks SET status = ''cancelled'', started_at = ''2026-01-02'', completed_at = ''2026-01-01'' WHERE id = %s', :task2),
                 '23514', 'new row for relation "tasks" violates check constraint "tasks_completed_after_started"',
                 'a task cannot complete before it started');
SELECT throws_ok(format('UPDATE agentic.task_assignments SET status = ''failed'', started_at = assigned_at + interval ''1 hour'', '
                        'completed_at = assigned_at WHERE id = %s', :asg),
                 '23514', 'new row for relation "task_assignments" violates check constraint "task_assignments_completed_after_started"',
                 'an assignment cannot complete before it started');
SELECT throws_ok($$INSERT INTO agentic.audit_logs (table_name, operation, row_id, old_data, new_data)
                   VALUES ('agentic.tasks', 'INSERT', 1, '{}', '{}')$$, '23514',
                 'new row for relation "audit_logs" violates check constraint "audit_logs_data_matches_operation"',
                 'an INSERT audit entry has no old data');
SELECT throws_ok($$INSERT INTO agentic.audit_logs (table_name, operation, row_id, new_data)
                   VALUES ('agentic.tasks', 'DELETE', 1, '{}')$$, '23514',
                 'new row for relation "audit_logs" violates check constraint "audit_logs_data_matches_operation"',
                 'a DELETE audit entry has old data and no new data');
SELECT throws_ok(pg_temp.set_sql('execution_costs', 'currency', 'USDX'), '22001',
                 'value too long for type character(3)', 'a currency code has three letters');
SELECT throws_ok(pg_temp.set_sql('job_applications', 'score', '1000'), '22003', NULL,
                 'a score beyond numeric(5,2) overflows');

----------------------------------------------------------------------------------------
-- Unique and exclusion constraints
----------------------------------------------------------------------------------------
SELECT throws_ok(format('INSERT INTO agentic.job_applications (job_description_id, resume_id) VALUES (%s, %s)', :job, :resume),
                 '23505', 'duplicate key value violates unique constraint "job_applications_job_resume_key"',
                 'a resume applies to a job once');
SELECT throws_ok($$INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok)
                   VALUES ('pgtap', 'shapes-3', 1, 1), ('pgtap', 'shapes-3', 2, 2)$$,
                 '23505', 'duplicate key value violates unique constraint "model_catalog_provider_model_key"',
                 'a model name is unique per provider');
SELECT throws_ok($$INSERT INTO agentic.users (username, email) VALUES ('SHAPER', 'other@example.com')$$,
                 '23505', 'duplicate key value violates unique constraint "users_username_lower_key"',
                 'a username is unique regardless of case');
SELECT throws_ok($$INSERT INTO agentic.users (username, email) VALUES ('other', 'Shaper@Example.COM')$$,
                 '23505', 'duplicate key value violates unique constraint "users_email_lower_key"',
                 'an e-mail address is unique regardless of case');
SELECT throws_ok(format('INSERT INTO agentic.user_agents (user_id, agent_id) VALUES (%s, %s)', :usr, :agent),
                 '23505', 'duplicate key value violates unique constraint "user_agents_user_agent_key"',
                 'an agent is shared with a user once');
SELECT throws_ok(format('INSERT INTO agentic.user_workflows (user_id, workflow_id) VALUES (%s, %s)', :usr, :flow),
                 '23505', 'duplicate key value violates unique constraint "user_workflows_user_workflow_key"',
                 'a workflow is shared with a user once');
SELECT throws_ok($$INSERT INTO agentic.tools (name) VALUES ('shape_tool')$$,
                 '23505', 'duplicate key value violates unique constraint "tools_name_key"', 'a tool name is unique');
SELECT throws_ok($$INSERT INTO agentic.task_prompts (name, version, template) VALUES ('shape-prompt', 1, 'again')$$,
                 '23505', 'duplicate key value violates unique constraint "task_prompts_name_version_key"',
                 'a task prompt version is unique');
SELECT throws_ok($$INSERT INTO agentic.resume_prompts (name, version, template) VALUES ('shape-prompt', 1, 'again')$$,
                 '23505', 'duplicate key value violates unique constraint "resume_prompts_name_version_key"',
                 'a resume prompt version is unique');
SELECT throws_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :task, :task2),
                 '23505', 'duplicate key value violates unique constraint "task_dependencies_task_depends_on_key"',
                 'a dependency is recorded once');
INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok, price_effective_from)
VALUES ('pgtap', 'history', 1, 2, '2026-01-01') RETURNING id AS hmodel \gset
UPDATE agentic.model_catalog SET price_effective_from = '2026-02-01' WHERE id = :hmodel;
SELECT throws_ok(format($$INSERT INTO agentic.model_price_history (model_id, effective_from, effective_until,
                          input_price_per_mtok, output_price_per_mtok, currency)
                          VALUES (%s, '2026-01-15', '2026-03-01', 1, 1, 'USD')$$, :hmodel),
                 '23P01', NULL, 'price periods of a model cannot overlap');
SELECT throws_ok(format($$INSERT INTO agentic.model_price_history (model_id, effective_from, effective_until,
                          input_price_per_mtok, output_price_per_mtok, currency)
                          VALUES (%s, '2025-06-01', '2025-06-01', 1, 1, 'USD')$$, :hmodel),
                 '23514', 'new row for relation "model_price_history" violates check constraint "model_price_history_period_valid"',
                 'a price period must end after it starts');
SELECT lives_ok(format($$INSERT INTO agentic.model_price_history (model_id, effective_from, effective_until,
                         input_price_per_mtok, output_price_per_mtok, currency)
                         VALUES (%s, '2025-06-01', '2026-01-01', 1, 1, 'USD')$$, :hmodel),
                'an adjacent earlier period is fine');

SELECT * FROM finish();
ROLLBACK;
