-- The trust model under attack: a role mapped to a user, and an application role
-- acting for one user, try to act for others, make themselves admins, plant
-- sessions and keys, widen keys, and charge others' conversations.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
\ir ../../fixtures/error_of.sql
SET LOCAL agentic.password_work_factor = 4;

CREATE ROLE agentic_test_trust_app;
CREATE ROLE agentic_test_trust_alice;
CREATE ROLE agentic_test_trust_reader;
SELECT cmp_ok(agentic.grant_access('agentic_test_trust_app', 'write'), '>', 0, 'an application role (write)');
-- the application's role is the service: mapped to a user of user_group service
INSERT INTO agentic.users (username, email, user_group, database_role)
VALUES ('agentic_test_trust_app_svc', 'agentic_test_trust_app@service.example', 'service', 'agentic_test_trust_app');
SELECT cmp_ok(agentic.grant_access('agentic_test_trust_alice', 'write'), '>', 0, 'a person''s role (write)');
SELECT cmp_ok(agentic.grant_access('agentic_test_trust_reader', 'read'), '>', 0, 'a reader');
INSERT INTO agentic.users (username, email, user_group) VALUES ('root', 'root@example.com', 'admin') RETURNING id AS root \gset
INSERT INTO agentic.users (username, email, database_role) VALUES ('alice', 'alice@example.com', 'agentic_test_trust_alice')
  RETURNING id AS alice \gset
INSERT INTO agentic.users (username, email) VALUES ('bob', 'bob@example.com') RETURNING id AS bob \gset
SELECT agentic.create_api_key(:alice, 'alice key') AS alice_key \gset
SELECT id AS alice_key_id FROM agentic.user_api_keys WHERE user_id = :alice \gset
INSERT INTO agentic.conversations (user_id, title) VALUES (:alice, 'alice chat') RETURNING id AS alice_conv \gset
INSERT INTO agentic.messages (conversation_id, role, content) VALUES (:alice_conv, 'user', 'hi') RETURNING id AS alice_msg \gset
INSERT INTO agentic.execution_costs (operation, user_id, cost) VALUES ('bob earlier', :bob, 0.1);

----------------------------------------------------------------------------------------
-- A person's role (mapped to alice)
----------------------------------------------------------------------------------------
SET ROLE agentic_test_trust_alice;
SELECT is(pg_temp.error_of(format('UPDATE agentic.users SET user_group = ''admin'' WHERE id = %s', :alice)),
          '42501 users_privileged_columns', 'alice cannot make herself an admin');
SELECT is(pg_temp.error_of(format('UPDATE agentic.users SET database_role = NULL WHERE id = %s', :alice)),
          '42501 users_privileged_columns', 'nor unmap her role');
SELECT is((SELECT count(*)::int FROM agentic.users), 1, 'she sees her own user only');
SELECT is(pg_temp.error_of(format('UPDATE agentic.users SET database_role = ''agentic_test_trust_reader'' WHERE id = %s', :root)),
          'no error', 'updating the admin user is no error ...');
SELECT is((SELECT database_role FROM agentic.users WHERE id = :alice), 'agentic_test_trust_alice', '... and changes nothing she cannot see');
SELECT lives_ok(format('UPDATE agentic.users SET display_name = ''Alice A.'', time_zone = ''Europe/Lisbon'' WHERE id = %s', :alice),
                'she edits her own profile');
SELECT is(pg_temp.error_of($$INSERT INTO agentic.users (username, email) VALUES ('sockpuppet', 'sp@example.com')$$),
          '42501 ', 'she cannot create users');
SELECT is(pg_temp.error_of(format('SELECT agentic.set_password(%s, ''attacker password'')', :root)),
          '42501 users_acting_user_scope', 'she cannot set the admin''s password');
SELECT is(pg_temp.error_of(format('SELECT agentic.start_session(%s)', :root)),
          '42501 users_acting_user_scope', 'nor start a session as the admin');
SELECT is(pg_temp.error_of(format('SELECT agentic.create_api_key(%s, ''evil'')', :root)),
          '42501 users_acting_user_scope', 'nor create a key for the admin');
SELECT lives_ok(format('SELECT agentic.set_password(%s, ''her own password'')', :alice), 'she sets her own password');
SELECT ok(agentic.create_api_key(:alice, 'second key') IS NOT NULL, 'and creates her own keys');
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.user_sessions (user_id, token_digest, expires_at, not_after)
                                    VALUES (%s, sha256('planted'), 'infinity', 'infinity')$$, :alice)),
          '42501 user_sessions_issued_by_functions', 'she cannot plant a session that never expires');
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.user_api_keys (user_id, name, key_prefix, key_digest, key_last4, scopes)
                                    VALUES (%s, 'planted', 'agk_planted1', sha256('x'), 'abcd', '{root}')$$, :alice)),
          '42501 user_api_keys_issued_by_functions', 'nor a key');
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_api_keys SET scopes = ''{admin,everything}'', expires_at = NULL WHERE id = %s',
                                  :alice_key_id)),
          '42501 user_api_keys_grant_narrows', 'nor widen her key');
SELECT is(pg_temp.error_of('SELECT agentic.purge_sessions()'), '42501 users_acting_user_scope',
          'purging every user''s sessions is for admins');
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_api_keys SET last_used_at = now() + interval ''1 year'' WHERE id = %s', :alice_key_id)),
          '42501 user_api_keys_activity_maintained', 'nor forge her key''s last use');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.execution_costs (user_id, cost) VALUES (%s, 1.5)', :bob)),
          '42501 execution_costs_user_of_acting_user', 'she cannot charge bob');
SELECT is(pg_temp.error_of(format('UPDATE agentic.execution_costs SET cost = 999 WHERE user_id = %s', :bob)),
          '42501 execution_costs_user_of_acting_user', 'nor rewrite bob''s costs');
SELECT lives_ok(format('INSERT INTO agentic.execution_costs (user_id, cost) VALUES (%s, 0.5)', :alice),
                'she records a cost of her own');
RESET ROLE;

-- a person cannot delete their own user (and so stop being one), nor become someone
-- else by switching to a role of their group
CREATE ROLE agentic_test_trust_writers;
SELECT cmp_ok(agentic.grant_access('agentic_test_trust_writers', 'write'), '>', 0, 'a group role (write)');
GRANT agentic_test_trust_writers TO agentic_test_trust_alice;
SET ROLE agentic_test_trust_alice;
DELETE FROM agentic.users WHERE id = :alice;
SELECT is(agentic.current_user_id(), :'alice'::bigint, 'her DELETE of her own user removes nothing');
RESET ROLE;
SET SESSION AUTHORIZATION agentic_test_trust_alice;   -- as if she had logged in
SET ROLE agentic_test_trust_writers;
SELECT is(agentic.current_role_is_service(), false, 'switched to her group''s role she is not the service');
SELECT is(pg_temp.error_of(format('SELECT agentic.set_current_user(%s)', :root)),
          '42501 users_acting_user_trusted', 'nor can she name the admin from it');
SELECT is(pg_temp.error_of(format('UPDATE agentic.users SET user_group = ''admin'' WHERE id = %s', :alice)),
          '42501 users_privileged_columns', 'nor make herself an admin');
SELECT is(agentic.current_user_id(), :'alice'::bigint, 'she is still alice');
RESET ROLE;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION agentic_test_trust_writers;
SELECT is(pg_temp.error_of(format('SELECT agentic.set_current_user(%s)', :root)),
          '42501 users_acting_user_trusted', 'a role that is neither a user nor the service names nobody');
SELECT is((SELECT count(*)::int FROM agentic.users), 0, 'and sees no user');
RESET SESSION AUTHORIZATION;

-- a disabled person's role acts for nobody, and is not the service either
UPDATE agentic.users SET status = 'disabled' WHERE id = :alice;
SET ROLE agentic_test_trust_alice;
SELECT is(agentic.current_user_id(), NULL, 'a disabled user''s role acts for nobody');
SELECT is(agentic.current_role_is_service(), false, 'and is not trusted as the service');
SELECT is((SELECT count(*)::int FROM agentic.conversations), 0, 'it sees no conversation');
SELECT is((SELECT count(*)::int FROM agentic.users), 0, 'and no user');
RESET ROLE;
UPDATE agentic.users SET status = 'active' WHERE id = :alice;

----------------------------------------------------------------------------------------
-- The application role, acting for bob
----------------------------------------------------------------------------------------
SET ROLE agentic_test_trust_app;
SELECT is(agentic.current_role_is_service(), true, 'the application acting for nobody is the service');
SELECT is((SELECT count(*)::int FROM agentic.users), 4, 'and sees every user (sign-up, sign-in, administration)');
SELECT agentic.set_current_user(:bob);
SELECT is(agentic.current_role_is_service(), false, 'acting for bob, it is not');
SELECT is(pg_temp.error_of(format('SELECT agentic.create_api_key(%s, ''for alice'')', :alice)),
          '42501 users_acting_user_scope', 'bob cannot create alice''s keys');
SELECT is(pg_temp.error_of(format('SELECT agentic.revoke_api_key(%s)', :alice_key_id)),
          '42501 users_acting_user_scope', 'nor revoke them');
SELECT is(pg_temp.error_of(format('SELECT agentic.rotate_api_key(%s)', :alice_key_id)),
          '42501 users_acting_user_scope', 'nor rotate them');
SELECT is(pg_temp.error_of(format('SELECT agentic.end_all_sessions(%s)', :alice)),
          '42501 users_acting_user_scope', 'nor end her sessions');
SELECT is(pg_temp.error_of(format('SELECT agentic.set_password(%s, ''bob sets this'')', :alice)),
          '42501 users_acting_user_scope', 'nor set her password');
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.execution_costs (model_id, operation, conversation_id, message_id, cost)
                                    VALUES (NULL, 'planted', %s, %s, 1)$$, :alice_conv, :alice_msg)),
          '42501 execution_costs_conversation_of_acting_user', 'nor charge her conversation');
SELECT is(pg_temp.error_of(format('UPDATE agentic.users SET status = ''disabled'' WHERE id = %s', :bob)),
          '42501 users_privileged_columns', 'bob cannot change his own status');
SELECT agentic.set_current_user(:root);
SELECT ok(agentic.create_api_key(:alice, 'by the admin') IS NOT NULL, 'the admin user creates a key for alice');
SELECT lives_ok(format('UPDATE agentic.users SET status = ''locked'' WHERE id = %s', :bob), 'and locks bob');
RESET ROLE;

-- the service charges alice's conversation; the cost takes her user
SET ROLE agentic_test_trust_app;
INSERT INTO agentic.execution_costs (operation, conversation_id, message_id, cost) VALUES ('reply', :alice_conv, :alice_msg, 0.25);
RESET ROLE;
SELECT is((SELECT user_id FROM agentic.execution_costs WHERE operation = 'reply'), :'alice'::bigint,
          'a cost linked to a conversation is charged to its user');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.execution_costs (user_id, cost, message_id) VALUES (%s, 1, %s)', :alice, :alice_msg)),
          '23514 execution_costs_message_in_conversation', 'a message is named only with its conversation');
DELETE FROM agentic.conversations WHERE id = :alice_conv;
SELECT ok((SELECT conversation_id IS NULL AND message_id IS NULL AND cost = 0.25 FROM agentic.execution_costs WHERE operation = 'reply'),
          'deleting the conversation keeps the money and clears both links');

-- deleting a user keeps the costs charged to them, unattributed
INSERT INTO agentic.execution_costs (operation, user_id, cost) VALUES ('bob only', :bob, 0.75);
SELECT lives_ok(format('DELETE FROM agentic.users WHERE id = %s', :bob), 'a user with costs can be deleted');
SELECT ok((SELECT user_id IS NULL AND cost = 0.75 FROM agentic.execution_costs WHERE operation = 'bob only'),
          'and the money stays in the ledger');

-- a key rotates once
SELECT agentic.rotate_api_key(:alice_key_id) IS NOT NULL AS rotated;
SELECT is(pg_temp.error_of(format('SELECT agentic.rotate_api_key(%s)', :alice_key_id)),
          '22023 user_api_keys_rotation_live', 'a key already rotated cannot be rotated again');
SELECT is(pg_temp.error_of('SELECT agentic.purge_sessions(''-2 days'')'), '22023 user_sessions_purge_age',
          'a negative age is refused');

SELECT * FROM finish();
ROLLBACK;
