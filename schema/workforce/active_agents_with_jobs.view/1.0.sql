CREATE VIEW agentic.active_agents_with_jobs AS
SELECT a.id AS agent_id,
       a.name AS agent_name,
       a.status,
       a.hired_at,
       j.id AS job_description_id,
       j.title AS job_title,
       j.department,
       r.id AS resume_id,
       r.candidate_name,
       m.provider AS model_provider,
       m.model_name,
       (SELECT count(*) FROM agentic.task_assignments ta
         WHERE ta.agent_id = a.id AND ta.status IN ('assigned', 'in_progress')) AS active_assignments
  FROM agentic.agents a
  JOIN agentic.job_descriptions j ON j.id = a.job_description_id
  LEFT JOIN agentic.resumes r ON r.id = a.resume_id
  LEFT JOIN agentic.model_catalog m ON m.id = a.model_id
 WHERE a.status = 'active';
COMMENT ON VIEW agentic.active_agents_with_jobs IS 'Active agents with their job, resume, model and open workload';
COMMENT ON COLUMN agentic.active_agents_with_jobs.agent_id IS 'The agent';
COMMENT ON COLUMN agentic.active_agents_with_jobs.agent_name IS 'Agent name';
COMMENT ON COLUMN agentic.active_agents_with_jobs.status IS 'Always active';
COMMENT ON COLUMN agentic.active_agents_with_jobs.hired_at IS 'When the agent first became active';
COMMENT ON COLUMN agentic.active_agents_with_jobs.job_description_id IS 'The job held';
COMMENT ON COLUMN agentic.active_agents_with_jobs.job_title IS 'Title of the job';
COMMENT ON COLUMN agentic.active_agents_with_jobs.department IS 'Department of the job';
COMMENT ON COLUMN agentic.active_agents_with_jobs.resume_id IS 'Resume the agent was hired from';
COMMENT ON COLUMN agentic.active_agents_with_jobs.candidate_name IS 'Name on that resume';
COMMENT ON COLUMN agentic.active_agents_with_jobs.model_provider IS 'Provider of the agent''s model';
COMMENT ON COLUMN agentic.active_agents_with_jobs.model_name IS 'The agent''s model';
COMMENT ON COLUMN agentic.active_agents_with_jobs.active_assignments IS 'Assignments assigned or in progress';
