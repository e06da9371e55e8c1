-- bench/pgbench/verify_key.sql: one API key verification (a request's authentication),
-- written against agentic.*; run.sh runs the same on reference.*. Keys are drawn
-- uniformly from :keys of them; each verification is its own transaction.
\set k random(1, :keys)
SELECT user_id, scopes FROM agentic.verify_api_key((SELECT key FROM bench.api_keys WHERE id = :k));
