-- agentic_schema 1.3 -> 1.2
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.2'" to load this file. \quit

-- Back to the SQL compact_daily_cost_rollup() of 1.1; the roles that could
-- execute 1.3's keep EXECUTE on it.
ALTER FUNCTION agentic.compact_daily_cost_rollup(boolean) RENAME TO compact_daily_cost_rollup_1_3;
-- Merges every appended row into one per (day, currency, model), dropping groups
-- that net to nothing. Writers keep appending meanwhile (they never touch
-- existing rows); compactions take turns on advisory lock ('agnt', 2). With
-- p_skip_if_busy it returns at once, merging nothing, when another one runs.
-- Run it under READ COMMITTED.
CREATE FUNCTION agentic.compact_daily_cost_rollup(p_skip_if_busy boolean DEFAULT false)
RETURNS bigint
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
  -- A separate statement: inside one expression the planner would fold the call away.
  SELECT pg_advisory_xact_lock(1634168436, 2) WHERE NOT p_skip_if_busy;
  WITH turn AS (
    SELECT CASE WHEN p_skip_if_busy THEN pg_try_advisory_xact_lock(1634168436, 2)
                ELSE true END AS ours
  ), moved AS (
    DELETE FROM agentic.daily_cost_rollup WHERE (SELECT ours FROM turn)
    RETURNING day, currency, model_id, executions, total_cost, input_tokens, output_tokens,
              cached_input_tokens
  ), merged AS (
    INSERT INTO agentic.daily_cost_rollup (day, currency, model_id, executions, total_cost,
                                           input_tokens, output_tokens, cached_input_tokens)
    SELECT day, currency, model_id, sum(executions), sum(total_cost), sum(input_tokens),
           sum(output_tokens), sum(cached_input_tokens)
      FROM moved GROUP BY day, currency, model_id
    HAVING sum(executions) <> 0 OR sum(total_cost) <> 0 OR sum(input_tokens) <> 0
        OR sum(output_tokens) <> 0 OR sum(cached_input_tokens) <> 0
    RETURNING 1
  )
  SELECT count(*) FROM moved
$$;
COMMENT ON FUNCTION agentic.compact_daily_cost_rollup(boolean) IS
  'Merges daily_cost_rollup into one row per day, currency and model without blocking writers; '
  'returns the number of rows merged (0 when skipped because another compaction runs)';
REVOKE EXECUTE ON FUNCTION agentic.compact_daily_cost_rollup(boolean) FROM PUBLIC;
DO $$
DECLARE
  g record;
BEGIN
  FOR g IN
    SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(r.rolname) END AS grantee,
           a.is_grantable
      FROM pg_catalog.pg_proc p
     CROSS JOIN LATERAL pg_catalog.aclexplode(p.proacl) a
      LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
     WHERE p.oid = 'agentic.compact_daily_cost_rollup_1_3(boolean)'::pg_catalog.regprocedure
       AND a.privilege_type = 'EXECUTE' AND a.grantee <> p.proowner
  LOOP
    EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION agentic.compact_daily_cost_rollup(boolean) TO %s%s',
                              g.grantee, CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
  END LOOP;
END
$$;
DROP FUNCTION agentic.compact_daily_cost_rollup_1_3(boolean);

DROP INDEX agentic.task_prompts_model_idx;
DROP INDEX agentic.resume_prompts_model_idx;

-- The 1.2 comment (the code is the module's: blank stays Unicode White_Space).
COMMENT ON FUNCTION agentic.jsonb_array_of(jsonb, text) IS
  'True when doc is a JSON array whose every element has the JSON type element_type '
  '(string, number, object, array, boolean) and, for strings, is not blank; used by CHECK constraints';

-- The 1.2 comments (the code is the module's: the window stays calendar days).
COMMENT ON FUNCTION agentic.calculate_agent_utilization(bigint) IS
  'calculate_agent_utilization for one agent over the last 30 days';
COMMENT ON FUNCTION agentic.calculate_agent_utilization(timestamptz, timestamptz) IS
  'calculate_agent_utilization for every agent employed at some time in the window';

-- Without TRUNCATE auditing. 1.2 cannot record a TRUNCATE, and an enum label cannot be
-- dropped in place: the type is recreated without it, and the downgrade refuses while
-- audit rows of a TRUNCATE exist (they are never silently dropped or rewritten).
DO $$
DECLARE n bigint;
BEGIN
  SELECT count(*) INTO n FROM agentic.audit_logs WHERE operation::text = 'TRUNCATE';
  IF n > 0 THEN
    RAISE EXCEPTION 'cannot downgrade agentic_schema to 1.2: agentic.audit_logs holds % TRUNCATE audit row(s), which 1.2 cannot record', n
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'Stay at 1.3, or archive those rows and delete them (operation = ''TRUNCATE'') first.';
  END IF;
END $$;
DROP TRIGGER execution_costs_audit_truncate ON agentic.execution_costs;
DROP TRIGGER model_catalog_audit_truncate ON agentic.model_catalog;
DROP TRIGGER model_price_history_audit_truncate ON agentic.model_price_history;
DROP TRIGGER job_applications_audit_truncate ON agentic.job_applications;
DROP TRIGGER job_descriptions_audit_truncate ON agentic.job_descriptions;
DROP TRIGGER resume_prompts_audit_truncate ON agentic.resume_prompts;
DROP TRIGGER resumes_audit_truncate ON agentic.resumes;
DROP TRIGGER task_assignments_audit_truncate ON agentic.task_assignments;
DROP TRIGGER task_dependencies_audit_truncate ON agentic.task_dependencies;
DROP TRIGGER task_prompts_audit_truncate ON agentic.task_prompts;
DROP TRIGGER tasks_audit_truncate ON agentic.tasks;
DROP TRIGGER agents_audit_truncate ON agentic.agents;
ALTER TABLE agentic.audit_logs DROP CONSTRAINT audit_logs_data_matches_operation;
ALTER TYPE agentic.audit_operation RENAME TO audit_operation_1_3;
CREATE TYPE agentic.audit_operation AS ENUM ('INSERT', 'UPDATE', 'DELETE');
COMMENT ON TYPE agentic.audit_operation IS 'The kind of row change an audit log entry records';
ALTER TABLE agentic.audit_logs
  ALTER COLUMN operation TYPE agentic.audit_operation USING operation::text::agentic.audit_operation;
DROP TYPE agentic.audit_operation_1_3;
ALTER TABLE agentic.audit_logs ALTER COLUMN row_id SET NOT NULL;
ALTER TABLE agentic.audit_logs ADD CONSTRAINT audit_logs_data_matches_operation CHECK (
    (operation = 'INSERT' AND old_data IS NULL AND new_data IS NOT NULL) OR
    (operation = 'UPDATE' AND old_data IS NOT NULL AND new_data IS NOT NULL) OR
    (operation = 'DELETE' AND old_data IS NOT NULL AND new_data IS NULL));
COMMENT ON COLUMN agentic.audit_logs.operation IS 'INSERT, UPDATE or DELETE';
COMMENT ON COLUMN agentic.audit_logs.row_id IS 'id of the changed row';

-- The unbounded 1.0 search vectors. Refused, before anything changes, while a stored row's
-- text does not fit in a tsvector (1.2 could not hold it). Only text over 64 kB can reach
-- the 1 MB limit (a word adds at most 8 bytes per byte of text), so only those rows are tried.
DO $$
DECLARE
  r record;
  too_long text[] := '{}';
BEGIN
  FOR r IN
    SELECT 'tasks' AS t, id, title AS a, description AS b FROM agentic.tasks
     WHERE octet_length(title) + octet_length(description) > 65536
    UNION ALL
    SELECT 'job_descriptions', id, title, description FROM agentic.job_descriptions
     WHERE octet_length(title) + octet_length(description) > 65536
    UNION ALL
    SELECT 'resumes', id, candidate_name || ' ' || coalesce(headline, ''), summary FROM agentic.resumes
     WHERE octet_length(candidate_name) + coalesce(octet_length(headline), 0) + octet_length(summary) > 65536
    UNION ALL
    SELECT 'task_prompts', id, name || ' ' || coalesce(description, ''), template FROM agentic.task_prompts
     WHERE octet_length(name) + coalesce(octet_length(description), 0) + octet_length(template) > 65536
    UNION ALL
    SELECT 'resume_prompts', id, name || ' ' || coalesce(description, ''), template FROM agentic.resume_prompts
     WHERE octet_length(name) + coalesce(octet_length(description), 0) + octet_length(template) > 65536
  LOOP
    BEGIN
      PERFORM setweight(to_tsvector('english'::regconfig, r.a), 'A') ||
              setweight(to_tsvector('english'::regconfig, r.b), 'B');
    EXCEPTION WHEN program_limit_exceeded THEN
      too_long := too_long || format('agentic.%s id %s', r.t, r.id);
    END;
  END LOOP;
  IF cardinality(too_long) > 0 THEN
    RAISE EXCEPTION 'cannot downgrade agentic_schema to 1.2: % row(s) have text too long for an unbounded tsvector', cardinality(too_long)
      USING ERRCODE = 'program_limit_exceeded',
            DETAIL = 'Rows: ' || array_to_string(too_long[1:20], ', '),
            HINT = 'Stay at 1.3, or shorten that text (1.2 refuses it) first.';
  END IF;
END $$;
DROP INDEX agentic.job_descriptions_search_idx;
ALTER TABLE agentic.job_descriptions DROP COLUMN search_vector;
ALTER TABLE agentic.job_descriptions ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, title), 'A') ||
    setweight(to_tsvector('english'::regconfig, description), 'B')) STORED;
COMMENT ON COLUMN agentic.job_descriptions.search_vector IS 'Full-text search document of title and description';
CREATE INDEX job_descriptions_search_idx ON agentic.job_descriptions USING gin (search_vector);
DROP INDEX agentic.resumes_search_idx;
ALTER TABLE agentic.resumes DROP COLUMN search_vector;
ALTER TABLE agentic.resumes ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, candidate_name || ' ' || coalesce(headline, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, summary), 'B')) STORED;
COMMENT ON COLUMN agentic.resumes.search_vector IS 'Full-text search document of name, headline and summary';
CREATE INDEX resumes_search_idx ON agentic.resumes USING gin (search_vector);
DROP INDEX agentic.tasks_search_idx;
ALTER TABLE agentic.tasks DROP COLUMN search_vector;
ALTER TABLE agentic.tasks ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, title), 'A') ||
    setweight(to_tsvector('english'::regconfig, description), 'B')) STORED;
COMMENT ON COLUMN agentic.tasks.search_vector IS 'Full-text search document of title and description';
CREATE INDEX tasks_search_idx ON agentic.tasks USING gin (search_vector);
DROP INDEX agentic.task_prompts_search_idx;
ALTER TABLE agentic.task_prompts DROP COLUMN search_vector;
ALTER TABLE agentic.task_prompts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, name || ' ' || coalesce(description, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, template), 'B')) STORED;
COMMENT ON COLUMN agentic.task_prompts.search_vector IS 'Full-text search document of name, description and template';
CREATE INDEX task_prompts_search_idx ON agentic.task_prompts USING gin (search_vector);
DROP INDEX agentic.resume_prompts_search_idx;
ALTER TABLE agentic.resume_prompts DROP COLUMN search_vector;
ALTER TABLE agentic.resume_prompts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, name || ' ' || coalesce(description, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, template), 'B')) STORED;
COMMENT ON COLUMN agentic.resume_prompts.search_vector IS 'Full-text search document of name, description and template';
CREATE INDEX resume_prompts_search_idx ON agentic.resume_prompts USING gin (search_vector);
DROP FUNCTION agentic.bounded_tsvector(regconfig, text, text);

-- The 1.2 BEFORE row triggers of tasks and job_applications: on UPDATE only.
DROP TRIGGER tasks_before_write ON agentic.tasks;
CREATE TRIGGER tasks_before_write BEFORE UPDATE ON agentic.tasks
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write('task');
DROP TRIGGER job_applications_before_write ON agentic.job_applications;
CREATE TRIGGER job_applications_before_write BEFORE UPDATE ON agentic.job_applications
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write('application');

ALTER FUNCTION agentic.grant_access(regrole, text) STRICT;
ALTER FUNCTION agentic.revoke_access(regrole) STRICT;

-- Without the restore guard.
DROP TRIGGER audit_logs_restore_guard ON agentic.audit_logs;
DROP TRIGGER daily_cost_rollup_restore_guard ON agentic.daily_cost_rollup;
DROP TRIGGER execution_costs_restore_guard ON agentic.execution_costs;
DROP TRIGGER model_catalog_restore_guard ON agentic.model_catalog;
DROP TRIGGER model_price_history_restore_guard ON agentic.model_price_history;
DROP TRIGGER job_applications_restore_guard ON agentic.job_applications;
DROP TRIGGER job_descriptions_restore_guard ON agentic.job_descriptions;
DROP TRIGGER resume_prompts_restore_guard ON agentic.resume_prompts;
DROP TRIGGER resumes_restore_guard ON agentic.resumes;
DROP TRIGGER task_assignments_restore_guard ON agentic.task_assignments;
DROP TRIGGER task_dependencies_restore_guard ON agentic.task_dependencies;
DROP TRIGGER task_prompts_restore_guard ON agentic.task_prompts;
DROP TRIGGER tasks_restore_guard ON agentic.tasks;
DROP TRIGGER agents_restore_guard ON agentic.agents;
DROP FUNCTION agentic.restore_guard();
