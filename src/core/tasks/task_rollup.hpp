// How a task's status and times follow from its assignments.
#pragma once

#include "core/rules/violation.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace agentic::core {

// A point in time as PostgreSQL's timestamptz holds it (microseconds); nullopt is NULL.
using Instant = std::optional<std::int64_t>;

struct AssignmentCounts {
  std::int64_t assigned = 0;
  std::int64_t inProgress = 0;
  std::int64_t completed = 0;
  std::int64_t failed = 0;
  std::int64_t cancelled = 0;
  // Status of the completed or failed assignment that ended last ("completed"
  // or "failed"); empty when unknown. The work that ended last decides the
  // outcome, so a retry that completes after a failure completes the task.
  std::string_view lastEnded;
  // The earliest started_at of all the assignments.
  Instant firstStartedAt;
  // The latest completed_at of the assignments that decided the outcome
  // (completed, failed) or did work before they were cancelled (cancelled after
  // they started). A retry cancelled before it started did no work: a failed
  // task it leaves keeps the end of its failure (since 1.3). Every assignment
  // that started and ended counts, so this is never before firstStartedAt.
  Instant lastEndedAt;
};

struct TaskTimes {
  Instant startedAt;
  Instant completedAt;
};

// What the roll-up does to a task: move it to `status` (through `via` first when
// the task machine has no direct move; empty otherwise) and set its times.
struct TaskRollup {
  std::string_view via;
  std::string_view status;
  TaskTimes times;
};

// The roll-up of a task in `current` with `times`, given all of its assignments,
// or nullopt to leave the task alone (nothing would change). Tasks that people
// parked (blocked) or ended (completed, cancelled) are never moved by
// assignments, and a failed task with no new activity stays failed. Each move
// (current -> via -> status) is a legal transition of the "task" machine, so
// assignments inserted already ended (imported history) roll the task up as the
// same work recorded step by step would.
//
// The times are a function of the assignments:
// - started_at is the earliest start of any of them: when work on the task first
//   started (a retry does not restart the clock), NULL while none has started;
// - completed_at is NULL while the task is not in a final status (a task that a
//   retry reopens is open work again), and in a final status the latest end of
//   any assignment that decided the outcome or did work (lastEndedAt). Every
//   ended assignment ends no earlier than it started, so
//   completed_at >= started_at, and completed_at - started_at is the task's whole
//   run, all attempts included. Left NULL on entering a final status when no end
//   is known, so that the task's own stamp sets it.
std::optional<TaskRollup> rollUpTask(std::string_view current, const TaskTimes& times,
                                     const AssignmentCounts& counts);

// The status part of rollUpTask(): where the task ends up, or nullopt when its
// status stays.
std::optional<std::string_view> rolledUpTaskStatus(std::string_view current,
                                                   const AssignmentCounts& counts);

// A task with active (assigned or in-progress) assignments follows them: only its
// roll-up moves it, so a person's status change from `from` to `to` is refused
// while `activeAssignments` > 0 (tasks_follow_active_assignments, since 1.3;
// before, a task could be completed, cancelled or parked under running work and
// then contradict it). `row` describes the task.
std::optional<Violation> checkManualTaskMove(std::int64_t activeAssignments, std::string_view from,
                                             std::string_view to, std::string_view row);

// Whether a task in `status` may receive a new (or reactivated) assignment.
bool taskAcceptsAssignments(std::string_view status);

// completed, failed and cancelled: the task has ended and carries completed_at.
bool isFinalTaskStatus(std::string_view status);

}  // namespace agentic::core
