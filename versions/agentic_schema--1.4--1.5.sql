-- agentic_schema 1.4 -> 1.5
--
-- People, sign-in and conversations: users, sessions, API keys, lockout,
-- agents' owners and configuration, workflows, tools, conversations, messages.
\echo Use "ALTER EXTENSION agentic_schema UPDATE TO '1.5'" to load this file. \quit
