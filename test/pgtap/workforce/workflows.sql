-- Workflows, sharing and tools (seed 003): a workflow's version follows its
-- definition; what agents gained in 1.5.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
\ir ../../fixtures/error_of.sql

INSERT INTO agentic.users (username, email) VALUES ('flow_owner', 'flow@example.com') RETURNING id AS usr \gset
INSERT INTO agentic.workflows (name, definition, owner_user_id)
VALUES ('triage', '{"steps": ["read", "route"]}', :usr) RETURNING id AS flow, version \gset
SELECT is(:'version'::int, 1, 'a new workflow is version 1');
SELECT is(pg_temp.error_of($$INSERT INTO agentic.workflows (name, version) VALUES ('typed', 3)$$),
          '23514 workflows_version_maintained', 'a version cannot be typed in on insert');
UPDATE agentic.workflows SET definition = '{"steps": ["read", "route", "reply"]}' WHERE id = :flow;
SELECT is((SELECT version FROM agentic.workflows WHERE id = :flow), 2, 'a changed definition raises the version');
UPDATE agentic.workflows SET description = 'routes tickets' WHERE id = :flow;
SELECT is((SELECT version FROM agentic.workflows WHERE id = :flow), 2, 'another change does not');
UPDATE agentic.workflows SET definition = '{"steps": ["read",  "route", "reply"]}' WHERE id = :flow;
SELECT is((SELECT version FROM agentic.workflows WHERE id = :flow), 2, 'nor does the same definition written again');
SELECT is(pg_temp.error_of(format('UPDATE agentic.workflows SET version = 7 WHERE id = %s', :flow)),
          '23514 workflows_version_maintained', 'nor can an update type a version');
UPDATE agentic.workflows SET definition = '{}' WHERE id IN (:flow);
UPDATE agentic.workflows SET definition = '{"steps": []}' WHERE id IN (:flow);
SELECT is((SELECT version FROM agentic.workflows WHERE id = :flow), 4, 'each change counts');
SELECT is((SELECT count(*)::int FROM agentic.audit_logs WHERE table_name = 'agentic.workflows' AND row_id = :flow
            AND 'version' = ANY (changed_columns)), 3, 'every version change is in the audit trail');

-- sharing
INSERT INTO agentic.users (username, email) VALUES ('flow_user', 'fu@example.com') RETURNING id AS other \gset
INSERT INTO agentic.user_workflows (user_id, workflow_id, permission) VALUES (:other, :flow, 'manage');
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.user_workflows (user_id, workflow_id, permission)
                                    VALUES (%s, %s, 'own')$$, :other, :flow)),
          '22P02 ', 'permission is use or manage');
DELETE FROM agentic.workflows WHERE id = :flow;
SELECT is((SELECT count(*)::int FROM agentic.user_workflows WHERE workflow_id = :flow), 0,
          'deleting a workflow removes its sharing');
INSERT INTO agentic.workflows (name, owner_user_id) VALUES ('owned', :usr) RETURNING id AS owned \gset
DELETE FROM agentic.users WHERE id = :usr;
SELECT is((SELECT count(*)::int FROM agentic.workflows WHERE id = :owned), 0,
          'a user''s workflows go with the user (seed 003: user-owned resources cascade)');

-- agents: owner, prompt; sharing
INSERT INTO agentic.job_descriptions (title) VALUES ('Support') RETURNING id AS job \gset
INSERT INTO agentic.agents (name, job_description_id, owner_user_id, system_prompt, description)
VALUES ('helper', :job, :other, 'You help.', 'first-line support') RETURNING id AS agent \gset
INSERT INTO agentic.user_agents (user_id, agent_id) VALUES (:other, :agent);
SELECT is((SELECT permission::text FROM agentic.user_agents WHERE agent_id = :agent), 'use', 'sharing defaults to use');
DELETE FROM agentic.users WHERE id = :other;
SELECT ok((SELECT owner_user_id IS NULL FROM agentic.agents WHERE id = :agent),
          'an agent outlives its owner (it may hold assignments and costs)');
SELECT is((SELECT count(*)::int FROM agentic.user_agents WHERE agent_id = :agent), 0, 'its sharing with the user goes');

-- tools: admin writes, everyone reads
INSERT INTO agentic.tools (name, description, input_schema)
VALUES ('web_search', 'Searches the web', '{"type": "object", "properties": {"q": {"type": "string"}}}');
CREATE ROLE agentic_test_tools_writer;
SELECT cmp_ok(agentic.grant_access('agentic_test_tools_writer', 'write'), '>', 0, 'grant write');
SET ROLE agentic_test_tools_writer;
SELECT is((SELECT count(*)::int FROM agentic.tools WHERE name = 'web_search'), 1, 'the write level reads tools');
SELECT throws_ok($$INSERT INTO agentic.tools (name) VALUES ('sneaky')$$, '42501', NULL,
                 'only the admin level adds tools (as it does models)');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
