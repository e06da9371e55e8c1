// Status machines of the tasks domain: tasks and task assignments.
#pragma once

#include "core/rules/status_machine.hpp"

namespace agentic::core {

// Tasks: an assignment's progress drives most moves (see task_rollup.hpp);
// people move tasks into and out of "blocked" and "cancelled".
extern const StatusMachine kTaskMachine;
extern const StatusMachine kAssignmentMachine;

// Statuses in which an assignment still occupies its agent.
bool isActiveAssignmentStatus(std::string_view status);

}  // namespace agentic::core
