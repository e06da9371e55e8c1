-- Passwords and sign-in: set_password() and authenticate(), the lockout and its
-- escalation, unlocking, re-hashing, and what clients may write.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
\ir ../../fixtures/error_of.sql
SET LOCAL agentic.password_work_factor = 4;
SET LOCAL agentic.max_failed_logins = 3;
SET LOCAL agentic.lockout_seconds = 600;
SET LOCAL agentic.lockout_max_seconds = 1000;

INSERT INTO agentic.users (username, email, display_name) VALUES ('Alice', 'Alice@Example.com', 'Alice')
  RETURNING id AS alice \gset
INSERT INTO agentic.users (username, email) VALUES ('bob', 'bob@example.com') RETURNING id AS bob \gset

----------------------------------------------------------------------------------------
-- set_password()
----------------------------------------------------------------------------------------
SELECT lives_ok(format($$SELECT agentic.set_password(%s, 'correct horse')$$, :alice), 'a password is set');
SELECT matches((SELECT password_hash::text FROM agentic.user_credentials WHERE user_id = :alice),
               '^\$2a\$04\$', 'it is stored as a bcrypt hash at the configured work factor');
SELECT isnt((SELECT password_hash::text FROM agentic.user_credentials WHERE user_id = :alice), 'correct horse',
            'never in clear');
SELECT is(pg_temp.error_of(format($$SELECT agentic.set_password(%s, 'short')$$, :alice)),
          '22023 users_password_policy', 'a password shorter than agentic.min_password_length is refused');
SELECT is(pg_temp.error_of(format($$SELECT agentic.set_password(%s, %L)$$, :alice, repeat('x', 73))),
          '22023 users_password_policy', 'a password longer than 72 bytes (bcrypt ignores the rest) is refused');
SELECT is(pg_temp.error_of(format($$SELECT agentic.set_password(%s, %L)$$, :alice, repeat('é', 37))),
          '22023 users_password_policy', '37 two-byte characters are 74 bytes: refused');
SELECT lives_ok(format($$SELECT agentic.set_password(%s, %L)$$, :bob, repeat('é', 36)),
                '36 two-byte characters (72 bytes) are accepted');
SELECT is(pg_temp.error_of($$SELECT agentic.set_password(-1, 'long enough')$$),
          '23503 user_credentials_user_id_fkey', 'an unknown user is a foreign-key error');
SELECT is(pg_temp.error_of($$SELECT agentic.set_password(NULL, 'long enough')$$),
          '22004 ', 'a NULL user is refused');
SELECT is(pg_temp.error_of(format($$SELECT agentic.set_password(%s, NULL)$$, :alice)),
          '22004 ', 'a NULL password is refused');
SELECT is((SELECT count(*)::int FROM agentic.user_credentials WHERE user_id = :alice), 1,
          'one credentials row per user, replaced by a new password');

----------------------------------------------------------------------------------------
-- authenticate()
----------------------------------------------------------------------------------------
SELECT is(agentic.authenticate('alice', 'correct horse'), :'alice'::bigint, 'the username signs in, any case');
SELECT is(agentic.authenticate('ALICE@example.COM', 'correct horse'), :'alice'::bigint, 'so does the e-mail address');
SELECT ok((SELECT last_login_at BETWEEN now() AND statement_timestamp() FROM agentic.users WHERE id = :alice),
          'a success records last_login_at');
SELECT is(agentic.authenticate('alice', 'Correct horse'), NULL, 'a wrong password answers NULL');
SELECT is(agentic.authenticate('nobody', 'correct horse'), NULL, 'an unknown login answers NULL too');
SELECT is(agentic.authenticate('bob', repeat('é', 36) || 'zzz'), NULL,
          'a password beyond 72 bytes never matches (bcrypt would read only the first 72)');
UPDATE agentic.users SET failed_login_count = 0 WHERE id = :bob;
SELECT is(pg_temp.error_of(format($$SELECT agentic.set_password(%s, '            ')$$, :alice)),
          '22023 users_password_policy', 'a blank password is refused');
SELECT is(agentic.authenticate(NULL, 'x'), NULL, 'a NULL login answers NULL');
SELECT is(agentic.authenticate('alice', NULL), NULL, 'a NULL password answers NULL (and is no attempt)');
SELECT is((SELECT failed_login_count FROM agentic.users WHERE id = :alice), 1,
          'the failure with a known login was counted');
SELECT ok((SELECT last_failed_login_at BETWEEN now() AND statement_timestamp() FROM agentic.users WHERE id = :alice),
          'a failure records last_failed_login_at');
SELECT is(agentic.authenticate('alice', 'correct horse'), :'alice'::bigint, 'the right password still works');
SELECT is((SELECT failed_login_count FROM agentic.users WHERE id = :alice), 0, 'a success resets the count');
INSERT INTO agentic.users (username, email) VALUES ('nopass', 'nopass@example.com') RETURNING id AS nopass \gset
SELECT is(agentic.authenticate('nopass', ''), NULL, 'a user without a password cannot sign in');

-- lockout after agentic.max_failed_logins failures
SELECT agentic.authenticate('alice', 'wrong') FROM generate_series(1, 3);
SELECT ok((SELECT locked_until = last_failed_login_at + interval '600 s' AND lockout_count = 1
                  AND failed_login_count = 0 AND status = 'active'
             FROM agentic.users WHERE id = :alice),
          'the third failure locks the account for agentic.lockout_seconds');
SELECT is(agentic.authenticate('alice', 'correct horse'), NULL, 'while locked even the right password fails');
SELECT is((SELECT failed_login_count FROM agentic.users WHERE id = :alice), 0,
          'attempts while locked are not counted (the lockout cannot be extended)');
SELECT is(pg_temp.error_of(format('UPDATE agentic.users SET locked_until = now() + interval ''1 day'' WHERE id = %s', :alice)),
          '42501 users_sign_in_columns_maintained', 'a client cannot lengthen a lockout');
SELECT is(pg_temp.error_of(format('UPDATE agentic.users SET failed_login_count = 2 WHERE id = %s', :alice)),
          '42501 users_sign_in_columns_maintained', 'nor set a count');
SELECT is(pg_temp.error_of(format('UPDATE agentic.users SET last_login_at = now() WHERE id = %s', :alice)),
          '42501 users_sign_in_columns_maintained', 'nor a sign-in time');
SELECT is(pg_temp.error_of($$INSERT INTO agentic.users (username, email, failed_login_count) VALUES ('x', 'x@e.io', 1)$$),
          '42501 users_sign_in_columns_maintained', 'a new user starts with no failures');
SELECT is(pg_temp.error_of($$INSERT INTO agentic.users (username, email, last_login_at) VALUES ('x', 'x@e.io', now())$$),
          '42501 users_sign_in_columns_maintained', 'and no sign-in');
-- an admin clears the lockout by writing it away
UPDATE agentic.users SET locked_until = NULL WHERE id = :alice;
SELECT is(agentic.authenticate('alice', 'correct horse'), :'alice'::bigint, 'a cleared lockout lets the user in');
SELECT is((SELECT lockout_count FROM agentic.users WHERE id = :alice), 0, 'and the success resets the lockouts');

-- escalation: each lockout twice as long, capped at agentic.lockout_max_seconds
SELECT agentic.authenticate('alice', 'wrong') FROM generate_series(1, 3);
UPDATE agentic.users SET locked_until = NULL WHERE id = :alice;  -- as if the 600 s had passed
SELECT agentic.authenticate('alice', 'wrong') FROM generate_series(1, 3);
SELECT ok((SELECT locked_until = last_failed_login_at + interval '1000 s' AND lockout_count = 2
             FROM agentic.users WHERE id = :alice),
          'the second lockout lasts twice as long, capped at agentic.lockout_max_seconds');

-- permanent lockout and the admin's unlock
SET LOCAL agentic.permanent_lockout_after = 2;
UPDATE agentic.users SET locked_until = NULL WHERE id = :alice;
SELECT agentic.authenticate('alice', 'wrong') FROM generate_series(1, 3);
SELECT ok((SELECT status = 'locked' AND locked_until IS NULL AND lockout_count = 3 FROM agentic.users WHERE id = :alice),
          'after agentic.permanent_lockout_after lockouts the account is locked until an admin unlocks it');
SELECT is(agentic.authenticate('alice', 'correct horse'), NULL, 'a locked user cannot sign in');
UPDATE agentic.users SET status = 'active' WHERE id = :alice;
SELECT ok((SELECT failed_login_count = 0 AND lockout_count = 0 AND locked_until IS NULL FROM agentic.users WHERE id = :alice),
          'unlocking (locked -> active) starts the user afresh');
SELECT is(agentic.authenticate('alice', 'correct horse'), :'alice'::bigint, 'and the user signs in again');
RESET agentic.permanent_lockout_after;

UPDATE agentic.users SET status = 'disabled' WHERE id = :bob;
SELECT is(agentic.authenticate('bob', repeat('é', 36)), NULL, 'a disabled user cannot sign in');
SELECT is((SELECT failed_login_count FROM agentic.users WHERE id = :bob), 0, 'and is not counted');
UPDATE agentic.users SET status = 'active' WHERE id = :bob;
SELECT is(agentic.authenticate('bob', repeat('é', 36)), :'bob'::bigint, 'enabled again, it can');

-- a raised work factor re-hashes on the next success
SET LOCAL agentic.password_work_factor = 5;
SELECT is(agentic.authenticate('alice', 'correct horse'), :'alice'::bigint, 'signs in at the old factor');
SELECT matches((SELECT password_hash::text FROM agentic.user_credentials WHERE user_id = :alice),
               '^\$2a\$05\$', 'and the hash is raised to the new one');
SELECT is(agentic.authenticate('alice', 'correct horse'), :'alice'::bigint, 'the raised hash verifies');

----------------------------------------------------------------------------------------
-- users: time zone, settings
----------------------------------------------------------------------------------------
SELECT is(pg_temp.error_of(format($$UPDATE agentic.users SET time_zone = 'Mars/Olympus' WHERE id = %s$$, :alice)),
          '23514 users_time_zone_known', 'an unknown time zone is refused');
SELECT lives_ok(format($$UPDATE agentic.users SET time_zone = 'Europe/Berlin' WHERE id = %s$$, :alice),
                'a known one is accepted');
SELECT is((SELECT context FROM pg_settings WHERE name = 'agentic.max_failed_logins'), 'superuser',
          'the lockout settings are the superuser''s (a client cannot weaken them for its session)');

----------------------------------------------------------------------------------------
-- The audit names the caller and never the password
----------------------------------------------------------------------------------------
SELECT is((SELECT count(*)::int FROM agentic.audit_logs
            WHERE (old_data::text || new_data::text) ~ '(correct horse|\$2a\$)'), 0,
          'no audit row holds a password or a hash');
SELECT is((SELECT DISTINCT changed_by FROM agentic.audit_logs WHERE table_name = 'agentic.user_credentials'),
          current_user::text, 'credential rows written with the owner''s rights name the caller');

----------------------------------------------------------------------------------------
-- Roles: the write level signs users in and sets passwords; nobody reads the hashes
----------------------------------------------------------------------------------------
CREATE ROLE agentic_test_signin_app;
CREATE ROLE agentic_test_signin_reader;
SELECT cmp_ok(agentic.grant_access('agentic_test_signin_app', 'write'), '>', 0, 'grant write');
-- the application's role is the service: mapped to a user of user_group service
INSERT INTO agentic.users (username, email, user_group, database_role)
VALUES ('agentic_test_signin_app_svc', 'agentic_test_signin_app@service.example', 'service', 'agentic_test_signin_app');
SELECT cmp_ok(agentic.grant_access('agentic_test_signin_reader', 'read'), '>', 0, 'grant read');
CREATE ROLE agentic_test_signin_admin;
SELECT cmp_ok(agentic.grant_access('agentic_test_signin_admin', 'admin'), '>', 0, 'grant admin');
SET ROLE agentic_test_signin_app;
SELECT is(agentic.authenticate('bob', repeat('é', 36)), :'bob'::bigint, 'the write level signs a user in');
SELECT lives_ok(format($$SELECT agentic.set_password(%s, 'app set this')$$, :bob), 'and sets a password');
SELECT throws_ok('SELECT * FROM agentic.user_credentials', '42501', NULL, 'but cannot read the hashes');
SELECT throws_ok(format('DELETE FROM agentic.user_credentials WHERE user_id = %s', :bob), '42501', NULL,
                 'nor write them');
RESET ROLE;
SELECT is((SELECT changed_by FROM agentic.audit_logs WHERE table_name = 'agentic.user_credentials'
            ORDER BY id DESC LIMIT 1), 'agentic_test_signin_app',
          'the credential row written with the owner''s rights names the calling role');
SET ROLE agentic_test_signin_admin;
SELECT throws_ok('SELECT * FROM agentic.user_credentials', '42501', NULL, 'not even the admin level reads them');
RESET ROLE;
SET ROLE agentic_test_signin_reader;
SELECT throws_ok($$SELECT agentic.authenticate('bob', 'app set this')$$, '42501', NULL,
                 'the read level cannot sign users in (it writes)');
SELECT throws_ok(format($$SELECT agentic.set_password(%s, 'reader set this')$$, :bob), '42501', NULL,
                 'nor set passwords');
SELECT lives_ok('SELECT count(*) FROM agentic.users', 'it reads users');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
