#include "core/tasks/task_graph.hpp"

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

}  // namespace agentic::core
