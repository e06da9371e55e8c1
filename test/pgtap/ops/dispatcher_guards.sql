-- The row-trigger dispatcher fails closed, and check_rules() sees every way a
-- table can lose its rules (version 1.2).
--
--  * check_rules(): a trigger that fires on too few events, with an UPDATE OF
--    list that misses a rule's columns, disabled, with a WHEN clause, dropped;
--    a table dropped from the extension; a generic column of the wrong type.
--    Every row names a rule, and a rule reported through its variants is
--    reported once. What a database at an older version lacks (the 1.2 id
--    guards on audit_logs and daily_cost_rollup at 1.1) is not reported.
--  * the table-specific trigger functions refuse (39P01) to run on any table but
--    their own, renamed or copied tables included; row_before_write() stays
--    generic.
--  * firing a row function was not written for (BEFORE DELETE, FOR EACH
--    STATEMENT, an AFTER function on DELETE) is 39P01; a generic column of the
--    wrong type is 42804. None of them crashes the backend.
--
-- Every destructive setup runs inside pg_temp.outcome() / pg_temp.problems(VARIADIC ARRAY[]::text[]),
-- whose exception block rolls it back (a savepoint), so pgTAP's own results
-- are never rolled back.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

\ir ../../fixtures/agents_in_every_status.sql

-- Runs the statements and returns 'no error', or the SQLSTATE and message of the
-- error; everything they did is rolled back either way.
CREATE FUNCTION pg_temp.outcome(VARIADIC statements text[]) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text; state text; msg text;
BEGIN
  FOREACH s IN ARRAY statements LOOP EXECUTE s; END LOOP;
  RAISE EXCEPTION 'pgtap: no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
  RETURN CASE WHEN msg = 'pgtap: no error' THEN 'no error' ELSE state || ' ' || msg END;
END $$;

-- Runs the statements and returns check_rules() right after them, one line per
-- row ('rule_id|table|column|problem', NULL shown as '(null)'), rolled back.
CREATE FUNCTION pg_temp.problems(VARIADIC statements text[]) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE s text; listed text; state text; msg text;
BEGIN
  FOREACH s IN ARRAY statements LOOP EXECUTE s; END LOOP;
  SELECT string_agg(concat_ws('|', coalesce(rule_id, '(null)'), coalesce(table_name, '(null)'),
                              coalesce(column_name, '(null)'), problem), E'\n')
    INTO listed FROM agentic.check_rules();
  RAISE EXCEPTION USING MESSAGE = 'pgtap problems:' || coalesce(E'\n' || listed, '');
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
  IF msg NOT LIKE 'pgtap problems:%' THEN RETURN ARRAY['error|' || state || ' ' || msg]; END IF;
  RETURN array_remove(string_to_array(substr(msg, length('pgtap problems:') + 2), E'\n'), '');
END $$;

-- ok() that the problems include a row of `rule` on `tbl` matching `pattern`,
-- and that no row lacks a rule id or repeats another.
CREATE FUNCTION pg_temp.reports(listed text[], rule text, tbl text, pattern text, what text)
RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE hit boolean; nulls int; dups int;
BEGIN
  SELECT bool_or(split_part(p, '|', 1) = rule AND split_part(p, '|', 2) = tbl AND p ~ pattern),
         count(*) FILTER (WHERE split_part(p, '|', 1) = '(null)')
    INTO hit, nulls FROM unnest(listed) AS p;
  SELECT count(*) - count(DISTINCT p) INTO dups FROM unnest(listed) AS p;
  RETURN NEXT ok(coalesce(hit, false), what)
         || CASE WHEN coalesce(hit, false) THEN ''
                 ELSE E'\n' || diag('check_rules():' || E'\n' || coalesce(array_to_string(listed, E'\n'), '(empty)')) END;
  RETURN NEXT is(nulls, 0, what || ': every row names its rule');
  RETURN NEXT is(dups, 0, what || ': no row is repeated');
END $$;

SELECT is(pg_temp.problems(VARIADIC ARRAY[]::text[]), '{}'::text[], 'check_rules() is empty before any probe');

----------------------------------------------------------------------------------------
-- check_rules(): triggers
----------------------------------------------------------------------------------------
SELECT pg_temp.problems(
  'DROP TRIGGER execution_costs_before_write ON agentic.execution_costs',
  'CREATE TRIGGER execution_costs_before_write BEFORE UPDATE ON agentic.execution_costs
     FOR EACH ROW EXECUTE FUNCTION agentic.execution_costs_before_write()') AS found \gset
SELECT pg_temp.reports(:'found', 'execution_costs_cost_positive', 'execution_costs', 'fires on INSERT',
                       'execution_costs_before_write recreated as BEFORE UPDATE only is reported');
SELECT is((SELECT count(*) FROM unnest(:'found'::text[]) p WHERE split_part(p, '|', 1) = 'execution_costs_cost_ceiling'),
          1::bigint, 'a rule with a variant (execution_costs_cost_ceiling) is reported once');
SELECT ok(NOT EXISTS (SELECT FROM unnest(:'found'::text[]) p WHERE split_part(p, '|', 1) = 'execution_costs_id_immutable'),
          'the rules the BEFORE UPDATE trigger still runs are not reported');

-- From 1.3 the status machines of tasks and job_applications stamp on INSERT too.
SELECT pg_temp.problems(
  'DROP TRIGGER tasks_before_write ON agentic.tasks',
  'CREATE TRIGGER tasks_before_write BEFORE UPDATE ON agentic.tasks
     FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write(''task'')') AS found \gset
SELECT pg_temp.reports(:'found', 'tasks_status_transition', 'tasks', 'fires on INSERT',
                       'tasks_before_write recreated as BEFORE UPDATE only (the 1.2 form) is reported');
SELECT pg_temp.problems(
  'DROP TRIGGER job_applications_before_write ON agentic.job_applications',
  'CREATE TRIGGER job_applications_before_write BEFORE UPDATE ON agentic.job_applications
     FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write(''application'')') AS found \gset
SELECT pg_temp.reports(:'found', 'job_applications_status_transition', 'job_applications', 'fires on INSERT',
                       'job_applications_before_write recreated as BEFORE UPDATE only is reported');

SELECT pg_temp.problems(
  'DROP TRIGGER agents_before_write ON agentic.agents',
  'CREATE TRIGGER agents_before_write BEFORE UPDATE OF name ON agentic.agents
     FOR EACH ROW EXECUTE FUNCTION agentic.agents_before_write()') AS found \gset
SELECT pg_temp.reports(:'found', 'agents_one_active_per_job', 'agents', 'UPDATE of \(status, job_description_id\)',
                       'agents_before_write recreated as BEFORE UPDATE OF name is reported');
SELECT pg_temp.reports(:'found', 'agents_updated_at', 'agents', 'every UPDATE',
                       'an UPDATE OF list stops updated_at maintenance: reported as agents_updated_at');

SELECT pg_temp.problems('DROP TRIGGER tasks_graph_check_update ON agentic.tasks') AS found \gset
SELECT pg_temp.reports(:'found', 'task_graph_acyclic', 'tasks', 'AFTER .*UPDATE of \(parent_task_id\)',
                       'dropping tasks_graph_check_update is reported');

SELECT pg_temp.problems('ALTER TABLE agentic.agents DISABLE TRIGGER agents_before_write') AS found \gset
SELECT pg_temp.reports(:'found', 'agents_status_transition', 'agents', 'no enabled BEFORE',
                       'a disabled agents_before_write is reported');
SELECT pg_temp.problems('ALTER TABLE agentic.agents ENABLE REPLICA TRIGGER agents_before_write') AS found \gset
SELECT pg_temp.reports(:'found', 'agents_one_active_per_job', 'agents', 'no enabled BEFORE',
                       'an agents_before_write that fires only in replica sessions is reported');

SELECT pg_temp.problems(
  'DROP TRIGGER agents_before_write ON agentic.agents',
  'CREATE TRIGGER agents_before_write BEFORE INSERT OR UPDATE ON agentic.agents
     FOR EACH ROW WHEN (false) EXECUTE FUNCTION agentic.agents_before_write()') AS found \gset
SELECT pg_temp.reports(:'found', 'agents_one_active_per_job', 'agents', 'without a WHEN clause',
                       'agents_before_write replaced by one WHEN (false) is reported');

SELECT pg_temp.problems(
  'DROP TRIGGER task_assignments_after_write ON agentic.task_assignments',
  'CREATE TRIGGER task_assignments_after_write AFTER INSERT OR UPDATE OF status ON agentic.task_assignments
     FOR EACH ROW EXECUTE FUNCTION agentic.task_assignments_after_write()') AS found \gset
SELECT pg_temp.reports(:'found', 'task_assignments_after_write', 'task_assignments', 'UPDATE of \(status, task_id\) or DELETE$',
                       'the task roll-up trigger without DELETE and task_id is reported under its function');

SELECT pg_temp.problems(
  'DROP TRIGGER resumes_before_write ON agentic.resumes',
  'CREATE TRIGGER resumes_before_write BEFORE UPDATE ON agentic.resumes
     FOR EACH ROW EXECUTE FUNCTION agentic.agents_before_write()') AS found \gset
SELECT pg_temp.reports(:'found', 'resumes_id_immutable', 'resumes', 'no enabled BEFORE',
                       'another table''s trigger function does not count as a table''s trigger');

----------------------------------------------------------------------------------------
-- check_rules(): membership and column types
----------------------------------------------------------------------------------------
SELECT pg_temp.problems('ALTER EXTENSION agentic_schema DROP TABLE agentic.resume_prompts') AS found \gset
SELECT pg_temp.reports(:'found', 'resume_prompts_id_immutable', 'resume_prompts', 'not a member of extension agentic_schema',
                       'a registry table dropped from the extension is reported');

SELECT pg_temp.problems('CREATE TABLE agentic.pgtap_unregistered (id bigint)',
                        'ALTER EXTENSION agentic_schema ADD TABLE agentic.pgtap_unregistered') AS found \gset
SELECT pg_temp.reports(:'found', 'agentic_rule_registry', 'pgtap_unregistered', 'not in the rule registry',
                       'a member table the registry does not know is reported under agentic_rule_registry');

SELECT pg_temp.problems('ALTER TABLE agentic.resumes ALTER COLUMN updated_at TYPE text') AS found \gset
SELECT pg_temp.reports(:'found', 'resumes_updated_at', 'resumes', 'updated_at\|.*type text, not timestamp with time zone',
                       'resumes.updated_at of type text is reported');

SELECT pg_temp.problems('ALTER TABLE agentic.task_prompts RENAME COLUMN id TO id_before',
                        'ALTER TABLE agentic.task_prompts ADD COLUMN id numeric') AS found \gset
SELECT pg_temp.reports(:'found', 'task_prompts_id_immutable', 'task_prompts', 'id\|.*type numeric, not an integer type',
                       'an id that is not an integer is reported');

SELECT pg_temp.problems('ALTER TABLE agentic.agents RENAME COLUMN hired_at TO hired_at_before',
                        'ALTER TABLE agentic.agents ADD COLUMN hired_at timestamp') AS found \gset
SELECT pg_temp.reports(:'found', 'agents_status_transition', 'agents', 'hired_at\|.*not timestamp with time zone',
                       'a stamp column that is not timestamptz is reported');

----------------------------------------------------------------------------------------
-- Versions: what the installed version does not have yet is not reported or listed
----------------------------------------------------------------------------------------
SELECT extversion AS installed FROM pg_extension WHERE extname = 'agentic_schema' \gset
SELECT pg_temp.problems('DROP TRIGGER audit_logs_before_write ON agentic.audit_logs',
                        'DROP TRIGGER daily_cost_rollup_before_write ON agentic.daily_cost_rollup') AS found \gset
SELECT pg_temp.reports(:'found', 'audit_logs_id_immutable', 'audit_logs', 'no enabled BEFORE',
                       format('at %s, audit_logs without its id guard trigger is reported', :'installed'));
SELECT pg_temp.reports(:'found', 'daily_cost_rollup_id_immutable', 'daily_cost_rollup', 'no enabled BEFORE',
                       format('at %s, daily_cost_rollup without its id guard trigger is reported', :'installed'));
-- (the tables of later versions go too, with the views on them: at 1.1 they would
-- be strangers; each version that adds tables lists them here)
CREATE TEMP TABLE later_tables (name text);
INSERT INTO later_tables VALUES ('messages'), ('conversations'), ('user_workflows'), ('workflows'), ('user_agents'), ('tools'),
  ('user_api_keys'), ('user_sessions'), ('user_credentials'), ('users');
CREATE FUNCTION pg_temp.drop_later_tables() RETURNS void LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
  PERFORM set_config('client_min_messages', 'warning', true);
  ALTER EXTENSION agentic_schema DROP VIEW agentic.conversation_costs;
  DROP VIEW agentic.conversation_costs;
  FOR t IN SELECT name FROM later_tables LOOP
    EXECUTE format('ALTER EXTENSION agentic_schema DROP TABLE agentic.%I', t);
    EXECUTE format('ALTER EXTENSION agentic_schema DROP SEQUENCE %s',
                   pg_get_serial_sequence(format('agentic.%I', t), 'id'));
    EXECUTE format('DROP TABLE agentic.%I CASCADE', t);
  END LOOP;
END $$;
SELECT is(pg_temp.problems('UPDATE pg_catalog.pg_extension SET extversion = ''1.1'' WHERE extname = ''agentic_schema''',
                           'DROP TRIGGER audit_logs_before_write ON agentic.audit_logs',
                           'DROP TRIGGER daily_cost_rollup_before_write ON agentic.daily_cost_rollup',
                           'SELECT pg_temp.drop_later_tables()'),
          '{}'::text[], 'at 1.1 (no id guard triggers yet), check_rules() is empty');
SELECT is(pg_temp.outcome('UPDATE pg_catalog.pg_extension SET extversion = ''1.1'' WHERE extname = ''agentic_schema''',
                          $q$DO $do$ BEGIN
                              IF EXISTS (SELECT FROM agentic.rules() WHERE table_name IN ('audit_logs', 'daily_cost_rollup')) THEN
                                RAISE EXCEPTION 'rules() lists a 1.2 rule at 1.1';
                              END IF;
                            END $do$$q$),
          'no error', 'at 1.1, rules() lists no id guard of audit_logs or daily_cost_rollup');
SELECT is(pg_temp.outcome('UPDATE pg_catalog.pg_extension SET extversion = ''1.10'' WHERE extname = ''agentic_schema''',
                          $q$DO $do$ BEGIN
                              IF NOT EXISTS (SELECT FROM agentic.rules() WHERE rule_id = 'audit_logs_id_immutable') THEN
                                RAISE EXCEPTION 'rules() misses a 1.2 rule at 1.10';
                              END IF;
                            END $do$$q$),
          'no error', 'versions compare numerically: at 1.10 the rules of 1.2 apply');
SELECT ok(EXISTS (SELECT FROM agentic.rules() WHERE rule_id = 'audit_logs_id_immutable')
          AND EXISTS (SELECT FROM agentic.rules() WHERE rule_id = 'daily_cost_rollup_id_immutable'),
          format('at %s, rules() lists the id guards of audit_logs and daily_cost_rollup', :'installed'));
SELECT is((SELECT hint FROM agentic.rules() WHERE rule_id = 'agents_one_active_per_job'),
          'Suspend or terminate agent <id of the active agent> first.',
          'rules() names the placeholder of a hint that an error fills in');

----------------------------------------------------------------------------------------
-- Table-specific trigger functions run on their own tables only
----------------------------------------------------------------------------------------
CREATE TABLE public.guard_probe (id bigint, status agentic.agent_status, name text, job_description_id bigint,
                                 task_id bigint, agent_id bigint, parent_task_id bigint, depends_on_task_id bigint,
                                 updated_at timestamptz);
INSERT INTO public.guard_probe (id, status, name) VALUES (1, 'active', 'probe');

SELECT matches(pg_temp.outcome(format(
         'CREATE TRIGGER probe %s ON public.guard_probe FOR EACH ROW EXECUTE FUNCTION agentic.%s()', timing, fn),
         'UPDATE public.guard_probe SET name = ''x'''),
       '^39P01 ' || fn || '\(\) runs the rules of table agentic\.' || tbl || ' only and cannot fire on table public\.guard_probe$',
       format('%s() on another table fails with 39P01 naming itself and its table', fn))
  FROM (VALUES ('agents_before_write', 'BEFORE UPDATE', 'agents'),
               ('task_assignments_before_write', 'BEFORE UPDATE', 'task_assignments'),
               ('task_assignments_after_write', 'AFTER UPDATE', 'task_assignments'),
               ('execution_costs_before_write', 'BEFORE UPDATE', 'execution_costs'),
               ('model_catalog_before_write', 'BEFORE UPDATE', 'model_catalog'),
               ('task_graph_check', 'AFTER UPDATE', 'tasks and agentic\.task_dependencies')) AS f(fn, timing, tbl);

SELECT matches(pg_temp.outcome('CREATE TRIGGER probe BEFORE UPDATE ON agentic.resumes FOR EACH ROW EXECUTE FUNCTION agentic.agents_before_write()',
                               'UPDATE agentic.resumes SET candidate_name = candidate_name'),
               '^39P01 agents_before_write\(\) runs the rules of table agentic\.agents only and cannot fire on table agentic\.resumes$',
               'agents_before_write() on another registered table fails with 39P01');
SELECT matches(pg_temp.outcome('ALTER TABLE agentic.agents RENAME TO agents2',
                               format('UPDATE agentic.agents2 SET name = name WHERE id = %s', :ava)),
               '^39P01 agents_before_write\(\) runs the rules of table agentic\.agents only and cannot fire on table agentic\.agents2$',
               'agents_before_write() on the renamed agents table fails with 39P01');
SELECT is(pg_temp.outcome(format('UPDATE agentic.agents SET name = name WHERE id = %s', :ava)), 'no error',
          'agents_before_write() still runs on agents');

-- row_before_write() is generic: any table, its generic rules by column presence
SELECT is(pg_temp.outcome('CREATE TRIGGER probe BEFORE UPDATE ON public.guard_probe FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write()',
                          'UPDATE public.guard_probe SET id = 2'),
          '23514 the id of a guard_probe row cannot change',
          'row_before_write() keeps the id of a table outside the registry immutable');
SELECT is(pg_temp.outcome('CREATE TRIGGER probe BEFORE UPDATE ON public.guard_probe FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write()',
                          'UPDATE public.guard_probe SET name = ''y''',
                          $q$DO $do$ BEGIN
                              IF (SELECT updated_at FROM public.guard_probe) IS DISTINCT FROM now() THEN
                                RAISE EXCEPTION 'updated_at not maintained';
                              END IF;
                            END $do$$q$),
          'no error', 'row_before_write() maintains updated_at on a table outside the registry');

----------------------------------------------------------------------------------------
-- Firing a row function was not written for: 39P01, no crash
----------------------------------------------------------------------------------------
SELECT is(pg_temp.outcome('CREATE TRIGGER zz BEFORE DELETE ON agentic.agents FOR EACH ROW EXECUTE FUNCTION agentic.agents_before_write()',
                          format('DELETE FROM agentic.agents WHERE id = %s', :gone)),
          '39P01 agents_before_write() must fire BEFORE INSERT or UPDATE, not DELETE',
          'agents_before_write() BEFORE DELETE fails with 39P01 (no crash)');
INSERT INTO agentic.resumes (candidate_name) VALUES ('guard probe') RETURNING id AS probe_resume \gset
SELECT is(pg_temp.outcome('CREATE TRIGGER zz BEFORE DELETE ON agentic.resumes FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write()',
                          format('DELETE FROM agentic.resumes WHERE id = %s', :probe_resume)),
          '39P01 row_before_write() must fire BEFORE INSERT or UPDATE, not DELETE',
          'row_before_write() BEFORE DELETE fails with 39P01 instead of skipping the delete');
SELECT is(pg_temp.outcome('CREATE TRIGGER zz AFTER DELETE ON agentic.tasks FOR EACH ROW EXECUTE FUNCTION agentic.task_graph_check()',
                          'INSERT INTO agentic.tasks (title) VALUES (''guard probe'')',
                          'DELETE FROM agentic.tasks WHERE title = ''guard probe'''),
          '39P01 task_graph_check() must fire AFTER INSERT or UPDATE, not DELETE',
          'task_graph_check() AFTER DELETE fails with 39P01 (no crash)');
SELECT is(pg_temp.outcome('CREATE TRIGGER zz AFTER INSERT ON agentic.task_assignments FOR EACH ROW EXECUTE FUNCTION agentic.agents_before_write()',
                          'INSERT INTO agentic.tasks (title) VALUES (''guard probe'')'),
          'no error', 'a trigger that does not fire changes nothing');
SELECT is(pg_temp.outcome(format('CREATE TRIGGER zz %s ON %s FOR EACH STATEMENT EXECUTE FUNCTION agentic.%s()', timing, tbl, fn),
                          format('UPDATE %s SET id = id WHERE false', tbl)),
          format('39P01 %s() must fire %s FOR EACH ROW', fn, expected),
          format('%s() FOR EACH STATEMENT fails with 39P01 (no crash)', fn))
  FROM (VALUES ('row_before_write', 'BEFORE UPDATE', 'agentic.resumes', 'BEFORE INSERT or UPDATE'),
               ('agents_before_write', 'BEFORE UPDATE', 'agentic.agents', 'BEFORE INSERT or UPDATE'),
               ('task_assignments_before_write', 'AFTER UPDATE', 'agentic.task_assignments', 'BEFORE INSERT or UPDATE'),
               ('task_assignments_after_write', 'AFTER UPDATE', 'agentic.task_assignments', 'AFTER INSERT or UPDATE or DELETE'),
               ('task_graph_check', 'AFTER UPDATE', 'agentic.tasks', 'AFTER INSERT or UPDATE'),
               ('execution_costs_before_write', 'BEFORE UPDATE', 'agentic.execution_costs', 'BEFORE INSERT or UPDATE'),
               ('model_catalog_before_write', 'BEFORE UPDATE', 'agentic.model_catalog', 'BEFORE INSERT or UPDATE'))
       AS f(fn, timing, tbl, expected);
SELECT is(pg_temp.outcome('CREATE TRIGGER zz AFTER TRUNCATE ON agentic.resume_prompts FOR EACH STATEMENT EXECUTE FUNCTION agentic.row_before_write()',
                          'TRUNCATE agentic.resume_prompts'),
          '39P01 row_before_write() must fire BEFORE INSERT or UPDATE FOR EACH ROW',
          'row_before_write() AFTER TRUNCATE fails with 39P01');

----------------------------------------------------------------------------------------
-- Generic columns of the wrong type: 42804, no crash
----------------------------------------------------------------------------------------
SELECT is(pg_temp.outcome('ALTER TABLE agentic.resumes ALTER COLUMN updated_at TYPE text',
                          format('UPDATE agentic.resumes SET candidate_name = candidate_name WHERE id = %s', :probe_resume)),
          '42804 column updated_at of table resumes is of type text, not timestamp with time zone as its agentic_schema trigger requires',
          'resumes.updated_at of type text: UPDATE fails with 42804 (no crash)');
SELECT is(pg_temp.outcome('CREATE TABLE public.text_stamp (id bigint, updated_at text)',
                          'CREATE TRIGGER probe BEFORE UPDATE ON public.text_stamp FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write()',
                          'INSERT INTO public.text_stamp VALUES (1, ''x'')',
                          'UPDATE public.text_stamp SET id = 1'),
          '42804 column updated_at of table text_stamp is of type text, not timestamp with time zone as its agentic_schema trigger requires',
          'a table outside the registry with updated_at text: UPDATE fails with 42804 (no crash)');
SELECT is(pg_temp.outcome('CREATE TABLE public.text_status (id bigint, status text)',
                          'CREATE TRIGGER probe BEFORE UPDATE ON public.text_status FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write(''task'')',
                          'INSERT INTO public.text_status VALUES (1, ''pending'')',
                          'UPDATE public.text_status SET status = ''completed'''),
          '42804 column status of table text_status is of type text, not an enum type as its agentic_schema trigger requires',
          'a status column that is not an enum fails with 42804 (not XX000)');
SELECT is(pg_temp.outcome('CREATE TABLE public.text_started (id bigint, status agentic.task_status, started_at text, completed_at timestamptz)',
                          'CREATE TRIGGER probe BEFORE UPDATE ON public.text_started FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write(''task'')',
                          'INSERT INTO public.text_started VALUES (1, ''pending'')',
                          'UPDATE public.text_started SET status = ''in_progress'''),
          '42804 column started_at of table text_started is of type text, not timestamp with time zone as its agentic_schema trigger requires',
          'a stamp column that is not timestamptz fails with 42804 (no crash)');

----------------------------------------------------------------------------------------
-- Declared columns have their declared types (review item 1): the dispatcher never
-- reads a column as another type (42804 once per relation), check_rules() reports it
-- under the rule (or handler) that reads it.
----------------------------------------------------------------------------------------
SELECT is(pg_temp.outcome('ALTER TABLE agentic.execution_costs ALTER COLUMN input_price_per_mtok TYPE float8',
                          'INSERT INTO agentic.execution_costs (agent_id, cost, input_price_per_mtok) SELECT min(id), 1, 2 FROM agentic.agents'),
          '42804 column input_price_per_mtok of table execution_costs is of type double precision, not numeric as its agentic_schema trigger requires',
          'a price column retyped float8: INSERT fails with 42804 (no crash)');
SELECT pg_temp.problems('ALTER TABLE agentic.execution_costs ALTER COLUMN input_price_per_mtok TYPE float8') AS found \gset
SELECT pg_temp.reports(:'found', 'execution_costs_derived_cost_matches', 'execution_costs',
                       '\|input_price_per_mtok\|the column is of type double precision, not numeric',
                       'check_rules(): a float8 price column is reported under the rule that reads it');
SELECT is(pg_temp.outcome('ALTER TABLE agentic.execution_costs RENAME COLUMN input_tokens TO input_tokens_old',
                          'ALTER TABLE agentic.execution_costs ADD COLUMN input_tokens numeric',
                          'INSERT INTO agentic.execution_costs (agent_id, cost, input_tokens) SELECT min(id), 1, 5 FROM agentic.agents'),
          '42804 column input_tokens of table execution_costs is of type numeric, not bigint as its agentic_schema trigger requires',
          'a token column replaced by a numeric one: INSERT fails with 42804 (never a pointer read as a count)');
SELECT pg_temp.problems('ALTER TABLE agentic.execution_costs RENAME COLUMN input_tokens TO input_tokens_old',
                        'ALTER TABLE agentic.execution_costs ADD COLUMN input_tokens numeric') AS found \gset
SELECT pg_temp.reports(:'found', 'execution_costs_tokens_non_negative', 'execution_costs',
                       '\|input_tokens\|the column is of type numeric, not bigint',
                       'check_rules(): a numeric token column is reported');
SELECT is(pg_temp.outcome('INSERT INTO agentic.tasks (title) VALUES (''typed'')',
                          'INSERT INTO agentic.task_assignments (task_id, agent_id) SELECT max(t.id), min(a.id) FROM agentic.tasks t, agentic.agents a WHERE a.status = ''active''',
                          'ALTER TABLE agentic.task_assignments RENAME COLUMN agent_id TO agent_id_old',
                          'ALTER TABLE agentic.task_assignments ADD COLUMN agent_id numeric',
                          'UPDATE agentic.task_assignments SET error_message = error_message'),
          '42804 column agent_id of table task_assignments is of type numeric, not bigint as its agentic_schema trigger requires',
          'task_assignments.agent_id replaced by a numeric one: UPDATE fails with 42804');
SELECT pg_temp.problems('ALTER TABLE agentic.execution_costs RENAME COLUMN currency TO currency_old',
                        'ALTER TABLE agentic.execution_costs ADD COLUMN currency text') AS found \gset
SELECT pg_temp.reports(:'found', 'execution_costs_before_write', 'execution_costs',
                       '\|currency\|the column is of type text, not character',
                       'check_rules(): a column only a handler reads is reported under the handler');

----------------------------------------------------------------------------------------
-- check_rules(): a trigger that calls an extension trigger function with a timing,
-- level or event the function cannot run (every such write fails with 39P01) (item 4).
----------------------------------------------------------------------------------------
SELECT pg_temp.problems(
  'DROP TRIGGER execution_costs_before_write ON agentic.execution_costs',
  'CREATE TRIGGER execution_costs_before_write BEFORE INSERT OR UPDATE OR DELETE ON agentic.execution_costs
     FOR EACH ROW EXECUTE FUNCTION agentic.execution_costs_before_write()') AS found \gset
SELECT pg_temp.reports(:'found', 'execution_costs_before_write', 'execution_costs',
                       'trigger execution_costs_before_write fires BEFORE INSERT OR UPDATE OR DELETE FOR EACH ROW, but agentic.execution_costs_before_write\(\) runs BEFORE INSERT OR UPDATE FOR EACH ROW only',
                       'check_rules(): a BEFORE row function also fired on DELETE');
SELECT pg_temp.problems('CREATE TRIGGER zz AFTER UPDATE ON agentic.resumes FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write()') AS found \gset
SELECT pg_temp.reports(:'found', 'row_before_write', 'resumes', 'trigger zz fires AFTER UPDATE FOR EACH ROW',
                       'check_rules(): row_before_write() fired AFTER the row change');
SELECT pg_temp.problems('CREATE TRIGGER zz2 BEFORE UPDATE ON agentic.agents FOR EACH STATEMENT EXECUTE FUNCTION agentic.agents_before_write()') AS found \gset
SELECT pg_temp.reports(:'found', 'agents_before_write', 'agents', 'trigger zz2 fires BEFORE UPDATE FOR EACH STATEMENT',
                       'check_rules(): a row function fired FOR EACH STATEMENT');
SELECT pg_temp.problems('CREATE TRIGGER zz3 AFTER UPDATE ON agentic.resumes FOR EACH ROW EXECUTE FUNCTION agentic.audit_row_changes()') AS found \gset
SELECT pg_temp.reports(:'found', 'audit_row_changes', 'resumes', 'trigger zz3 fires AFTER UPDATE FOR EACH ROW, but agentic.audit_row_changes\(\) runs AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE FOR EACH STATEMENT only',
                       'check_rules(): a statement function fired FOR EACH ROW');

----------------------------------------------------------------------------------------
-- check_rules(): a conditional rule's trigger carries exactly its shipped WHEN clause (item 2).
----------------------------------------------------------------------------------------
SELECT pg_temp.problems(
  'DROP TRIGGER tasks_graph_check_update ON agentic.tasks',
  'CREATE TRIGGER tasks_graph_check_update AFTER UPDATE OF parent_task_id ON agentic.tasks
     FOR EACH ROW WHEN (NEW.parent_task_id IS NULL) EXECUTE FUNCTION agentic.task_graph_check()') AS found \gset
SELECT pg_temp.reports(:'found', 'task_graph_acyclic', 'tasks', 'but its shipped one fires on UPDATE of \(parent_task_id\)',
                       'check_rules(): the graph check''s UPDATE trigger with another WHEN clause');
SELECT pg_temp.problems(
  'DROP TRIGGER tasks_graph_check_insert ON agentic.tasks',
  'CREATE TRIGGER tasks_graph_check_insert AFTER INSERT ON agentic.tasks
     FOR EACH ROW WHEN (false) EXECUTE FUNCTION agentic.task_graph_check()') AS found \gset
SELECT pg_temp.reports(:'found', 'task_graph_acyclic', 'tasks', 'but its shipped one fires on INSERT',
                       'check_rules(): the graph check''s INSERT trigger WHEN (false)');
SELECT is(pg_temp.problems(
  'DROP TRIGGER tasks_graph_check_insert ON agentic.tasks',
  'CREATE TRIGGER tasks_graph_check_insert AFTER INSERT ON agentic.tasks
     FOR EACH ROW WHEN (NEW.parent_task_id IS NOT NULL) EXECUTE FUNCTION agentic.task_graph_check()'),
  '{}'::text[], 'check_rules(): the shipped WHEN clause, recreated, passes');

----------------------------------------------------------------------------------------
-- check_rules(): the statement triggers, audit and the ledger's roll-up (item 3).
----------------------------------------------------------------------------------------
SELECT pg_temp.problems('DROP TRIGGER tasks_audit_update ON agentic.tasks') AS found \gset
SELECT pg_temp.reports(:'found', 'audit_row_changes', 'tasks', 'FOR EACH STATEMENT trigger calling agentic.audit_row_changes\(\).* fires on UPDATE$',
                       'check_rules(): a dropped audit trigger');
SELECT pg_temp.problems('ALTER TABLE agentic.resumes DISABLE TRIGGER resumes_audit_insert') AS found \gset
SELECT pg_temp.reports(:'found', 'audit_row_changes', 'resumes', 'fires on INSERT$',
                       'check_rules(): a disabled audit trigger');
SELECT pg_temp.problems('DROP TRIGGER agents_audit_delete ON agentic.agents',
                        'CREATE TRIGGER agents_audit_delete AFTER DELETE ON agentic.agents
                           FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes()') AS found \gset
SELECT pg_temp.reports(:'found', 'audit_row_changes', 'agents', 'with the transition tables it reads fires on DELETE$',
                       'check_rules(): an audit trigger without its transition table');
SELECT pg_temp.problems('DROP TRIGGER agents_audit_truncate ON agentic.agents') AS found \gset
SELECT pg_temp.reports(:'found', 'audit_row_changes', 'agents', 'fires on TRUNCATE$',
                       'check_rules(): a dropped TRUNCATE audit trigger (1.3)');
SELECT pg_temp.problems('DROP TRIGGER audit_logs_restore_guard ON agentic.audit_logs') AS found \gset
SELECT pg_temp.reports(:'found', 'restore_guard', 'audit_logs',
                       'no enabled BEFORE \.\.\. FOR EACH STATEMENT trigger calling agentic\.restore_guard\(\) without a WHEN clause fires on INSERT$',
                       'check_rules(): a dropped restore guard (1.3)');
SELECT pg_temp.problems('ALTER TABLE agentic.tasks DISABLE TRIGGER tasks_restore_guard') AS found \gset
SELECT pg_temp.reports(:'found', 'restore_guard', 'tasks', 'fires on INSERT$',
                       'check_rules(): a disabled restore guard');
SELECT pg_temp.problems('CREATE TRIGGER zz BEFORE UPDATE ON agentic.resumes FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard()') AS found \gset
SELECT pg_temp.reports(:'found', 'restore_guard', 'resumes',
                       'trigger zz fires BEFORE UPDATE FOR EACH STATEMENT, but agentic\.restore_guard\(\) runs BEFORE INSERT FOR EACH STATEMENT only',
                       'check_rules(): the restore guard fired on UPDATE');
SELECT pg_temp.problems('DROP TRIGGER execution_costs_rollup_truncate ON agentic.execution_costs',
                        'DROP TRIGGER execution_costs_rollup_insert ON agentic.execution_costs') AS found \gset
SELECT pg_temp.reports(:'found', 'cost_rollup_changes', 'execution_costs', 'fires on INSERT OR TRUNCATE$',
                       'check_rules(): dropped roll-up triggers');
SELECT pg_temp.problems('DROP TRIGGER model_catalog_audit_update ON agentic.model_catalog',
                        'CREATE TRIGGER model_catalog_audit_update AFTER UPDATE ON agentic.model_catalog
                           REFERENCING OLD TABLE AS agentic_old_rows NEW TABLE AS agentic_new_rows
                           FOR EACH STATEMENT WHEN (false) EXECUTE FUNCTION agentic.audit_row_changes()') AS found \gset
SELECT pg_temp.reports(:'found', 'audit_row_changes', 'model_catalog', 'fires on UPDATE$',
                       'check_rules(): an audit trigger WHEN (false)');

----------------------------------------------------------------------------------------
-- A rule's error names the table's own schema (item 5).
----------------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.error_table(VARIADIC statements text[]) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text; sch text; tbl text; con text;
BEGIN
  FOREACH s IN ARRAY statements LOOP EXECUTE s; END LOOP;
  RAISE EXCEPTION 'pgtap: no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS sch = SCHEMA_NAME, tbl = TABLE_NAME, con = CONSTRAINT_NAME;
  RETURN concat_ws('|', sch, tbl, con);
END $$;
SELECT is(pg_temp.error_table('CREATE SCHEMA probe_schema',
                              'CREATE TABLE probe_schema.things (id bigint, updated_at timestamptz)',
                              'CREATE TRIGGER probe BEFORE UPDATE ON probe_schema.things FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write()',
                              'INSERT INTO probe_schema.things VALUES (1, now())',
                              'UPDATE probe_schema.things SET id = 2'),
          'probe_schema|things|things_id_immutable',
          'an error on a table outside the extension names the table''s schema');
SELECT is(pg_temp.error_table('UPDATE agentic.agents SET id = -id'),
          'agentic|agents|agents_id_immutable',
          'an error on an extension table names schema agentic');

SELECT is(pg_temp.problems(VARIADIC ARRAY[]::text[]), '{}'::text[], 'check_rules() is empty after every probe');

SELECT * FROM finish();
ROLLBACK;
