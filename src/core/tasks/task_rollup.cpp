#include "core/tasks/task_rollup.hpp"

#include "core/tasks/task_statuses.hpp"

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

}  // namespace

bool taskAcceptsAssignments(std::string_view status) {
  return status == "pending" || status == "assigned" || status == "in_progress" ||
         status == "failed";
}

std::optional<std::string_view> rolledUpTaskStatus(std::string_view current,
                                                   const AssignmentCounts& counts) {
  if (!taskAcceptsAssignments(current)) return std::nullopt;
  const std::string_view desired = desiredStatus(counts);
  if (desired == current) return std::nullopt;
  // A failed task with no new activity stays failed rather than reverting.
  if (current == "failed" && desired == "pending") return std::nullopt;
  if (!kTaskMachine.allows(current, desired)) return std::nullopt;
  return desired;
}

}  // namespace agentic::core
