-- Structure of the hiring tables: job_descriptions, resumes, job_applications,
-- resume_prompts. Conventions every table follows (comments, keys, audit and row
-- triggers, dump marks, indexed foreign keys) are checked once, for all tables,
-- in ops/schema_invariants.sql; the exact lists of triggers, indexes and keys are
-- in the golden file expected/extension_members.out.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

SELECT columns_are('agentic', 'job_descriptions', ARRAY[
  'id', 'title', 'department', 'description', 'responsibilities', 'required_skills',
  'preferred_skills', 'experience_level', 'model_requirements', 'status', 'search_vector',
  'created_at', 'updated_at']);
SELECT columns_are('agentic', 'resumes', ARRAY[
  'id', 'candidate_name', 'headline', 'summary', 'skills', 'experience', 'capabilities',
  'preferred_model_id', 'search_vector', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'job_applications', ARRAY[
  'id', 'job_description_id', 'resume_id', 'status', 'cover_letter', 'score', 'reviewer_notes',
  'applied_at', 'decided_at', 'created_at', 'updated_at']);
SELECT columns_are('agentic', 'resume_prompts', ARRAY[
  'id', 'name', 'version', 'job_description_id', 'model_id', 'description', 'template',
  'variables', 'is_active', 'search_vector', 'created_at', 'updated_at']);
SELECT col_type_is('agentic', 'job_descriptions', 'search_vector', 'tsvector', 'job_descriptions.search_vector is tsvector');

-- Unique keys
SELECT col_is_unique('agentic', 'job_applications', ARRAY['job_description_id', 'resume_id'],
                     'job_applications (job_description_id, resume_id) is unique');
SELECT col_is_unique('agentic', 'resume_prompts', ARRAY['name', 'version'],
                     'resume_prompts (name, version) is unique');

-- Foreign keys: the Core Relationships of hiring, then the other references
SELECT fk_ok('agentic', 'job_applications', 'job_description_id', 'agentic', 'job_descriptions', 'id');
SELECT fk_ok('agentic', 'job_applications', 'resume_id', 'agentic', 'resumes', 'id');
SELECT fk_ok('agentic', 'resumes', 'preferred_model_id', 'agentic', 'model_catalog', 'id');
SELECT fk_ok('agentic', 'resume_prompts', 'job_description_id', 'agentic', 'job_descriptions', 'id');
SELECT fk_ok('agentic', 'resume_prompts', 'model_id', 'agentic', 'model_catalog', 'id');

-- Full-text search and skill lookups: GIN
SELECT index_is_type('agentic', 'job_descriptions', 'job_descriptions_search_idx', 'gin');
SELECT has_index('agentic', 'job_descriptions', 'job_descriptions_search_idx', 'search_vector');
SELECT index_is_type('agentic', 'resumes', 'resumes_search_idx', 'gin');
SELECT has_index('agentic', 'resumes', 'resumes_search_idx', 'search_vector');
SELECT index_is_type('agentic', 'resume_prompts', 'resume_prompts_search_idx', 'gin');
SELECT has_index('agentic', 'resume_prompts', 'resume_prompts_search_idx', 'search_vector');
SELECT index_is_type('agentic', 'job_descriptions', 'job_descriptions_required_skills_idx', 'gin');
SELECT index_is_type('agentic', 'resumes', 'resumes_skills_idx', 'gin');

-- The generic row trigger enforces the job and application machines
SELECT trigger_is('agentic', 'job_descriptions', 'job_descriptions_before_write', 'agentic', 'row_before_write');
SELECT trigger_is('agentic', 'job_applications', 'job_applications_before_write', 'agentic', 'row_before_write');

SELECT * FROM finish();
ROLLBACK;
