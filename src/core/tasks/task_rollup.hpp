// How a task's status follows from the statuses of its assignments.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace agentic::core {

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
};

// The status a task in `current` should move to, given all of its assignments,
// or nullopt to leave it alone. Tasks that people parked (blocked) or ended
// (completed, cancelled) are never moved by assignments. The answer is always a
// legal transition of the "task" machine.
std::optional<std::string_view> rolledUpTaskStatus(std::string_view current,
                                                   const AssignmentCounts& counts);

// Whether a task in `status` may receive a new (or reactivated) assignment.
bool taskAcceptsAssignments(std::string_view status);

}  // namespace agentic::core
