// No cycles through parents and dependencies (see core/task_graph.hpp).
#include "pg/runtime/rows.hpp"
#include "pg/runtime/settings.hpp"
#include "pg/runtime/spi.hpp"
#include "core/tasks/task_graph.hpp"

#include <string>
#include <vector>

extern "C" {
PG_FUNCTION_INFO_V1(agentic_task_graph_check);
}

namespace agentic::pg {
namespace {

// Advisory lock (class, object) that serialises changes to existing edges:
// 'agnt' as a 32-bit integer, and 1 for the task graph.
constexpr int32 kLockClass = 0x61676e74;
constexpr int32 kTaskGraphLock = 1;

const Oid kBigintArray[] = {INT8ARRAYOID};

void fetchEdges(const std::vector<core::TaskId>& frontier, std::vector<core::TaskEdge>& edges) {
  static CachedPlan outgoing{
      "SELECT t.parent_task_id, t.id FROM agentic.tasks t WHERE t.parent_task_id = ANY ($1) "
      "UNION ALL "
      "SELECT d.task_id, d.depends_on_task_id FROM agentic.task_dependencies d "
      "WHERE d.task_id = ANY ($1)",
      1, kBigintArray, nullptr};
  std::vector<Datum> ids;
  ids.reserve(frontier.size());
  for (core::TaskId id : frontier) ids.push_back(Int64GetDatum(id));
  Datum args[] = {pgCall([&] {
    return PointerGetDatum(construct_array(ids.data(), static_cast<int>(ids.size()), INT8OID,
                                           sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
  })};
  const std::uint64_t rows = spiRun(outgoing, args, nullptr, ReadMode::Latest);
  for (std::uint64_t row = 0; row < rows; ++row) {
    const auto from = spiInt64(row, 1);
    const auto to = spiInt64(row, 2);
    if (from && to) edges.emplace_back(*from, *to);
  }
}

std::string renderPath(const std::vector<core::TaskId>& path) {
  std::string text;
  for (core::TaskId id : path) {
    if (!text.empty()) text += " -> ";
    text += std::to_string(id);
  }
  return text;
}

Datum taskGraphCheck(FunctionCallInfo fcinfo) {
  const TriggerRow t = TriggerRow::fromCall(fcinfo, "task_graph_check", false);
  const bool isDependency = t.tableName() == "task_dependencies";
  // The new edge from -> to: a parent waits for its subtask, a task for its dependency.
  const auto from =
      rowInt64(t, t.newRow, t.requireColumn(isDependency ? "task_id" : "parent_task_id"));
  const auto to =
      rowInt64(t, t.newRow, t.requireColumn(isDependency ? "depends_on_task_id" : "id"));
  if (!from || !to) return PointerGetDatum(nullptr);

  spiConnect();
  // A new task can only be reached through edges of its own transaction, so
  // inserting one needs no lock. Any other new edge could meet a concurrent
  // one to close a cycle: such changes take turns, and each reads the latest
  // committed graph.
  if (isDependency || t.isUpdate) {
    pgCall([] {
      DirectFunctionCall2(pg_advisory_xact_lock_int4, Int32GetDatum(kLockClass),
                          Int32GetDatum(kTaskGraphLock));
    });
  }
  const core::PathSearch search =
      core::findPath(*to, *from, fetchEdges, static_cast<std::size_t>(maxTaskGraphNodes));
  spiFinish();

  if (search.exhausted)
    throw RuleViolation(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "task graph too large to check for cycles",
                        describeRow(t, t.newRow) + ": more than agentic.max_task_graph_nodes (" +
                            std::to_string(maxTaskGraphNodes) + ") tasks are reachable.",
                        "Raise agentic.max_task_graph_nodes.", t.tableName(), "task_graph_acyclic");
  if (search.path) {
    std::vector<core::TaskId> cycle{*from};
    cycle.insert(cycle.end(), search.path->begin(), search.path->end());
    const std::string edge =
        isDependency
            ? "task " + std::to_string(*from) + " depending on task " + std::to_string(*to)
            : "task " + std::to_string(*to) + " having parent task " + std::to_string(*from);
    throw RuleViolation(ERRCODE_CHECK_VIOLATION,
                        "task graph cycle: " + edge + " would close a cycle",
                        describeRow(t, t.newRow) + " would make task " + std::to_string(*from) +
                            " wait for itself: " + renderPath(cycle) + ".",
                        "An arrow means \"cannot finish before\": a parent before its subtasks, a "
                        "task before the tasks it depends on.",
                        t.tableName(), "task_graph_acyclic");
  }
  return PointerGetDatum(nullptr);
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_task_graph_check(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::taskGraphCheck(fcinfo); });
}
