-- bench/sql/floor.sql: the floor of the transactional mix, run in the callgrind cluster
-- only. bench_floor.tasks, task_assignments and execution_costs (the three tables the
-- workflow writes) and agents and model_catalog (the ones their foreign keys check) are
-- rule-free copies: same columns, defaults, identity, generated columns, indexes and
-- foreign keys (among the copies; to the agentic tables for the rest), no triggers and no
-- CHECK constraints (as the bare ledger), same rows. Foreign keys of the copies do not
-- point at agentic.agents or agentic.model_catalog: a referenced table's extra foreign
-- keys made PostgreSQL's checks against it dearer for the bare ledger's bulk load. The workflow run on them (bench/run.sh: agentic. -> bench_floor.) does what
-- PostgreSQL alone does for the same statements: the floor a rule engine is measured
-- against.

\set ON_ERROR_STOP on
SET client_min_messages = warning;

DROP SCHEMA IF EXISTS bench_floor CASCADE;
CREATE SCHEMA bench_floor;

DO $$
DECLARE
  t text;
  c record;
  v_cols text;
  copies constant text[] := ARRAY['model_catalog', 'agents', 'tasks', 'task_assignments', 'execution_costs'];
BEGIN
  PERFORM set_config('search_path', 'pg_catalog', true);  -- schema-qualified definitions
  FOREACH t IN ARRAY copies LOOP
    EXECUTE format('CREATE TABLE bench_floor.%I (LIKE agentic.%I INCLUDING DEFAULTS INCLUDING IDENTITY '
                   'INCLUDING GENERATED INCLUDING INDEXES INCLUDING STORAGE)', t, t);
  END LOOP;
  FOREACH t IN ARRAY copies LOOP
    -- Foreign keys are constraints, not rules: the floor checks them too, against the
    -- copies where the referenced table is one.
    FOR c IN SELECT conname, confrelid::regclass::text AS target, pg_get_constraintdef(oid) AS def
               FROM pg_constraint
              WHERE conrelid = format('agentic.%I', t)::regclass AND contype = 'f' ORDER BY conname LOOP
      EXECUTE format('ALTER TABLE bench_floor.%I ADD CONSTRAINT %I %s', t, c.conname,
                     CASE WHEN substr(c.target, 9) = ANY (copies)
                          THEN replace(c.def, 'REFERENCES agentic.', 'REFERENCES bench_floor.')
                          ELSE c.def END);
    END LOOP;
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO v_cols
      FROM pg_attribute WHERE attrelid = format('agentic.%I', t)::regclass AND attnum > 0
       AND NOT attisdropped AND attgenerated = '';
    SET LOCAL session_replication_role = replica;  -- rows known good
    EXECUTE format('INSERT INTO bench_floor.%I (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM agentic.%I ORDER BY id',
                   t, v_cols, v_cols, t);
    SET LOCAL session_replication_role = origin;
    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), coalesce(max(id), 0) + 1, false) '
                   'FROM bench_floor.%I', 'bench_floor.' || t, t);
  END LOOP;
  -- Without rules a NULL cost stays NULL (the native side derives it).
  IF bench.native_derives_cost() THEN
    ALTER TABLE bench_floor.execution_costs ALTER COLUMN cost DROP NOT NULL;
  END IF;
END $$;

-- No ANALYZE: the agentic and reference tables of the callgrind cluster have no
-- statistics either, so every side's queries and foreign-key checks are planned alike.

SELECT bench.note('floor_tables',
  string_agg(format('%s (%s rows, %s indexes, %s foreign keys, %s triggers)', c.oid::regclass,
                    (xpath('/table/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %s', c.oid::regclass), false, false, '')))[1]::text,
                    (SELECT count(*) FROM pg_index WHERE indrelid = c.oid),
                    (SELECT count(*) FROM pg_constraint WHERE conrelid = c.oid AND contype = 'f'),
                    (SELECT count(*) FROM pg_trigger WHERE tgrelid = c.oid AND NOT tgisinternal)), '; ' ORDER BY c.relname))
  FROM pg_class c WHERE c.relnamespace = 'bench_floor'::regnamespace AND c.relkind = 'r';
