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
}

// Assignments inserted already ended (imported history) move the task as the same
// work recorded step by step would; the machine has no direct pending -> completed
// / failed or failed -> completed, so the roll-up passes through an intermediate
// status (each step legal, each one audited).
TEST(TaskRollup, EndedAssignmentsReachAnEndStateThroughALegalStep) {
  EXPECT_EQ(rolledUpTaskStatus("pending", counts(0, 0, 1, 0, 0)), Result("completed"));
  EXPECT_EQ(rolledUpTaskStatus("pending", counts(0, 0, 0, 1, 0)), Result("failed"));
  EXPECT_EQ(rolledUpTaskStatus("pending", counts(0, 0, 1, 1, 0)), Result("failed"));
  // A lone completed assignment (a retry imported after the failure) completes a
  // failed task.
  EXPECT_EQ(rolledUpTaskStatus("failed", counts(0, 0, 1, 0, 0)), Result("completed"));
  AssignmentCounts retried = counts(0, 0, 1, 1, 0);
  retried.lastEnded = "completed";
  EXPECT_EQ(rolledUpTaskStatus("failed", retried), Result("completed"));

  AssignmentCounts started = counts(0, 0, 1, 0, 0);
  started.firstStartedAt = 100;
  started.lastEndedAt = 200;
  auto r = rollUpTask("pending", {}, started);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->via, "in_progress");  // the work had started
  EXPECT_EQ(r->status, "completed");
  AssignmentCounts neverStarted = counts(0, 0, 0, 1, 0);
  neverStarted.lastEndedAt = 200;
  r = rollUpTask("pending", {}, neverStarted);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->via, "assigned");  // no start known
  EXPECT_EQ(r->status, "failed");
  // Direct moves need no intermediate status.
  r = rollUpTask("in_progress", {100, {}}, started);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->via, "");
  EXPECT_EQ(r->status, "completed");
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

// The task's times follow its assignments: started_at the earliest start,
// completed_at only in a final status, the latest end of any assignment.
TEST(TaskRollup, AReopenedTaskIsOpen) {
  // failed 9:00-10:00, then a retry assigned: open again, first start kept
  AssignmentCounts c = counts(1, 0, 0, 1, 0);
  c.firstStartedAt = 900;
  c.lastEndedAt = 1000;
  auto r = rollUpTask("failed", {900, 1000}, c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, "assigned");
  EXPECT_EQ(r->times.startedAt, Instant(900));
  EXPECT_EQ(r->times.completedAt, std::nullopt);
  // the retry starts at 12:00: in progress, still open, still started at 9:00
  c = counts(0, 1, 0, 1, 0);
  c.firstStartedAt = 900;
  c.lastEndedAt = 1000;
  r = rollUpTask("assigned", {900, {}}, c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, "in_progress");
  EXPECT_EQ(r->times.startedAt, Instant(900));
  EXPECT_EQ(r->times.completedAt, std::nullopt);
  // the retry completes at 13:30: the task ran 9:00-13:30
  c = counts(0, 0, 1, 1, 0);
  c.lastEnded = "completed";
  c.firstStartedAt = 900;
  c.lastEndedAt = 1330;
  r = rollUpTask("in_progress", {900, {}}, c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, "completed");
  EXPECT_EQ(r->times.startedAt, Instant(900));
  EXPECT_EQ(r->times.completedAt, Instant(1330));
  // a task left with a stale end while in progress gets it cleared
  c = counts(0, 1, 0, 1, 0);
  c.firstStartedAt = 900;
  c.lastEndedAt = 1000;
  r = rollUpTask("in_progress", {900, 1000}, c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, "in_progress");
  EXPECT_EQ(r->times.completedAt, std::nullopt);
}

TEST(TaskRollup, TheRetryOfAnAttemptThatNeverStartedCanStart) {
  // the first attempt failed at 9:00 before it started: failed, never started
  AssignmentCounts c = counts(0, 0, 0, 1, 0);
  c.lastEndedAt = 900;
  auto r = rollUpTask("assigned", {}, c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, "failed");
  EXPECT_EQ(r->times.startedAt, std::nullopt);
  EXPECT_EQ(r->times.completedAt, Instant(900));
  // the retry starts at 10:30: no end before the start is left on the task
  c = counts(0, 1, 0, 1, 0);
  c.firstStartedAt = 1030;
  c.lastEndedAt = 900;
  r = rollUpTask("failed", {{}, 900}, c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, "in_progress");
  EXPECT_EQ(r->times.startedAt, Instant(1030));
  EXPECT_EQ(r->times.completedAt, std::nullopt);
  // a retry that started and was cancelled: failed, ended when the work stopped
  c = counts(0, 0, 0, 1, 1);
  c.lastEnded = "failed";
  c.firstStartedAt = 1030;
  c.lastEndedAt = 1100;
  r = rollUpTask("in_progress", {1030, {}}, c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, "failed");
  EXPECT_EQ(r->times.completedAt, Instant(1100));
}

TEST(TaskRollup, TimesAloneCanChange) {
  // a later failed attempt imported into a failed task: the end moves
  AssignmentCounts c = counts(0, 0, 0, 2, 0);
  c.lastEndedAt = 1000;
  auto r = rollUpTask("failed", {{}, 900}, c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->via, "");
  EXPECT_EQ(r->status, "failed");
  EXPECT_EQ(r->times.completedAt, Instant(1000));
  // nothing changes: nothing to do
  EXPECT_EQ(rollUpTask("failed", {{}, 1000}, c), std::nullopt);
  // an earlier start imported into a running task: started_at moves back
  c = counts(0, 1, 0, 1, 0);
  c.firstStartedAt = 900;
  c.lastEndedAt = 930;
  r = rollUpTask("in_progress", {1000, {}}, c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->times.startedAt, Instant(900));
  // a failed task with no new activity keeps its times too
  EXPECT_EQ(rollUpTask("failed", {900, 1000}, counts(0, 0, 0, 0, 1)), std::nullopt);
}

TEST(TaskRollup, AnUnknownEndIsLeftToTheStamp) {
  // entering a final status without a known end: NULL, which the task's own
  // status machine stamps
  auto r = rollUpTask("in_progress", {900, {}}, counts(0, 0, 1, 0, 0));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, "completed");
  EXPECT_EQ(r->times.completedAt, std::nullopt);
  // staying in it: the task keeps its own end
  EXPECT_EQ(rollUpTask("failed", {{}, 900}, counts(0, 0, 0, 1, 0)), std::nullopt);
}

// Property: for every task state, every small combination of counts and of
// consistent times (each ended assignment ends no earlier than the first start),
// the roll-up moves only along legal transitions of the "task" machine (through
// `via` only when there is no direct move), never moves a task that accepts no
// assignments, leaves completed_at NULL outside the final statuses and sets it
// to the last end in them, never ends a task before it started, and is stable:
// rolling up again from its result changes nothing.
TEST(TaskRollup, EveryAnswerIsALegalTaskTransition) {
  const StatusMachine* task = findStatusMachine("task");
  ASSERT_NE(task, nullptr);
  ASSERT_EQ(task->stateCount, kTaskStates.size());
  const std::vector<TaskTimes> taskTimes = {{}, {500, {}}, {{}, 500}, {500, 700}, {900, 950}};
  int moves = 0;
  int twoStepMoves = 0;
  for (std::string_view current : kTaskStates) {
    ASSERT_TRUE(task->hasState(current)) << current;
    for (int a = 0; a <= 2; ++a) {
      for (int p = 0; p <= 2; ++p) {
        for (int c = 0; c <= 2; ++c) {
          for (int f = 0; f <= 2; ++f) {
            for (int x = 0; x <= 2; ++x) {
              for (const TaskTimes& times : taskTimes) {
                for (const bool started : {false, true}) {
                  AssignmentCounts cnt = counts(a, p, c, f, x);
                  if (started) cnt.firstStartedAt = 600;
                  if (c + f + x > 0) cnt.lastEndedAt = 800;
                  const std::optional<TaskRollup> r = rollUpTask(current, times, cnt);
                  const std::string what = describe(current, cnt);
                  if (!r) continue;
                  ++moves;
                  EXPECT_TRUE(taskAcceptsAssignments(current)) << what;
                  EXPECT_TRUE(task->hasState(r->status)) << what << " -> " << r->status;
                  if (r->via.empty()) {
                    EXPECT_TRUE(r->status == current || task->allows(current, r->status))
                        << what << " -> " << r->status;
                  } else {
                    ++twoStepMoves;
                    EXPECT_FALSE(task->allows(current, r->status)) << what;
                    EXPECT_TRUE(task->allows(current, r->via)) << what << " -> " << r->via;
                    EXPECT_TRUE(task->allows(r->via, r->status))
                        << what << " -> " << r->via << " -> " << r->status;
                  }
                  EXPECT_EQ(r->times.startedAt, cnt.firstStartedAt) << what;
                  if (!isFinalTaskStatus(r->status)) {
                    EXPECT_EQ(r->times.completedAt, std::nullopt) << what << " -> " << r->status;
                  } else if (cnt.lastEndedAt) {
                    EXPECT_EQ(r->times.completedAt, cnt.lastEndedAt) << what << " -> " << r->status;
                  }
                  if (r->times.startedAt && r->times.completedAt) {
                    EXPECT_GE(*r->times.completedAt, *r->times.startedAt) << what;
                  }
                  // Stable: asking again from the result is a no-op (an end left to
                  // the stamp is whatever the stamp set).
                  TaskTimes after = r->times;
                  if (isFinalTaskStatus(r->status) && !after.completedAt) after.completedAt = 1000;
                  EXPECT_EQ(rollUpTask(r->status, after, cnt), std::nullopt)
                      << what << " -> " << r->status;
                  EXPECT_EQ(rolledUpTaskStatus(r->status, cnt), kStay) << what;
                }
              }
            }
          }
        }
      }
    }
  }
  // The grid exercises real moves, also through an intermediate status.
  EXPECT_GT(moves, 0);
  EXPECT_GT(twoStepMoves, 0);
}

}  // namespace
}  // namespace agentic::core
