#include "pg/tasks/assignments.hpp"

#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/key_scan.hpp"
#include "pg/runtime/spi.hpp"

#include "core/tasks/assignments.hpp"
#include "core/tasks/task_rollup.hpp"

#include <cstring>
#include <string>

namespace agentic::pg::assignments {
namespace {

const Oid kTaskUpdate[] = {INT8OID, TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID};

// A row of one of the extension's tables (in the schema of the trigger's table), by
// id, locked as SELECT ... FOR <mode> would lock it, read without a query.
class LockedRow {
 public:
  LockedRow(const TriggerRow& t, const char* table, std::int64_t id, LockTupleMode mode) {
    const Oid nsp = RelationGetNamespace(t.data->tg_relation);
    slot_ = pgCall([&] {
      const Oid relid = get_relname_relid(table, nsp);
      if (!OidIsValid(relid)) elog(ERROR, "table %s of the extension is missing", table);
      return lockRowByKey(relid, get_attnum(relid, "id"), id, mode);
    });
  }
  ~LockedRow() {
    if (slot_ != nullptr) ExecDropSingleTupleTableSlot(slot_);
  }
  LockedRow(const LockedRow&) = delete;
  LockedRow& operator=(const LockedRow&) = delete;

  bool found() const { return slot_ != nullptr; }
  std::string label(const char* column) const {
    bool isNull = false;
    const Datum value = get(column, &isNull);
    return isNull ? std::string() : enumLabel(value);
  }
  core::Instant instant(const char* column) const {
    bool isNull = false;
    const Datum value = get(column, &isNull);
    if (isNull) return std::nullopt;
    return static_cast<std::int64_t>(DatumGetTimestampTz(value));
  }

 private:
  Datum get(const char* column, bool* isNull) const {
    return pgCall([&] {
      const TupleDesc desc = slot_->tts_tupleDescriptor;
      for (int i = 0; i < desc->natts; ++i) {
        const Form_pg_attribute a = TupleDescAttr(desc, i);
        if (!a->attisdropped && std::strcmp(NameStr(a->attname), column) == 0)
          return slot_getattr(slot_, i + 1, isNull);
      }
      elog(ERROR, "column %s is missing", column);
      return Datum(0);
    });
  }

  TupleTableSlot* slot_ = nullptr;
};

// An assignment that becomes active or starts needs an active agent (locked FOR
// SHARE so that a concurrent termination waits for us, or we for it).
void ensureAgentTakesWork(const RowContext& ctx, std::int64_t agentId, std::int64_t taskId) {
  const TriggerRow& t = ctx.row;
  const LockedRow agent(t, "agents", agentId, LockTupleShare);
  if (!agent.found()) return;  // the foreign key reports it
  if (auto v = core::checkAgentTakesWork(agent.label("status"), describeRow(t, t.newRow), taskId,
                                         agentId))
    ctx.reject(*v);
}

// An inserted or starting assignment needs a task that still accepts work
// (locked as the status roll-up will lock it).
void ensureTaskTakesWork(const RowContext& ctx, std::int64_t agentId, std::int64_t taskId) {
  const TriggerRow& t = ctx.row;
  const LockedRow task(t, "tasks", taskId, LockTupleNoKeyExclusive);
  if (!task.found()) return;  // the foreign key reports it
  const std::string taskStatus = task.label("status");
  if (!core::taskAcceptsAssignments(taskStatus))
    ctx.reject(*core::checkTaskTakesWork(taskStatus, describeRow(t, t.newRow), taskId, agentId));
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

// Where a task's assignments are, and how their statuses are stored: what the
// roll-up's count reads.
struct AssignmentTable {
  Oid relid;
  AttrNumber taskId, status, startedAt, completedAt;
  Oid statusType;
};

// The count of a task's assignments, folded row by row (scanByKey's visitor: plain
// values only). The outcome is the completed or failed assignment that ended last
// (an unknown end last, a failure first on a tie), the end the latest of those and
// of the cancelled ones that had started.
struct CountState {
  const AssignmentTable* table;
  Oid assigned, inProgress, completed, failed, cancelled;
  core::AssignmentCounts counts;
  bool haveOutcome;
  bool outcomeHasEnd;
  std::int64_t outcomeEnd;
  bool outcomeFailed;
};

void countAssignment(TupleTableSlot* row, void* opaque) {
  auto& c = *static_cast<CountState*>(opaque);
  const AssignmentTable& t = *c.table;
  bool isNull = false;
  const Oid status = DatumGetObjectId(slot_getattr(row, t.status, &isNull));
  if (isNull) return;
  bool startedNull = false;
  bool endedNull = false;
  const TimestampTz started = DatumGetTimestampTz(slot_getattr(row, t.startedAt, &startedNull));
  const TimestampTz ended = DatumGetTimestampTz(slot_getattr(row, t.completedAt, &endedNull));
  core::AssignmentCounts& n = c.counts;
  if (!startedNull && (!n.firstStartedAt || started < *n.firstStartedAt))
    n.firstStartedAt = started;
  const bool decided = status == c.completed || status == c.failed;
  if (status == c.assigned) ++n.assigned;
  if (status == c.inProgress) ++n.inProgress;
  if (status == c.completed) ++n.completed;
  if (status == c.failed) ++n.failed;
  if (status == c.cancelled) ++n.cancelled;
  if (!endedNull && (decided || (status == c.cancelled && !startedNull)) &&
      (!n.lastEndedAt || ended > *n.lastEndedAt))
    n.lastEndedAt = ended;
  if (!decided) return;
  const bool failed = status == c.failed;
  const bool later = !c.haveOutcome ||
                     (!endedNull && (!c.outcomeHasEnd || ended > c.outcomeEnd ||
                                     (ended == c.outcomeEnd && failed && !c.outcomeFailed))) ||
                     (endedNull && !c.outcomeHasEnd && failed && !c.outcomeFailed);
  if (!later) return;
  c.haveOutcome = true;
  c.outcomeHasEnd = !endedNull;
  c.outcomeEnd = endedNull ? 0 : ended;
  c.outcomeFailed = failed;
}

Oid statusLabel(Oid type, const char* label) {
  return GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid, ObjectIdGetDatum(type),
                         CStringGetDatum(label));
}

// Every assignment of the task committed so far (the roll-up holds the task's row
// lock, so no other roll-up of it is under way), read through the task_id index.
core::AssignmentCounts countAssignments(const AssignmentTable& table, std::int64_t taskId) {
  CountState state{};
  state.table = &table;
  pgCall([&] {
    state.assigned = statusLabel(table.statusType, "assigned");
    state.inProgress = statusLabel(table.statusType, "in_progress");
    state.completed = statusLabel(table.statusType, "completed");
    state.failed = statusLabel(table.statusType, "failed");
    state.cancelled = statusLabel(table.statusType, "cancelled");
    if (!OidIsValid(state.assigned) || !OidIsValid(state.inProgress) ||
        !OidIsValid(state.completed) || !OidIsValid(state.failed) || !OidIsValid(state.cancelled))
      elog(ERROR, "the status type of task_assignments lacks an assignment status");
    // As a query of the trigger would: the statement's own changes, and every one
    // committed so far.
    CommandCounterIncrement();
    Snapshot latest = RegisterSnapshot(GetLatestSnapshot());
    scanByKey(table.relid, table.taskId, taskId, latest, countAssignment, &state);
    UnregisterSnapshot(latest);
  });
  if (state.haveOutcome) state.counts.lastEnded = state.outcomeFailed ? "failed" : "completed";
  return state.counts;
}

// The task follows its assignments. The task row is locked first, so the roll-ups
// of one task run one at a time, and the counts read the latest committed state:
// when the last two assignments complete at once, the second one to commit sees
// both and completes the task exactly once.
void rollUpTaskStatus(const TriggerRow& t, const AssignmentTable& table, std::int64_t taskId) {
  std::string current;
  core::TaskTimes times;
  {
    const LockedRow task(t, "tasks", taskId, LockTupleNoKeyExclusive);
    if (!task.found()) return;
    current = task.label("status");
    times = core::TaskTimes{task.instant("started_at"), task.instant("completed_at")};
  }
  const core::AssignmentCounts counts = countAssignments(table, taskId);
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
  if (decision.checkAgent) ensureAgentTakesWork(ctx, *write.agentId, *write.taskId);
  if (decision.checkTask) ensureTaskTakesWork(ctx, *write.agentId, *write.taskId);
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
  const int status = ctx.column(kStatus);
  const AssignmentTable table{RelationGetRelid(t.data->tg_relation),
                              static_cast<AttrNumber>(ctx.column(kTaskId)),
                              static_cast<AttrNumber>(status),
                              static_cast<AttrNumber>(ctx.column(kStartedAt)),
                              static_cast<AttrNumber>(ctx.column(kCompletedAt)),
                              TupleDescAttr(t.desc, status - 1)->atttypid};
  spiConnect();
  rollUpTaskStatus(t, table, *taskId);
  spiFinish();
}

}  // namespace agentic::pg::assignments
