-- agentic_schema 1.1 -> 1.0: back to 1.0's privileges. Grants made with
-- grant_access stay in place (they are the DBA's), only the functions go.
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.0'" to load this file. \quit

DROP FUNCTION agentic.grant_access(regrole, text);
DROP FUNCTION agentic.revoke_access(regrole);

GRANT EXECUTE ON FUNCTION
  agentic.jsonb_array_of(jsonb, text), agentic.status_transitions(),
  agentic.calculate_agent_utilization(bigint, timestamptz, timestamptz),
  agentic.calculate_agent_utilization(bigint),
  agentic.calculate_agent_utilization(timestamptz, timestamptz)
TO PUBLIC;
