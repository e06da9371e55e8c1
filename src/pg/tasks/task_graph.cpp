#include "pg/tasks/task_graph.hpp"

#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/locks.hpp"
#include "pg/runtime/settings.hpp"
#include "pg/runtime/spi.hpp"

#include "core/tasks/task_graph.hpp"

#include <vector>

namespace agentic::pg::task_graph {
namespace {

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

void checkNewEdge(const RowContext& ctx, core::EdgeKind kind) {
  const TriggerRow& t = ctx.row;
  const auto from = rowInt64(t, t.newRow, ctx.column(kFrom));
  const auto to = rowInt64(t, t.newRow, ctx.column(kTo));
  if (!from || !to) return;

  spiConnect();
  // A new task can only be reached through edges of its own transaction, so
  // inserting one needs no lock. Any other new edge could meet a concurrent
  // one to close a cycle: such changes take turns, and each reads the latest
  // committed graph.
  if (kind == core::EdgeKind::Dependency || t.isUpdate)
    lockForTransaction(AdvisoryLock::TaskGraphEdges);
  const auto limit = static_cast<std::size_t>(maxTaskGraphNodes);
  const core::PathSearch search = core::findPath(*to, *from, fetchEdges, limit);
  spiFinish();

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
