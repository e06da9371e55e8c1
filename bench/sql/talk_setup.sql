-- bench/sql/talk_setup.sql: users, API keys and conversations for the sign-in and
-- conversation benchmark, the same rows on both sides (:users of them). The keys
-- are made by agentic.create_api_key(); the reference stores the same prefixes and
-- digests, so one list of key strings (bench.api_keys) serves both.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
INSERT INTO agentic.users (id, username, email)
SELECT i, 'bench' || i, 'bench' || i || '@example.com' FROM generate_series(1, :users) i;
SELECT setval(pg_get_serial_sequence('agentic.users', 'id'), :users);
INSERT INTO reference.users (id, username, email) SELECT id, username, email FROM agentic.users;
CREATE TABLE bench.api_keys (id bigint PRIMARY KEY, key text NOT NULL);
INSERT INTO bench.api_keys SELECT i, agentic.create_api_key(i, 'bench key', '{bench:read}')
  FROM generate_series(1, :users) i;
INSERT INTO reference.user_api_keys (id, user_id, name, key_prefix, key_digest, key_last4, scopes)
SELECT id, user_id, name, key_prefix, key_digest, key_last4, scopes FROM agentic.user_api_keys;
INSERT INTO agentic.conversations (id, user_id, title) SELECT i, i, 'bench chat' FROM generate_series(1, :users) i;
SELECT setval(pg_get_serial_sequence('agentic.conversations', 'id'), :users);
INSERT INTO reference.conversations (id, user_id, title) SELECT id, user_id, title FROM agentic.conversations;
SELECT setval(pg_get_serial_sequence('reference.conversations', 'id'), :users);
ANALYZE agentic.users, agentic.user_api_keys, agentic.conversations, reference.users,
        reference.user_api_keys, reference.conversations, bench.api_keys;
