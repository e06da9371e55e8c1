#include "core/rules/generic_rules.hpp"

#include "core/hiring/hiring_statuses.hpp"
#include "core/workforce/agent_statuses.hpp"
#include "core/tasks/task_statuses.hpp"

#include <gtest/gtest.h>

namespace agentic::core {
namespace {

TEST(GenericRules, IdChangeNamesTheTableRule) {
  const Violation v = idChanged("resumes", "resumes row id=1", "resumes row id=99");
  EXPECT_EQ(v.ruleId, "resumes_id_immutable");
  EXPECT_EQ(v.message, "the id of a resumes row cannot change");
  EXPECT_EQ(v.detail, "resumes row id=1 was updated to resumes row id=99");
}

TEST(GenericRules, IllegalTransitionListsTheLegalMoves) {
  EXPECT_FALSE(checkTransition(kTaskMachine, "tasks", "pending", "assigned", "r"));
  EXPECT_FALSE(checkTransition(kTaskMachine, "tasks", "completed", "completed", "r"));
  const auto v = checkTransition(kTaskMachine, "tasks", "completed", "pending", "tasks row id=2");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->ruleId, "tasks_status_transition");
  EXPECT_EQ(v->message, "illegal task status transition from \"completed\" to \"pending\"");
  EXPECT_EQ(v->detail,
            "tasks row id=2 has status \"completed\"; legal next statuses: none (it is a final "
            "status).");
  const auto job = checkTransition(kJobMachine, "job_descriptions", "draft", "filled", "r");
  ASSERT_TRUE(job);
  EXPECT_EQ(job->detail, "r has status \"draft\"; legal next statuses: open, closed.");
}

TEST(GenericRules, StampsRespectTheStatementAndKeepExisting) {
  const StateStamp keep{"in_progress", "started_at", true};
  const StateStamp replace{"completed", "completed_at", false};
  EXPECT_TRUE(stampsColumn(keep, true, false));
  EXPECT_FALSE(stampsColumn(keep, false, false));
  EXPECT_FALSE(stampsColumn(keep, false, true));
  EXPECT_TRUE(stampsColumn(replace, true, false));
  EXPECT_TRUE(stampsColumn(replace, false, false));
  EXPECT_FALSE(stampsColumn(replace, false, true));
}

TEST(GenericRules, AHeldNullColumnIsClearedWhenLeftOverAndRejectedWhenSupplied) {
  HeldNull action = HeldNull::Clear;
  // already NULL: nothing to do
  EXPECT_FALSE(
      checkHeldNull(kTaskMachine, "tasks", "completed_at", "pending", true, false, "r", &action));
  EXPECT_EQ(action, HeldNull::Keep);
  // left over from an earlier status: cleared
  EXPECT_FALSE(
      checkHeldNull(kTaskMachine, "tasks", "completed_at", "pending", false, false, "r", &action));
  EXPECT_EQ(action, HeldNull::Clear);
  // the statement supplied it: refused, never stored nor silently dropped
  const auto v = checkHeldNull(kTaskMachine, "tasks", "completed_at", "in_progress", false, true,
                               "tasks row id=4", &action);
  ASSERT_TRUE(v);
  EXPECT_EQ(action, HeldNull::Keep);
  EXPECT_EQ(v->ruleId, "tasks_status_transition");
  EXPECT_EQ(v->message, "completed_at must be NULL while the task is \"in_progress\"");
  EXPECT_EQ(v->detail,
            "tasks row id=4 gives completed_at; it is set only in completed, failed or cancelled.");
}

TEST(GenericRules, AStampClearedInItsStateNamesTheTransitionRule) {
  const Violation v =
      stampCleared(kTaskMachine, "tasks", "completed_at", "completed", "tasks row id=2");
  EXPECT_EQ(v.ruleId, "tasks_status_transition");
  EXPECT_EQ(v.message, "completed_at cannot be cleared while the task is \"completed\"");
  EXPECT_EQ(v.detail, "tasks row id=2 entered \"completed\", which sets completed_at.");
}

TEST(GenericRules, AnApplicationHoldsDecidedAtOnlyOnceDecided) {
  for (const char* state : {"submitted", "screening", "interviewing", "offered"})
    EXPECT_TRUE(kApplicationMachine.clearsIn(state, "decided_at")) << state;
  for (const char* state : {"hired", "rejected", "withdrawn"})
    EXPECT_FALSE(kApplicationMachine.clearsIn(state, "decided_at")) << state;
  EXPECT_EQ(kApplicationMachine.statesStamping("decided_at"), "hired, rejected or withdrawn");
}

TEST(GenericRules, ATaskHoldsCompletedAtOnlyInItsFinalStatuses) {
  for (const char* state : {"pending", "assigned", "in_progress", "blocked"})
    EXPECT_TRUE(kTaskMachine.clearsIn(state, "completed_at")) << state;
  for (const char* state : {"completed", "failed", "cancelled"})
    EXPECT_FALSE(kTaskMachine.clearsIn(state, "completed_at")) << state;
  EXPECT_FALSE(kTaskMachine.clearsIn("pending", "started_at"));
  // an assignment and an agent too (1.3)
  EXPECT_TRUE(kAssignmentMachine.clearsIn("assigned", "completed_at"));
  EXPECT_TRUE(kAssignmentMachine.clearsIn("in_progress", "completed_at"));
  EXPECT_FALSE(kAssignmentMachine.clearsIn("failed", "completed_at"));
  EXPECT_FALSE(kAssignmentMachine.clearsIn("in_progress", "started_at"));
}

TEST(GenericRules, AStampNoPathLeadsFromIsNeverSetThere) {
  // an assignment starts only in in_progress, and never goes back to assigned
  EXPECT_TRUE(kAssignmentMachine.neverStampedIn("assigned", "started_at"));
  for (const char* state : {"in_progress", "completed", "failed", "cancelled"})
    EXPECT_FALSE(kAssignmentMachine.neverStampedIn(state, "started_at")) << state;
  // an agent is hired on becoming active, and never onboarding again
  EXPECT_TRUE(kAgentMachine.neverStampedIn("onboarding", "hired_at"));
  EXPECT_FALSE(kAgentMachine.neverStampedIn("terminated", "hired_at"));
  EXPECT_FALSE(kAgentMachine.neverStampedIn("suspended", "hired_at"));
  // a task can go back to every open status after it started: nothing to say
  for (const char* state : {"pending", "assigned", "blocked"})
    EXPECT_FALSE(kTaskMachine.neverStampedIn(state, "started_at")) << state;
  EXPECT_FALSE(kTaskMachine.neverStampedIn("pending", "title"));  // not a stamp column
}

TEST(GenericRules, AnAgentHoldsTerminatedAtOnlyOnceTerminated) {
  for (const char* state : {"onboarding", "active", "suspended"})
    EXPECT_TRUE(kAgentMachine.clearsIn(state, "terminated_at")) << state;
  EXPECT_FALSE(kAgentMachine.clearsIn("terminated", "terminated_at"));
  EXPECT_FALSE(kAgentMachine.clearsIn("suspended", "hired_at"));
}

}  // namespace
}  // namespace agentic::core
