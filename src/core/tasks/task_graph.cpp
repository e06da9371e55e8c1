#include "core/tasks/task_graph.hpp"

#include <string>

#include <algorithm>
#include <unordered_map>

namespace agentic::core {

PathSearch findPath(TaskId start, TaskId target, const EdgeFetcher& fetch, std::size_t maxVisited) {
  PathSearch result;
  if (start == target) {
    result.path = std::vector<TaskId>{start};
    return result;
  }
  // predecessor of each visited task on the BFS tree; start maps to itself
  std::unordered_map<TaskId, TaskId> cameFrom{{start, start}};
  std::vector<TaskId> frontier{start};
  std::vector<TaskEdge> edges;
  while (!frontier.empty()) {
    edges.clear();
    fetch(frontier, edges);
    std::vector<TaskId> next;
    for (const auto& [from, to] : edges) {
      if (!cameFrom.emplace(to, from).second) continue;
      if (to == target) {
        std::vector<TaskId> path{to};
        for (TaskId at = to; at != start;) {
          at = cameFrom.at(at);
          path.push_back(at);
        }
        std::reverse(path.begin(), path.end());
        result.path = std::move(path);
        return result;
      }
      if (cameFrom.size() > maxVisited) {
        result.exhausted = true;
        return result;
      }
      next.push_back(to);
    }
    frontier.swap(next);
  }
  return result;
}

namespace {

std::string renderPath(const std::vector<TaskId>& path) {
  std::string text;
  for (TaskId id : path) {
    if (!text.empty()) text += " -> ";
    text += std::to_string(id);
  }
  return text;
}

}  // namespace

std::optional<Violation> checkNewEdge(const PathSearch& search, EdgeKind kind, TaskId from,
                                      TaskId to, std::string_view row, std::size_t maxVisited) {
  if (search.exhausted) {
    Violation v{"task_graph_acyclic", "task graph too large to check for cycles",
                std::string(row) + ": more than agentic.max_task_graph_nodes (" +
                    std::to_string(maxVisited) + ") tasks are reachable."};
    v.variant = "size_limit";
    return v;
  }
  if (!search.path) return std::nullopt;
  std::vector<TaskId> cycle{from};
  cycle.insert(cycle.end(), search.path->begin(), search.path->end());
  const std::string edge =
      kind == EdgeKind::Dependency
          ? "task " + std::to_string(from) + " depending on task " + std::to_string(to)
          : "task " + std::to_string(to) + " having parent task " + std::to_string(from);
  return Violation{"task_graph_acyclic", "task graph cycle: " + edge + " would close a cycle",
                   std::string(row) + " would make task " + std::to_string(from) +
                       " wait for itself: " + renderPath(cycle) + "."};
}

}  // namespace agentic::core
