-- agentic_schema 1.5 -> 1.4
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.4'" to load this file. \quit

-- Identity. pgcrypto stays installed (other objects may use it).
DROP FUNCTION agentic.authenticate(text, text);
DROP FUNCTION agentic.set_password(bigint, text);
DROP TABLE agentic.user_credentials;
DROP TABLE agentic.users;
DROP FUNCTION agentic.users_before_write();
DROP DOMAIN agentic.secret_digest;
DROP DOMAIN agentic.password_hash;
DROP TYPE agentic.user_group;
DROP TYPE agentic.user_status;
