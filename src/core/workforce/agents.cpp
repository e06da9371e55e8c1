#include "core/workforce/agents.hpp"

namespace agentic::core {

AgentChecks agentChecks(const AgentWrite& w) {
  const bool activates =
      w.status == "active" && (w.isInsert || w.oldStatus != "active" || w.jobChanged);
  const bool terminates = w.isUpdate && w.status == "terminated" && w.oldStatus != "terminated";
  AgentChecks checks;
  checks.onlyActiveAgentOfJob = activates && w.jobId && w.agentId;
  checks.noActiveAssignments = terminates && w.agentId;
  return checks;
}

Violation anotherAgentActive(std::string_view row, std::int64_t jobId,
                             std::string_view otherAgent) {
  const std::string job = std::to_string(jobId);
  const std::string other(otherAgent);
  Violation v{"agents_one_active_per_job",
              "job description " + job + " already has an active agent",
              std::string(row) + " cannot become active: agent " + other +
                  " is active for job description " + job + "."};
  v.hintArgument = other;
  return v;
}

Violation terminationWithActiveAssignments(std::string_view row, std::int64_t agentId,
                                           const ActiveAssignment& e) {
  return Violation{
      "agents_no_termination_with_active_assignments",
      "agent " + std::to_string(agentId) + " cannot be terminated while it has active assignments",
      std::string(row) + " has " + std::string(e.count) +
          " active assignment(s), e.g. assignment " + std::string(e.assignmentId) + " on task " +
          std::string(e.taskId) + " (" + std::string(e.status) + ")."};
}

}  // namespace agentic::core
