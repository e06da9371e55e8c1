-- bench/sql/memory.sql: does a backend's memory grow across 1,000,000 rows through the
-- native ledger rules? One session: two warm-up batches of 100,000 rows, then 10 batches
-- of 100,000 (each INSERT ... SELECT rolled back), measuring the backend's memory-context
-- total (pg_backend_memory_contexts) and its anonymous resident memory (RssAnon,
-- /proc/self/status) after the warm-up and after every batch.
-- Native function calls are counted with track_functions = all.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET track_functions = 'all';
\set batch 100000
\set calls 0
SELECT bench.cfg('agents') AS agents, bench.cfg('anchor') AS anchor,
       (SELECT value = 'true' FROM bench.notes WHERE key = 'derives_null_cost') AS derive \gset
\o /dev/null
\ir memory_batch.sql
\ir memory_batch.sql
\set calls 0
SELECT bench.record('memory', 'context_bytes', 'batch_00', 1, context_bytes, 'bytes'),
       bench.record('memory', 'rss_anon_kb', 'batch_00', 1, rss_anon_kb, 'kB'),
       bench.record('memory', 'rss_kb', 'batch_00', 1, rss_kb, 'kB')
  FROM bench.backend_memory();
SELECT clock_timestamp() AS t0 \gset
\ir memory_batch.sql
SELECT bench.record('memory', 'context_bytes', 'batch_01', 1, context_bytes, 'bytes'),
       bench.record('memory', 'rss_anon_kb', 'batch_01', 1, rss_anon_kb, 'kB'),
       bench.record('memory', 'rss_kb', 'batch_01', 1, rss_kb, 'kB')
  FROM bench.backend_memory();
\ir memory_batch.sql
SELECT bench.record('memory', 'context_bytes', 'batch_02', 1, context_bytes, 'bytes'),
       bench.record('memory', 'rss_anon_kb', 'batch_02', 1, rss_anon_kb, 'kB'),
       bench.record('memory', 'rss_kb', 'batch_02', 1, rss_kb, 'kB')
  FROM bench.backend_memory();
\ir memory_batch.sql
SELECT bench.record('memory', 'context_bytes', 'batch_03', 1, context_bytes, 'bytes'),
       bench.record('memory', 'rss_anon_kb', 'batch_03', 1, rss_anon_kb, 'kB'),
       bench.record('memory', 'rss_kb', 'batch_03', 1, rss_kb, 'kB')
  FROM bench.backend_memory();
\ir memory_batch.sql
SELECT bench.record('memory', 'context_bytes', 'batch_04', 1, context_bytes, 'bytes'),
       bench.record('memory', 'rss_anon_kb', 'batch_04', 1, rss_anon_kb, 'kB'),
       bench.record('memory', 'rss_kb', 'batch_04', 1, rss_kb, 'kB')
  FROM bench.backend_memory();
\ir memory_batch.sql
SELECT bench.record('memory', 'context_bytes', 'batch_05', 1, context_bytes, 'bytes'),
       bench.record('memory', 'rss_anon_kb', 'batch_05', 1, rss_anon_kb, 'kB'),
       bench.record('memory', 'rss_kb', 'batch_05', 1, rss_kb, 'kB')
  FROM bench.backend_memory();
\ir memory_batch.sql
SELECT bench.record('memory', 'context_bytes', 'batch_06', 1, context_bytes, 'bytes'),
       bench.record('memory', 'rss_anon_kb', 'batch_06', 1, rss_anon_kb, 'kB'),
       bench.record('memory', 'rss_kb', 'batch_06', 1, rss_kb, 'kB')
  FROM bench.backend_memory();
\ir memory_batch.sql
SELECT bench.record('memory', 'context_bytes', 'batch_07', 1, context_bytes, 'bytes'),
       bench.record('memory', 'rss_anon_kb', 'batch_07', 1, rss_anon_kb, 'kB'),
       bench.record('memory', 'rss_kb', 'batch_07', 1, rss_kb, 'kB')
  FROM bench.backend_memory();
\ir memory_batch.sql
SELECT bench.record('memory', 'context_bytes', 'batch_08', 1, context_bytes, 'bytes'),
       bench.record('memory', 'rss_anon_kb', 'batch_08', 1, rss_anon_kb, 'kB'),
       bench.record('memory', 'rss_kb', 'batch_08', 1, rss_kb, 'kB')
  FROM bench.backend_memory();
\ir memory_batch.sql
SELECT bench.record('memory', 'context_bytes', 'batch_09', 1, context_bytes, 'bytes'),
       bench.record('memory', 'rss_anon_kb', 'batch_09', 1, rss_anon_kb, 'kB'),
       bench.record('memory', 'rss_kb', 'batch_09', 1, rss_kb, 'kB')
  FROM bench.backend_memory();
\ir memory_batch.sql
SELECT bench.record('memory', 'context_bytes', 'batch_10', 1, context_bytes, 'bytes'),
       bench.record('memory', 'rss_anon_kb', 'batch_10', 1, rss_anon_kb, 'kB'),
       bench.record('memory', 'rss_kb', 'batch_10', 1, rss_kb, 'kB')
  FROM bench.backend_memory();
SELECT bench.record('memory', 'seconds', 'insert_1m_rows', 1, extract(epoch FROM clock_timestamp() - :'t0'::timestamptz), 's'),
       bench.note('memory_native_function_calls', :'calls'),
       bench.note('memory_rows', '1000000 (after a 200000-row warm-up), INSERT ... SELECT in batches of 100000, rolled back');
\o
