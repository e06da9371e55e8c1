-- agentic_schema 1.5 -> 1.4
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.4'" to load this file. \quit

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
