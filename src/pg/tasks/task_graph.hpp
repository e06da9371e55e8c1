// No cycles through parents and dependencies (see core/tasks/task_graph.hpp).
#pragma once

#include "pg/runtime/registry.hpp"

namespace agentic::pg::task_graph {

// The columns of a new edge from -> to: a parent waits for its subtask, a task
// for its dependency. Both tables declare them in this order.
enum Column : int { kFrom, kTo };
inline constexpr const char* kTaskColumns[] = {"parent_task_id", "id"};
inline constexpr ColumnType kTaskColumnTypes[] = {ColumnType::Int8, ColumnType::Int8};
inline constexpr const char* kDependencyColumns[] = {"task_id", "depends_on_task_id"};
inline constexpr ColumnType kDependencyColumnTypes[] = {ColumnType::Int8, ColumnType::Int8};

// AFTER INSERT OR UPDATE OF parent_task_id on tasks.
void afterTaskRow(RowContext& row);
// AFTER INSERT OR UPDATE on task_dependencies.
void afterDependencyRow(RowContext& row);

}  // namespace agentic::pg::task_graph
