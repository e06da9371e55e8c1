#include "core/tasks/assignments.hpp"

#include "core/tasks/task_rollup.hpp"
#include "core/tasks/task_statuses.hpp"

#include <string>

namespace agentic::core {
namespace {

std::string assigns(std::string_view row, std::int64_t taskId, std::int64_t agentId) {
  return std::string(row) + " assigns task " + std::to_string(taskId) + " to agent " +
         std::to_string(agentId) + ".";
}

}  // namespace

AssignmentDecision decideAssignmentWrite(const AssignmentWrite& w) {
  AssignmentDecision d;
  d.targetMoved = w.isUpdate && w.taskOrAgentChanged;
  const bool newAssignment = w.isInsert && isActiveAssignmentStatus(w.status);
  const bool starts = w.isUpdate && w.status == "in_progress" && w.oldStatus != "in_progress";
  const bool known = !d.targetMoved && w.agentId && w.taskId;
  d.checkAgent = known && (newAssignment || starts);
  d.checkTask = known && (w.isInsert || starts);
  return d;
}

bool stampsStartOnInsert(std::string_view status, bool startedAtIsNull, bool completedAtIsNull) {
  return status == "completed" && startedAtIsNull && completedAtIsNull;
}

Violation assignmentTargetMoved(std::string_view row) {
  return Violation{"task_assignments_task_agent_immutable",
                   "the task and agent of an assignment cannot change",
                   std::string(row) + " was moved to another task or agent."};
}

std::optional<Violation> checkAgentTakesWork(std::string_view agentStatus, std::string_view row,
                                             std::int64_t taskId, std::int64_t agentId) {
  if (agentStatus == "active") return std::nullopt;
  return Violation{"task_assignments_agent_active",
                   "agent " + std::to_string(agentId) + " is " + std::string(agentStatus) +
                       " and cannot work on assignments",
                   assigns(row, taskId, agentId)};
}

std::optional<Violation> checkTaskTakesWork(std::string_view taskStatus, std::string_view row,
                                            std::int64_t taskId, std::int64_t agentId) {
  if (taskAcceptsAssignments(taskStatus)) return std::nullopt;
  return Violation{"task_assignments_task_accepts_work",
                   "task " + std::to_string(taskId) + " is " + std::string(taskStatus) +
                       " and accepts no new assignments",
                   assigns(row, taskId, agentId)};
}

}  // namespace agentic::core
