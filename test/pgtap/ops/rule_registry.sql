-- The rule registry (version 1.2): agentic.rules() lists every native rule, and
-- agentic.check_rules() is empty when every table and column a rule declares
-- exists. Checked against the catalog: ids are unique, SQLSTATEs well formed,
-- tables are the extension's, every guarded id and every status machine has its
-- generic rule, and every constraint name the native errors report is a rule.
-- The last section renames a declared column and a declared table (rolled back)
-- and checks that check_rules() reports them.
--
-- Where agentic.rules() or agentic.check_rules() does not exist this file fails.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

SELECT to_regprocedure('agentic.rules()') IS NOT NULL AS has_rules,
       to_regprocedure('agentic.check_rules()') IS NOT NULL AS has_check_rules \gset
SELECT ok(:'has_rules'::boolean, 'agentic.rules() exists')
       || CASE WHEN :'has_rules'::boolean THEN '' ELSE E'\n' || diag('agentic.rules() missing') END;
SELECT ok(:'has_check_rules'::boolean, 'agentic.check_rules() exists')
       || CASE WHEN :'has_check_rules'::boolean THEN '' ELSE E'\n' || diag('agentic.check_rules() missing') END;

\if :has_rules
\if :has_check_rules

SELECT has_function('agentic', 'rules', ARRAY[]::name[]);
SELECT has_function('agentic', 'check_rules', ARRAY[]::name[]);
SELECT set_eq($$SELECT c.name::text, c.type::text
                  FROM pg_proc p, unnest(p.proargnames, p.proallargtypes::regtype[], p.proargmodes) AS c(name, type, mode)
                 WHERE p.oid = 'agentic.rules()'::regprocedure AND c.mode = 't'$$,
              $$VALUES ('rule_id', 'text'), ('variant', 'text'), ('sqlstate', 'text'), ('table_name', 'text'), ('events', 'text[]'),
                       ('columns', 'text[]'), ('hint', 'text'), ('description', 'text')$$,
              'agentic.rules() returns (rule_id, variant, sqlstate, table_name, events, columns, hint, description)');
SELECT set_eq($$SELECT c.name::text, c.type::text
                  FROM pg_proc p, unnest(p.proargnames, p.proallargtypes::regtype[], p.proargmodes) AS c(name, type, mode)
                 WHERE p.oid = 'agentic.check_rules()'::regprocedure AND c.mode = 't'$$,
              $$VALUES ('rule_id', 'text'), ('table_name', 'text'), ('column_name', 'text'), ('problem', 'text')$$,
              'agentic.check_rules() returns (rule_id, table_name, column_name, problem)');

CREATE TEMP TABLE rule AS SELECT * FROM agentic.rules();
-- a rule's table, as the bare name of a member table (accepting agentic.<name>)
CREATE TEMP VIEW member_table AS
SELECT c.oid AS relid, c.relname::text AS tbl
  FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
 WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'e' AND c.relkind IN ('r', 'p')
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'agentic_schema');
CREATE TEMP VIEW rule_table AS
SELECT r.*, regexp_replace(r.table_name, '^agentic\.', '') AS tbl FROM rule r;

CREATE FUNCTION pg_temp.none(violations text, what text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE found text;
BEGIN
  EXECUTE format('SELECT string_agg(v::text, E''\n'' ORDER BY v::text) FROM (%s) AS q(v)', violations) INTO found;
  RETURN ok(found IS NULL, what) || CASE WHEN found IS NULL THEN '' ELSE E'\n' || diag('violations:' || E'\n' || found) END;
END $$;

SELECT ok((SELECT count(*) FROM rule) > 0, 'agentic.rules() lists rules');
SELECT is_empty('SELECT * FROM agentic.check_rules()',
                'agentic.check_rules() is empty: every table and column the rules declare exists');

----------------------------------------------------------------------------------------
-- The registry's own shape
----------------------------------------------------------------------------------------
SELECT pg_temp.none($$SELECT rule_id || coalesce('/' || variant, '') || ' on ' || table_name || ' x' || count(*)
                         FROM rule GROUP BY rule_id, variant, table_name HAVING count(*) > 1$$,
                    'every rule (id and variant) is listed once per table');
SELECT pg_temp.none($$SELECT rule_id || '/' || variant FROM rule WHERE variant IS NOT NULL
                       AND NOT EXISTS (SELECT FROM rule m WHERE m.rule_id = rule.rule_id
                                          AND m.table_name = rule.table_name AND m.variant IS NULL)$$,
                    'every variant has its rule''s main form on the same table');
SELECT pg_temp.none($$SELECT coalesce(rule_id, '(null)') FROM rule WHERE rule_id IS NULL OR rule_id !~ '^[a-z][a-z0-9_]*$'$$,
                    'every rule_id is a lower-case identifier');
SELECT pg_temp.none($$SELECT rule_id || ': ' || coalesce(sqlstate, '(null)') FROM rule
                       WHERE sqlstate IS NULL OR sqlstate !~ '^[0-9A-Z]{5}$' OR sqlstate ~ '^00'$$,
                    'every sqlstate is a 5-character SQLSTATE of an error class');
SELECT pg_temp.none($$SELECT rule_id || ': ' || table_name FROM rule_table
                       WHERE table_name IS NOT NULL AND tbl NOT IN (SELECT tbl FROM member_table)$$,
                    'every table_name is a member table of the extension');
SELECT pg_temp.none($$SELECT rule_id || ': ' || e FROM rule, unnest(events) AS e
                       WHERE upper(e) NOT IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')$$,
                    'every event is INSERT, UPDATE, DELETE or TRUNCATE');
SELECT pg_temp.none($$SELECT rule_id FROM rule WHERE coalesce(btrim(description), '') = ''$$,
                    'every rule has a description');

----------------------------------------------------------------------------------------
-- Generic rules: one per table they apply to
----------------------------------------------------------------------------------------
-- ids are guarded on every table with an id and a BEFORE UPDATE row trigger (which
-- tables have that trigger is a convention of ops/schema_invariants.sql)
SELECT pg_temp.none($$SELECT t.tbl || '_id_immutable' FROM member_table t
                       WHERE EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.relid AND a.attname = 'id'
                                                                    AND NOT a.attisdropped)
                         AND EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = t.relid AND NOT g.tgisinternal
                                        AND g.tgtype & 1 <> 0 AND g.tgtype & 2 <> 0 AND g.tgtype & 16 <> 0)
                         AND NOT EXISTS (SELECT 1 FROM rule_table r WHERE r.rule_id = t.tbl || '_id_immutable'
                                                                      AND r.tbl = t.tbl)$$,
                    'every member table whose id a row trigger guards has its <table>_id_immutable rule');
SELECT pg_temp.none($$SELECT r.rule_id FROM rule_table r
                       WHERE r.rule_id LIKE '%\_id\_immutable'
                         AND (r.rule_id <> r.tbl || '_id_immutable'
                              OR NOT EXISTS (SELECT 1 FROM member_table t JOIN pg_attribute a ON a.attrelid = t.relid
                                              WHERE t.tbl = r.tbl AND a.attname = 'id' AND NOT a.attisdropped))$$,
                    'every <table>_id_immutable rule names its table, and that table has an id');
-- every table with a status machine: a status column of enum type <machine>_status
SELECT pg_temp.none($$SELECT t.tbl || '_status_transition' FROM member_table t
                        JOIN pg_attribute a ON a.attrelid = t.relid AND a.attname = 'status' AND NOT a.attisdropped
                        JOIN pg_type ty ON ty.oid = a.atttypid AND ty.typtype = 'e'
                       WHERE regexp_replace(ty.typname, '_status$', '') IN (SELECT machine FROM agentic.status_transitions())
                         AND NOT EXISTS (SELECT 1 FROM rule_table r WHERE r.rule_id = t.tbl || '_status_transition'
                                                                      AND r.tbl = t.tbl)$$,
                    'every table with a status machine has its <table>_status_transition rule');
SELECT pg_temp.none($$SELECT r.rule_id FROM rule_table r
                       WHERE r.rule_id LIKE '%\_status\_transition'
                         AND (r.rule_id <> r.tbl || '_status_transition'
                              OR NOT 'status' = ANY (r.columns))$$,
                    'every <table>_status_transition rule names its table and declares its status column');

----------------------------------------------------------------------------------------
-- The constraint names the native errors report (GET STACKED DIAGNOSTICS ...
-- CONSTRAINT_NAME) in the behaviour tests and sql/rule_errors.sql are rules
----------------------------------------------------------------------------------------
CREATE TEMP TABLE reported_constraint (rule_id text PRIMARY KEY);
INSERT INTO reported_constraint VALUES
  ('agents_no_termination_with_active_assignments'), ('agents_one_active_per_job'),
  ('agents_status_transition'), ('execution_costs_cached_within_input'), ('execution_costs_cost_ceiling'),
  ('execution_costs_cost_derivable'), ('execution_costs_cost_finite'), ('execution_costs_cost_positive'),
  ('execution_costs_derived_cost_matches'), ('execution_costs_derived_price_in_effect'),
  ('execution_costs_tokens_non_negative'), ('model_catalog_price_history_forward'),
  ('model_catalog_price_change_after_costs'),
  ('task_assignments_agent_active'), ('task_assignments_task_accepts_work'),
  ('task_assignments_task_agent_immutable'), ('task_graph_acyclic'), ('tasks_id_immutable'),
  ('tasks_status_transition'), ('resumes_id_immutable'), ('job_descriptions_status_transition'),
  ('job_applications_status_transition'), ('task_assignments_status_transition'),
  -- 1.5: raised by the identity functions (identity/*.sql), the talk and ledger rules
  ('users_password_policy'), ('users_acting_user_scope'), ('users_acting_user_trusted'),
  ('users_acting_user_exists'), ('users_acting_user_active'), ('users_privileged_columns'),
  ('users_sign_in_columns_maintained'), ('users_time_zone_known'),
  ('user_sessions_token_format'), ('user_sessions_session_valid'), ('user_sessions_user_may_sign_in'),
  ('user_sessions_purge_age'), ('user_sessions_expiry_maintained'), ('user_sessions_issued_by_functions'),
  ('user_sessions_identity_immutable'), ('user_sessions_revocation_final'),
  ('user_api_keys_key_format'), ('user_api_keys_key_valid'), ('user_api_keys_key_exists'),
  ('user_api_keys_rotation_live'), ('user_api_keys_rotation_grace'), ('user_api_keys_grant_narrows'),
  ('user_api_keys_issued_by_functions'), ('user_api_keys_identity_immutable'), ('user_api_keys_revocation_final'),
  ('workflows_version_maintained'), ('conversations_counters_maintained'), ('messages_identity_immutable'),
  ('messages_conversation_active'), ('messages_created_at_not_future'),
  ('execution_costs_message_in_conversation'), ('execution_costs_conversation_of_acting_user'),
  ('execution_costs_user_of_acting_user'), ('execution_costs_attributed'),
  ('user_sessions_activity_maintained'), ('user_api_keys_activity_maintained');
SELECT pg_temp.none('SELECT rule_id FROM reported_constraint EXCEPT SELECT rule_id FROM rule',
                    'every constraint name a native error reports is a rule_id of agentic.rules()');
-- and the other way round, through the server: a native error names a registered rule
CREATE FUNCTION pg_temp.constraint_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE cname text;
BEGIN
  EXECUTE sql;
  RETURN NULL;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS cname = CONSTRAINT_NAME;
  RETURN cname;
END $$;
INSERT INTO agentic.tasks (title, status) VALUES ('registry probe', 'completed') RETURNING id AS probe_task \gset
SELECT coalesce(pg_temp.constraint_of(format('UPDATE agentic.tasks SET status = ''pending'' WHERE id = %s', :probe_task)), '(no error)')
       AS transition_name \gset
SELECT coalesce(pg_temp.constraint_of(format('UPDATE agentic.tasks SET id = -id WHERE id = %s', :probe_task)), '(no error)')
       AS immutable_name \gset
SELECT ok(:'transition_name' IN (SELECT rule_id FROM rule) AND :'immutable_name' IN (SELECT rule_id FROM rule),
          format('the constraint names of a live transition error (%s) and id error (%s) are registered rules',
                 :'transition_name', :'immutable_name'));

----------------------------------------------------------------------------------------
-- Controls: check_rules() reports a declared column and a declared table that
-- were renamed (rolled back; pgTAP's results would be rolled back too, so the
-- findings are kept in psql variables and reported afterwards)
----------------------------------------------------------------------------------------
SELECT r.columns[1] AS probe_column, r.rule_id AS probe_rule
  FROM rule_table r
 WHERE r.tbl = 'tasks' AND cardinality(r.columns) > 0
 ORDER BY r.rule_id LIMIT 1 \gset
SAVEPOINT rename_column;
SELECT format('ALTER TABLE agentic.tasks RENAME COLUMN %I TO pgtap_renamed', :'probe_column') AS rename_sql \gset
:rename_sql;
SELECT EXISTS (SELECT 1 FROM agentic.check_rules()
                WHERE regexp_replace(table_name, '^agentic\.', '') = 'tasks' AND column_name = :'probe_column')
       AS column_reported \gset
ROLLBACK TO SAVEPOINT rename_column;
SELECT ok(:'column_reported'::boolean,
          format('check_rules() reports tasks.%s (declared by %s) once the column is renamed',
                 :'probe_column', :'probe_rule'));

SELECT r.tbl AS probe_table FROM rule_table r WHERE r.tbl IS NOT NULL ORDER BY r.tbl LIMIT 1 \gset
SAVEPOINT rename_table;
SELECT format('ALTER TABLE agentic.%I RENAME TO pgtap_renamed', :'probe_table') AS rename_sql \gset
:rename_sql;
SELECT EXISTS (SELECT 1 FROM agentic.check_rules()
                WHERE regexp_replace(table_name, '^agentic\.', '') = :'probe_table')
       AS table_reported \gset
ROLLBACK TO SAVEPOINT rename_table;
SELECT ok(:'table_reported'::boolean,
          format('check_rules() reports table %s once it is renamed', :'probe_table'));
SELECT is_empty('SELECT * FROM agentic.check_rules()', 'after the rollback, check_rules() is empty again');

\endif
\endif

SELECT * FROM finish();
ROLLBACK;
