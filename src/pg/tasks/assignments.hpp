// Row rules of agentic.task_assignments and the task status roll-up.
#pragma once

#include "pg/runtime/registry.hpp"

namespace agentic::pg::assignments {

// The columns the rules read (TableSpec::columns), by index.
enum Column : int { kTaskId, kAgentId, kStatus };
inline constexpr const char* kColumns[] = {"task_id", "agent_id", "status"};

// BEFORE INSERT OR UPDATE: task and agent never change; new or starting work
// needs an active agent and a task that accepts work.
void beforeRow(RowContext& row);
// AFTER INSERT OR UPDATE OF status, task_id OR DELETE: the task follows its
// assignments.
void afterRow(RowContext& row);

}  // namespace agentic::pg::assignments
