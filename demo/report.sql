-- What a user of the platform comes for: who is busy, where the tasks stand,
-- and what the agents cost.
\set ON_ERROR_STOP on
\pset footer off

\echo
\echo '== Agent utilization, October 2026 (agentic.calculate_agent_utilization) =='
SELECT a.name AS agent, u.available_time, u.busy_time,
       round((100 * u.utilization)::numeric, 2) AS utilization_pct, u.assignments
  FROM agentic.calculate_agent_utilization('2026-10-01 00:00+00', '2026-11-01 00:00+00') AS u
  JOIN agentic.agents a ON a.id = u.agent_id
 ORDER BY a.id;

\echo '== Task status summary (agentic.task_status_summary) =='
SELECT status, task_count, percent_of_tasks, avg_duration FROM agentic.task_status_summary;

\echo '== Active agents and their jobs (agentic.active_agents_with_jobs) =='
SELECT agent_name, job_title, department, model_name, active_assignments
  FROM agentic.active_agents_with_jobs ORDER BY agent_id;

\echo '== Cost summary by agent (agentic.cost_summary_by_agent) =='
SELECT agent_name, currency, executions, round(total_cost, 6) AS total_cost, input_tokens, output_tokens
  FROM agentic.cost_summary_by_agent ORDER BY total_cost DESC;

\echo '== Daily cost summary (agentic.daily_cost_summary) =='
SELECT day, currency, executions, round(total_cost, 6) AS total_cost, input_tokens, output_tokens, models
  FROM agentic.daily_cost_summary ORDER BY day;

SELECT string_to_array(extversion, '.')::int[] >= '{1,5}' AS has_talk
  FROM pg_extension WHERE extname = 'agentic_schema' \gset
\if :has_talk
\echo '== Signing in (agentic.authenticate: a user id, or NULL for any failure) =='
SELECT agentic.authenticate('ALICE@example.com', 'correct horse battery') AS alice,
       agentic.authenticate('alice', 'wrong password') AS wrong_password,
       agentic.authenticate('nobody', 'correct horse battery') AS unknown_login;
SELECT username, failed_login_count, last_login_at IS NOT NULL AS signed_in FROM agentic.users ORDER BY id;

\echo '== An API key (agentic.verify_api_key: user and scopes; only a digest is stored) =='
SELECT * FROM agentic.verify_api_key('agk_JxfotRg1igArZ7gfvZLezngxjf0lE3oaX0pCGhDO0vMT1G');
SELECT key_prefix || '...' || key_last4 AS shown_as, name, scopes FROM agentic.user_api_keys ORDER BY id;

\echo '== A conversation and its counters (kept by the rules), its cost (from the ledger) =='
SELECT c.title, c.message_count, c.input_tokens, c.output_tokens, c.last_message_at,
       round(k.total_cost, 8) AS total_cost, k.currency
  FROM agentic.conversations c LEFT JOIN agentic.conversation_costs k ON k.conversation_id = c.id
 ORDER BY c.id;
SELECT m.id, m.parent_id, m.role, left(m.content, 60) AS content FROM agentic.messages m ORDER BY m.id;
\endif
