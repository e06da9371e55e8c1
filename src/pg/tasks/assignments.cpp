// Trigger entry points for the rules that live on single tables: the generic
// BEFORE row trigger, agents, and task assignments.
#include "pg/runtime/generic_rules.hpp"
#include "pg/runtime/spi.hpp"
#include "core/tasks/task_rollup.hpp"

#include <string>

extern "C" {
PG_FUNCTION_INFO_V1(agentic_row_before_write);
PG_FUNCTION_INFO_V1(agentic_agents_before_write);
PG_FUNCTION_INFO_V1(agentic_task_assignments_before_write);
PG_FUNCTION_INFO_V1(agentic_task_assignments_after_write);
}

namespace agentic::pg {
namespace {

const Oid kOneBigint[] = {INT8OID};
const Oid kTwoBigints[] = {INT8OID, INT8OID};
const Oid kTaskUpdate[] = {INT8OID, TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID};

std::string idText(std::optional<std::int64_t> id) {
  return id ? std::to_string(*id) : std::string("(null)");
}

// One active agent per job description. Activations of agents for the same
// job serialise on the job row, and the check reads the latest committed state,
// so two racing activations cannot both succeed in any isolation level.
void ensureOnlyActiveAgent(const TriggerRow& t, std::int64_t agentId, std::int64_t jobId) {
  static CachedPlan lockJob{
      "SELECT 1 FROM agentic.job_descriptions WHERE id = $1 FOR NO KEY UPDATE", 1, kOneBigint,
      nullptr};
  static CachedPlan otherActive{
      "SELECT id FROM agentic.agents WHERE job_description_id = $1 AND status = 'active' "
      "AND id <> $2 ORDER BY id LIMIT 1",
      2, kTwoBigints, nullptr};
  Datum args[] = {Int64GetDatum(jobId), Int64GetDatum(agentId)};
  if (spiRun(lockJob, args, nullptr, ReadMode::Statement) == 0) return;  // the FK reports it
  if (spiRun(otherActive, args, nullptr, ReadMode::Latest) == 0) return;
  const std::string other = idText(spiInt64(0, 1));
  throw RuleViolation(ERRCODE_UNIQUE_VIOLATION,
                      "job description " + std::to_string(jobId) + " already has an active agent",
                      describeRow(t, t.newRow) + " cannot become active: agent " + other +
                          " is active for job description " + std::to_string(jobId) + ".",
                      "Suspend or terminate agent " + other + " first.", "agents",
                      "agents_one_active_per_job");
}

// An agent with active assignments cannot be terminated. New assignments lock
// the agent row FOR SHARE, which this UPDATE's row lock waits for, and the check
// reads the latest committed state, so no assignment slips in during termination.
void ensureNoActiveAssignments(const TriggerRow& t, std::int64_t agentId) {
  static CachedPlan activeAssignments{
      "SELECT id, task_id, status::text, count(*) OVER () FROM agentic.task_assignments "
      "WHERE agent_id = $1 AND status IN ('assigned', 'in_progress') ORDER BY id LIMIT 1",
      1, kOneBigint, nullptr};
  Datum args[] = {Int64GetDatum(agentId)};
  if (spiRun(activeAssignments, args, nullptr, ReadMode::Latest) == 0) return;
  throw RuleViolation(
      ERRCODE_CHECK_VIOLATION,
      "agent " + std::to_string(agentId) + " cannot be terminated while it has active assignments",
      describeRow(t, t.oldRow) + " has " + spiText(0, 4) +
          " active assignment(s), e.g. assignment " + spiText(0, 1) + " on task " + spiText(0, 2) +
          " (" + spiText(0, 3) + ").",
      "Complete, fail or cancel its assignments first.", "agents",
      "agents_no_termination_with_active_assignments");
}

Datum agentsBeforeWrite(FunctionCallInfo fcinfo) {
  const TriggerRow t = TriggerRow::fromCall(fcinfo, "agents_before_write", true);
  RowEdit edit(t);
  applyRowRules(t, core::findStatusMachine("agent"), edit);

  const int statusColumn = t.requireColumn("status");
  const int jobColumn = t.requireColumn("job_description_id");
  const std::string status = rowEnumLabel(t, t.newRow, statusColumn);
  const std::string oldStatus = t.isUpdate ? rowEnumLabel(t, t.oldRow, statusColumn) : "";
  const bool activates =
      status == "active" && (t.isInsert || oldStatus != "active" || columnChanged(t, jobColumn));
  const bool terminates = t.isUpdate && status == "terminated" && oldStatus != "terminated";
  const auto agentId = rowInt64(t, t.newRow, t.requireColumn("id"));
  const auto jobId = rowInt64(t, t.newRow, jobColumn);
  if ((activates && jobId && agentId) || (terminates && agentId)) {
    spiConnect();
    if (activates && jobId && agentId) ensureOnlyActiveAgent(t, *agentId, *jobId);
    if (terminates) ensureNoActiveAssignments(t, *agentId);
    spiFinish();
  }
  return PointerGetDatum(edit.apply());
}

// An assignment that becomes active or starts needs an active agent (locked FOR
// SHARE so that a concurrent termination waits for us, or we for it) and a task
// that still accepts work (locked as the status roll-up will lock it).
void ensureAssignable(const TriggerRow& t, std::int64_t agentId, std::int64_t taskId) {
  static CachedPlan lockAgent{"SELECT status::text FROM agentic.agents WHERE id = $1 FOR SHARE", 1,
                              kOneBigint, nullptr};
  static CachedPlan lockTask{
      "SELECT status::text FROM agentic.tasks WHERE id = $1 FOR NO KEY UPDATE", 1, kOneBigint,
      nullptr};
  Datum agentArg[] = {Int64GetDatum(agentId)};
  if (spiRun(lockAgent, agentArg, nullptr, ReadMode::Statement) > 0) {
    const std::string agentStatus = spiText(0, 1);
    if (agentStatus != "active")
      throw RuleViolation(ERRCODE_CHECK_VIOLATION,
                          "agent " + std::to_string(agentId) + " is " + agentStatus +
                              " and cannot work on assignments",
                          describeRow(t, t.newRow) + " assigns task " + std::to_string(taskId) +
                              " to agent " + std::to_string(agentId) + ".",
                          "Only active agents take or start assignments.", "task_assignments",
                          "task_assignments_agent_active");
  }
  Datum taskArg[] = {Int64GetDatum(taskId)};
  if (spiRun(lockTask, taskArg, nullptr, ReadMode::Statement) == 0) return;  // the FK reports it
  const std::string taskStatus = spiText(0, 1);
  if (!core::taskAcceptsAssignments(taskStatus))
    throw RuleViolation(
        ERRCODE_CHECK_VIOLATION,
        "task " + std::to_string(taskId) + " is " + taskStatus + " and accepts no new assignments",
        describeRow(t, t.newRow) + " assigns task " + std::to_string(taskId) + " to agent " +
            std::to_string(agentId) + ".",
        "Only pending, assigned, in_progress or failed tasks take assignments.", "task_assignments",
        "task_assignments_task_accepts_work");
}

Datum taskAssignmentsBeforeWrite(FunctionCallInfo fcinfo) {
  const TriggerRow t = TriggerRow::fromCall(fcinfo, "task_assignments_before_write", true);
  RowEdit edit(t);
  applyRowRules(t, core::findStatusMachine("assignment"), edit);

  const int taskColumn = t.requireColumn("task_id");
  const int agentColumn = t.requireColumn("agent_id");
  if (t.isUpdate && (columnChanged(t, taskColumn) || columnChanged(t, agentColumn)))
    throw RuleViolation(ERRCODE_CHECK_VIOLATION,
                        "the task and agent of an assignment cannot change",
                        describeRow(t, t.oldRow) + " was moved to another task or agent.",
                        "Cancel it and create a new assignment.", "task_assignments",
                        "task_assignments_task_agent_immutable");

  const int statusColumn = t.requireColumn("status");
  const std::string status = rowEnumLabel(t, t.newRow, statusColumn);
  const std::string oldStatus = t.isUpdate ? rowEnumLabel(t, t.oldRow, statusColumn) : "";
  const bool newAssignment = t.isInsert && core::isActiveAssignmentStatus(status);
  const bool starts = t.isUpdate && status == "in_progress" && oldStatus != "in_progress";
  const auto agentId = rowInt64(t, t.newRow, agentColumn);
  const auto taskId = rowInt64(t, t.newRow, taskColumn);
  if ((newAssignment || starts) && agentId && taskId) {
    spiConnect();
    ensureAssignable(t, *agentId, *taskId);
    spiFinish();
  }
  return PointerGetDatum(edit.apply());
}

// The task follows its assignments. The task row is locked first, so the roll-ups
// of one task run one at a time, and the counts read the latest committed state:
// when the last two assignments complete at once, the second one to commit sees
// both and completes the task exactly once.
void rollUpTaskStatus(std::int64_t taskId) {
  static CachedPlan lockTask{
      "SELECT status::text FROM agentic.tasks WHERE id = $1 FOR NO KEY UPDATE", 1, kOneBigint,
      nullptr};
  static CachedPlan countAssignments{
      "SELECT count(*) FILTER (WHERE status = 'assigned'), "
      "count(*) FILTER (WHERE status = 'in_progress'), "
      "count(*) FILTER (WHERE status = 'completed'), "
      "count(*) FILTER (WHERE status = 'failed'), "
      "count(*) FILTER (WHERE status = 'cancelled'), "
      "min(started_at), max(completed_at) FILTER (WHERE status IN ('completed', 'failed')), "
      "(array_agg(status::text ORDER BY completed_at DESC NULLS LAST, status = 'failed' DESC) "
      "FILTER (WHERE status IN ('completed', 'failed')))[1] "
      "FROM agentic.task_assignments WHERE task_id = $1",
      1, kOneBigint, nullptr};
  // The task's own timestamps come from its assignments' working periods.
  static CachedPlan setTaskStatus{
      "UPDATE agentic.tasks SET status = $2::agentic.task_status, "
      "started_at = CASE WHEN $2 = 'in_progress' THEN coalesce(started_at, $3) "
      "ELSE started_at END, "
      "completed_at = CASE WHEN $2 IN ('completed', 'failed') THEN $4 ELSE completed_at END "
      "WHERE id = $1",
      4, kTaskUpdate, nullptr};

  Datum taskArg[] = {Int64GetDatum(taskId)};
  if (spiRun(lockTask, taskArg, nullptr, ReadMode::Statement) == 0) return;
  const std::string current = spiText(0, 1);
  spiRun(countAssignments, taskArg, nullptr, ReadMode::Latest);
  core::AssignmentCounts counts;
  counts.assigned = spiInt64(0, 1).value_or(0);
  counts.inProgress = spiInt64(0, 2).value_or(0);
  counts.completed = spiInt64(0, 3).value_or(0);
  counts.failed = spiInt64(0, 4).value_or(0);
  counts.cancelled = spiInt64(0, 5).value_or(0);
  const std::string lastEnded = spiText(0, 8);
  counts.lastEnded = lastEnded;
  const auto next = core::rolledUpTaskStatus(current, counts);
  if (!next) return;
  bool firstStartNull = false;
  bool lastEndNull = false;
  const Datum firstStart = spiValue(0, 6, &firstStartNull);
  const Datum lastEnd = spiValue(0, 7, &lastEndNull);
  const std::string nextStatus(*next);
  Datum updateArgs[] = {Int64GetDatum(taskId),
                        pgCall([&] { return CStringGetTextDatum(nextStatus.c_str()); }), firstStart,
                        lastEnd};
  const char nulls[] = {' ', ' ', firstStartNull ? 'n' : ' ', lastEndNull ? 'n' : ' ', '\0'};
  spiRun(setTaskStatus, updateArgs, nulls, ReadMode::Statement);
}

Datum taskAssignmentsAfterWrite(FunctionCallInfo fcinfo) {
  const TriggerRow t = TriggerRow::fromCall(fcinfo, "task_assignments_after_write", false);
  const int statusColumn = t.requireColumn("status");
  if (t.isUpdate && !columnChanged(t, statusColumn)) return PointerGetDatum(nullptr);
  const auto taskId = rowInt64(t, t.isDelete ? t.oldRow : t.newRow, t.requireColumn("task_id"));
  if (!taskId) return PointerGetDatum(nullptr);
  spiConnect();
  rollUpTaskStatus(*taskId);
  spiFinish();
  return PointerGetDatum(nullptr);
}

}  // namespace
}  // namespace agentic::pg

using agentic::pg::guarded;

Datum agentic_row_before_write(PG_FUNCTION_ARGS) {
  return guarded([&] {
    using namespace agentic::pg;
    const TriggerRow t = TriggerRow::fromCall(fcinfo, "row_before_write", true);
    RowEdit edit(t);
    applyRowRules(t, machineNamed(t.argument(0)), edit);
    return PointerGetDatum(edit.apply());
  });
}

Datum agentic_agents_before_write(PG_FUNCTION_ARGS) {
  return guarded([&] { return agentic::pg::agentsBeforeWrite(fcinfo); });
}

Datum agentic_task_assignments_before_write(PG_FUNCTION_ARGS) {
  return guarded([&] { return agentic::pg::taskAssignmentsBeforeWrite(fcinfo); });
}

Datum agentic_task_assignments_after_write(PG_FUNCTION_ARGS) {
  return guarded([&] { return agentic::pg::taskAssignmentsAfterWrite(fcinfo); });
}
