// Rules of the task_assignments table: an assignment keeps its task and agent,
// and work is only given to active agents on tasks that still accept it.
#pragma once

#include "core/rules/violation.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace agentic::core {

// What a write to a task_assignments row changes. Statuses are empty when NULL.
struct AssignmentWrite {
  bool isInsert = false;
  bool isUpdate = false;
  bool taskOrAgentChanged = false;  // UPDATE only
  std::string_view status;
  std::string_view oldStatus;  // UPDATE only
  std::optional<std::int64_t> taskId;
  std::optional<std::int64_t> agentId;
};

struct AssignmentDecision {
  bool targetMoved = false;  // rejected: task_assignments_task_agent_immutable
  // It becomes active work (inserted assigned or in_progress, or starts): its
  // agent must be active (checkAgentTakesWork).
  bool checkAgent = false;
  // Every inserted assignment, active or already ended (imported history), and
  // every start: its task must accept work (checkTaskTakesWork), so that the
  // task's roll-up follows it. Since 1.3; before, an ended assignment inserted
  // into a blocked, completed or cancelled task was stored and never rolled up.
  bool checkTask = false;
};

AssignmentDecision decideAssignmentWrite(const AssignmentWrite& write);

// Whether an assignment inserted in `status` gets its started_at stamped (with
// the statement time, as its completed_at is): one inserted completed with
// neither time started and ended at the insert, since only in_progress leads to
// completed. Supplied times are kept; one inserted with only its end keeps an
// unknown start rather than an invented one, and one inserted failed or
// cancelled may have ended before it started.
bool stampsStartOnInsert(std::string_view status, bool startedAtIsNull, bool completedAtIsNull);

// task_assignments_task_agent_immutable; `row` describes the old row.
Violation assignmentTargetMoved(std::string_view row);

// task_assignments_agent_active, for an agent in `agentStatus`.
std::optional<Violation> checkAgentTakesWork(std::string_view agentStatus, std::string_view row,
                                             std::int64_t taskId, std::int64_t agentId);
// task_assignments_task_accepts_work, for a task in `taskStatus`.
std::optional<Violation> checkTaskTakesWork(std::string_view taskStatus, std::string_view row,
                                            std::int64_t taskId, std::int64_t agentId);

}  // namespace agentic::core
