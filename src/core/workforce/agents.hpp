// Rules of the agents table that need other rows: one active agent per job
// description, and no termination while assignments are active.
#pragma once

#include "core/rules/violation.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agentic::core {

// What a write to an agents row changes. Statuses are empty when NULL.
struct AgentWrite {
  bool isInsert = false;
  bool isUpdate = false;
  std::string_view status;
  std::string_view oldStatus;  // UPDATE only
  bool jobChanged = false;     // UPDATE only: job_description_id changed
  std::optional<std::int64_t> agentId;
  std::optional<std::int64_t> jobId;
};

// Which checks against other rows the write needs.
struct AgentChecks {
  bool onlyActiveAgentOfJob = false;  // it becomes active for its job
  bool noActiveAssignments = false;   // it is terminated
};

AgentChecks agentChecks(const AgentWrite& write);

// agents_one_active_per_job: `row` describes the new row.
Violation anotherAgentActive(std::string_view row, std::int64_t jobId, std::string_view otherAgent);

// agents_no_termination_with_active_assignments: `row` describes the old row;
// one of its active assignments is given as an example.
struct ActiveAssignment {
  std::string_view count;
  std::string_view assignmentId;
  std::string_view taskId;
  std::string_view status;
};
Violation terminationWithActiveAssignments(std::string_view row, std::int64_t agentId,
                                           const ActiveAssignment& example);

}  // namespace agentic::core
