-- Sessions: start, resolve with sliding expiry, end, end all, purge, constraints,
-- redaction and roles.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
\ir ../../fixtures/error_of.sql

INSERT INTO agentic.users (username, email) VALUES ('sessioner', 's@example.com') RETURNING id AS usr \gset
INSERT INTO agentic.users (username, email) VALUES ('second', 'second@example.com') RETURNING id AS other \gset

SELECT agentic.start_session(:usr, '192.0.2.7', 'pgtap/1.0') AS tok \gset
SELECT matches(:'tok'::text, '^ags_[0-9A-Za-z]{46}$', 'a session token is ags_ and 46 letters and digits');
SELECT id AS sid FROM agentic.user_sessions WHERE user_id = :usr \gset
SELECT is((SELECT token_digest::bytea FROM agentic.user_sessions WHERE id = :sid), sha256(convert_to(:'tok', 'UTF8')),
          'only the token''s SHA-256 digest is stored');
SELECT ok((SELECT client_addr = '192.0.2.7' AND user_agent = 'pgtap/1.0'
                  AND not_after = now() + interval '30 days' AND expires_at = now() + interval '1 day'
             FROM agentic.user_sessions WHERE id = :sid),
          'it records the client and expires after agentic.session_idle_seconds, ends after agentic.session_max_seconds');
SELECT is(agentic.resolve_session(:'tok'), :'usr'::bigint, 'resolving the token gives the user');

-- sliding expiry: an old last activity is moved forward, within the absolute end
UPDATE agentic.user_sessions SET last_seen_at = now() - interval '2 hours', expires_at = now() + interval '1 hour'
 WHERE id = :sid;
SELECT is(agentic.resolve_session(:'tok'), :'usr'::bigint, 'a session in use resolves');
SELECT ok((SELECT last_seen_at = statement_timestamp() - (statement_timestamp() - last_seen_at)
                  AND last_seen_at >= now() AND expires_at = last_seen_at + interval '1 day'
             FROM agentic.user_sessions WHERE id = :sid),
          'and its idle expiry slides from the new last activity');
SET LOCAL agentic.session_touch_seconds = 3600;
UPDATE agentic.user_sessions SET last_seen_at = now() - interval '1 minute' WHERE id = :sid;
SELECT agentic.resolve_session(:'tok');
SELECT is((SELECT last_seen_at FROM agentic.user_sessions WHERE id = :sid), now() - interval '1 minute',
          'within agentic.session_touch_seconds nothing is written');
RESET agentic.session_touch_seconds;
SET LOCAL agentic.session_idle_seconds = 3456000;  -- 40 days, beyond the 30-day end
UPDATE agentic.user_sessions SET last_seen_at = now() - interval '1 hour' WHERE id = :sid;
SELECT agentic.resolve_session(:'tok');
SELECT ok((SELECT expires_at = not_after FROM agentic.user_sessions WHERE id = :sid),
          'the idle expiry never passes the absolute end');
RESET agentic.session_idle_seconds;

-- expiry and the user's status
UPDATE agentic.user_sessions SET expires_at = now() - interval '1 second' WHERE id = :sid;
SELECT is(pg_temp.error_of(format('SELECT agentic.resolve_session(%L)', :'tok')),
          '28000 user_sessions_session_valid', 'an expired session is not valid');
SELECT agentic.start_session(:usr) AS tok2 \gset
UPDATE agentic.users SET status = 'disabled' WHERE id = :usr;
SELECT is(pg_temp.error_of(format('SELECT agentic.resolve_session(%L)', :'tok2')),
          '28000 user_sessions_session_valid', 'a disabled user''s session is not valid');
SELECT is(pg_temp.error_of(format('SELECT agentic.start_session(%s)', :usr)),
          '28000 user_sessions_user_may_sign_in', 'a disabled user cannot start one');
UPDATE agentic.users SET status = 'active' WHERE id = :usr;
SELECT is(agentic.resolve_session(:'tok2'), :'usr'::bigint, 'enabled again, the session works');

-- malformed and unknown tokens
SELECT is(pg_temp.error_of(format('SELECT agentic.resolve_session(%L)', left(:'tok2', -1) ||
                                  CASE WHEN right(:'tok2', 1) = 'A' THEN 'B' ELSE 'A' END)),
          '22023 user_sessions_token_format', 'a mistyped token is refused without a lookup');
SELECT is(pg_temp.error_of(format('SELECT agentic.resolve_session(%L)', 'agk_' || substr(:'tok2', 5))),
          '22023 user_sessions_token_format', 'an API key is not a session token');
SELECT is(pg_temp.error_of('SELECT agentic.resolve_session(NULL)'),
          '22004 user_sessions_token_format', 'NULL is refused');
SELECT is(pg_temp.error_of(format('SELECT agentic.start_session(%s)', -1)),
          '23503 user_sessions_user_id_fkey', 'an unknown user cannot start a session');

-- ending
SELECT is(agentic.end_session(:'tok2'), true, 'ending a live session says so');
SELECT is(agentic.end_session(:'tok2'), false, 'ending it again changes nothing');
SELECT is(pg_temp.error_of(format('SELECT agentic.resolve_session(%L)', :'tok2')),
          '28000 user_sessions_session_valid', 'an ended session is not valid');
SELECT agentic.start_session(:other) FROM generate_series(1, 3);
SELECT agentic.start_session(:usr) AS tok3 \gset
SELECT is(agentic.end_all_sessions(:other), 3, 'end_all_sessions() ends every live session of a user');
SELECT is(agentic.resolve_session(:'tok3'), :'usr'::bigint, 'and no one else''s');

-- a session keeps what identifies it; an ended one stays ended
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_sessions SET not_after = not_after + interval ''1 year'' WHERE id = %s', :sid)),
          '23514 user_sessions_identity_immutable', 'the absolute end cannot be moved');
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_sessions SET user_id = %s WHERE id = %s', :other, :sid)),
          '23514 user_sessions_identity_immutable', 'nor the user');
UPDATE agentic.user_sessions SET revoked_at = now() WHERE id = :sid;
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_sessions SET revoked_at = NULL WHERE id = %s', :sid)),
          '23514 user_sessions_revocation_final', 'an ended session stays ended');
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_sessions SET expires_at = not_after + interval ''1 day'' WHERE id = %s', :sid)),
          '42501 user_sessions_expiry_maintained', 'a client cannot move an expiry later');
SELECT is(pg_temp.error_of(format($$INSERT INTO agentic.user_sessions (user_id, token_digest, expires_at, not_after)
                                    VALUES (%s, sha256('imported'), now() + interval '2 days', now() + interval '1 day')$$, :usr)),
          '23514 user_sessions_expiry_order', 'even an import cannot expire after its absolute end');
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_sessions SET user_agent = repeat(''x'', 1025) WHERE id = %s', :sid)),
          '23514 user_sessions_user_agent_length', 'a user agent is at most 1 kB');

-- purge
UPDATE agentic.user_sessions SET expires_at = now() - interval '40 days', last_seen_at = now() - interval '41 days'
 WHERE user_id = :other;
SELECT is(agentic.purge_sessions(), 3::bigint, 'purge_sessions() deletes sessions ended more than 30 days ago');
SELECT is((SELECT count(*)::int FROM agentic.user_sessions WHERE user_id = :usr), 3, 'and keeps the rest');

-- audit: never the digest
SELECT is((SELECT count(*)::int FROM agentic.audit_logs WHERE table_name = 'agentic.user_sessions'
            AND coalesce(new_data, old_data)->>'token_digest' <> '[redacted]'), 0,
          'audit rows of sessions hold no digest');

-- roles
CREATE ROLE agentic_test_sessions_app;
CREATE ROLE agentic_test_sessions_reader;
SELECT cmp_ok(agentic.grant_access('agentic_test_sessions_app', 'write'), '>', 0, 'grant write');
-- the application's role is the service: mapped to a user of user_group service
INSERT INTO agentic.users (username, email, user_group, database_role)
VALUES ('agentic_test_sessions_app_svc', 'agentic_test_sessions_app@service.example', 'service', 'agentic_test_sessions_app');
SELECT cmp_ok(agentic.grant_access('agentic_test_sessions_reader', 'read'), '>', 0, 'grant read');
SET ROLE agentic_test_sessions_app;
SELECT is(agentic.resolve_session(:'tok3'), :'usr'::bigint, 'the write level resolves sessions');
SELECT ok(agentic.start_session(:usr) IS NOT NULL, 'and starts them');
RESET ROLE;
SET ROLE agentic_test_sessions_reader;
SELECT throws_ok(format('SELECT agentic.resolve_session(%L)', :'tok3'), '42501', NULL,
                 'the read level cannot resolve sessions');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
