#include "core/workforce/agents.hpp"

#include <gtest/gtest.h>

namespace agentic::core {
namespace {

AgentWrite update(std::string_view from, std::string_view to) {
  AgentWrite w;
  w.isUpdate = true;
  w.oldStatus = from;
  w.status = to;
  w.agentId = 5;
  w.jobId = 1;
  return w;
}

TEST(Agents, InsertingAnActiveAgentChecksItsJob) {
  AgentWrite w;
  w.isInsert = true;
  w.status = "active";
  w.agentId = 5;
  w.jobId = 1;
  EXPECT_TRUE(agentChecks(w).onlyActiveAgentOfJob);
  w.status = "onboarding";
  EXPECT_FALSE(agentChecks(w).onlyActiveAgentOfJob);
}

TEST(Agents, ActivationAndJobMoveOfAnActiveAgentCheckTheJob) {
  EXPECT_TRUE(agentChecks(update("onboarding", "active")).onlyActiveAgentOfJob);
  EXPECT_TRUE(agentChecks(update("suspended", "active")).onlyActiveAgentOfJob);
  EXPECT_FALSE(agentChecks(update("active", "active")).onlyActiveAgentOfJob);
  AgentWrite moved = update("active", "active");
  moved.jobChanged = true;
  EXPECT_TRUE(agentChecks(moved).onlyActiveAgentOfJob);
  AgentWrite noJob = update("onboarding", "active");
  noJob.jobId.reset();
  EXPECT_FALSE(agentChecks(noJob).onlyActiveAgentOfJob);  // NOT NULL reports it
}

TEST(Agents, TerminationChecksActiveAssignments) {
  EXPECT_TRUE(agentChecks(update("active", "terminated")).noActiveAssignments);
  EXPECT_TRUE(agentChecks(update("suspended", "terminated")).noActiveAssignments);
  EXPECT_FALSE(agentChecks(update("terminated", "terminated")).noActiveAssignments);
  EXPECT_FALSE(agentChecks(update("active", "suspended")).noActiveAssignments);
  AgentWrite w = update("active", "terminated");
  w.agentId.reset();
  EXPECT_FALSE(agentChecks(w).noActiveAssignments);
}

TEST(Agents, ViolationsNameTheRows) {
  const Violation one = anotherAgentActive("agents row id=9", 1, "2");
  EXPECT_EQ(one.ruleId, "agents_one_active_per_job");
  EXPECT_EQ(one.message, "job description 1 already has an active agent");
  EXPECT_EQ(one.detail,
            "agents row id=9 cannot become active: agent 2 is active for job description 1.");
  EXPECT_EQ(one.hintArgument, "2");
  const Violation busy =
      terminationWithActiveAssignments("agents row id=2", 2, {"3", "7", "1", "assigned"});
  EXPECT_EQ(busy.ruleId, "agents_no_termination_with_active_assignments");
  EXPECT_EQ(busy.detail,
            "agents row id=2 has 3 active assignment(s), e.g. assignment 7 on task 1 (assigned).");
}

}  // namespace
}  // namespace agentic::core
