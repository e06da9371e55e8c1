#include "core/tasks/task_rollup.hpp"

#include "core/rules/status_machine.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace agentic::core {
namespace {

const std::vector<std::string_view> kTaskStates = {
    "pending", "assigned", "in_progress", "blocked", "completed", "failed", "cancelled"};

AssignmentCounts counts(std::int64_t assigned, std::int64_t inProgress, std::int64_t completed,
                        std::int64_t failed, std::int64_t cancelled) {
  AssignmentCounts c;
  c.assigned = assigned;
  c.inProgress = inProgress;
  c.completed = completed;
  c.failed = failed;
  c.cancelled = cancelled;
  return c;
}

std::string describe(std::string_view current, const AssignmentCounts& c) {
  std::ostringstream out;
  out << current << " {assigned=" << c.assigned << ", inProgress=" << c.inProgress
      << ", completed=" << c.completed << ", failed=" << c.failed << ", cancelled=" << c.cancelled
      << "}";
  return out.str();
}

using Result = std::optional<std::string_view>;
const Result kStay = std::nullopt;

TEST(TaskRollup, InProgressAssignmentWins) {
  EXPECT_EQ(rolledUpTaskStatus("pending", counts(0, 1, 0, 0, 0)), Result("in_progress"));
  EXPECT_EQ(rolledUpTaskStatus("assigned", counts(3, 1, 2, 2, 2)), Result("in_progress"));
  EXPECT_EQ(rolledUpTaskStatus("failed", counts(0, 1, 0, 5, 0)), Result("in_progress"));
  EXPECT_EQ(rolledUpTaskStatus("pending", counts(2, 2, 2, 2, 2)), Result("in_progress"));
}

TEST(TaskRollup, AssignedComesNext) {
  EXPECT_EQ(rolledUpTaskStatus("pending", counts(1, 0, 0, 0, 0)), Result("assigned"));
  EXPECT_EQ(rolledUpTaskStatus("in_progress", counts(1, 0, 0, 0, 0)), Result("assigned"));
  EXPECT_EQ(rolledUpTaskStatus("in_progress", counts(2, 0, 1, 1, 1)), Result("assigned"));
  EXPECT_EQ(rolledUpTaskStatus("failed", counts(1, 0, 0, 1, 0)), Result("assigned"));
}

TEST(TaskRollup, TheAssignmentThatEndedLastDecides) {
  AssignmentCounts retried = counts(0, 0, 1, 1, 0);
  retried.lastEnded = "completed";  // a retry completed after the first attempt failed
  EXPECT_EQ(rolledUpTaskStatus("in_progress", retried), Result("completed"));
  retried.lastEnded = "failed";  // the last attempt failed
  EXPECT_EQ(rolledUpTaskStatus("in_progress", retried), Result("failed"));
  AssignmentCounts cancelledLast = counts(0, 0, 2, 1, 1);
  cancelledLast.lastEnded = "completed";  // cancellations do not count as endings
  EXPECT_EQ(rolledUpTaskStatus("assigned", cancelledLast), Result("completed"));
}

TEST(TaskRollup, FailedBeatsCompletedWhenTheOrderIsUnknown) {
  EXPECT_EQ(rolledUpTaskStatus("in_progress", counts(0, 0, 1, 1, 0)), Result("failed"));
  EXPECT_EQ(rolledUpTaskStatus("assigned", counts(0, 0, 3, 1, 2)), Result("failed"));
  EXPECT_EQ(rolledUpTaskStatus("in_progress", counts(0, 0, 0, 1, 0)), Result("failed"));
}

TEST(TaskRollup, CompletedWhenOnlyCompletedAndCancelledRemain) {
  EXPECT_EQ(rolledUpTaskStatus("in_progress", counts(0, 0, 1, 0, 0)), Result("completed"));
  EXPECT_EQ(rolledUpTaskStatus("in_progress", counts(0, 0, 1, 0, 4)), Result("completed"));
  EXPECT_EQ(rolledUpTaskStatus("assigned", counts(0, 0, 2, 0, 0)), Result("completed"));
}

TEST(TaskRollup, AllCancelledGoesBackToPending) {
  EXPECT_EQ(rolledUpTaskStatus("assigned", counts(0, 0, 0, 0, 1)), Result("pending"));
  EXPECT_EQ(rolledUpTaskStatus("in_progress", counts(0, 0, 0, 0, 3)), Result("pending"));
  // No assignments left at all (e.g. the last one was deleted).
  EXPECT_EQ(rolledUpTaskStatus("assigned", counts(0, 0, 0, 0, 0)), Result("pending"));
  EXPECT_EQ(rolledUpTaskStatus("in_progress", counts(0, 0, 0, 0, 0)), Result("pending"));
}

TEST(TaskRollup, FailedTaskWithNothingNewStaysFailed) {
  EXPECT_EQ(rolledUpTaskStatus("failed", counts(0, 0, 0, 0, 0)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("failed", counts(0, 0, 0, 0, 2)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("failed", counts(0, 0, 0, 1, 0)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("failed", counts(0, 0, 1, 1, 1)), kStay);
  // failed -> completed is not a legal transition, so even a lone completed
  // assignment leaves a failed task alone.
  EXPECT_EQ(rolledUpTaskStatus("failed", counts(0, 0, 1, 0, 0)), kStay);
}

TEST(TaskRollup, PendingTaskNeverJumpsToAnEndState) {
  // pending -> completed / failed are not legal transitions.
  EXPECT_EQ(rolledUpTaskStatus("pending", counts(0, 0, 1, 0, 0)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("pending", counts(0, 0, 0, 1, 0)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("pending", counts(0, 0, 1, 1, 0)), kStay);
}

TEST(TaskRollup, ParkedAndEndedTasksNeverMove) {
  const std::vector<AssignmentCounts> samples = {
      counts(0, 0, 0, 0, 0), counts(1, 0, 0, 0, 0), counts(0, 1, 0, 0, 0), counts(0, 0, 1, 0, 0),
      counts(0, 0, 0, 1, 0), counts(0, 0, 0, 0, 1), counts(2, 2, 2, 2, 2),
  };
  for (std::string_view current : {"blocked", "completed", "cancelled"}) {
    for (const auto& c : samples) {
      EXPECT_EQ(rolledUpTaskStatus(current, c), kStay) << describe(current, c);
    }
  }
}

TEST(TaskRollup, NoOpWhenAlreadyThere) {
  EXPECT_EQ(rolledUpTaskStatus("pending", counts(0, 0, 0, 0, 0)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("pending", counts(0, 0, 0, 0, 4)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("assigned", counts(1, 0, 0, 0, 0)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("assigned", counts(2, 0, 1, 1, 1)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("in_progress", counts(0, 1, 0, 0, 0)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("in_progress", counts(2, 2, 2, 2, 2)), kStay);
}

TEST(TaskRollup, UnknownCurrentStatusIsLeftAlone) {
  EXPECT_EQ(rolledUpTaskStatus("", counts(0, 1, 0, 0, 0)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("done", counts(1, 0, 0, 0, 0)), kStay);
  EXPECT_EQ(rolledUpTaskStatus("IN_PROGRESS", counts(1, 0, 0, 0, 0)), kStay);
}

TEST(TaskRollup, TaskAcceptsAssignments) {
  EXPECT_TRUE(taskAcceptsAssignments("pending"));
  EXPECT_TRUE(taskAcceptsAssignments("assigned"));
  EXPECT_TRUE(taskAcceptsAssignments("in_progress"));
  EXPECT_TRUE(taskAcceptsAssignments("failed"));
  EXPECT_FALSE(taskAcceptsAssignments("blocked"));
  EXPECT_FALSE(taskAcceptsAssignments("completed"));
  EXPECT_FALSE(taskAcceptsAssignments("cancelled"));
  EXPECT_FALSE(taskAcceptsAssignments(""));
  EXPECT_FALSE(taskAcceptsAssignments("unknown"));
}

// Property: for every task state and every small combination of counts, an
// answer is always a legal transition of the "task" machine (and never a
// self-transition), and a task that accepts no assignments is never moved.
TEST(TaskRollup, EveryAnswerIsALegalTaskTransition) {
  const StatusMachine* task = findStatusMachine("task");
  ASSERT_NE(task, nullptr);
  ASSERT_EQ(task->stateCount, kTaskStates.size());
  int moves = 0;
  for (std::string_view current : kTaskStates) {
    ASSERT_TRUE(task->hasState(current)) << current;
    for (int a = 0; a <= 2; ++a) {
      for (int p = 0; p <= 2; ++p) {
        for (int c = 0; c <= 2; ++c) {
          for (int f = 0; f <= 2; ++f) {
            for (int x = 0; x <= 2; ++x) {
              const AssignmentCounts cnt = counts(a, p, c, f, x);
              const Result next = rolledUpTaskStatus(current, cnt);
              if (!next) continue;
              ++moves;
              EXPECT_TRUE(task->hasState(*next)) << describe(current, cnt) << " -> " << *next;
              EXPECT_TRUE(task->allows(current, *next))
                  << describe(current, cnt) << " -> " << *next;
              EXPECT_TRUE(taskAcceptsAssignments(current)) << describe(current, cnt);
              // The answer is stable: asking again from the new status is a no-op.
              EXPECT_EQ(rolledUpTaskStatus(*next, cnt), kStay)
                  << describe(current, cnt) << " -> " << *next;
            }
          }
        }
      }
    }
  }
  // The grid exercises real moves, not only no-ops.
  EXPECT_GT(moves, 0);
}

}  // namespace
}  // namespace agentic::core
