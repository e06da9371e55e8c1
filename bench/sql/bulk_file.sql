-- bench/sql/bulk_file.sql: writes the rows every bulk load copies (psql -v rows=N -v file=PATH).
-- Costs of recent assignments, spread over the 7 days before the anchor, skewed over
-- the models like the generated ledger. When the installed native ledger derives
-- NULL costs (bench.notes derives_null_cost), half of the rows come with a NULL cost
-- (derived by the rules); the others carry a reported cost.
\set ON_ERROR_STOP on
SELECT setseed(0.1234) AS seeded \gset
SELECT value = 'true' AS derive FROM bench.notes WHERE key = 'derives_null_cost' \gset
COPY (
  SELECT a.agent_id, a.task_id, a.id AS task_assignment_id, x.model_id, x.operation, x.occurred_at,
         x.input_tokens, x.output_tokens, x.cached_input_tokens,
         CASE WHEN :'derive' AND x.r < 0.5 THEN NULL ELSE round((0.0005 + x.r * 0.05)::numeric, 10) END AS cost,
         x.duration_ms
    FROM (SELECT g, 1 + floor(12 * random() ^ 2.5)::bigint AS model_id,
                 (ARRAY['chat', 'chat', 'tool_call', 'embedding'])[1 + floor(random() * 4)::int] AS operation,
                 bench.cfg('anchor')::timestamptz - random() * interval '7 days' AS occurred_at,
                 it AS input_tokens, floor(it * random() * 0.5)::bigint AS cached_input_tokens,
                 50 + floor(random() ^ 2 * 4000)::bigint AS output_tokens,
                 random() AS r, floor(random() * 20000)::int AS duration_ms,
                 floor(random() * (SELECT count(*) FROM bench.recent_assignments))::int AS pick
            FROM generate_series(1, :rows) g
           CROSS JOIN LATERAL (SELECT 200 + floor(random() ^ 2 * 20000)::bigint + g * 0 AS it) i) x
    JOIN bench.recent_assignments ra ON ra.n = x.pick
    JOIN agentic.task_assignments a ON a.id = ra.id
   ORDER BY x.g
) TO :'file' (FORMAT csv);
