-- agentic_schema 1.5 -> 1.4
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.4'" to load this file. \quit

-- 1.4 has no place for people, sign-in, workflows, tools or conversations: the
-- downgrade refuses, changing nothing, while any of them holds a row (or an agent or
-- a cost uses a 1.5 column), rather than drop them. Export and delete them first.
DO $$
DECLARE
  t text;
  found boolean;
  holding text[] := '{}';
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'user_credentials', 'user_sessions', 'user_api_keys', 'user_agents',
                           'workflows', 'user_workflows', 'tools', 'conversations', 'messages'] LOOP
    EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM agentic.%I)', t) INTO found;
    IF found THEN holding := holding || t; END IF;
  END LOOP;
  IF EXISTS (SELECT FROM agentic.agents
              WHERE owner_user_id IS NOT NULL OR description IS NOT NULL OR system_prompt IS NOT NULL) THEN
    holding := holding || 'agents (owner_user_id, description, system_prompt)'::text;
  END IF;
  IF EXISTS (SELECT FROM agentic.execution_costs
              WHERE user_id IS NOT NULL OR conversation_id IS NOT NULL OR message_id IS NOT NULL
                 OR (agent_id IS NULL AND task_id IS NULL)) THEN
    holding := holding || 'execution_costs (user_id, conversation_id, message_id, or costs charged to no agent or task)'::text;
  END IF;
  IF cardinality(holding) > 0 THEN
    RAISE EXCEPTION 'agentic_schema 1.5 -> 1.4 would drop data: %', pg_catalog.array_to_string(holding, ', ')
      USING ERRCODE = 'object_not_in_prerequisite_state',
            HINT = 'Stay at 1.5, or export and delete those rows (and clear those columns) first.';
  END IF;
END
$$;

-- Talk, and the ledger's links to it (the money stays).
DROP VIEW agentic.conversation_costs;
ALTER TABLE agentic.execution_costs DROP COLUMN message_id, DROP COLUMN conversation_id, DROP COLUMN user_id;
ALTER TABLE agentic.execution_costs ADD CONSTRAINT execution_costs_attributed CHECK (agent_id IS NOT NULL OR task_id IS NOT NULL);
ALTER EXTENSION agentic_schema DROP TABLE agentic.messages;
ALTER EXTENSION agentic_schema DROP SEQUENCE agentic.messages_id_seq;
ALTER EXTENSION agentic_schema DROP TABLE agentic.conversations;
ALTER EXTENSION agentic_schema DROP SEQUENCE agentic.conversations_id_seq;
DROP TABLE agentic.messages;
DROP TABLE agentic.conversations;
DROP FUNCTION agentic.message_counts_changes();
DROP FUNCTION agentic.messages_before_write();
DROP FUNCTION agentic.conversations_before_write();
DROP TYPE agentic.message_status;
DROP TYPE agentic.message_role;
DROP TYPE agentic.conversation_status;

-- Workforce.
ALTER EXTENSION agentic_schema DROP TABLE agentic.tools;
ALTER EXTENSION agentic_schema DROP SEQUENCE agentic.tools_id_seq;
ALTER EXTENSION agentic_schema DROP TABLE agentic.user_workflows;
ALTER EXTENSION agentic_schema DROP SEQUENCE agentic.user_workflows_id_seq;
ALTER EXTENSION agentic_schema DROP TABLE agentic.workflows;
ALTER EXTENSION agentic_schema DROP SEQUENCE agentic.workflows_id_seq;
ALTER EXTENSION agentic_schema DROP TABLE agentic.user_agents;
ALTER EXTENSION agentic_schema DROP SEQUENCE agentic.user_agents_id_seq;
DROP TABLE agentic.tools;
DROP TABLE agentic.user_workflows;
DROP TABLE agentic.workflows;
DROP TABLE agentic.user_agents;
DROP FUNCTION agentic.workflows_before_write();
DROP TYPE agentic.access_permission;
ALTER TABLE agentic.agents DROP COLUMN owner_user_id, DROP COLUMN description, DROP COLUMN system_prompt;

-- Identity. pgcrypto stays installed (other objects may use it).
DROP POLICY user_sessions_own ON agentic.user_sessions;
DROP POLICY user_api_keys_own ON agentic.user_api_keys;
DROP POLICY users_read ON agentic.users;
DROP POLICY users_edit ON agentic.users;
DROP POLICY users_add ON agentic.users;
DROP POLICY users_remove ON agentic.users;
DROP FUNCTION agentic.current_role_is_service();
DROP FUNCTION agentic.current_user_is_admin();
DROP FUNCTION agentic.current_user_id();
DROP FUNCTION agentic.set_current_user(bigint);
DROP FUNCTION agentic.rotate_api_key(bigint, interval);
DROP FUNCTION agentic.revoke_api_key(bigint);
DROP FUNCTION agentic.verify_api_key(text);
DROP FUNCTION agentic.create_api_key(bigint, text, text[], timestamptz);
DROP FUNCTION agentic.purge_sessions(interval);
DROP FUNCTION agentic.end_all_sessions(bigint);
DROP FUNCTION agentic.end_session(text);
DROP FUNCTION agentic.resolve_session(text);
DROP FUNCTION agentic.start_session(bigint, inet, text);
DROP FUNCTION agentic.authenticate(text, text);
DROP FUNCTION agentic.set_password(bigint, text);
-- Dropped from the extension first, so that pg_dump forgets them too (extconfig).
ALTER EXTENSION agentic_schema DROP TABLE agentic.user_api_keys;
ALTER EXTENSION agentic_schema DROP SEQUENCE agentic.user_api_keys_id_seq;
ALTER EXTENSION agentic_schema DROP TABLE agentic.user_sessions;
ALTER EXTENSION agentic_schema DROP SEQUENCE agentic.user_sessions_id_seq;
ALTER EXTENSION agentic_schema DROP TABLE agentic.user_credentials;
ALTER EXTENSION agentic_schema DROP SEQUENCE agentic.user_credentials_id_seq;
ALTER EXTENSION agentic_schema DROP TABLE agentic.users;
ALTER EXTENSION agentic_schema DROP SEQUENCE agentic.users_id_seq;
DROP TABLE agentic.user_api_keys;
DROP TABLE agentic.user_sessions;
DROP TABLE agentic.user_credentials;
DROP TABLE agentic.users;
DROP FUNCTION agentic.users_before_write();
DROP FUNCTION agentic.user_sessions_before_write();
DROP FUNCTION agentic.user_api_keys_before_write();
DROP DOMAIN agentic.secret_digest;
DROP DOMAIN agentic.password_hash;
DROP TYPE agentic.user_group;
DROP TYPE agentic.user_status;
