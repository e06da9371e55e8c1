CREATE FUNCTION agentic.calculate_agent_utilization(
  p_agent_id bigint, p_window_start timestamptz, p_window_end timestamptz)
RETURNS TABLE (agent_id bigint, window_start timestamptz, window_end timestamptz,
               available_time interval, busy_time interval, utilization double precision,
               assignments integer)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 1
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_agent_utilization';
COMMENT ON FUNCTION agentic.calculate_agent_utilization(bigint, timestamptz, timestamptz) IS
  'Busy share of one agent''s employed time in [p_window_start, p_window_end), counting '
  'overlapping assignments once and open ones until now; utilization is NULL when the agent '
  'had no time in the window';

CREATE FUNCTION agentic.calculate_agent_utilization(p_agent_id bigint)
RETURNS TABLE (agent_id bigint, window_start timestamptz, window_end timestamptz,
               available_time interval, busy_time interval, utilization double precision,
               assignments integer)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 1
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_agent_utilization';
COMMENT ON FUNCTION agentic.calculate_agent_utilization(bigint) IS
  'calculate_agent_utilization for one agent over the last 30 days';

CREATE FUNCTION agentic.calculate_agent_utilization(
  p_window_start timestamptz DEFAULT now() - interval '30 days',
  p_window_end timestamptz DEFAULT now())
RETURNS TABLE (agent_id bigint, window_start timestamptz, window_end timestamptz,
               available_time interval, busy_time interval, utilization double precision,
               assignments integer)
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS 'MODULE_PATHNAME', 'agentic_all_agents_utilization';
COMMENT ON FUNCTION agentic.calculate_agent_utilization(timestamptz, timestamptz) IS
  'calculate_agent_utilization for every agent employed at some time in the window';
