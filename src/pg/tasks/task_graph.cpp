#include "pg/tasks/task_graph.hpp"

#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/locks.hpp"
#include "pg/runtime/settings.hpp"
#include "pg/runtime/key_scan.hpp"

#include "core/tasks/task_graph.hpp"

#include <vector>

namespace agentic::pg::task_graph {
namespace {

// The graph's two kinds of edges, read directly (src/pg/runtime/key_scan.hpp): a
// task's children through the parent_task_id index, its dependencies through the
// (task_id, depends_on_task_id) key.
struct GraphTables {
  Oid tasks;
  AttrNumber taskId;
  AttrNumber parentId;
  Oid dependencies;
  AttrNumber dependentId;
  AttrNumber dependsOnId;
};

GraphTables graphTables() {
  GraphTables g{};
  pgCall([&] {
    const Oid nsp = get_namespace_oid("agentic", false);
    g.tasks = get_relname_relid("tasks", nsp);
    g.dependencies = get_relname_relid("task_dependencies", nsp);
    if (!OidIsValid(g.tasks) || !OidIsValid(g.dependencies))
      elog(ERROR, "the task graph tables of agentic_schema are missing");
    g.taskId = get_attnum(g.tasks, "id");
    g.parentId = get_attnum(g.tasks, "parent_task_id");
    g.dependentId = get_attnum(g.dependencies, "task_id");
    g.dependsOnId = get_attnum(g.dependencies, "depends_on_task_id");
  });
  return g;
}

// scanByKey's visitor: one edge per row, from column `from` to column `to` (plain
// PostgreSQL calls; the edge list grows in PostgreSQL memory).
struct EdgeScan {
  AttrNumber from;
  AttrNumber to;
  List* pairs;  // int8 from, int8 to, ...
};

void collectEdge(TupleTableSlot* row, void* state) {
  auto* scan = static_cast<EdgeScan*>(state);
  bool fromNull = false;
  bool toNull = false;
  const Datum from = slot_getattr(row, scan->from, &fromNull);
  const Datum to = slot_getattr(row, scan->to, &toNull);
  if (fromNull || toNull) return;
  auto* pair = static_cast<int64*>(palloc(2 * sizeof(int64)));
  pair[0] = DatumGetInt64(from);
  pair[1] = DatumGetInt64(to);
  scan->pairs = lappend(scan->pairs, pair);
}

// Edges out of the frontier, as the latest committed graph and this statement's own
// changes have them (as ReadMode::Latest): the children and the dependencies.
void fetchEdges(const GraphTables& g, const std::vector<core::TaskId>& frontier,
                std::vector<core::TaskEdge>& edges) {
  EdgeScan children{g.parentId, g.taskId, NIL};
  EdgeScan dependencies{g.dependentId, g.dependsOnId, NIL};
  pgCall([&] {
    CommandCounterIncrement();
    Snapshot latest = RegisterSnapshot(GetLatestSnapshot());
    for (core::TaskId id : frontier) {
      scanByKey(g.tasks, g.parentId, id, latest, collectEdge, &children);
      scanByKey(g.dependencies, g.dependentId, id, latest, collectEdge, &dependencies);
    }
    UnregisterSnapshot(latest);
  });
  for (List* pairs : {children.pairs, dependencies.pairs}) {
    ListCell* cell;
    foreach (cell, pairs) {
      const auto* pair = static_cast<const int64*>(lfirst(cell));
      edges.emplace_back(pair[0], pair[1]);
    }
  }
}

void checkNewEdge(const RowContext& ctx, core::EdgeKind kind) {
  const TriggerRow& t = ctx.row;
  const auto from = rowInt64(t, t.newRow, ctx.column(kFrom));
  const auto to = rowInt64(t, t.newRow, ctx.column(kTo));
  if (!from || !to) return;

  // A new task can only be reached through edges of its own transaction, so
  // inserting one needs no lock. Any other new edge could meet a concurrent
  // one to close a cycle: such changes take turns, and each reads the latest
  // committed graph.
  if (kind == core::EdgeKind::Dependency || t.isUpdate)
    lockForTransaction(AdvisoryLock::TaskGraphEdges);
  const auto limit = static_cast<std::size_t>(maxTaskGraphNodes);
  const GraphTables g = graphTables();
  const core::PathSearch search = core::findPath(
      *to, *from,
      [&](const std::vector<core::TaskId>& frontier, std::vector<core::TaskEdge>& edges) {
        fetchEdges(g, frontier, edges);
      },
      limit);

  if (search.exhausted || search.path) {
    if (const auto v =
            core::checkNewEdge(search, kind, *from, *to, describeRow(t, t.newRow), limit))
      ctx.reject(*v);
  }
}

}  // namespace

void afterTaskRow(RowContext& ctx) { checkNewEdge(ctx, core::EdgeKind::Parent); }

void afterDependencyRow(RowContext& ctx) { checkNewEdge(ctx, core::EdgeKind::Dependency); }

}  // namespace agentic::pg::task_graph
