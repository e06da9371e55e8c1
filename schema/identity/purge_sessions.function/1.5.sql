CREATE FUNCTION agentic.purge_sessions(p_older_than interval DEFAULT '30 days')
RETURNS bigint
LANGUAGE C
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_purge_sessions';
COMMENT ON FUNCTION agentic.purge_sessions(interval) IS
  'Deletes sessions that expired or ended longer ago than p_older_than (for space; ended sessions never work either way); returns how many';
