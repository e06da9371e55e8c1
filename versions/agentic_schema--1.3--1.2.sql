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
