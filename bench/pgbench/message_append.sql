-- bench/pgbench/message_append.sql: one chat turn, written against agentic.*; run.sh
-- runs the same on reference.*: a user message and the assistant's answer appended
-- to a conversation (drawn Zipf-skewed from :conversations, so busy conversations
-- see racing appends), each its own transaction, the counters kept and the rows audited.
\set c random_zipfian(1, :conversations, 1.1)
\set tokens random(20, 2000)
\set output random(20, 800)
INSERT INTO agentic.messages (conversation_id, role, content, input_tokens)
VALUES (:c, 'user', 'How do I reset my password? The link in the e-mail has expired.', 0);
INSERT INTO agentic.messages (conversation_id, role, content, model_id, input_tokens, output_tokens)
VALUES (:c, 'assistant', 'Request a new link from the sign-in page; links expire after an hour for your safety.',
        NULL, :tokens, :output);
