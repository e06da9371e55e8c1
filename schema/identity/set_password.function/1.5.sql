CREATE FUNCTION agentic.set_password(p_user_id bigint, p_password text)
RETURNS void
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_set_password';
COMMENT ON FUNCTION agentic.set_password(bigint, text) IS
  'Stores a bcrypt hash of the password (pgcrypto, work factor agentic.password_work_factor) for the user; '
  'refuses passwords shorter than agentic.min_password_length characters or longer than 72 bytes (bcrypt ignores the rest)';
