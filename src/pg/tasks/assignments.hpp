// Row rules of agentic.task_assignments and the task status roll-up.
#pragma once

#include "pg/runtime/registry.hpp"

namespace agentic::pg::assignments {

// The columns the rules read (TableSpec::columns), by index.
enum Column : int { kTaskId, kAgentId, kStatus, kStartedAt, kCompletedAt };
inline constexpr const char* kColumns[] = {"task_id", "agent_id", "status", "started_at",
                                           "completed_at"};
inline constexpr ColumnType kColumnTypes[] = {ColumnType::Int8, ColumnType::Int8, ColumnType::Enum,
                                              ColumnType::TimestampTz, ColumnType::TimestampTz};

// BEFORE INSERT OR UPDATE: task and agent never change; new or starting work
// needs an active agent and a task that accepts work; an assignment inserted
// completed without times is stamped as started at the insert too.
void beforeRow(RowContext& row);
// BEFORE UPDATE of a task (its row_before_write): a task with active assignments
// changes status only through the roll-up below.
void beforeTaskRow(RowContext& row);
// AFTER INSERT OR UPDATE OF status, task_id OR DELETE: the task follows its
// assignments.
void afterRow(RowContext& row);

}  // namespace agentic::pg::assignments
