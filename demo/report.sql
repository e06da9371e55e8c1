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
