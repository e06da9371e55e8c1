#include "pg/tasks/assignments.hpp"

#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/spi.hpp"

#include "core/tasks/assignments.hpp"
#include "core/tasks/task_rollup.hpp"

#include <string>

namespace agentic::pg::assignments {
namespace {

const Oid kTaskUpdate[] = {INT8OID, TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID};

// The task row, locked as every assignment change that concerns it locks it.
CachedPlan lockTask{"SELECT status::text FROM agentic.tasks WHERE id = $1 FOR NO KEY UPDATE", 1,
                    kOneBigint, nullptr};

// An assignment that becomes active or starts needs an active agent (locked FOR
// SHARE so that a concurrent termination waits for us, or we for it).
void ensureAgentTakesWork(const RowContext& ctx, std::int64_t agentId, std::int64_t taskId) {
  static CachedPlan lockAgent{"SELECT status::text FROM agentic.agents WHERE id = $1 FOR SHARE", 1,
                              kOneBigint, nullptr};
  const TriggerRow& t = ctx.row;
  Datum agentArg[] = {Int64GetDatum(agentId)};
  if (spiRun(lockAgent, agentArg, nullptr, ReadMode::Statement) == 0) return;  // the FK reports it
  const std::string agentStatus = spiText(0, 1);
  if (auto v = core::checkAgentTakesWork(agentStatus, describeRow(t, t.newRow), taskId, agentId))
    ctx.reject(*v);
}

// An inserted or starting assignment needs a task that still accepts work
// (locked as the status roll-up will lock it).
void ensureTaskTakesWork(const RowContext& ctx, std::int64_t agentId, std::int64_t taskId) {
  const TriggerRow& t = ctx.row;
  Datum taskArg[] = {Int64GetDatum(taskId)};
  if (spiRun(lockTask, taskArg, nullptr, ReadMode::Statement) == 0) return;  // the FK reports it
  const std::string taskStatus = spiText(0, 1);
  if (!core::taskAcceptsAssignments(taskStatus))
    ctx.reject(*core::checkTaskTakesWork(taskStatus, describeRow(t, t.newRow), taskId, agentId));
}

core::Instant spiInstant(std::uint64_t row, int column) {
  bool isNull = false;
  const Datum value = spiValue(row, column, &isNull);
  if (isNull) return std::nullopt;
  return static_cast<std::int64_t>(DatumGetTimestampTz(value));
}

// The task the roll-up is moving right now: the one status change a task with
// active assignments takes (beforeTaskRow).
std::int64_t taskBeingRolledUp = 0;

class RollingUp {
 public:
  explicit RollingUp(std::int64_t taskId) : previous_(taskBeingRolledUp) {
    taskBeingRolledUp = taskId;
  }
  ~RollingUp() { taskBeingRolledUp = previous_; }
  RollingUp(const RollingUp&) = delete;
  RollingUp& operator=(const RollingUp&) = delete;

 private:
  std::int64_t previous_;
};

// Sets the task's status and both of its times, as one statement: the task's
// own BEFORE trigger checks the move and stamps what is left NULL on entry.
void setTask(std::int64_t taskId, std::string_view status, const core::TaskTimes& times) {
  static CachedPlan update{
      "UPDATE agentic.tasks SET status = $2::agentic.task_status, started_at = $3, "
      "completed_at = $4 WHERE id = $1",
      4, kTaskUpdate, nullptr};
  const std::string label(status);
  Datum args[] = {Int64GetDatum(taskId), pgCall([&] { return CStringGetTextDatum(label.c_str()); }),
                  TimestampTzGetDatum(times.startedAt.value_or(0)),
                  TimestampTzGetDatum(times.completedAt.value_or(0))};
  const char nulls[] = {' ', ' ', times.startedAt ? ' ' : 'n', times.completedAt ? ' ' : 'n', '\0'};
  spiRun(update, args, nulls, ReadMode::Statement);
}

// The task follows its assignments. The task row is locked first, so the roll-ups
// of one task run one at a time, and the counts read the latest committed state:
// when the last two assignments complete at once, the second one to commit sees
// both and completes the task exactly once.
void rollUpTaskStatus(std::int64_t taskId) {
  static CachedPlan lockTaskTimes{
      "SELECT status::text, started_at, completed_at FROM agentic.tasks WHERE id = $1 "
      "FOR NO KEY UPDATE",
      1, kOneBigint, nullptr};
  static CachedPlan countAssignments{
      "SELECT count(*) FILTER (WHERE status = 'assigned'), "
      "count(*) FILTER (WHERE status = 'in_progress'), "
      "count(*) FILTER (WHERE status = 'completed'), "
      "count(*) FILTER (WHERE status = 'failed'), "
      "count(*) FILTER (WHERE status = 'cancelled'), "
      "min(started_at), "
      "max(completed_at) FILTER (WHERE status IN ('completed', 'failed') "
      "OR (status = 'cancelled' AND started_at IS NOT NULL)), "
      "(array_agg(status::text ORDER BY completed_at DESC NULLS LAST, status = 'failed' DESC) "
      "FILTER (WHERE status IN ('completed', 'failed')))[1] "
      "FROM agentic.task_assignments WHERE task_id = $1",
      1, kOneBigint, nullptr};

  Datum taskArg[] = {Int64GetDatum(taskId)};
  if (spiRun(lockTaskTimes, taskArg, nullptr, ReadMode::Statement) == 0) return;
  const std::string current = spiText(0, 1);
  const core::TaskTimes times{spiInstant(0, 2), spiInstant(0, 3)};
  spiRun(countAssignments, taskArg, nullptr, ReadMode::Latest);
  core::AssignmentCounts counts;
  counts.assigned = spiInt64(0, 1).value_or(0);
  counts.inProgress = spiInt64(0, 2).value_or(0);
  counts.completed = spiInt64(0, 3).value_or(0);
  counts.failed = spiInt64(0, 4).value_or(0);
  counts.cancelled = spiInt64(0, 5).value_or(0);
  counts.firstStartedAt = spiInstant(0, 6);
  counts.lastEndedAt = spiInstant(0, 7);
  const std::string lastEnded = spiText(0, 8);
  counts.lastEnded = lastEnded;
  const auto rollup = core::rollUpTask(current, times, counts);
  if (!rollup) return;
  const RollingUp rollingUp(taskId);
  // A move the task machine makes in two steps (e.g. pending -> assigned -> failed
  // for an assignment inserted failed) is made as two updates, each one checked
  // and audited; the task is open (no completed_at) in between.
  if (!rollup->via.empty())
    setTask(taskId, rollup->via, core::TaskTimes{rollup->times.startedAt, {}});
  setTask(taskId, rollup->status, rollup->times);
}

}  // namespace

void beforeRow(RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  const int taskColumn = ctx.column(kTaskId);
  const int agentColumn = ctx.column(kAgentId);
  core::AssignmentWrite write;
  write.isInsert = t.isInsert;
  write.isUpdate = t.isUpdate;
  write.taskOrAgentChanged =
      t.isUpdate && (columnChanged(t, taskColumn) || columnChanged(t, agentColumn));
  const int statusColumn = ctx.column(kStatus);
  const std::string status = rowEnumLabel(t, t.newRow, statusColumn);
  const std::string oldStatus = t.isUpdate ? rowEnumLabel(t, t.oldRow, statusColumn) : "";
  write.status = status;
  write.oldStatus = oldStatus;
  write.agentId = rowInt64(t, t.newRow, agentColumn);
  write.taskId = rowInt64(t, t.newRow, taskColumn);
  const core::AssignmentDecision decision = core::decideAssignmentWrite(write);
  if (decision.targetMoved) ctx.reject(core::assignmentTargetMoved(describeRow(t, t.oldRow)));
  if (t.isInsert) {
    // The status machine has stamped completed_at (when it was NULL) in the edit;
    // the NEW row still shows what the statement supplied.
    bool startedAtIsNull = false;
    bool completedAtIsNull = false;
    const int startedColumn = ctx.column(kStartedAt);
    rowValue(t, t.newRow, startedColumn, &startedAtIsNull);
    rowValue(t, t.newRow, ctx.column(kCompletedAt), &completedAtIsNull);
    if (core::stampsStartOnInsert(status, startedAtIsNull, completedAtIsNull))
      ctx.edit().set(startedColumn, TimestampTzGetDatum(GetCurrentStatementStartTimestamp()));
  }
  if (!decision.checkAgent && !decision.checkTask) return;
  spiConnect();
  if (decision.checkAgent) ensureAgentTakesWork(ctx, *write.agentId, *write.taskId);
  if (decision.checkTask) ensureTaskTakesWork(ctx, *write.agentId, *write.taskId);
  spiFinish();
}

void beforeTaskRow(RowContext& ctx) {
  static CachedPlan countActive{
      "SELECT count(*) FROM agentic.task_assignments WHERE task_id = $1 "
      "AND status IN ('assigned', 'in_progress')",
      1, kOneBigint, nullptr};
  const TriggerRow& t = ctx.row;
  const int statusColumn = ctx.slot().status;
  if (!t.isUpdate || statusColumn == 0 || !columnChanged(t, statusColumn)) return;
  bool statusNull = false;
  rowValue(t, t.newRow, statusColumn, &statusNull);
  if (statusNull) return;  // the NOT NULL constraint reports it
  const auto taskId = rowInt64(t, t.oldRow, ctx.slot().id);
  if (!taskId || *taskId == taskBeingRolledUp) return;
  std::int64_t active = 0;
  spiConnect();
  // As the table's owner (a role may update tasks without reading assignments),
  // seeing every assignment committed so far: one inserted concurrently locked
  // the task first and has committed by the time this update holds the row.
  runAsOwner(t.data->tg_relation->rd_rel->relowner, [&] {
    Datum args[] = {Int64GetDatum(*taskId)};
    spiRun(countActive, args, nullptr, ReadMode::Latest);
    active = spiInt64(0, 1).value_or(0);
  });
  spiFinish();
  if (auto v = core::checkManualTaskMove(active, rowEnumLabel(t, t.oldRow, statusColumn),
                                         rowEnumLabel(t, t.newRow, statusColumn),
                                         describeRow(t, t.oldRow)))
    ctx.reject(*v);
}

void afterRow(RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  if (t.isUpdate && !columnChanged(t, ctx.column(kStatus))) return;
  const auto taskId = rowInt64(t, t.isDelete ? t.oldRow : t.newRow, ctx.column(kTaskId));
  if (!taskId) return;
  spiConnect();
  rollUpTaskStatus(*taskId);
  spiFinish();
}

}  // namespace agentic::pg::assignments
