-- Structure of the workforce: agents, the view of active agents, and the
-- utilization function. Schema-wide conventions: ops/schema_invariants.sql;
-- exact lists: expected/extension_members.out.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

SELECT columns_are('agentic', 'agents', ARRAY[
  'id', 'name', 'job_description_id', 'resume_id', 'model_id', 'status', 'configuration',
  'capabilities', 'hired_at', 'terminated_at', 'termination_reason', 'created_at', 'updated_at',
  'owner_user_id', 'description', 'system_prompt']);
SELECT has_view('agentic', 'active_agents_with_jobs', 'view active_agents_with_jobs exists');
SELECT columns_are('agentic', 'active_agents_with_jobs', ARRAY[
  'agent_id', 'agent_name', 'status', 'hired_at', 'job_description_id', 'job_title', 'department',
  'resume_id', 'candidate_name', 'model_provider', 'model_name', 'active_assignments']);

-- Foreign keys: an agent fills a job, from a resume, on a model
SELECT fk_ok('agentic', 'agents', 'job_description_id', 'agentic', 'job_descriptions', 'id');
SELECT fk_ok('agentic', 'agents', 'resume_id', 'agentic', 'resumes', 'id');
SELECT fk_ok('agentic', 'agents', 'model_id', 'agentic', 'model_catalog', 'id');

-- One active agent per job: a unique partial index
SELECT index_is_unique('agentic', 'agents', 'agents_one_active_per_job');
SELECT has_index('agentic', 'agents', 'agents_one_active_per_job', 'job_description_id');
SELECT matches(pg_get_indexdef('agentic.agents_one_active_per_job'::regclass),
               $$WHERE \(status = 'active'::(agentic\.)?agent_status\)$$,
               'agents_one_active_per_job is partial: only active agents');

SELECT trigger_is('agentic', 'agents', 'agents_before_write', 'agentic', 'agents_before_write');

-- calculate_agent_utilization: one agent over a window, one agent over the last
-- 30 days, every agent over a window
SELECT has_function('agentic', 'calculate_agent_utilization',
                    ARRAY['bigint', 'timestamp with time zone', 'timestamp with time zone']);
SELECT has_function('agentic', 'calculate_agent_utilization', ARRAY['bigint']);
SELECT has_function('agentic', 'calculate_agent_utilization',
                    ARRAY['timestamp with time zone', 'timestamp with time zone']);
SELECT is_strict('agentic', 'calculate_agent_utilization',
                 ARRAY['bigint', 'timestamp with time zone', 'timestamp with time zone']);
SELECT is_strict('agentic', 'calculate_agent_utilization', ARRAY['bigint']);
SELECT is_strict('agentic', 'calculate_agent_utilization',
                 ARRAY['timestamp with time zone', 'timestamp with time zone']);
SELECT volatility_is('agentic', 'calculate_agent_utilization',
                     ARRAY['bigint', 'timestamp with time zone', 'timestamp with time zone'], 'stable');

-- Busy periods for utilization: GiST over the started assignments
SELECT index_is_type('agentic', 'task_assignments', 'task_assignments_busy_period_idx', 'gist');
SELECT matches(pg_get_indexdef('agentic.task_assignments_busy_period_idx'::regclass),
               $$USING gist \(agent_id, tstzrange\(started_at, completed_at\)\) WHERE \(started_at IS NOT NULL\)$$,
               'busy-period index covers (agent_id, tstzrange(started_at, completed_at)) of started assignments');

SELECT * FROM finish();
ROLLBACK;
