-- calculate_agent_utilization(): "the last 30 days" is one window in every form,
-- [now() - interval '30 days', now()) in calendar days of the session time zone, also
-- when a daylight-saving change falls inside it (then it is 719 or 721 hours long).
-- A fixed zone such as Europe/Berlin changes only twice a year, so the test builds a
-- POSIX zone whose summer time began 15 days before now (rules in zero-based day of
-- year, so that it holds whatever the date the test runs on).
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

SELECT set_config('TimeZone',
                  format('AGT0AGS,%s/0,%s/0',
                         extract(doy FROM (now() - interval '15 days') AT TIME ZONE 'UTC')::int - 1,
                         (extract(doy FROM (now() - interval '15 days') AT TIME ZONE 'UTC')::int - 1 + 180) % 365),
                  true) AS zone \gset
SELECT isnt(now() - interval '30 days', now() - interval '720 hours',
            'control: the session time zone ' || :'zone' || ' changes to summer time inside the last 30 days');

INSERT INTO agentic.job_descriptions (title) VALUES ('dst job') RETURNING id AS job \gset
INSERT INTO agentic.agents (name, job_description_id, status, hired_at, created_at)
VALUES ('dst agent', :job, 'active', now() - interval '60 days', now() - interval '60 days')
RETURNING id AS agent \gset

SELECT is((SELECT window_start FROM agentic.calculate_agent_utilization(:agent)),
          now() - interval '30 days',
          'the one-agent form starts its default window 30 calendar days before now');
SELECT is((SELECT window_start FROM agentic.calculate_agent_utilization() WHERE agent_id = :agent),
          now() - interval '30 days',
          'the all-agents form starts its default window 30 calendar days before now');
SELECT results_eq(
  format('SELECT * FROM agentic.calculate_agent_utilization(%s)', :agent),
  format('SELECT * FROM agentic.calculate_agent_utilization() WHERE agent_id = %s', :agent),
  'the one-agent and all-agents default forms agree across a daylight-saving change');
SELECT results_eq(
  format('SELECT * FROM agentic.calculate_agent_utilization(%s)', :agent),
  format($$SELECT * FROM agentic.calculate_agent_utilization(%s, now() - interval '30 days', now())$$, :agent),
  'the default window equals the explicit bounds now() - interval ''30 days'' .. now()');
SELECT is((SELECT available_time FROM agentic.calculate_agent_utilization(:agent)),
          (now() - (now() - interval '30 days'))::interval,
          'the default window is 719 hours long here (summer time began inside it)');

SELECT * FROM finish();
ROLLBACK;
