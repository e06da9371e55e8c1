-- Conversations and messages: the message tree, its rules, the counters the
-- rules keep, costs in the ledger, full-text search and row-level security.
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();
\ir ../../fixtures/error_of.sql

INSERT INTO agentic.users (username, email) VALUES ('talker', 'talker@example.com') RETURNING id AS usr \gset
INSERT INTO agentic.users (username, email) VALUES ('listener', 'listener@example.com') RETURNING id AS other \gset
INSERT INTO agentic.model_catalog (provider, model_name, input_price_per_mtok, output_price_per_mtok, price_effective_from)
VALUES ('pgtap', 'talk-model', 2, 8, '2020-01-01') RETURNING id AS model \gset
INSERT INTO agentic.conversations (user_id, title, model_id, temperature) VALUES (:usr, 'Trip planning', :model, 0.7)
  RETURNING id AS conv \gset
SELECT ok((SELECT message_count = 0 AND input_tokens = 0 AND output_tokens = 0 AND last_message_at IS NULL
             FROM agentic.conversations WHERE id = :conv), 'a new conversation has no messages');

INSERT INTO agentic.messages (conversation_id, role, content) VALUES (:conv, 'user', 'Plan a trip to Lisbon in May')
  RETURNING id AS m1, user_id AS m1_user \gset
SELECT is(:'m1_user'::bigint, :'usr'::bigint, 'a message takes its conversation''s user');
INSERT INTO agentic.messages (conversation_id, parent_id, role, content, model_id, input_tokens, output_tokens)
VALUES (:conv, :m1, 'assistant', 'Lisbon in May is lovely: trams, pastéis de nata and fado.', :model, 120, 45)
  RETURNING id AS m2 \gset
-- an edit: a sibling of the first answer
INSERT INTO agentic.messages (conversation_id, parent_id, role, content, model_id, input_tokens, output_tokens)
VALUES (:conv, :m1, 'assistant', 'Shorter: go to Lisbon.', :model, 120, 6) RETURNING id AS m2b \gset
SELECT ok((SELECT message_count = 3 AND input_tokens = 240 AND output_tokens = 51
                  AND last_message_at = (SELECT max(created_at) FROM agentic.messages WHERE conversation_id = :conv)
             FROM agentic.conversations WHERE id = :conv),
          'the counters follow the messages written');

-- the tree stays in its conversation
INSERT INTO agentic.conversations (user_id, title) VALUES (:usr, 'Other') RETURNING id AS conv2 \gset
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.messages (conversation_id, parent_id, role) VALUES (%s, %s, ''user'')',
                                  :conv2, :m1)),
          '23503 messages_parent_fkey', 'a reply cannot point into another conversation');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.messages (conversation_id, user_id, role) VALUES (%s, %s, ''user'')',
                                  :conv, :other)),
          '23503 messages_conversation_fkey', 'a message cannot claim another user');
SELECT is(pg_temp.error_of('INSERT INTO agentic.messages (conversation_id, role) VALUES (-1, ''user'')'),
          '23502 ', 'a message needs an existing conversation (no user to take)');
SELECT is(pg_temp.error_of(format('UPDATE agentic.messages SET conversation_id = %s WHERE id = %s', :conv2, :m2)),
          '23514 messages_identity_immutable', 'a message stays in its conversation');
SELECT is(pg_temp.error_of(format('UPDATE agentic.messages SET role = ''system'' WHERE id = %s', :m2)),
          '23514 messages_identity_immutable', 'and keeps its role');

SELECT is(pg_temp.error_of(format('UPDATE agentic.messages SET parent_id = %s WHERE id = %s', :m2, :m1)),
          '23514 messages_identity_immutable', 'a message keeps its parent (the tree never gets a cycle)');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.messages (id, conversation_id, parent_id, role) VALUES (-7, %s, -7, ''user'')', :conv)),
          '23514 messages_parent_before_child', 'a message is not its own parent');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.messages (id, conversation_id, role, parent_id) VALUES (-10, %s, ''user'', -9), (-9, %s, ''user'', -10)', :conv, :conv)),
          '23514 messages_parent_before_child', 'two messages inserted together cannot be each other''s parent');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.messages (conversation_id, role, created_at) VALUES (%s, ''user'', ''2999-01-01'')', :conv)),
          '23514 messages_created_at_not_future', 'a message is not written in the future');
SELECT lives_ok(format('INSERT INTO agentic.messages (conversation_id, role, created_at) VALUES (%s, ''user'', now() + interval ''1 minute'')', :conv2),
                'a few minutes of clock skew are allowed');
SELECT is(pg_temp.error_of(format('UPDATE agentic.messages SET created_at = created_at - interval ''10 years'' WHERE id = %s', :m1)),
          '23514 messages_identity_immutable', 'a message keeps its creation time');

-- editing one message writes one row, and the counters follow
UPDATE agentic.messages SET content = 'Lisbon in May: trams and fado.', output_tokens = 40 WHERE id = :m2;
SELECT is((SELECT output_tokens FROM agentic.conversations WHERE id = :conv), 46::bigint,
          'an edited token count changes the conversation''s total');
SELECT is((SELECT count(*)::int FROM agentic.audit_logs WHERE table_name = 'agentic.messages' AND row_id = :m2
            AND operation = 'UPDATE'), 1, 'the edit is one audited row');

-- status machine
INSERT INTO agentic.messages (conversation_id, parent_id, role, status) VALUES (:conv, :m2, 'assistant', 'pending')
  RETURNING id AS m3 \gset
UPDATE agentic.messages SET status = 'streaming', content = 'Day 1:' WHERE id = :m3;
SELECT count(*) AS conv_audits FROM agentic.audit_logs WHERE table_name = 'agentic.conversations' \gset
UPDATE agentic.messages SET status = 'completed', content = 'Day 1: Alfama.' WHERE id = :m3;
SELECT is((SELECT count(*) FROM agentic.audit_logs WHERE table_name = 'agentic.conversations'), :'conv_audits'::bigint,
          'a message update that changes no count leaves its conversation (and its audit trail) alone');
SELECT ok((SELECT completed_at IS NOT NULL FROM agentic.messages WHERE id = :m3), 'completing stamps completed_at');
SELECT is(pg_temp.error_of(format('UPDATE agentic.messages SET status = ''streaming'' WHERE id = %s', :m3)),
          '23514 messages_status_transition', 'a completed message does not stream again');

-- counters cannot be typed in
SELECT is(pg_temp.error_of(format('UPDATE agentic.conversations SET message_count = 99 WHERE id = %s', :conv)),
          '42501 conversations_counters_maintained', 'message_count is never typed in');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.conversations (user_id, output_tokens) VALUES (%s, 5)', :usr)),
          '42501 conversations_counters_maintained', 'not even on insert');
SELECT lives_ok(format('UPDATE agentic.conversations SET title = ''Lisbon'' WHERE id = %s', :conv),
                'other columns can be edited');

-- deleting messages (a subtree goes with its root) and archiving
INSERT INTO agentic.messages (conversation_id, parent_id, role, content) VALUES (:conv, :m2b, 'user', 'Thanks');
DELETE FROM agentic.messages WHERE id = :m2b;
SELECT ok((SELECT message_count = (SELECT count(*) FROM agentic.messages WHERE conversation_id = :conv)
                  AND output_tokens = (SELECT sum(output_tokens) FROM agentic.messages WHERE conversation_id = :conv)
                  AND last_message_at = (SELECT max(created_at) FROM agentic.messages WHERE conversation_id = :conv)
             FROM agentic.conversations WHERE id = :conv),
          'deleting a message and its replies keeps the counters exact');
UPDATE agentic.conversations SET status = 'archived' WHERE id = :conv;
SELECT ok((SELECT archived_at IS NOT NULL FROM agentic.conversations WHERE id = :conv), 'archiving stamps archived_at');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.messages (conversation_id, role) VALUES (%s, ''user'')', :conv)),
          '23514 messages_conversation_active', 'an archived conversation takes no new message');
UPDATE agentic.conversations SET status = 'active' WHERE id = :conv;
SELECT ok((SELECT archived_at IS NULL FROM agentic.conversations WHERE id = :conv), 'un-archiving clears it');

-- full-text search
SELECT is((SELECT array_agg(id ORDER BY id) FROM agentic.messages
            WHERE search_vector @@ websearch_to_tsquery('english', 'trams fado')), ARRAY[:m2]::bigint[],
          'messages are found by full-text search');

-- costs are ledger rows, never a second money column
INSERT INTO agentic.execution_costs (model_id, user_id, conversation_id, message_id, input_tokens, output_tokens, cost)
VALUES (:model, :usr, :conv, :m2, 120, 40, NULL);
SELECT is((SELECT total_cost FROM agentic.conversation_costs WHERE conversation_id = :conv),
          (120 * 2 + 40 * 8) / 1000000.0, 'conversation_costs sums the ledger (a derived cost of the message)');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.execution_costs (user_id, conversation_id, cost) VALUES (%s, %s, 1)',
                                  :other, :conv)),
          '23503 execution_costs_conversation_user_fkey', 'a cost cannot charge one user for another''s conversation');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.execution_costs (conversation_id, message_id, cost) VALUES (%s, %s, 1)',
                                  :conv2, :m2)),
          '23503 execution_costs_message_fkey', 'nor name a message of another conversation');
SELECT lives_ok(format('INSERT INTO agentic.execution_costs (user_id, cost) VALUES (%s, 0.5)', :usr),
                'a cost may be charged to a user alone');
SELECT is((SELECT count(*)::int FROM information_schema.columns WHERE table_schema = 'agentic'
            AND table_name IN ('conversations', 'messages') AND column_name ~ 'cost'), 0,
          'conversations and messages have no money column');
DELETE FROM agentic.messages WHERE id = :m2;
SELECT ok((SELECT conversation_id = :conv AND message_id IS NULL FROM agentic.execution_costs WHERE conversation_id = :conv),
          'deleting a message keeps its cost, linked to the conversation');

----------------------------------------------------------------------------------------
-- Row-level security: users see their own conversations and messages
----------------------------------------------------------------------------------------
INSERT INTO agentic.conversations (user_id, title) VALUES (:other, 'Listener''s') RETURNING id AS conv_other \gset
INSERT INTO agentic.messages (conversation_id, role, content) VALUES (:conv_other, 'user', 'private');
CREATE ROLE agentic_test_talk_app;
SELECT cmp_ok(agentic.grant_access('agentic_test_talk_app', 'write'), '>', 0, 'grant write');
-- the application's role is the service: mapped to a user of user_group service
INSERT INTO agentic.users (username, email, user_group, database_role)
VALUES ('agentic_test_talk_app_svc', 'agentic_test_talk_app@service.example', 'service', 'agentic_test_talk_app');
SET ROLE agentic_test_talk_app;
SELECT agentic.set_current_user(:usr);
SELECT is((SELECT count(*)::int FROM agentic.conversations WHERE user_id = :other), 0, 'the talker sees none of the listener''s conversations');
SELECT is((SELECT count(*)::int FROM agentic.messages WHERE content = 'private'), 0, 'nor its messages');
SELECT is((SELECT count(*)::int FROM agentic.conversation_costs WHERE user_id = :other), 0, 'nor its costs');
SELECT throws_ok(format('INSERT INTO agentic.messages (conversation_id, role, content) VALUES (%s, ''user'', ''sneaky'')', :conv_other),
                 '42501', NULL, 'and cannot post into it');
SELECT lives_ok(format('INSERT INTO agentic.messages (conversation_id, role, content) VALUES (%s, ''user'', ''mine'')', :conv),
                'but posts into its own');
SELECT is((SELECT message_count FROM agentic.conversations WHERE id = :conv),
          (SELECT count(*)::int FROM agentic.messages WHERE conversation_id = :conv),
          'and the counters, kept with the owner''s rights, follow');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
