// Cycle detection for the task graph.
//
// The graph has an edge X -> Y whenever X cannot finish before Y does: a parent
// waits for each of its subtasks, and a task waits for each task it depends on.
// Adding an edge from -> to closes a cycle exactly when `to` already reaches
// `from`.
#pragma once

#include "core/rules/violation.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace agentic::core {

using TaskId = std::int64_t;
using TaskEdge = std::pair<TaskId, TaskId>;  // (from, to)

// Appends to `edges` every outgoing edge of every task in `frontier`.
using EdgeFetcher =
    std::function<void(const std::vector<TaskId>& frontier, std::vector<TaskEdge>& edges)>;

struct PathSearch {
  // The path from start to target (task ids, both ends included), if any.
  std::optional<std::vector<TaskId>> path;
  // True when the search stopped at maxVisited before it could decide.
  bool exhausted = false;
};

// Breadth-first search, one fetch per level, so a database-backed fetcher runs
// one query per level rather than one per task.
PathSearch findPath(TaskId start, TaskId target, const EdgeFetcher& fetch, std::size_t maxVisited);

// Where a new edge comes from: a task's parent, or one of its dependencies.
enum class EdgeKind { Parent, Dependency };

// The rule task_graph_acyclic for a new edge from -> to, given the search from
// `to` back to `from` (which stopped after `maxVisited` tasks when exhausted).
// `row` describes the new row.
std::optional<Violation> checkNewEdge(const PathSearch& search, EdgeKind kind, TaskId from,
                                      TaskId to, std::string_view row, std::size_t maxVisited);

}  // namespace agentic::core
