-- compact_daily_cost_rollup() runs for every role grant_access() gives it to
-- (read, write, admin): it writes daily_cost_rollup with the table owner's
-- rights, as the rollup trigger does, while none of those roles may write the
-- rollup itself. Compaction changes no total.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
SET LOCAL agentic.rollup_compact_every = 0;

INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok,
       price_effective_from)
VALUES ('cmp', 'cmp-1', 1, 2, '2020-01-01');
INSERT INTO agentic.job_descriptions (title) VALUES ('compaction job');
INSERT INTO agentic.agents (name, job_description_id, model_id)
SELECT 'compaction-agent', j.id, m.id FROM agentic.job_descriptions j, agentic.model_catalog m
 WHERE j.title = 'compaction job' AND m.model_name = 'cmp-1';

CREATE ROLE agentic_cmp_read NOLOGIN;
CREATE ROLE agentic_cmp_write NOLOGIN;
CREATE ROLE agentic_cmp_admin NOLOGIN;
CREATE ROLE agentic_cmp_nobody NOLOGIN;
SELECT agentic.grant_access('agentic_cmp_read', 'read');
SELECT agentic.grant_access('agentic_cmp_write', 'write');
SELECT agentic.grant_access('agentic_cmp_admin', 'admin');

-- Appends a few rollup rows (one statement each) for the compaction to merge.
CREATE FUNCTION pg_temp.add_costs() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..3 LOOP
    INSERT INTO agentic.execution_costs (agent_id, model_id, occurred_at, input_tokens, output_tokens)
    SELECT a.id, a.model_id, '2026-06-01 10:00+00'::timestamptz + i * interval '1 hour', 1000 * i, 10 * i
      FROM agentic.agents a WHERE a.name = 'compaction-agent';
  END LOOP;
END $$;
CREATE TEMP VIEW rollup_totals AS
SELECT * FROM agentic.daily_cost_summary WHERE day = '2026-06-01';
GRANT SELECT ON rollup_totals TO agentic_cmp_read, agentic_cmp_write, agentic_cmp_admin;

SELECT pg_temp.add_costs();
CREATE TEMP TABLE totals_before AS SELECT * FROM rollup_totals;
SET ROLE agentic_cmp_read;
SELECT lives_ok($$SELECT agentic.compact_daily_cost_rollup()$$,
  'a role granted read runs compact_daily_cost_rollup()');
SELECT throws_ok($$DELETE FROM agentic.daily_cost_rollup$$, '42501', NULL,
  'a role granted read still cannot write daily_cost_rollup');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM agentic.daily_cost_rollup WHERE day = '2026-06-01'), 1,
  'the read role''s compaction merged the day into one row');
SELECT set_eq('SELECT * FROM rollup_totals', 'SELECT * FROM totals_before',
  'the read role''s compaction changed no total');

SELECT pg_temp.add_costs();
SET ROLE agentic_cmp_write;
SELECT is(agentic.compact_daily_cost_rollup(), 4::bigint,
  'a role granted write runs it: the merged row and three appended ones');
SELECT is(agentic.compact_daily_cost_rollup(true), 1::bigint,
  'with p_skip_if_busy and no other compaction running it merges too');
SELECT throws_ok($$INSERT INTO agentic.daily_cost_rollup (day, currency, executions, total_cost,
                   input_tokens, output_tokens, cached_input_tokens) VALUES (current_date, 'USD', 1, 1, 0, 0, 0)$$,
  '42501', NULL, 'a role granted write still cannot forge the rollup');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND classid = 1634168436
             AND objid = 2 AND pid = pg_backend_pid() AND granted), 1,
  'the compaction took its turn on the advisory lock (''agnt'', 2)');

SELECT pg_temp.add_costs();
DELETE FROM agentic.execution_costs
 WHERE agent_id = (SELECT id FROM agentic.agents WHERE name = 'compaction-agent');
SET ROLE agentic_cmp_admin;
SELECT lives_ok($$SELECT agentic.compact_daily_cost_rollup()$$,
  'a role granted admin runs compact_daily_cost_rollup()');
SELECT throws_ok($$UPDATE agentic.daily_cost_rollup SET total_cost = 0$$, '42501', NULL,
  'a role granted admin still cannot write daily_cost_rollup');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM agentic.daily_cost_rollup WHERE day = '2026-06-01'), 0,
  'groups that net to zero are dropped');

SET ROLE agentic_cmp_nobody;
SELECT throws_ok($$SELECT agentic.compact_daily_cost_rollup()$$, '42501', NULL,
  'a role without access cannot run it');
RESET ROLE;

SELECT is((SELECT l.lanname::text FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
            WHERE p.oid = 'agentic.compact_daily_cost_rollup(boolean)'::regprocedure), 'c',
  'compact_daily_cost_rollup() is native');
SELECT ok(NOT (SELECT prosecdef FROM pg_proc
                WHERE oid = 'agentic.compact_daily_cost_rollup(boolean)'::regprocedure),
  'and not SECURITY DEFINER: only its write of the rollup runs as the owner');

SELECT * FROM finish();
ROLLBACK;
