-- Large text is accepted: the search_vector generated columns are bounded
-- (agentic.bounded_tsvector) instead of failing with 54000 "string is too long for
-- tsvector"; for text that fits they equal the 1.0 expression exactly.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

-- ~1.3 MB with ~60k distinct words (the 1.0 expression refuses it).
CREATE TEMP TABLE big AS
  SELECT 'zebracorn ' || string_agg('w' || md5(i::text), ' ' ORDER BY i) AS doc
    FROM generate_series(1, 60000) i;
SELECT cmp_ok(octet_length(doc), '>', 1300000, 'the large text is over 1.3 MB') FROM big;
SELECT throws_ok(
  $$SELECT setweight(to_tsvector('english'::regconfig, 'big'), 'A') ||
           setweight(to_tsvector('english'::regconfig, (SELECT doc FROM big)), 'B')$$,
  '54000', NULL, 'the unbounded expression refuses it');

SELECT lives_ok($$INSERT INTO agentic.tasks (title, description)
                  SELECT 'large task', doc FROM big$$,
  'a task with a 1.3 MB description is accepted');
SELECT is(octet_length(description), (SELECT octet_length(doc) FROM big),
          'the description is stored whole')
  FROM agentic.tasks WHERE title = 'large task';
SELECT cmp_ok(length(search_vector), '>', 10000, 'its search vector holds many lexemes')
  FROM agentic.tasks WHERE title = 'large task';
SELECT ok(search_vector @@ to_tsquery('english', 'zebracorn'), 'an early word is searchable')
  FROM agentic.tasks WHERE title = 'large task';
SELECT ok(search_vector @@ to_tsquery('english', 'large:A & task:A'), 'the title words keep weight A')
  FROM agentic.tasks WHERE title = 'large task';
SELECT is((SELECT count(*) FROM agentic.tasks
            WHERE search_vector @@ to_tsquery('english', 'zebracorn'))::int, 1,
          'the search finds the large task');

SELECT lives_ok($$INSERT INTO agentic.job_descriptions (title, description)
                  SELECT 'large job', doc FROM big$$,
  'a job description of 1.3 MB is accepted');
SELECT ok(search_vector @@ to_tsquery('english', 'zebracorn'), 'its early word is searchable')
  FROM agentic.job_descriptions WHERE title = 'large job';
SELECT lives_ok($$INSERT INTO agentic.resumes (candidate_name, headline, summary)
                  SELECT 'large candidate', doc, doc FROM big$$,
  'a resume whose headline and summary are 1.3 MB each is accepted');
SELECT lives_ok($$INSERT INTO agentic.task_prompts (name, description, template)
                  SELECT 'large prompt', doc, doc FROM big$$,
  'a task prompt of 2.6 MB is accepted');

-- Normal text: exactly the 1.0 expression, on every sample row of each table.
INSERT INTO agentic.tasks (title, description) VALUES
  ('Plan the migration', 'Move the billing database to the new cluster; test failover twice. Running, runs, ran.'),
  ('Übersetzung prüfen', 'Prüfe die Übersetzung der Hilfeseiten: ÄÖÜ ß, 東京, emoji 🙂 and a url https://example.com/a?b=c'),
  ('x', ''),
  ('Repeated words', repeat('alpha beta gamma ', 400));
SELECT is_empty(
  $$SELECT id FROM agentic.tasks
     WHERE title <> 'large task' AND search_vector IS DISTINCT FROM
           setweight(to_tsvector('english'::regconfig, title), 'A') ||
           setweight(to_tsvector('english'::regconfig, description), 'B')$$,
  'tasks: the bounded vector equals the 1.0 expression for text that fits');
SELECT is_empty(
  $$SELECT id FROM agentic.job_descriptions
     WHERE title <> 'large job' AND search_vector IS DISTINCT FROM
           setweight(to_tsvector('english'::regconfig, title), 'A') ||
           setweight(to_tsvector('english'::regconfig, description), 'B')$$,
  'job_descriptions: equal to the 1.0 expression');
INSERT INTO agentic.resumes (candidate_name, headline, summary) VALUES
  ('Ada', NULL, 'Builds parsers; parses parsing parsed.'), ('Bob', 'Data engineer', 'SQL, Spark and dbt');
SELECT is_empty(
  $$SELECT id FROM agentic.resumes
     WHERE candidate_name <> 'large candidate' AND search_vector IS DISTINCT FROM
           setweight(to_tsvector('english'::regconfig, candidate_name || ' ' || coalesce(headline, '')), 'A') ||
           setweight(to_tsvector('english'::regconfig, summary), 'B')$$,
  'resumes: equal to the 1.0 expression');
INSERT INTO agentic.task_prompts (name, description, template) VALUES
  ('summarise', NULL, 'Summarise {{doc}} in three sentences'), ('triage', 'Sort tickets', 'Triage {{ticket}} by urgency');
INSERT INTO agentic.resume_prompts (name, description, template) VALUES
  ('screen', 'Screen a resume', 'Screen {{resume}} against {{job}}');
SELECT is_empty(
  $$SELECT name FROM agentic.task_prompts
     WHERE name <> 'large prompt' AND search_vector IS DISTINCT FROM
           setweight(to_tsvector('english'::regconfig, name || ' ' || coalesce(description, '')), 'A') ||
           setweight(to_tsvector('english'::regconfig, template), 'B')
    UNION ALL
    SELECT name FROM agentic.resume_prompts
     WHERE search_vector IS DISTINCT FROM
           setweight(to_tsvector('english'::regconfig, name || ' ' || coalesce(description, '')), 'A') ||
           setweight(to_tsvector('english'::regconfig, template), 'B')$$,
  'task_prompts and resume_prompts: equal to the 1.0 expression');
-- Near the limit: a text that just fits unbounded is kept whole (each word twice, so the
-- exact size is computed, not only estimated).
SELECT is(agentic.bounded_tsvector('english', 'near', d),
          setweight(to_tsvector('english', 'near'), 'A') || setweight(to_tsvector('english', d), 'B'),
          'a text just under the limit gives the unbounded vector')
  FROM (SELECT string_agg('w' || md5(i::text) || ' w' || md5(i::text), ' ') AS d
          FROM generate_series(1, 25000) i) s;
SELECT ok(agentic.bounded_tsvector('english', NULL, 'x') IS NULL, 'STRICT: NULL in, NULL out');

-- A role given write access inserts a task with large text (PUBLIC executes the function).
CREATE ROLE agentic_large_text_writer;
SELECT agentic.grant_access('agentic_large_text_writer', 'write');
GRANT SELECT ON big TO agentic_large_text_writer;
SET ROLE agentic_large_text_writer;
SELECT lives_ok($$INSERT INTO agentic.tasks (title, description)
                  SELECT 'written by a writer', doc FROM big$$,
  'a writer inserts a task with large text');
RESET ROLE;
SELECT ok(search_vector @@ to_tsquery('english', 'writer & zebracorn'), 'its vector is computed')
  FROM agentic.tasks WHERE title = 'written by a writer';

SELECT * FROM finish();
ROLLBACK;
