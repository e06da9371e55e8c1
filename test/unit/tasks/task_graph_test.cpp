#include "core/tasks/task_graph.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace agentic::core {
namespace {

// An in-memory graph whose fetcher records every call.
class Graph {
 public:
  static constexpr std::size_t kMaxCalls = 10000;
  static constexpr std::size_t kMaxFetched = 100000;

  Graph(std::initializer_list<TaskEdge> edges) {
    for (const auto& e : edges) add(e.first, e.second);
  }
  void add(TaskId from, TaskId to) { out_[from].push_back(to); }

  bool hasEdge(TaskId from, TaskId to) const {
    const auto it = out_.find(from);
    return it != out_.end() &&
           std::find(it->second.begin(), it->second.end(), to) != it->second.end();
  }

  EdgeFetcher fetcher() {
    return [this](const std::vector<TaskId>& frontier, std::vector<TaskEdge>& edges) {
      frontiers.push_back(frontier);
      // Turn a search that never ends into a failure rather than a hang.
      fetched_ += frontier.size();
      if (frontiers.size() > kMaxCalls || fetched_ > kMaxFetched) {
        ADD_FAILURE() << "runaway search: " << frontiers.size() << " fetches of " << fetched_
                      << " tasks";
        return;
      }
      for (TaskId from : frontier) {
        const auto it = out_.find(from);
        if (it == out_.end()) continue;
        for (TaskId to : it->second) edges.emplace_back(from, to);
      }
    };
  }

  PathSearch find(TaskId start, TaskId target, std::size_t maxVisited = 1000) {
    frontiers.clear();
    fetched_ = 0;
    return findPath(start, target, fetcher(), maxVisited);
  }

  std::size_t calls() const { return frontiers.size(); }

  std::vector<std::vector<TaskId>> frontiers;  // one entry per fetch call

 private:
  std::map<TaskId, std::vector<TaskId>> out_;
  std::size_t fetched_ = 0;
};

// A path is valid when it runs from start to target along edges of g, without
// repeating a task.
::testing::AssertionResult validPath(const Graph& g, const std::vector<TaskId>& path, TaskId start,
                                     TaskId target) {
  if (path.empty()) return ::testing::AssertionFailure() << "empty path";
  if (path.front() != start) return ::testing::AssertionFailure() << "starts at " << path.front();
  if (path.back() != target) return ::testing::AssertionFailure() << "ends at " << path.back();
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (!g.hasEdge(path[i - 1], path[i]))
      return ::testing::AssertionFailure() << "no edge " << path[i - 1] << " -> " << path[i];
  }
  if (std::set<TaskId>(path.begin(), path.end()).size() != path.size())
    return ::testing::AssertionFailure() << "path repeats a task";
  return ::testing::AssertionSuccess();
}

std::set<TaskId> asSet(const std::vector<TaskId>& v) {
  return std::set<TaskId>(v.begin(), v.end());
}

TEST(TaskGraph, DirectEdge) {
  Graph g{{1, 2}};
  const PathSearch r = g.find(1, 2);
  ASSERT_TRUE(r.path.has_value());
  EXPECT_EQ(*r.path, (std::vector<TaskId>{1, 2}));
  EXPECT_FALSE(r.exhausted);
  EXPECT_EQ(g.calls(), 1u);
}

TEST(TaskGraph, EdgesAreDirected) {
  Graph g{{2, 1}};
  const PathSearch r = g.find(1, 2);
  EXPECT_FALSE(r.path.has_value());
  EXPECT_FALSE(r.exhausted);
  ASSERT_TRUE(g.find(2, 1).path.has_value());
}

TEST(TaskGraph, LongChain) {
  Graph g{};
  constexpr TaskId kLength = 200;
  for (TaskId i = 1; i < kLength; ++i) g.add(i, i + 1);
  const PathSearch r = g.find(1, kLength);
  ASSERT_TRUE(r.path.has_value());
  ASSERT_EQ(r.path->size(), static_cast<std::size_t>(kLength));
  for (TaskId i = 0; i < kLength; ++i) EXPECT_EQ((*r.path)[static_cast<std::size_t>(i)], i + 1);
  EXPECT_FALSE(r.exhausted);
  // One fetch per level: levels {1}, {2}, ..., {199}.
  EXPECT_EQ(g.calls(), static_cast<std::size_t>(kLength - 1));
  for (std::size_t i = 0; i < g.frontiers.size(); ++i) {
    EXPECT_EQ(g.frontiers[i], (std::vector<TaskId>{static_cast<TaskId>(i + 1)}));
  }
  // From the middle of the chain, too.
  const PathSearch mid = g.find(50, 53);
  ASSERT_TRUE(mid.path.has_value());
  EXPECT_EQ(*mid.path, (std::vector<TaskId>{50, 51, 52, 53}));
}

TEST(TaskGraph, Diamond) {
  Graph g{{1, 2}, {1, 3}, {2, 4}, {3, 4}};
  const PathSearch r = g.find(1, 4);
  ASSERT_TRUE(r.path.has_value());
  EXPECT_EQ(r.path->size(), 3u);
  EXPECT_TRUE(validPath(g, *r.path, 1, 4));
  EXPECT_FALSE(r.exhausted);
  EXPECT_EQ(g.calls(), 2u);
  // The second level holds both sides of the diamond, once each.
  ASSERT_EQ(g.frontiers.size(), 2u);
  EXPECT_EQ(g.frontiers[0], (std::vector<TaskId>{1}));
  EXPECT_EQ(asSet(g.frontiers[1]), (std::set<TaskId>{2, 3}));
  EXPECT_EQ(g.frontiers[1].size(), 2u);
}

TEST(TaskGraph, FindsAShortestPath) {
  // A long way round 1 -> 2 -> 3 -> 4 -> 5 -> 9 and a short one 1 -> 6 -> 9.
  Graph g{{1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 9}, {1, 6}, {6, 9}};
  const PathSearch r = g.find(1, 9);
  ASSERT_TRUE(r.path.has_value());
  EXPECT_EQ(*r.path, (std::vector<TaskId>{1, 6, 9}));
  EXPECT_EQ(g.calls(), 2u);
}

TEST(TaskGraph, NoPath) {
  Graph g{{1, 2}, {2, 3}, {4, 5}, {5, 9}};
  const PathSearch r = g.find(1, 9);
  EXPECT_FALSE(r.path.has_value());
  EXPECT_FALSE(r.exhausted);
  // Levels {1}, {2}, {3}; the last one yields nothing new.
  ASSERT_EQ(g.calls(), 3u);
  EXPECT_EQ(g.frontiers[2], (std::vector<TaskId>{3}));
}

TEST(TaskGraph, IsolatedStart) {
  Graph g{{2, 3}};
  const PathSearch r = g.find(1, 3);
  EXPECT_FALSE(r.path.has_value());
  EXPECT_FALSE(r.exhausted);
  EXPECT_EQ(g.calls(), 1u);
}

TEST(TaskGraph, StartEqualsTarget) {
  Graph g{{1, 2}, {2, 1}};
  const PathSearch r = g.find(7, 7);
  ASSERT_TRUE(r.path.has_value());
  EXPECT_EQ(*r.path, (std::vector<TaskId>{7}));
  EXPECT_FALSE(r.exhausted);
  EXPECT_EQ(g.calls(), 0u);
  // Even with a zero budget.
  const PathSearch zero = g.find(1, 1, 0);
  ASSERT_TRUE(zero.path.has_value());
  EXPECT_EQ(*zero.path, (std::vector<TaskId>{1}));
}

TEST(TaskGraph, CycleNotInvolvingTargetTerminates) {
  Graph g{{1, 2}, {2, 3}, {3, 1}, {3, 3}, {2, 2}};
  const PathSearch r = g.find(1, 9);
  EXPECT_FALSE(r.path.has_value());
  EXPECT_FALSE(r.exhausted);
  EXPECT_EQ(g.calls(), 3u);
  // Every task is fetched once.
  std::vector<TaskId> fetched;
  for (const auto& f : g.frontiers) fetched.insert(fetched.end(), f.begin(), f.end());
  std::sort(fetched.begin(), fetched.end());
  EXPECT_EQ(fetched, (std::vector<TaskId>{1, 2, 3}));
}

TEST(TaskGraph, CycleOnTheWayToTheTarget) {
  Graph g{{1, 2}, {2, 3}, {3, 2}, {3, 1}, {3, 4}};
  const PathSearch r = g.find(1, 4);
  ASSERT_TRUE(r.path.has_value());
  EXPECT_EQ(*r.path, (std::vector<TaskId>{1, 2, 3, 4}));
  EXPECT_FALSE(r.exhausted);
}

TEST(TaskGraph, ClosingACycleIsDetected) {
  // Adding 3 -> 1 to 1 -> 2 -> 3 closes a cycle exactly when 1 reaches 3.
  Graph g{{1, 2}, {2, 3}};
  const PathSearch r = g.find(1, 3);
  ASSERT_TRUE(r.path.has_value());
  EXPECT_EQ(*r.path, (std::vector<TaskId>{1, 2, 3}));
  EXPECT_FALSE(g.find(3, 1).path.has_value());
}

TEST(TaskGraph, DuplicateEdgesAndNegativeIds) {
  Graph g{{-5, 0}, {-5, 0}, {0, -7}, {0, -7}, {-5, -7}, {-7, 4}};
  const PathSearch r = g.find(-5, 4);
  ASSERT_TRUE(r.path.has_value());
  EXPECT_EQ(*r.path, (std::vector<TaskId>{-5, -7, 4}));
  // Each level lists a task once even when several edges lead to it.
  for (const auto& f : g.frontiers) EXPECT_EQ(asSet(f).size(), f.size());
}

TEST(TaskGraph, OneFetchPerBreadthFirstLevel) {
  // Levels: {1}, {2, 3}, {4, 5, 6} (5 is reached from both 2 and 3), {7, 8}.
  Graph g{{1, 2}, {1, 3}, {2, 4}, {2, 5}, {3, 5}, {3, 6}, {4, 7}, {6, 8}};
  const PathSearch none = g.find(1, 99);
  EXPECT_FALSE(none.path.has_value());
  ASSERT_EQ(g.calls(), 4u);
  EXPECT_EQ(asSet(g.frontiers[0]), (std::set<TaskId>{1}));
  EXPECT_EQ(asSet(g.frontiers[1]), (std::set<TaskId>{2, 3}));
  EXPECT_EQ(asSet(g.frontiers[2]), (std::set<TaskId>{4, 5, 6}));
  EXPECT_EQ(g.frontiers[2].size(), 3u);
  EXPECT_EQ(asSet(g.frontiers[3]), (std::set<TaskId>{7, 8}));

  const PathSearch found = g.find(1, 8);
  ASSERT_TRUE(found.path.has_value());
  EXPECT_EQ(*found.path, (std::vector<TaskId>{1, 3, 6, 8}));
  EXPECT_EQ(g.calls(), 3u);
}

TEST(TaskGraph, MaxVisitedExhaustion) {
  Graph g{};
  for (TaskId i = 1; i < 100; ++i) g.add(i, i + 1);
  const PathSearch r = g.find(1, 100, 10);
  EXPECT_TRUE(r.exhausted);
  EXPECT_FALSE(r.path.has_value());
  // It stopped early instead of walking the whole chain.
  EXPECT_LE(g.calls(), 11u);

  const PathSearch full = g.find(1, 100, 1000);
  EXPECT_FALSE(full.exhausted);
  ASSERT_TRUE(full.path.has_value());
  EXPECT_EQ(full.path->size(), 100u);
}

TEST(TaskGraph, MaxVisitedExhaustionOnAWideLevel) {
  Graph g{};
  for (TaskId i = 2; i <= 500; ++i) g.add(1, i);
  const PathSearch r = g.find(1, 1000, 50);
  EXPECT_TRUE(r.exhausted);
  EXPECT_FALSE(r.path.has_value());
  EXPECT_EQ(g.calls(), 1u);
}

TEST(TaskGraph, BudgetLargeEnoughForTheWholeGraphIsNotExhausted) {
  // Five tasks in all; no path to 9.
  Graph g{{1, 2}, {2, 3}, {3, 4}, {4, 5}};
  const PathSearch enough = g.find(1, 9, 5);
  EXPECT_FALSE(enough.exhausted);
  EXPECT_FALSE(enough.path.has_value());
  const PathSearch tooSmall = g.find(1, 9, 3);
  EXPECT_TRUE(tooSmall.exhausted);
  EXPECT_FALSE(tooSmall.path.has_value());
}

TEST(TaskGraph, TargetWithinBudgetIsFound) {
  Graph g{{1, 2}};
  const PathSearch r = g.find(1, 2, 1);
  ASSERT_TRUE(r.path.has_value());
  EXPECT_EQ(*r.path, (std::vector<TaskId>{1, 2}));
  EXPECT_FALSE(r.exhausted);
}

}  // namespace
}  // namespace agentic::core

namespace agentic::core {
namespace {

TEST(TaskGraphRule, CycleAndLimitViolations) {
  PathSearch none;
  EXPECT_FALSE(checkNewEdge(none, EdgeKind::Parent, 1, 2, "r", 10));
  PathSearch cycle;
  cycle.path = std::vector<TaskId>{3, 1};
  const auto dep =
      checkNewEdge(cycle, EdgeKind::Dependency, 1, 3, "task_dependencies row id=4", 10);
  ASSERT_TRUE(dep);
  EXPECT_EQ(dep->ruleId, "task_graph_acyclic");
  EXPECT_EQ(dep->message, "task graph cycle: task 1 depending on task 3 would close a cycle");
  EXPECT_EQ(dep->detail,
            "task_dependencies row id=4 would make task 1 wait for itself: 1 -> 3 -> 1.");
  const auto parent = checkNewEdge(cycle, EdgeKind::Parent, 1, 3, "tasks row id=3", 10);
  EXPECT_EQ(parent->message, "task graph cycle: task 3 having parent task 1 would close a cycle");
  PathSearch exhausted;
  exhausted.exhausted = true;
  const auto limit = checkNewEdge(exhausted, EdgeKind::Parent, 1, 3, "tasks row id=3", 10);
  ASSERT_TRUE(limit);
  EXPECT_EQ(limit->variant, "size_limit");
  EXPECT_EQ(limit->detail,
            "tasks row id=3: more than agentic.max_task_graph_nodes (10) tasks are reachable.");
}

}  // namespace
}  // namespace agentic::core
