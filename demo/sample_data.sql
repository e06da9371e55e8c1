-- A small, realistic data set: a support team of AI agents hired through the
-- pipeline, working a project of tasks with subtasks and dependencies, with the
-- costs of their model calls; from 1.5 its users, their sign-in, API keys and
-- conversations with the agents. Everything goes through the extension's rules:
-- statuses move only along legal transitions, costs are derived from prices.
-- Secrets are fixed here (a known bcrypt hash, the digest of a known key) so that
-- the data set loads the same everywhere; demo/report.sql signs in with them.
\set ON_ERROR_STOP on
BEGIN;

-- Prices per million tokens. The first price of gpt-4o was replaced on
-- 2026-10-01; costs before that date are priced from model_price_history.
INSERT INTO agentic.model_catalog (provider, model_name, display_name, context_window,
       max_output_tokens, capabilities, input_price_per_mtok, output_price_per_mtok,
       cached_input_price_per_mtok, price_effective_from)
VALUES ('openai', 'gpt-4o', 'GPT-4o', 128000, 16384, '["chat","vision","tools"]',
        5.00, 15.00, 2.50, '2026-01-01 00:00+00'),
       ('openai', 'gpt-4o-mini', 'GPT-4o mini', 128000, 16384, '["chat","tools"]',
        0.15, 0.60, 0.075, '2026-01-01 00:00+00'),
       ('anthropic', 'claude-sonnet', 'Claude Sonnet', 200000, 8192, '["chat","tools"]',
        3.00, 15.00, 0.30, '2026-01-01 00:00+00');
UPDATE agentic.model_catalog
   SET input_price_per_mtok = 2.50, output_price_per_mtok = 10.00, cached_input_price_per_mtok = 1.25,
       price_effective_from = '2026-10-01 00:00+00'
 WHERE id = 1;

INSERT INTO agentic.job_descriptions (title, department, description, responsibilities,
       required_skills, preferred_skills, experience_level, model_requirements)
VALUES ('Customer Support Agent', 'Support',
        'Answers customer tickets by email and chat, escalates billing disputes.',
        '["triage tickets","answer questions","escalate disputes"]',
        '["customer service","email","troubleshooting"]', '["zendesk"]', 'mid',
        '{"min_context": 64000, "tools": true}'),
       ('Research Analyst', 'Strategy',
        'Collects market data and writes weekly competitor briefs.',
        '["collect data","write briefs"]', '["research","writing","analysis"]', '["sql"]',
        'senior', '{"min_context": 128000}'),
       ('Code Reviewer', 'Engineering',
        'Reviews pull requests for correctness, security and style.',
        '["review pull requests","flag security issues"]', '["code review","security"]',
        '["c++","sql"]', 'senior', '{"tools": true}');
UPDATE agentic.job_descriptions SET status = 'open';

INSERT INTO agentic.resumes (candidate_name, headline, summary, skills, experience,
       capabilities, preferred_model_id)
VALUES ('Ava', 'Patient support specialist',
        'Handled 40k support tickets with a 96% satisfaction score.',
        '["customer service","email","troubleshooting","zendesk"]',
        '[{"role":"support agent","years":2}]', '["email","ticketing"]', 2),
       ('Rex', 'Market researcher', 'Writes concise competitor briefs from public data.',
        '["research","writing","analysis"]', '[{"role":"analyst","years":3}]',
        '["web_search","spreadsheets"]', 3),
       ('Cody', 'Meticulous code reviewer', 'Finds security bugs in C++ and SQL.',
        '["code review","security","c++","sql"]', '[{"role":"reviewer","years":4}]',
        '["git","static_analysis"]', 1),
       ('Bea', 'Generalist assistant', 'Friendly and fast, still learning.',
        '["customer service","email"]', '[]', '["email"]', 2);

INSERT INTO agentic.job_applications (job_description_id, resume_id, cover_letter, score)
VALUES (1, 1, 'I love helping customers.', 91.5),
       (1, 4, 'Eager to learn.', 62.0),
       (2, 2, 'Data tells stories.', 88.0),
       (3, 3, 'I read diffs for fun.', 94.0);
-- Walk the pipeline: every move is a legal transition.
UPDATE agentic.job_applications SET status = 'screening';
UPDATE agentic.job_applications SET status = 'interviewing' WHERE id IN (1, 3, 4);
UPDATE agentic.job_applications SET status = 'rejected', reviewer_notes = 'Not enough experience' WHERE id = 2;
UPDATE agentic.job_applications SET status = 'offered' WHERE id IN (1, 3, 4);
UPDATE agentic.job_applications SET status = 'hired' WHERE id IN (1, 3, 4);

INSERT INTO agentic.agents (name, job_description_id, resume_id, model_id, configuration,
       capabilities, created_at)
VALUES ('ava-support', 1, 1, 2, '{"temperature":0.3}', '["email","ticketing"]', '2026-09-01 09:00+00'),
       ('rex-research', 2, 2, 3, '{"temperature":0.7}', '["web_search"]', '2026-09-01 09:00+00'),
       ('cody-review', 3, 3, 1, '{"temperature":0.0}', '["git"]', '2026-09-01 09:00+00');
UPDATE agentic.agents SET status = 'active', hired_at = '2026-09-01 09:00+00';
UPDATE agentic.job_descriptions SET status = 'filled';

-- A project with subtasks, and a dependency between two of them.
INSERT INTO agentic.tasks (title, description, priority, required_skills, input_data, estimated_duration)
VALUES ('Q4 customer insight report', 'Combine support themes with market research.', 'high',
        '["analysis","writing"]', '{"quarter":"2026Q4"}', '3 days');
INSERT INTO agentic.tasks (title, description, parent_task_id, priority, required_skills, estimated_duration)
VALUES ('Summarise support ticket themes', 'Cluster October tickets by theme.', 1, 'high', '["customer service"]', '8 hours'),
       ('Competitor pricing brief', 'Compare our pricing with three competitors.', 1, 'medium', '["research"]', '6 hours'),
       ('Review report generator code', 'Review the PR that renders the report.', 1, 'medium', '["code review"]', '2 hours'),
       ('Answer refund backlog', 'Clear the refund tickets older than a week.', NULL, 'critical', '["customer service"]', '4 hours'),
       ('Security review of billing webhook', 'Check signature validation.', NULL, 'low', '["security"]', '1 hour');
INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (3, 2);

-- Assignments with realistic working periods in October and November 2026.
-- Each starts 'assigned' and moves on; the tasks follow automatically.
INSERT INTO agentic.task_assignments (task_id, agent_id, assigned_at)
VALUES (2, 1, '2026-10-01 08:00+00'),
       (3, 2, '2026-10-02 08:00+00'),
       (4, 3, '2026-10-03 08:00+00'),
       (5, 1, '2026-10-05 08:00+00'),
       (6, 3, '2026-11-02 08:00+00');
UPDATE agentic.task_assignments SET status = 'in_progress',
       started_at = assigned_at + interval '1 hour';
UPDATE agentic.task_assignments SET status = 'completed',
       completed_at = started_at + CASE id WHEN 1 THEN interval '7 hours' WHEN 2 THEN interval '5 hours'
                                           WHEN 3 THEN interval '2 hours' ELSE interval '3 hours' END,
       result = '{"ok": true}'
 WHERE id IN (1, 2, 3, 4);
UPDATE agentic.task_assignments SET status = 'failed', completed_at = started_at + interval '30 minutes',
       error_message = 'webhook repository not reachable'
 WHERE id = 5;

INSERT INTO agentic.task_prompts (name, version, task_id, model_id, description, template, variables)
VALUES ('ticket-themes', 1, 2, 2, 'Cluster tickets', 'Group these tickets by theme: {{tickets}}', '["tickets"]'),
       ('pricing-brief', 1, 3, 3, 'Write a brief', 'Compare pricing of {{competitors}} with ours.', '["competitors"]');
INSERT INTO agentic.resume_prompts (name, version, job_description_id, model_id, description, template, variables)
VALUES ('screen-support', 1, 1, 2, 'Screen support resumes',
        'Score this resume for {{job_title}} from 0 to 100: {{resume}}', '["job_title","resume"]');

-- Model calls. Costs are derived from tokens and the price in effect at the
-- time (NULL cost); one reported cost comes from a provider invoice.
INSERT INTO agentic.execution_costs (agent_id, task_id, task_assignment_id, model_id, operation,
       occurred_at, input_tokens, output_tokens, cached_input_tokens, duration_ms, cost)
SELECT a.agent_id, a.task_id, a.id, ag.model_id, 'chat.completion',
       a.started_at + (n * interval '20 minutes'),
       1200 + 150 * n, 300 + 40 * n, CASE WHEN n % 3 = 0 THEN 600 ELSE 0 END, 800 + 30 * n, NULL
  FROM agentic.task_assignments a
  JOIN agentic.agents ag ON ag.id = a.agent_id
 CROSS JOIN generate_series(0, 5) AS n;
INSERT INTO agentic.execution_costs (agent_id, model_id, operation, occurred_at, input_tokens,
       output_tokens, cost, metadata)
VALUES (3, 1, 'batch.review', '2026-09-20 12:00+00', 250000, 40000, 1.85, '{"invoice":"INV-1042"}');

-- People, sign-in and conversations (1.5 and later).
SELECT string_to_array(extversion, '.')::int[] >= '{1,5}' AS has_talk
  FROM pg_extension WHERE extname = 'agentic_schema' \gset
\if :has_talk
INSERT INTO agentic.users (id, uuid, username, email, display_name, user_group, preferred_model_id,
       temperature, time_zone, language)
VALUES (1, '00000000-0000-4000-8000-000000000001', 'ops', 'ops@example.com', 'Ops Admin', 'admin', NULL, NULL,
        'UTC', 'en'),
       (2, '00000000-0000-4000-8000-000000000002', 'alice', 'Alice@Example.com', 'Alice', 'member', 2, 0.40,
        'Europe/Lisbon', 'pt-PT'),
       (3, '00000000-0000-4000-8000-000000000003', 'bob', 'bob@example.com', 'Bob', 'recruiter', NULL, NULL,
        'America/New_York', 'en-US');
-- Passwords: alice's is 'correct horse battery', bob's 'staple stapler' (bcrypt, work
-- factor 10); as agentic.set_password() would store them.
INSERT INTO agentic.user_credentials (user_id, password_hash)
VALUES (2, '$2a$10$vyEzMjaU7PhHOrhGIkCecu298SGFA36WScwjHZ6vYgWYZVUOpMnHS'),
       (3, '$2a$10$mU41urFwr/iTeQXdttTTI.BYWLaA9c00SG/6Wl5f7Z5qkkSZPzAaO');
-- Alice's API key agk_JxfotRg1igArZ7gfvZLezngxjf0lE3oaX0pCGhDO0vMT1G, stored as
-- agentic.create_api_key() stores a key: its prefix, last 4 characters and digest.
INSERT INTO agentic.user_api_keys (user_id, name, key_prefix, key_digest, key_last4, scopes)
VALUES (2, 'laptop CLI', 'agk_JxfotRg1', sha256('agk_JxfotRg1igArZ7gfvZLezngxjf0lE3oaX0pCGhDO0vMT1G'),
        'MT1G', '{conversations:write,agents:read}');
UPDATE agentic.agents SET owner_user_id = 1, description = 'First-line support for customer tickets',
       system_prompt = 'You answer support tickets politely and precisely.'
 WHERE id = 1;
INSERT INTO agentic.user_agents (user_id, agent_id, permission) VALUES (2, 1, 'use'), (3, 1, 'manage');
INSERT INTO agentic.tools (name, description, input_schema)
VALUES ('search_tickets', 'Full-text search over past tickets',
        '{"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}');
INSERT INTO agentic.workflows (name, description, definition, owner_user_id)
VALUES ('ticket triage', 'Classify, answer or escalate a ticket',
        '{"steps": [{"agent": 1, "do": "classify"}, {"tool": "search_tickets"}, {"agent": 1, "do": "answer"}]}', 1);
INSERT INTO agentic.user_workflows (user_id, workflow_id, permission) VALUES (2, 1, 'use');

INSERT INTO agentic.conversations (id, uuid, user_id, agent_id, title, model_id, temperature)
VALUES (1, '00000000-0000-4000-8000-0000000000c1', 2, 1, 'Refund for order 1042', 2, 0.40);
INSERT INTO agentic.messages (id, uuid, conversation_id, parent_id, role, content, model_id, input_tokens,
       output_tokens, created_at)
VALUES (1, '00000000-0000-4000-8000-0000000000a1', 1, NULL, 'user',
        'My order 1042 arrived broken. Can I get a refund?', NULL, 0, 0, '2026-10-20 09:00+00'),
       (2, '00000000-0000-4000-8000-0000000000a2', 1, 1, 'assistant',
        'Sorry about that! I have opened refund request R-77 for order 1042; it takes 3-5 days.', 2, 180, 42,
        '2026-10-20 09:00:05+00'),
       (3, '00000000-0000-4000-8000-0000000000a3', 1, 2, 'user', 'Thanks, and can I keep the broken item?', NULL,
        0, 0, '2026-10-20 09:02+00'),
       (4, '00000000-0000-4000-8000-0000000000a4', 1, 3, 'assistant',
        'Yes, no need to send it back.', 2, 240, 12, '2026-10-20 09:02:03+00');
-- The rows above gave their ids; the sequences go on after them.
DO $$
BEGIN
  PERFORM setval(pg_get_serial_sequence('agentic.users', 'id'), 3);
  PERFORM setval(pg_get_serial_sequence('agentic.conversations', 'id'), 1);
  PERFORM setval(pg_get_serial_sequence('agentic.messages', 'id'), 4);
END
$$;
-- What the two answers cost, in the one ledger (derived from the price in effect).
INSERT INTO agentic.execution_costs (agent_id, model_id, operation, occurred_at, input_tokens, output_tokens,
       cost, user_id, conversation_id, message_id)
VALUES (1, 2, 'chat.completion', '2026-10-20 09:00:05+00', 180, 42, NULL, 2, 1, 2),
       (1, 2, 'chat.completion', '2026-10-20 09:02:03+00', 240, 12, NULL, 2, 1, 4);
\endif

COMMIT;
