#include "core/tasks/task_rollup.hpp"

#include "core/tasks/task_statuses.hpp"

#include <string>

namespace agentic::core {

namespace {

std::string_view desiredStatus(const AssignmentCounts& c) {
  if (c.inProgress > 0) return "in_progress";
  if (c.assigned > 0) return "assigned";
  // No assignment is active any more: the work ended one way or the other.
  if (c.failed + c.completed == 0) return "pending";  // none, or all cancelled
  if (c.lastEnded == "completed" || c.lastEnded == "failed") return c.lastEnded;
  return c.failed > 0 ? "failed" : "completed";  // order unknown: never hide a failure
}

// The status to pass through when `from` -> `to` is no single legal move: the one
// the work itself passed through (in progress when it started, else assigned).
std::optional<std::string_view> intermediateStatus(std::string_view from, std::string_view to,
                                                   bool started) {
  for (std::string_view via : {started ? "in_progress" : "assigned", "assigned", "in_progress"}) {
    if (kTaskMachine.allows(from, via) && kTaskMachine.allows(via, to)) return via;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Violation> checkManualTaskMove(std::int64_t activeAssignments, std::string_view from,
                                             std::string_view to, std::string_view row) {
  if (activeAssignments == 0 || from == to) return std::nullopt;
  return Violation{"tasks_follow_active_assignments",
                   "a task with active assignments follows them and cannot be moved from \"" +
                       std::string(from) + "\" to \"" + std::string(to) + "\" by hand",
                   std::string(row) + " has " + std::to_string(activeAssignments) +
                       " assigned or in-progress assignment(s)."};
}

bool taskAcceptsAssignments(std::string_view status) {
  return status == "pending" || status == "assigned" || status == "in_progress" ||
         status == "failed";
}

bool isFinalTaskStatus(std::string_view status) {
  return status == "completed" || status == "failed" || status == "cancelled";
}

std::optional<TaskRollup> rollUpTask(std::string_view current, const TaskTimes& times,
                                     const AssignmentCounts& counts) {
  if (!taskAcceptsAssignments(current)) return std::nullopt;
  TaskRollup r;
  r.status = desiredStatus(counts);
  // A failed task with no new activity stays failed rather than reverting.
  if (current == "failed" && r.status == "pending") return std::nullopt;
  if (r.status != current && !kTaskMachine.allows(current, r.status)) {
    const auto via = intermediateStatus(current, r.status, counts.firstStartedAt.has_value());
    if (!via) return std::nullopt;
    r.via = *via;
  }
  r.times.startedAt = counts.firstStartedAt;
  if (isFinalTaskStatus(r.status)) {
    r.times.completedAt = counts.lastEndedAt;
    // No end is known: a task already in that status keeps its own; one entering
    // it is stamped by its status machine.
    if (!r.times.completedAt && r.status == current) r.times.completedAt = times.completedAt;
  }
  if (r.status == current && r.times.startedAt == times.startedAt &&
      r.times.completedAt == times.completedAt)
    return std::nullopt;
  return r;
}

std::optional<std::string_view> rolledUpTaskStatus(std::string_view current,
                                                   const AssignmentCounts& counts) {
  const auto r = rollUpTask(current, TaskTimes{}, counts);
  if (!r || r->status == current) return std::nullopt;
  return r->status;
}

}  // namespace agentic::core
