CREATE FUNCTION agentic.authenticate(p_login text, p_password text)
RETURNS bigint
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_authenticate';
COMMENT ON FUNCTION agentic.authenticate(text, text) IS
  'Signs a user in by username or e-mail (any case) and password: returns the user id, or NULL for every failure '
  '(unknown login, wrong password, locked or disabled user: one answer, one bcrypt computation each). '
  'Counts failures and locks the account after agentic.max_failed_logins of them; call it in a transaction that commits';
