-- The task graph (parents and dependencies) never has a cycle.
-- An edge X -> Y means "X cannot finish before Y": a parent -> each subtask,
-- a task -> each task it depends on.
BEGIN;
SET search_path = agentic, public;
SELECT * FROM no_plan();

\ir ../../fixtures/error_of.sql

CREATE FUNCTION pg_temp.new_task(title text, parent bigint DEFAULT NULL) RETURNS bigint LANGUAGE sql AS
  $$INSERT INTO agentic.tasks (title, parent_task_id) VALUES (title, parent) RETURNING id$$;

----------------------------------------------------------------------------------------
-- Self references
----------------------------------------------------------------------------------------
SELECT pg_temp.new_task('loner') AS loner \gset
SELECT throws_ok(format('UPDATE agentic.tasks SET parent_task_id = id WHERE id = %s', :loner),
                 '23514', 'new row for relation "tasks" violates check constraint "tasks_not_own_parent"',
                 'a task cannot be its own parent (UPDATE)');
SELECT throws_ok('INSERT INTO agentic.tasks (id, title, parent_task_id) VALUES (7000001, ''self'', 7000001)',
                 '23514', 'new row for relation "tasks" violates check constraint "tasks_not_own_parent"',
                 'a task cannot be its own parent (INSERT)');
SELECT throws_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%1$s, %1$s)', :loner),
                 '23514', 'new row for relation "task_dependencies" violates check constraint "task_dependencies_not_self"',
                 'a task cannot depend on itself');

----------------------------------------------------------------------------------------
-- Parent cycles
----------------------------------------------------------------------------------------
SELECT pg_temp.new_task('p2 a') AS p2a \gset
SELECT pg_temp.new_task('p2 b', :p2a) AS p2b \gset
SELECT throws_ok(format('UPDATE agentic.tasks SET parent_task_id = %s WHERE id = %s', :p2b, :p2a),
                 '23514', format('task graph cycle: task %s having parent task %s would close a cycle', :p2a, :p2b),
                 'a parent cycle of length 2 is rejected');
SELECT is(pg_temp.error_of(format('UPDATE agentic.tasks SET parent_task_id = %s WHERE id = %s', :p2b, :p2a)),
          '23514 task_graph_acyclic', 'reported as constraint task_graph_acyclic');
SELECT is((SELECT parent_task_id FROM agentic.tasks WHERE id = :p2a), NULL, 'the rejected UPDATE left the parent unchanged');

SELECT pg_temp.new_task('p3 a') AS p3a \gset
SELECT pg_temp.new_task('p3 b', :p3a) AS p3b \gset
SELECT pg_temp.new_task('p3 c', :p3b) AS p3c \gset
SELECT throws_ok(format('UPDATE agentic.tasks SET parent_task_id = %s WHERE id = %s', :p3c, :p3a),
                 '23514', format('task graph cycle: task %s having parent task %s would close a cycle', :p3a, :p3c),
                 'a parent cycle of length 3 is rejected');
SELECT pg_temp.new_task('ring x') AS rx \gset
SELECT pg_temp.new_task('ring y') AS ry \gset
SELECT throws_like(format('UPDATE agentic.tasks SET parent_task_id = CASE id WHEN %1$s THEN %2$s ELSE %1$s END '
                          'WHERE id IN (%1$s, %2$s)', :rx, :ry),
                   'task graph cycle:%',
                   'a two-row UPDATE making two tasks each other''s parent is rejected');
SELECT lives_ok(format('UPDATE agentic.tasks SET parent_task_id = CASE id WHEN %1$s THEN %2$s END '
                       'WHERE id IN (%1$s, %2$s)', :p3a, :p3b),
                'a two-row UPDATE swapping parent and child is fine');
SELECT lives_ok(format('UPDATE agentic.tasks SET parent_task_id = %s WHERE id = %s', :p3a, :p3c),
                'moving a grandchild directly under its grandparent is fine');
SELECT lives_ok(format('UPDATE agentic.tasks SET parent_task_id = %s WHERE id = %s', :p3c, :loner),
                'hanging an unrelated task under the tree is fine');

----------------------------------------------------------------------------------------
-- Dependency cycles and mixed cycles
----------------------------------------------------------------------------------------
SELECT pg_temp.new_task('dep a') AS da \gset
SELECT pg_temp.new_task('dep b') AS db \gset
SELECT pg_temp.new_task('dep c') AS dc \gset
INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (:da, :db), (:db, :dc);
SELECT throws_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :dc, :da),
                 '23514', format('task graph cycle: task %s depending on task %s would close a cycle', :dc, :da),
                 'the dependency cycle A -> B -> C -> A is rejected');
SELECT throws_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :db, :da),
                 '23514', format('task graph cycle: task %s depending on task %s would close a cycle', :db, :da),
                 'a mutual dependency is rejected');
SELECT lives_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :da, :dc),
                'a redundant (transitive) dependency is not a cycle');
SELECT pg_temp.new_task('dep d') AS dd \gset
INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (:dc, :dd) RETURNING id AS dep_cd \gset
SELECT throws_ok(format('UPDATE agentic.task_dependencies SET depends_on_task_id = %s WHERE id = %s', :da, :dep_cd),
                 '23514', format('task graph cycle: task %s depending on task %s would close a cycle', :dc, :da),
                 'redirecting a dependency into a cycle by UPDATE is rejected');
SELECT is((SELECT depends_on_task_id FROM agentic.task_dependencies WHERE id = :dep_cd), :dd::bigint,
          'the rejected UPDATE left the dependency unchanged');

SELECT pg_temp.new_task('mixed parent') AS mp \gset
SELECT pg_temp.new_task('mixed child', :mp) AS mc \gset
SELECT throws_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :mc, :mp),
                 '23514', format('task graph cycle: task %s depending on task %s would close a cycle', :mc, :mp),
                 'a subtask cannot depend on its parent (parent + dependency cycle)');
SELECT lives_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :mp, :mc),
                'a parent may depend on its own subtask (same direction as the parent edge)');
SELECT pg_temp.new_task('mixed grandchild', :mc) AS mg \gset
SELECT throws_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :mg, :mp),
                 '23514', format('task graph cycle: task %s depending on task %s would close a cycle', :mg, :mp),
                 'a grand-subtask cannot depend on its grandparent');
-- dependency first, then the parent edge closes the cycle
SELECT pg_temp.new_task('waits') AS w1 \gset
SELECT pg_temp.new_task('waited for') AS w2 \gset
INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (:w1, :w2);
SELECT throws_ok(format('UPDATE agentic.tasks SET parent_task_id = %s WHERE id = %s', :w2, :w1),
                 '23514', format('task graph cycle: task %s having parent task %s would close a cycle', :w1, :w2),
                 'a task cannot become a subtask of a task it depends on');
SELECT lives_ok(format('UPDATE agentic.tasks SET parent_task_id = %s WHERE id = %s', :w1, :w2),
                'the task it depends on may become its subtask (same direction)');
SELECT lives_ok(format('INSERT INTO agentic.tasks (title, parent_task_id) VALUES (''new sub'', %s)', :w2),
                'a brand-new subtask anywhere in the graph is accepted');

----------------------------------------------------------------------------------------
-- One statement, two rows that close a cycle
----------------------------------------------------------------------------------------
SELECT throws_like('INSERT INTO agentic.tasks (id, title, parent_task_id) VALUES '
                   '(7000011, ''ring a'', 7000012), (7000012, ''ring b'', 7000011)',
                   'task graph cycle:%',
                   'a two-row INSERT whose rows are each other''s parents is rejected');
SELECT is((SELECT count(*)::int FROM agentic.tasks WHERE id IN (7000011, 7000012)), 0,
          'the failed INSERT left no task behind');
SELECT throws_like(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%1$s, %2$s), (%2$s, %1$s)',
                          :w1, :dd),
                   'task graph cycle:%',
                   'a two-row INSERT of mutual dependencies is rejected');
SELECT is((SELECT count(*)::int FROM agentic.task_dependencies
            WHERE (task_id, depends_on_task_id) IN ((:w1, :dd), (:dd, :w1))), 0,
          'the failed INSERT left no dependency behind');
SELECT throws_like('INSERT INTO agentic.tasks (id, title, parent_task_id) VALUES '
                   '(7000021, ''tri a'', 7000023), (7000022, ''tri b'', 7000021), (7000023, ''tri c'', 7000022)',
                   'task graph cycle:%',
                   'a three-row INSERT closing a parent ring is rejected');
SELECT is((SELECT count(*)::int FROM agentic.tasks WHERE id BETWEEN 7000021 AND 7000023), 0,
          'the failed three-row INSERT left nothing behind');
SELECT lives_ok('INSERT INTO agentic.tasks (id, title, parent_task_id) VALUES '
                '(7000031, ''tree root'', NULL), (7000032, ''tree leaf'', 7000031)',
                'a two-row INSERT of a parent and its child with explicit ids is fine');

----------------------------------------------------------------------------------------
-- Deep graphs and the search limit
----------------------------------------------------------------------------------------
CREATE TEMP TABLE chain (pos int PRIMARY KEY, id bigint NOT NULL);
SELECT lives_ok($t$
  DO $do$
  DECLARE prev bigint; cur bigint;
  BEGIN
    FOR i IN 1..200 LOOP
      INSERT INTO agentic.tasks (title, parent_task_id) VALUES ('chain ' || i, prev) RETURNING id INTO cur;
      INSERT INTO chain VALUES (i, cur);
      prev := cur;
    END LOOP;
  END $do$ $t$, 'a chain of 200 nested subtasks is accepted');
SELECT is((SELECT count(*)::int FROM chain c JOIN agentic.tasks t ON t.id = c.id
            WHERE c.pos = 1 AND t.parent_task_id IS NULL
               OR c.pos > 1 AND t.parent_task_id = (SELECT id FROM chain WHERE pos = c.pos - 1)),
          200, 'the chain is 200 deep');
SELECT id AS c1 FROM chain WHERE pos = 1 \gset
SELECT id AS c100 FROM chain WHERE pos = 100 \gset
SELECT id AS c200 FROM chain WHERE pos = 200 \gset
SELECT throws_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :c200, :c1),
                 '23514', format('task graph cycle: task %s depending on task %s would close a cycle', :c200, :c1),
                 'the deepest subtask cannot depend on the root (a 200-task cycle)');
SELECT throws_ok(format('UPDATE agentic.tasks SET parent_task_id = %s WHERE id = %s', :c200, :c1),
                 '23514', format('task graph cycle: task %s having parent task %s would close a cycle', :c1, :c200),
                 'the root cannot become a subtask of its deepest subtask');
SELECT pg_temp.new_task('outsider') AS outsider \gset
SELECT lives_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :outsider, :c1),
                'a task may depend on the root of a 200-deep tree (the check walks all 200 tasks)');

CREATE TEMP TABLE dep_chain (pos int PRIMARY KEY, id bigint NOT NULL);
SELECT lives_ok($t$
  DO $do$
  DECLARE prev bigint; cur bigint;
  BEGIN
    FOR i IN 1..200 LOOP
      INSERT INTO agentic.tasks (title) VALUES ('dep chain ' || i) RETURNING id INTO cur;
      IF prev IS NOT NULL THEN
        INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (cur, prev);
      END IF;
      INSERT INTO dep_chain VALUES (i, cur);
      prev := cur;
    END LOOP;
  END $do$ $t$, 'a chain of 200 dependencies is accepted');
SELECT throws_like(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)',
                          (SELECT id FROM dep_chain WHERE pos = 1), (SELECT id FROM dep_chain WHERE pos = 200)),
                   'task graph cycle:%', 'closing the 200-dependency chain into a ring is rejected');

SET LOCAL agentic.max_task_graph_nodes = 10;
SELECT pg_temp.new_task('limited') AS limited \gset
SELECT throws_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :limited, :c1),
                 '54000', 'task graph too large to check for cycles',
                 'with agentic.max_task_graph_nodes = 10, a check that must walk 200 tasks gives up (54000)');
SELECT is(pg_temp.error_of(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :limited, :c1)),
          '54000 task_graph_acyclic', 'the limit is reported as constraint task_graph_acyclic');
SELECT throws_ok(format('UPDATE agentic.tasks SET parent_task_id = %s WHERE id = %s', :limited, :c1),
                 '54000', 'task graph too large to check for cycles',
                 'the limit applies to parent changes too');
SELECT lives_ok(format('INSERT INTO agentic.task_dependencies (task_id, depends_on_task_id) VALUES (%s, %s)', :limited, :c200),
                'a small check (the deepest subtask has no successors) still passes under the limit');
SET LOCAL agentic.max_task_graph_nodes TO DEFAULT;
SELECT lives_ok(format('UPDATE agentic.tasks SET parent_task_id = %s WHERE id = %s', :limited, :c1),
                'with the default limit the same change is checked and accepted');
SELECT is((SELECT count(*)::int FROM agentic.task_dependencies WHERE task_id = :limited), 1,
          'only the accepted dependency of the limited task was written');

SELECT * FROM finish();
ROLLBACK;
