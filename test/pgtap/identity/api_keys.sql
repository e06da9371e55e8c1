-- API keys: creation, format and checksum, verification, scopes, expiry,
-- revocation, rotation with grace, last use, constraints, redaction and roles.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
\ir ../../fixtures/error_of.sql

INSERT INTO agentic.users (username, email) VALUES ('keyholder', 'keys@example.com') RETURNING id AS usr \gset
INSERT INTO agentic.users (username, email) VALUES ('other', 'other@example.com') RETURNING id AS other \gset

SELECT agentic.create_api_key(:usr, 'ci', ARRAY['tasks:read', 'costs.write']) AS key \gset
SELECT matches(:'key'::text, '^agk_[0-9A-Za-z]{46}$', 'a key is agk_ and 46 letters and digits');
SELECT is((SELECT key_prefix FROM agentic.user_api_keys WHERE user_id = :usr), left(:'key'::text, 12),
          'its first 12 characters are stored as the visible prefix');
SELECT is((SELECT key_last4 FROM agentic.user_api_keys WHERE user_id = :usr), right(:'key'::text, 4),
          'and its last 4 for display');
SELECT is((SELECT key_digest::bytea FROM agentic.user_api_keys WHERE user_id = :usr), sha256(convert_to(:'key', 'UTF8')),
          'the key itself is stored only as its SHA-256 digest');
SELECT is((SELECT count(*)::int FROM agentic.user_api_keys k WHERE k::text LIKE '%' || substr(:'key', 13, 20) || '%'), 0,
          'no column holds the secret part');
SELECT id AS key_id FROM agentic.user_api_keys WHERE user_id = :usr \gset

SELECT results_eq(format('SELECT * FROM agentic.verify_api_key(%L)', :'key'),
                  format('VALUES (%s::bigint, %s::bigint, ARRAY[''tasks:read'', ''costs.write'']::text[])', :usr, :key_id),
                  'a valid key gives its user, id and scopes');
SELECT ok((SELECT last_used_at BETWEEN now() AND statement_timestamp() FROM agentic.user_api_keys WHERE id = :key_id),
          'verification records the use');
SET LOCAL agentic.api_key_touch_seconds = 3600;
UPDATE agentic.user_api_keys SET last_used_at = now() - interval '1 minute' WHERE id = :key_id;
SELECT * FROM agentic.verify_api_key(:'key');
SELECT ok((SELECT last_used_at = now() - interval '1 minute' FROM agentic.user_api_keys WHERE id = :key_id),
          'a use within agentic.api_key_touch_seconds of the last one writes nothing');
RESET agentic.api_key_touch_seconds;

-- malformed keys are refused without a lookup, with one error each
SELECT is(pg_temp.error_of(format('SELECT * FROM agentic.verify_api_key(%L)', left(:'key', -1) ||
                                  CASE WHEN right(:'key', 1) = 'A' THEN 'B' ELSE 'A' END)),
          '22023 user_api_keys_key_format', 'a wrong checksum is a format error');
SELECT is(pg_temp.error_of(format('SELECT * FROM agentic.verify_api_key(%L)', left(:'key', 20))),
          '22023 user_api_keys_key_format', 'a truncated key is a format error');
SELECT is(pg_temp.error_of($$SELECT * FROM agentic.verify_api_key('agk_')$$),
          '22023 user_api_keys_key_format', 'a bare prefix is a format error');
SELECT is(pg_temp.error_of(format('SELECT * FROM agentic.verify_api_key(%L)', 'ags_' || substr(:'key', 5))),
          '22023 user_api_keys_key_format', 'a session token is not an API key');
SELECT is(pg_temp.error_of('SELECT * FROM agentic.verify_api_key(NULL)'),
          '22004 user_api_keys_key_format', 'NULL is refused');
-- a well-formed key that was never issued
SELECT agentic.create_api_key(:other, 'temp') AS temp_key \gset
DELETE FROM agentic.user_api_keys WHERE key_prefix = left(:'temp_key', 12);
SELECT is(pg_temp.error_of(format('SELECT * FROM agentic.verify_api_key(%L)', :'temp_key')),
          '28000 user_api_keys_key_valid', 'an unknown key is not valid');

-- expiry
SELECT agentic.create_api_key(:usr, 'short-lived', '{}', now() + interval '1 hour') AS short_key \gset
SELECT lives_ok(format('SELECT * FROM agentic.verify_api_key(%L)', :'short_key'), 'a key works before it expires');
SELECT is(pg_temp.error_of(format('SELECT agentic.create_api_key(%s, %L, %L, now())', :usr, 'past', '{}')),
          '23514 user_api_keys_expires_after_created', 'a key cannot expire as it is created');

-- scopes and names
SELECT is(pg_temp.error_of(format('SELECT agentic.create_api_key(%s, %L, %L)', :usr, 'bad', '{Tasks}')),
          '23514 user_api_keys_scopes_format', 'scopes are lower case');
SELECT is(pg_temp.error_of(format('SELECT agentic.create_api_key(%s, %L, %L)', :usr, 'bad', '{"a b"}')),
          '23514 user_api_keys_scopes_format', 'a scope has no space');
SELECT is(pg_temp.error_of(format('SELECT agentic.create_api_key(%s, %L, ARRAY[NULL]::text[])', :usr, 'bad')),
          '23514 user_api_keys_scopes_format', 'a scope is not NULL');
SELECT is(pg_temp.error_of(format('SELECT agentic.create_api_key(%s, %L, %L)', :usr, 'bad', '{""}')),
          '23514 user_api_keys_scopes_format', 'a scope is not empty');
SELECT is(pg_temp.error_of(format('SELECT agentic.create_api_key(%s, %L)', :usr, '  ')),
          '23514 user_api_keys_name_not_blank', 'a key has a name');
SELECT is(pg_temp.error_of(format('SELECT agentic.create_api_key(%s, NULL)', :usr)),
          '22004 ', 'a NULL name is refused');
SELECT is(pg_temp.error_of($$SELECT agentic.create_api_key(-5, 'x')$$),
          '23503 user_api_keys_user_id_fkey', 'an unknown user is refused');

-- rotation with a grace period, then revocation
SELECT agentic.rotate_api_key(:key_id, '10 minutes') AS new_key \gset
SELECT id AS new_id FROM agentic.user_api_keys WHERE key_prefix = left(:'new_key', 12) \gset
SELECT ok((SELECT rotated_from_id = :key_id AND name = 'ci' AND scopes = ARRAY['tasks:read', 'costs.write']
             FROM agentic.user_api_keys WHERE id = :new_id),
          'the new key inherits name and scopes and names its predecessor');
SELECT ok((SELECT expires_at = statement_timestamp() - (statement_timestamp() - now()) + interval '10 minutes'
                  OR expires_at BETWEEN now() + interval '10 minutes' AND statement_timestamp() + interval '10 minutes'
             FROM agentic.user_api_keys WHERE id = :key_id),
          'the old key expires at the end of the grace period');
SELECT lives_ok(format('SELECT * FROM agentic.verify_api_key(%L)', :'key'), 'during the grace both keys work');
SELECT lives_ok(format('SELECT * FROM agentic.verify_api_key(%L)', :'new_key'), 'the new one too');
SELECT is(pg_temp.error_of(format('SELECT agentic.rotate_api_key(%s, %L)', :new_id, '-1 minute')),
          '22023 user_api_keys_rotation_grace', 'a negative grace is refused');
SELECT is(agentic.revoke_api_key(:key_id), true, 'revoking a key says it did');
SELECT is(agentic.revoke_api_key(:key_id), false, 'revoking it again changes nothing');
SELECT is(pg_temp.error_of(format('SELECT * FROM agentic.verify_api_key(%L)', :'key')),
          '28000 user_api_keys_key_valid', 'a revoked key is not valid');
SELECT is(pg_temp.error_of(format('SELECT agentic.rotate_api_key(%s)', :key_id)),
          '22023 user_api_keys_rotation_live', 'a revoked key cannot be rotated');
SELECT is(pg_temp.error_of('SELECT agentic.revoke_api_key(-1)'),
          '22023 user_api_keys_key_exists', 'an unknown key cannot be revoked');
SELECT agentic.rotate_api_key(:new_id, '0') AS third_key \gset
SELECT is(pg_temp.error_of(format('SELECT * FROM agentic.verify_api_key(%L)', :'new_key')),
          '28000 user_api_keys_key_valid', 'a rotation without grace revokes the old key at once');
SELECT lives_ok(format('SELECT * FROM agentic.verify_api_key(%L)', :'third_key'), 'and the new one works');

-- the user's status counts
UPDATE agentic.users SET status = 'disabled' WHERE id = :usr;
SELECT is(pg_temp.error_of(format('SELECT * FROM agentic.verify_api_key(%L)', :'third_key')),
          '28000 user_api_keys_key_valid', 'a disabled user''s keys are not valid');
UPDATE agentic.users SET status = 'active' WHERE id = :usr;

-- what a key is cannot be edited; a revocation is final
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_api_keys SET key_digest = sha256(''x'') WHERE id = %s', :new_id)),
          '23514 user_api_keys_identity_immutable', 'a key''s digest cannot change');
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_api_keys SET user_id = %s WHERE id = %s', :other, :new_id)),
          '23514 user_api_keys_identity_immutable', 'nor its user');
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_api_keys SET revoked_at = NULL WHERE id = %s', :key_id)),
          '23514 user_api_keys_revocation_final', 'a revoked key stays revoked');
SELECT lives_ok(format('UPDATE agentic.user_api_keys SET name = ''renamed'', scopes = ''{tasks:read}'' WHERE id = %s', :new_id),
                'the name can be edited and the scopes narrowed');
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_api_keys SET scopes = ''{tasks:read,admin}'' WHERE id = %s', :new_id)),
          '42501 user_api_keys_grant_narrows', 'scopes cannot widen');
UPDATE agentic.user_api_keys SET expires_at = now() + interval '1 day' WHERE id = :new_id;
SELECT lives_ok(format('UPDATE agentic.user_api_keys SET expires_at = now() + interval ''1 hour'' WHERE id = %s', :new_id),
                'an expiry can move earlier');
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_api_keys SET expires_at = NULL WHERE id = %s', :new_id)),
          '42501 user_api_keys_grant_narrows', 'but not go away');
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_api_keys SET expires_at = now() + interval ''1 year'' WHERE id = %s', :new_id)),
          '42501 user_api_keys_grant_narrows', 'nor move later');
-- a refused key shows no digest in its error
CREATE FUNCTION pg_temp.detail_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN
  EXECUTE sql;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
  RETURN coalesce(d, '');
END $$;
SELECT is(pg_temp.detail_of(format('SELECT agentic.create_api_key(%s, %L)', :usr, '')),
          'The row is not shown: it holds a secret digest.',
          'the error of a refused key does not print its row (and digest)');
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.user_api_keys (user_id, name, key_prefix, key_digest, key_last4)
                                    VALUES (%s, 'imported', 'AGK_12345678', sha256('x'), 'abcd')$$, :usr)),
          '23514 user_api_keys_key_prefix_format', 'an imported key''s prefix format is checked');
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.user_api_keys (user_id, name, key_prefix, key_digest, key_last4)
                                    VALUES (%s, 'imported', 'agk_12345678', 'short', 'abcd')$$, :usr)),
          '23514 secret_digest_sha256', 'and its digest is a SHA-256 digest (domain agentic.secret_digest)');
SELECT is(pg_temp.error_of(format('SELECT agentic.create_api_key(%s, %L, %L)', :usr, 'bad', '{"x,y"}')),
          '23514 user_api_keys_scopes_format', 'a scope has no comma');
SELECT is(pg_temp.error_of(format('SELECT agentic.create_api_key(%s, %L, %L)', :usr, 'bad', '{"x,y",z}')),
          '23514 user_api_keys_scopes_format', 'not even among others');
SELECT lives_ok(format('SELECT agentic.create_api_key(%s, %L, %L)', :usr, 'many', '{a,b.c,d:e-f_g}'),
                'several good scopes are accepted');

-- audit: never the digest
SELECT is((SELECT count(*)::int FROM agentic.audit_logs WHERE table_name = 'agentic.user_api_keys'
            AND coalesce(new_data, old_data)->>'key_digest' <> '[redacted]'), 0,
          'audit rows of keys hold no digest');
SELECT cmp_ok((SELECT count(*)::int FROM agentic.audit_logs WHERE table_name = 'agentic.user_api_keys'), '>', 5,
              'and keys are audited');

-- deleting a user deletes its keys
DELETE FROM agentic.users WHERE id = :other;
SELECT is((SELECT count(*)::int FROM agentic.user_api_keys WHERE user_id = :other), 0, 'a user''s keys go with it');

-- roles: the write level manages keys, the read level reads them but cannot verify
CREATE ROLE agentic_test_keys_app;
CREATE ROLE agentic_test_keys_reader;
SELECT cmp_ok(agentic.grant_access('agentic_test_keys_app', 'write'), '>', 0, 'grant write');
-- the application's role is the service: mapped to a user of user_group service
INSERT INTO agentic.users (username, email, user_group, database_role)
VALUES ('agentic_test_keys_app_svc', 'agentic_test_keys_app@service.example', 'service', 'agentic_test_keys_app');
SELECT cmp_ok(agentic.grant_access('agentic_test_keys_reader', 'read'), '>', 0, 'grant read');
SET ROLE agentic_test_keys_app;
SELECT lives_ok(format('SELECT * FROM agentic.verify_api_key(%L)', :'third_key'), 'the write level verifies keys');
SELECT lives_ok(format('SELECT agentic.create_api_key(%s, %L)', :usr, 'by app'), 'and creates them');
RESET ROLE;
SET ROLE agentic_test_keys_reader;
SELECT throws_ok(format('SELECT * FROM agentic.verify_api_key(%L)', :'third_key'), '42501', NULL,
                 'the read level cannot verify (verification writes)');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
