-- Who acts (agentic.current_user_id()) and row-level security: nobody can act as
-- someone else; users see their own sessions and keys, admins all of them.
-- Two database roles (an application role, a role mapped to a user) and several
-- application users.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
\ir ../../fixtures/error_of.sql

CREATE ROLE agentic_test_act_app;
CREATE ROLE agentic_test_act_alice;
CREATE ROLE agentic_test_act_reader;
SELECT cmp_ok(agentic.grant_access('agentic_test_act_app', 'write'), '>', 0, 'an application role (write)');
-- the application's role is the service: mapped to a user of user_group service
INSERT INTO agentic.users (username, email, user_group, database_role)
VALUES ('agentic_test_act_app_svc', 'agentic_test_act_app@service.example', 'service', 'agentic_test_act_app');
SELECT cmp_ok(agentic.grant_access('agentic_test_act_alice', 'write'), '>', 0, 'a role mapped to a user (write)');
SELECT cmp_ok(agentic.grant_access('agentic_test_act_reader', 'read'), '>', 0, 'a reader');

INSERT INTO agentic.users (username, email, database_role) VALUES ('alice', 'alice@example.com', 'agentic_test_act_alice')
  RETURNING id AS alice \gset
INSERT INTO agentic.users (username, email) VALUES ('bob', 'bob@example.com') RETURNING id AS bob \gset
INSERT INTO agentic.users (username, email, user_group) VALUES ('root', 'root@example.com', 'admin') RETURNING id AS root \gset
INSERT INTO agentic.users (username, email, status) VALUES ('gone', 'gone@example.com', 'disabled') RETURNING id AS gone \gset
SELECT agentic.create_api_key(u, 'key of ' || u) FROM unnest(ARRAY[:alice, :alice, :bob, :root]::bigint[]) u;
SELECT agentic.start_session(u) FROM unnest(ARRAY[:alice, :bob, :bob]::bigint[]) u;

-- the application role, acting for nobody, sees nothing the policies guard
SET ROLE agentic_test_act_app;
SELECT is(agentic.current_user_id(), NULL, 'an application role acts for nobody until it says so');
SELECT is((SELECT count(*)::int FROM agentic.user_api_keys), 0, 'and then sees no keys');
SELECT is((SELECT count(*)::int FROM agentic.user_sessions), 0, 'and no sessions');
SELECT is(agentic.set_current_user(:bob), :'bob'::bigint, 'it acts for bob');
SELECT is(agentic.current_user_id(), :'bob'::bigint, 'current_user_id() says so');
SELECT is((SELECT array_agg(DISTINCT user_id) FROM agentic.user_api_keys), ARRAY[:bob]::bigint[], 'bob sees his keys only');
SELECT is((SELECT count(*)::int FROM agentic.user_sessions), 2, 'and his two sessions');
SELECT is(pg_temp.error_of(format('UPDATE agentic.user_api_keys SET name = ''mine now'' WHERE user_id = %s', :alice)),
          'no error', 'updating alice''s key as bob is no error ...');
SELECT is((SELECT count(*)::int FROM agentic.user_api_keys WHERE name = 'mine now'), 0, '... and changes nothing he cannot see');
SELECT throws_ok(format($$INSERT INTO agentic.user_api_keys (user_id, name, key_prefix, key_digest, key_last4)
                          VALUES (%s, 'planted', 'agk_planted1', sha256('x'), 'abcd')$$, :alice),
                 '42501', NULL, 'bob cannot create a row for alice');
SELECT is(agentic.set_current_user(:root), :'root'::bigint, 'the application role may switch to the admin user');
SELECT is(agentic.current_user_is_admin(), true, 'who is an admin');
SELECT is((SELECT count(*)::int FROM agentic.user_api_keys), 4, 'and sees every key');
SELECT is(pg_temp.error_of(format('SELECT agentic.set_current_user(%s)', :gone)),
          '28000 users_acting_user_active', 'nobody acts for a disabled user');
SELECT is(pg_temp.error_of('SELECT agentic.set_current_user(-1)'),
          '23503 users_acting_user_exists', 'nor for an unknown one');
SELECT is(pg_temp.error_of('SELECT agentic.set_current_user(NULL)'), '22004 ', 'NULL is refused');
RESET ROLE;

-- the setting is the transaction's, as SET LOCAL (root was named above)
SAVEPOINT before_sub;
SELECT agentic.set_current_user(:bob);
SAVEPOINT inner_sub;
SELECT agentic.set_current_user(:alice);
ROLLBACK TO SAVEPOINT inner_sub;
SELECT is(agentic.current_user_id(), :'bob'::bigint, 'a rolled-back subtransaction takes its setting back');
SAVEPOINT kept_sub;
SELECT agentic.set_current_user(:root);
RELEASE SAVEPOINT kept_sub;
SELECT is(agentic.current_user_id(), :'root'::bigint, 'a released one keeps it');
ROLLBACK TO SAVEPOINT before_sub;
SELECT is(agentic.current_user_id(), :'root'::bigint, 'rolling back to before the savepoint restores the setting made before it');
SELECT throws_ok($$SET agentic.current_user_id = '1'$$, '42602', NULL,
                 'no setting can forge the acting user (the agentic prefix is reserved)');

-- a role mapped to a user acts as that user, and only as that user
SET ROLE agentic_test_act_alice;
SELECT is(agentic.current_user_id(), :'alice'::bigint, 'the mapped role acts as alice, whatever another role named before');
SELECT is((SELECT count(*)::int FROM agentic.user_api_keys), 2, 'and sees her two keys');
SELECT is((SELECT count(*)::int FROM agentic.user_sessions), 1, 'and her session');
SELECT is(pg_temp.error_of(format('SELECT agentic.set_current_user(%s)', :root)),
          '42501 users_acting_user_trusted', 'it cannot make itself the admin');
SELECT is(pg_temp.error_of(format('SELECT agentic.set_current_user(%s)', :bob)),
          '42501 users_acting_user_trusted', 'nor bob');
SELECT is(agentic.set_current_user(:alice), :'alice'::bigint, 'naming itself is allowed');
RESET ROLE;

-- a reader cannot name a user
SET ROLE agentic_test_act_reader;
SELECT throws_ok(format('SELECT agentic.set_current_user(%s)', :bob), '42501', NULL,
                 'the read level cannot act for anyone');
SELECT is(agentic.current_user_id(), NULL, 'and acts for nobody (it is neither a user nor the service)');
RESET ROLE;

----------------------------------------------------------------------------------------
-- The policies, written the fast way
----------------------------------------------------------------------------------------
SELECT is((SELECT count(*)::int FROM pg_policies
            WHERE schemaname = 'agentic'
              AND (regexp_replace(coalesce(qual, '') || coalesce(with_check, ''),
                                  '\(\s*SELECT agentic\.current_(user_id|user_is_admin|role_is_service)\(\) AS current_\w+\s*\)', '', 'g')
                   ~ 'current_(user_id|user_is_admin|role_is_service)\(')), 0,
          'every policy reads the acting user through a sub-SELECT (once per statement, not per row)');
SELECT cmp_ok((SELECT count(*)::int FROM pg_policies WHERE schemaname = 'agentic'), '>=', 2,
              'control: there are policies to look at');
SELECT is((SELECT count(*)::int FROM pg_class c
            WHERE c.relnamespace = 'agentic'::regnamespace AND c.relrowsecurity
              AND NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid
                                AND a.attnum = i.indkey[0]
                               WHERE i.indrelid = c.oid
                                 AND a.attname = CASE c.relname WHEN 'users' THEN 'id' ELSE 'user_id' END)), 0,
          'every table with row-level security has an index leading with its user column (users: id)');
SELECT ok((SELECT bool_and(p.proparallel = 'r') FROM pg_proc p
            WHERE p.oid IN ('agentic.current_user_id()'::regprocedure, 'agentic.current_user_is_admin()'::regprocedure,
                            'agentic.current_role_is_service()'::regprocedure)),
          'the acting-user functions are parallel restricted (a worker does not share the setting)');
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; plan text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP plan := plan || line || E'\n'; END LOOP;
  RETURN plan;
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.plan_of(text) TO agentic_test_act_app;
SET ROLE agentic_test_act_app;
SELECT matches(pg_temp.plan_of('SELECT * FROM agentic.user_sessions WHERE user_agent = ''x'''),
               'InitPlan 1', 'the plan reads the acting user once, in an InitPlan');
RESET ROLE;

-- a new transaction starts acting for nobody
SELECT * FROM finish();
ROLLBACK;
