-- agentic_schema 1.2 -> 1.3
--
-- Nothing lost, nothing stuck: fixes of defects found by trying 1.1 and 1.2 as a
-- demanding DBA would.
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.3'" to load this file. \quit

-- Tasks re-opened by a retry before 1.3 kept the failed attempt's completed_at while
-- open; from 1.3 the roll-up keeps completed_at NULL outside the final statuses.
-- Correct the rows that still carry one (audited like any update).
UPDATE agentic.tasks SET completed_at = NULL
 WHERE completed_at IS NOT NULL AND status NOT IN ('completed', 'failed', 'cancelled');

-- The prompt tables' model_id foreign keys get their indexes (deleting a model, or
-- joining prompts by model, no longer scans the prompt tables).
CREATE INDEX task_prompts_model_idx ON agentic.task_prompts (model_id) WHERE model_id IS NOT NULL;
CREATE INDEX resume_prompts_model_idx ON agentic.resume_prompts (model_id) WHERE model_id IS NOT NULL;

-- jsonb_array_of(doc, 'string'): blank means empty or only Unicode White_Space (1.0-1.2
-- knew only space, tab, CR and LF, so a skill of U+3000, U+00A0, form feed or vertical
-- tab passed). The module already judges so; rows stored before that break the CHECK
-- constraints built on it, which PostgreSQL does not re-check, and a restore of a dump
-- would then fail on them. So the update refuses, naming the rows, until they are fixed
-- (nothing is changed for the DBA: which element to drop is theirs to decide).
DO $check_blank_elements$
DECLARE
  con record;
  ids text;
  found text := '';
BEGIN
  FOR con IN
    SELECT format('%I.%I', n.nspname, r.relname) AS rel, c.conname,
           pg_get_expr(c.conbin, c.conrelid) AS expr
      FROM pg_constraint c
      JOIN pg_class r ON r.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = r.relnamespace
      JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.conrelid
                      AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
      JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'agentic_schema'
     WHERE c.contype = 'c' AND pg_get_expr(c.conbin, c.conrelid) LIKE '%jsonb_array_of(%'
     ORDER BY 1, 2
  LOOP
    EXECUTE format('SELECT string_agg(id::text, '', '' ORDER BY id) '
                   'FROM (SELECT id FROM %s WHERE NOT (%s) ORDER BY id LIMIT 10) AS bad',
                   con.rel, con.expr) INTO ids;
    IF ids IS NOT NULL THEN
      found := found || format('%s%s (constraint %s): id %s', CASE WHEN found = '' THEN '' ELSE '; ' END,
                               con.rel, con.conname, ids);
    END IF;
  END LOOP;
  IF found <> '' THEN
    RAISE EXCEPTION 'agentic_schema 1.3: stored rows hold blank JSON array elements'
      USING ERRCODE = 'check_violation',
            DETAIL = 'Elements made only of Unicode white space (such as U+3000, U+00A0, form feed, '
                     'vertical tab) are blank from 1.3 on, and these rows (at most 10 ids each) '
                     'would break their CHECK constraints, so a restore of a dump would fail: '
                     || found || '.',
            HINT = 'Remove or replace those elements, then run ALTER EXTENSION agentic_schema UPDATE '
                   'again; nothing was changed.';
  END IF;
END
$check_blank_elements$;
COMMENT ON FUNCTION agentic.jsonb_array_of(jsonb, text) IS
  'True when doc is a JSON array whose every element has the JSON type element_type '
  '(string, number, object, array, boolean) and, for strings, is not blank (empty or only '
  'Unicode White_Space characters); used by CHECK constraints';

-- calculate_agent_utilization: "the last 30 days" is one window in every form,
-- [now() - interval '30 days', now()) in calendar days of the session time zone; before
-- 1.3 the one-agent form used 720 hours, an hour off the all-agents form across a
-- daylight-saving change (the module computes it; only the comments change here).
COMMENT ON FUNCTION agentic.calculate_agent_utilization(bigint) IS
  'calculate_agent_utilization for one agent over the last 30 days: '
  '[now() - interval ''30 days'', now()), calendar days in the session time zone (719 or '
  '721 hours across a daylight-saving change), the same window as the all-agents form''s defaults';
COMMENT ON FUNCTION agentic.calculate_agent_utilization(timestamptz, timestamptz) IS
  'calculate_agent_utilization for every agent employed at some time in the window; by default '
  'the last 30 days, [now() - interval ''30 days'', now()) in calendar days of the session time '
  'zone, as in the one-agent form';

-- TRUNCATE is audited: the audit operation TRUNCATE (one row per truncated table,
-- row_id NULL, naming the caller) and an AFTER TRUNCATE statement trigger on every
-- audited table.
-- A TRUNCATE is audited too: one row per truncated table, without a row id or data.
-- The type is created anew with the label rather than given it by ALTER TYPE ... ADD
-- VALUE: a label added so cannot be used before its transaction commits (55P04), and
-- the transaction that installs or updates the extension may go on to use it (a
-- TRUNCATE in the same transaction, a restore with --single-transaction).
ALTER TYPE agentic.audit_operation RENAME TO audit_operation_1_2;
CREATE TYPE agentic.audit_operation AS ENUM ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE');
COMMENT ON TYPE agentic.audit_operation IS
  'The kind of change an audit log entry records: a row inserted, updated or deleted, or a table truncated';
-- The column moves to the new type (audit_logs is rewritten once, under an ACCESS
-- EXCLUSIVE lock).
ALTER TABLE agentic.audit_logs DROP CONSTRAINT audit_logs_data_matches_operation;
ALTER TABLE agentic.audit_logs
  ALTER COLUMN operation TYPE agentic.audit_operation USING operation::text::agentic.audit_operation;
DROP TYPE agentic.audit_operation_1_2;
ALTER TABLE agentic.audit_logs ALTER COLUMN row_id DROP NOT NULL;
ALTER TABLE agentic.audit_logs ADD CONSTRAINT audit_logs_data_matches_operation CHECK (
  (operation = 'INSERT' AND row_id IS NOT NULL AND old_data IS NULL AND new_data IS NOT NULL) OR
  (operation = 'UPDATE' AND row_id IS NOT NULL AND old_data IS NOT NULL AND new_data IS NOT NULL) OR
  (operation = 'DELETE' AND row_id IS NOT NULL AND old_data IS NOT NULL AND new_data IS NULL) OR
  (operation = 'TRUNCATE' AND row_id IS NULL AND old_data IS NULL AND new_data IS NULL
   AND changed_columns IS NULL));
COMMENT ON COLUMN agentic.audit_logs.operation IS 'INSERT, UPDATE, DELETE or TRUNCATE';
COMMENT ON COLUMN agentic.audit_logs.row_id IS 'id of the changed row; NULL for TRUNCATE (the whole table)';
CREATE TRIGGER execution_costs_audit_truncate AFTER TRUNCATE ON agentic.execution_costs
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER model_catalog_audit_truncate AFTER TRUNCATE ON agentic.model_catalog
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER model_price_history_audit_truncate AFTER TRUNCATE ON agentic.model_price_history
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER job_applications_audit_truncate AFTER TRUNCATE ON agentic.job_applications
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER job_descriptions_audit_truncate AFTER TRUNCATE ON agentic.job_descriptions
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER resume_prompts_audit_truncate AFTER TRUNCATE ON agentic.resume_prompts
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER resumes_audit_truncate AFTER TRUNCATE ON agentic.resumes
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_assignments_audit_truncate AFTER TRUNCATE ON agentic.task_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_dependencies_audit_truncate AFTER TRUNCATE ON agentic.task_dependencies
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER task_prompts_audit_truncate AFTER TRUNCATE ON agentic.task_prompts
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER tasks_audit_truncate AFTER TRUNCATE ON agentic.tasks
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();
CREATE TRIGGER agents_audit_truncate AFTER TRUNCATE ON agentic.agents
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.audit_row_changes();

-- compact_daily_cost_rollup() was granted to every access level but wrote
-- daily_cost_rollup with the caller's rights, which no granted role has: from
-- 1.3 it is native and writes with the table owner's rights, as the rollup
-- trigger does. Same signature, default and privileges.
-- Native from 1.3, with the same semantics as 1.1's SQL function: merges every
-- appended row into one per (day, currency, model), dropping groups that net to
-- nothing; compactions take turns on advisory lock ('agnt', 2) and with
-- p_skip_if_busy it returns 0 at once when another one runs. It now writes the
-- rollup with the table owner's rights (as the rollup trigger does), so every
-- role grant_access() gives EXECUTE can run it. Run it under READ COMMITTED.
CREATE OR REPLACE FUNCTION agentic.compact_daily_cost_rollup(p_skip_if_busy boolean DEFAULT false)
RETURNS bigint
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_compact_daily_cost_rollup';
COMMENT ON FUNCTION agentic.compact_daily_cost_rollup(boolean) IS
  'Merges daily_cost_rollup into one row per day, currency and model without blocking writers, '
  'with the table owner''s rights; returns the number of rows merged (0 when skipped because '
  'another compaction runs)';

-- Large text is accepted: the search_vector generated columns use
-- agentic.bounded_tsvector(), equal to the 1.0 expression whenever that fits in a tsvector
-- and otherwise the vector of the leading words that fit (the 1.0 expression failed with
-- 54000 "string is too long for tsvector"). PUBLIC keeps EXECUTE: generated columns are
-- computed with the rights of the role that writes the row.
CREATE FUNCTION agentic.bounded_tsvector(config regconfig, a_text text, b_text text)
RETURNS tsvector
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_bounded_tsvector';
COMMENT ON FUNCTION agentic.bounded_tsvector(regconfig, text, text) IS
  'setweight(to_tsvector(config, a_text), ''A'') || setweight(to_tsvector(config, b_text), ''B'') '
  'when that fits in a tsvector (1 MB of lexemes and positions), else the same of the leading words '
  'that fit (a_text first); never fails for long text. Computes the search_vector generated columns, '
  'so PUBLIC may execute it';
-- The search vector is bounded: text too large for a tsvector (1 MB of lexemes and
-- positions) is accepted and its leading words are indexed. PostgreSQL 15 cannot change
-- a generation expression: the column and its index are recreated.
DROP INDEX agentic.job_descriptions_search_idx;
ALTER TABLE agentic.job_descriptions DROP COLUMN search_vector;
ALTER TABLE agentic.job_descriptions ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    agentic.bounded_tsvector('english'::regconfig, title, description)) STORED;
COMMENT ON COLUMN agentic.job_descriptions.search_vector IS 'Full-text search document of title and description (weights A and B); bounded: when the text exceeds the 1 MB tsvector limit, its leading words that fit';
CREATE INDEX job_descriptions_search_idx ON agentic.job_descriptions USING gin (search_vector);
-- The search vector is bounded: text too large for a tsvector (1 MB of lexemes and
-- positions) is accepted and its leading words are indexed. PostgreSQL 15 cannot change
-- a generation expression: the column and its index are recreated.
DROP INDEX agentic.resumes_search_idx;
ALTER TABLE agentic.resumes DROP COLUMN search_vector;
ALTER TABLE agentic.resumes ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    agentic.bounded_tsvector('english'::regconfig, candidate_name || ' ' || coalesce(headline, ''), summary)) STORED;
COMMENT ON COLUMN agentic.resumes.search_vector IS 'Full-text search document of name, headline and summary (weights A and B); bounded: when the text exceeds the 1 MB tsvector limit, its leading words that fit';
CREATE INDEX resumes_search_idx ON agentic.resumes USING gin (search_vector);
-- The search vector is bounded: text too large for a tsvector (1 MB of lexemes and
-- positions) is accepted and its leading words are indexed. PostgreSQL 15 cannot change
-- a generation expression: the column and its index are recreated.
DROP INDEX agentic.tasks_search_idx;
ALTER TABLE agentic.tasks DROP COLUMN search_vector;
ALTER TABLE agentic.tasks ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    agentic.bounded_tsvector('english'::regconfig, title, description)) STORED;
COMMENT ON COLUMN agentic.tasks.search_vector IS 'Full-text search document of title and description (weights A and B); bounded: when the text exceeds the 1 MB tsvector limit, its leading words that fit';
CREATE INDEX tasks_search_idx ON agentic.tasks USING gin (search_vector);
-- The search vector is bounded: text too large for a tsvector (1 MB of lexemes and
-- positions) is accepted and its leading words are indexed. PostgreSQL 15 cannot change
-- a generation expression: the column and its index are recreated.
DROP INDEX agentic.task_prompts_search_idx;
ALTER TABLE agentic.task_prompts DROP COLUMN search_vector;
ALTER TABLE agentic.task_prompts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    agentic.bounded_tsvector('english'::regconfig, name || ' ' || coalesce(description, ''), template)) STORED;
COMMENT ON COLUMN agentic.task_prompts.search_vector IS 'Full-text search document of name, description and template (weights A and B); bounded: when the text exceeds the 1 MB tsvector limit, its leading words that fit';
CREATE INDEX task_prompts_search_idx ON agentic.task_prompts USING gin (search_vector);
-- The search vector is bounded: text too large for a tsvector (1 MB of lexemes and
-- positions) is accepted and its leading words are indexed. PostgreSQL 15 cannot change
-- a generation expression: the column and its index are recreated.
DROP INDEX agentic.resume_prompts_search_idx;
ALTER TABLE agentic.resume_prompts DROP COLUMN search_vector;
ALTER TABLE agentic.resume_prompts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    agentic.bounded_tsvector('english'::regconfig, name || ' ' || coalesce(description, ''), template)) STORED;
COMMENT ON COLUMN agentic.resume_prompts.search_vector IS 'Full-text search document of name, description and template (weights A and B); bounded: when the text exceeds the 1 MB tsvector limit, its leading words that fit';
CREATE INDEX resume_prompts_search_idx ON agentic.resume_prompts USING gin (search_vector);

-- Entering a stamped status stamps on INSERT too (1.0-1.2 stamped tasks and applications
-- on UPDATE only, agents and assignments on both): the BEFORE row triggers of tasks and
-- job_applications fire on INSERT OR UPDATE. job_descriptions' machine stamps nothing.
-- Entering a status stamps on INSERT too: a task inserted completed, failed or cancelled
-- gets completed_at, one inserted in_progress gets started_at (a value given wins).
DROP TRIGGER tasks_before_write ON agentic.tasks;
CREATE TRIGGER tasks_before_write BEFORE INSERT OR UPDATE ON agentic.tasks
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write('task');
-- Entering a status stamps on INSERT too: an application inserted hired, rejected or
-- withdrawn gets decided_at (a value given wins).
DROP TRIGGER job_applications_before_write ON agentic.job_applications;
CREATE TRIGGER job_applications_before_write BEFORE INSERT OR UPDATE ON agentic.job_applications
  FOR EACH ROW EXECUTE FUNCTION agentic.row_before_write('application');

-- grant_access() and revoke_access() raise 22004 on a NULL role or level instead of
-- returning NULL without doing anything (the module checks the arguments).
ALTER FUNCTION agentic.grant_access(regrole, text) CALLED ON NULL INPUT;
ALTER FUNCTION agentic.revoke_access(regrole) CALLED ON NULL INPUT;

-- Restores are whole or refused: a BEFORE INSERT statement trigger on every table refuses,
-- before any row is written, a pg_restore session that loads rows into the extension
-- without having created it, each statement committed on its own (pg_restore --jobs loads
-- the tables out of foreign-key order; a data-only pg_restore needs --single-transaction).
CREATE FUNCTION agentic.restore_guard()
RETURNS trigger
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_restore_guard';
COMMENT ON FUNCTION agentic.restore_guard() IS
  'BEFORE INSERT statement trigger on every table: refuses, before the statement writes a row, '
  'a pg_restore session that loads rows into the extension without having created it, each '
  'statement committed on its own (every session of pg_restore --jobs; a data-only pg_restore '
  'without --single-transaction)';
REVOKE EXECUTE ON FUNCTION agentic.restore_guard() FROM PUBLIC;
CREATE TRIGGER audit_logs_restore_guard BEFORE INSERT ON agentic.audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER daily_cost_rollup_restore_guard BEFORE INSERT ON agentic.daily_cost_rollup
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER execution_costs_restore_guard BEFORE INSERT ON agentic.execution_costs
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER model_catalog_restore_guard BEFORE INSERT ON agentic.model_catalog
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER model_price_history_restore_guard BEFORE INSERT ON agentic.model_price_history
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER job_applications_restore_guard BEFORE INSERT ON agentic.job_applications
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER job_descriptions_restore_guard BEFORE INSERT ON agentic.job_descriptions
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER resume_prompts_restore_guard BEFORE INSERT ON agentic.resume_prompts
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER resumes_restore_guard BEFORE INSERT ON agentic.resumes
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER task_assignments_restore_guard BEFORE INSERT ON agentic.task_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER task_dependencies_restore_guard BEFORE INSERT ON agentic.task_dependencies
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER task_prompts_restore_guard BEFORE INSERT ON agentic.task_prompts
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER tasks_restore_guard BEFORE INSERT ON agentic.tasks
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
CREATE TRIGGER agents_restore_guard BEFORE INSERT ON agentic.agents
  FOR EACH STATEMENT EXECUTE FUNCTION agentic.restore_guard();
