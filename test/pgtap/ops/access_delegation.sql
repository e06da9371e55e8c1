-- Delegated administration of the extension's privileges: a non-superuser role
-- a superuser granted EXECUTE on grant_access() and revoke_access() (and USAGE
-- on the schema, to call them by name) gives and takes access; the GRANT and
-- REVOKE statements run with the extension owner's rights.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

INSERT INTO agentic.tasks (title) VALUES ('delegation-task');
CREATE ROLE agentic_test_delegate NOLOGIN;
CREATE ROLE agentic_test_delegated_reader NOLOGIN;
CREATE ROLE agentic_test_delegated_admin NOLOGIN;
GRANT USAGE ON SCHEMA agentic TO agentic_test_delegate;
GRANT EXECUTE ON FUNCTION agentic.grant_access(regrole, text), agentic.revoke_access(regrole)
   TO agentic_test_delegate;
SELECT ok(NOT (SELECT rolsuper FROM pg_roles WHERE rolname = 'agentic_test_delegate'),
  'the delegate is not a superuser');

SET ROLE agentic_test_delegate;
SELECT cmp_ok(agentic.grant_access('agentic_test_delegated_reader', 'read'), '>', 0,
  'a role with EXECUTE on grant_access() grants read to another role');
SELECT throws_ok($$SELECT count(*) FROM agentic.tasks$$, '42501', NULL,
  'the delegate itself gained no access by granting it');
SELECT lives_ok($$SELECT agentic.grant_access('agentic_test_delegated_admin', 'admin')$$,
  'the delegate may grant admin too (administration of the privileges is above admin)');
RESET ROLE;

SET ROLE agentic_test_delegated_reader;
SELECT is((SELECT count(*)::int FROM agentic.tasks WHERE title = 'delegation-task'), 1,
  'the role the delegate granted read reads tasks');
SELECT throws_ok($$INSERT INTO agentic.tasks (title) VALUES ('by delegated reader')$$, '42501', NULL,
  'and cannot write');
RESET ROLE;
SELECT ok(has_table_privilege('agentic_test_delegated_admin', 'agentic.model_catalog', 'UPDATE')
          AND has_table_privilege('agentic_test_delegated_admin', 'agentic.audit_logs', 'SELECT'),
  'the role the delegate granted admin holds the admin rights');
SELECT is((SELECT DISTINCT a.grantor::regrole::text
             FROM pg_class c, aclexplode(c.relacl) a
            WHERE c.oid = 'agentic.tasks'::regclass
              AND a.grantee = 'agentic_test_delegated_reader'::regrole),
  (SELECT e.extowner::regrole::text FROM pg_extension e WHERE e.extname = 'agentic_schema'),
  'the grants were made by the extension owner, so a superuser can revoke them as usual');

SET ROLE agentic_test_delegate;
SELECT cmp_ok(agentic.revoke_access('agentic_test_delegated_reader'), '>', 0,
  'the delegate revokes access');
RESET ROLE;
SET ROLE agentic_test_delegated_reader;
SELECT throws_ok($$SELECT count(*) FROM agentic.tasks$$, '42501', NULL,
  'the access the delegate revoked is gone');
RESET ROLE;

-- The extension owner's rights are not the delegate's to change (1.3), and NULL is an
-- error, not a silent no-op
SET ROLE agentic_test_delegate;
SELECT throws_ok(format('SELECT agentic.revoke_access(%L)',
                        (SELECT e.extowner::regrole::text FROM pg_extension e WHERE e.extname = 'agentic_schema')),
                 '22023', NULL, 'revoke_access() refuses the extension owner');
SELECT throws_ok($$SELECT agentic.grant_access('agentic_test_delegated_reader', NULL)$$, '22004', NULL,
                 'grant_access() without a level is an error');
SELECT throws_ok($$SELECT agentic.grant_access(NULL, 'read')$$, '22004', NULL,
                 'grant_access() without a role is an error');
SELECT throws_ok($$SELECT agentic.revoke_access(NULL)$$, '22004', NULL,
                 'revoke_access() without a role is an error');
RESET ROLE;
SELECT ok(EXISTS (SELECT 1 FROM pg_class c, aclexplode(c.relacl) a, pg_extension e
                   WHERE c.oid = 'agentic.tasks'::regclass AND e.extname = 'agentic_schema'
                     AND a.grantee = e.extowner AND a.privilege_type = 'INSERT'),
          'the owner keeps its own grants in the ACL');

-- Without EXECUTE nothing changes: USAGE on the schema alone is not enough.
CREATE ROLE agentic_test_not_delegate NOLOGIN;
GRANT USAGE ON SCHEMA agentic TO agentic_test_not_delegate;
SET ROLE agentic_test_not_delegate;
SELECT throws_ok($$SELECT agentic.grant_access('agentic_test_delegated_reader', 'read')$$, '42501',
  'permission denied for function grant_access',
  'a role without EXECUTE on grant_access() grants nothing');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
