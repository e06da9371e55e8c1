#include "core/tasks/task_statuses.hpp"

namespace agentic::core {
namespace {

constexpr std::string_view kTaskStates[] = {"pending",   "assigned", "in_progress", "blocked",
                                            "completed", "failed",   "cancelled"};
constexpr Transition kTaskTransitions[] = {
    {"pending", "assigned"},      {"pending", "in_progress"},  {"pending", "blocked"},
    {"pending", "cancelled"},     {"assigned", "pending"},     {"assigned", "in_progress"},
    {"assigned", "blocked"},      {"assigned", "completed"},   {"assigned", "failed"},
    {"assigned", "cancelled"},    {"in_progress", "assigned"}, {"in_progress", "pending"},
    {"in_progress", "completed"}, {"in_progress", "failed"},   {"in_progress", "blocked"},
    {"in_progress", "cancelled"}, {"blocked", "pending"},      {"blocked", "assigned"},
    {"blocked", "cancelled"},     {"failed", "pending"},       {"failed", "assigned"},
    {"failed", "in_progress"},    {"failed", "cancelled"},
};
constexpr StateStamp kTaskStamps[] = {
    {"in_progress", "started_at", true},
    {"completed", "completed_at", false},
    {"failed", "completed_at", false},
    {"cancelled", "completed_at", false},
};
// completed_at is NULL outside completed, failed and cancelled (as the roll-up keeps it):
// a task moved back from failed to pending, assigned or in_progress loses it.
constexpr std::string_view kTaskClearedColumns[] = {"completed_at"};

constexpr std::string_view kAssignmentStates[] = {"assigned", "in_progress", "completed", "failed",
                                                  "cancelled"};
constexpr Transition kAssignmentTransitions[] = {
    {"assigned", "in_progress"},  {"assigned", "failed"},    {"assigned", "cancelled"},
    {"in_progress", "completed"}, {"in_progress", "failed"}, {"in_progress", "cancelled"},
};
constexpr StateStamp kAssignmentStamps[] = {
    {"in_progress", "started_at", true},
    {"completed", "completed_at", false},
    {"failed", "completed_at", false},
    {"cancelled", "completed_at", false},
};
// An assignment's completed_at is NULL while it is active (since 1.3: a statement that
// supplies it earlier is refused; an open assignment with an end would drop out of
// utilization).
constexpr std::string_view kAssignmentClearedColumns[] = {"completed_at"};

}  // namespace

extern constexpr StatusMachine kTaskMachine{"task",
                                            kTaskStates,
                                            countOf(kTaskStates),
                                            kTaskTransitions,
                                            countOf(kTaskTransitions),
                                            kTaskStamps,
                                            countOf(kTaskStamps),
                                            kTaskClearedColumns,
                                            countOf(kTaskClearedColumns)};
extern constexpr StatusMachine kAssignmentMachine{"assignment",
                                                  kAssignmentStates,
                                                  countOf(kAssignmentStates),
                                                  kAssignmentTransitions,
                                                  countOf(kAssignmentTransitions),
                                                  kAssignmentStamps,
                                                  countOf(kAssignmentStamps),
                                                  kAssignmentClearedColumns,
                                                  countOf(kAssignmentClearedColumns)};

bool isActiveAssignmentStatus(std::string_view status) {
  return status == "assigned" || status == "in_progress";
}

}  // namespace agentic::core
