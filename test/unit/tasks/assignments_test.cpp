#include "core/tasks/assignments.hpp"

#include <gtest/gtest.h>

namespace agentic::core {
namespace {

AssignmentWrite write(bool insert, std::string_view from, std::string_view to) {
  AssignmentWrite w;
  w.isInsert = insert;
  w.isUpdate = !insert;
  w.oldStatus = from;
  w.status = to;
  w.taskId = 1;
  w.agentId = 2;
  return w;
}

TEST(Assignments, NewActiveAssignmentsAndStartsNeedAnActiveAgent) {
  EXPECT_TRUE(decideAssignmentWrite(write(true, "", "assigned")).checkAgent);
  EXPECT_TRUE(decideAssignmentWrite(write(true, "", "in_progress")).checkAgent);
  // ended work is history: its agent may have left since
  EXPECT_FALSE(decideAssignmentWrite(write(true, "", "completed")).checkAgent);
  EXPECT_FALSE(decideAssignmentWrite(write(true, "", "failed")).checkAgent);
  EXPECT_TRUE(decideAssignmentWrite(write(false, "assigned", "in_progress")).checkAgent);
  EXPECT_FALSE(decideAssignmentWrite(write(false, "in_progress", "in_progress")).checkAgent);
  EXPECT_FALSE(decideAssignmentWrite(write(false, "in_progress", "completed")).checkAgent);
  AssignmentWrite noAgent = write(true, "", "assigned");
  noAgent.agentId.reset();
  EXPECT_FALSE(decideAssignmentWrite(noAgent).checkAgent);
}

TEST(Assignments, EveryInsertedAssignmentAndEveryStartNeedsATaskThatTakesWork) {
  for (const char* status : {"assigned", "in_progress", "completed", "failed", "cancelled"})
    EXPECT_TRUE(decideAssignmentWrite(write(true, "", status)).checkTask) << status;
  EXPECT_TRUE(decideAssignmentWrite(write(false, "assigned", "in_progress")).checkTask);
  EXPECT_FALSE(decideAssignmentWrite(write(false, "in_progress", "completed")).checkTask);
  EXPECT_FALSE(decideAssignmentWrite(write(false, "assigned", "cancelled")).checkTask);
  AssignmentWrite noTask = write(true, "", "completed");
  noTask.taskId.reset();
  EXPECT_FALSE(decideAssignmentWrite(noTask).checkTask);
}

TEST(Assignments, TaskAndAgentNeverMove) {
  AssignmentWrite w = write(false, "assigned", "in_progress");
  w.taskOrAgentChanged = true;
  const AssignmentDecision d = decideAssignmentWrite(w);
  EXPECT_TRUE(d.targetMoved);
  EXPECT_FALSE(d.checkAgent);
  EXPECT_FALSE(d.checkTask);
  const Violation v = assignmentTargetMoved("task_assignments row id=4");
  EXPECT_EQ(v.ruleId, "task_assignments_task_agent_immutable");
  EXPECT_EQ(v.detail, "task_assignments row id=4 was moved to another task or agent.");
}

TEST(Assignments, OnlyActiveAgentsAndOpenTasksTakeWork) {
  EXPECT_FALSE(checkAgentTakesWork("active", "r", 1, 2));
  const auto agent = checkAgentTakesWork("terminated", "task_assignments row id=3", 1, 2);
  ASSERT_TRUE(agent);
  EXPECT_EQ(agent->ruleId, "task_assignments_agent_active");
  EXPECT_EQ(agent->message, "agent 2 is terminated and cannot work on assignments");
  EXPECT_EQ(agent->detail, "task_assignments row id=3 assigns task 1 to agent 2.");
  for (const char* open : {"pending", "assigned", "in_progress", "failed"})
    EXPECT_FALSE(checkTaskTakesWork(open, "r", 1, 2)) << open;
  const auto task = checkTaskTakesWork("completed", "r", 1, 2);
  ASSERT_TRUE(task);
  EXPECT_EQ(task->ruleId, "task_assignments_task_accepts_work");
  EXPECT_EQ(task->message, "task 1 is completed and accepts no new assignments");
}

TEST(Assignments, ACompletedInsertWithoutTimesIsStampedAsStarted) {
  // neither time supplied: it started (and ended) at the insert
  EXPECT_TRUE(stampsStartOnInsert("completed", true, true));
  // supplied times are kept; an end alone does not invent a start
  EXPECT_FALSE(stampsStartOnInsert("completed", false, true));
  EXPECT_FALSE(stampsStartOnInsert("completed", true, false));
  EXPECT_FALSE(stampsStartOnInsert("completed", false, false));
  // failed and cancelled work may have ended before it started; active work has
  // its own stamp (in_progress) or none yet (assigned)
  for (const char* other : {"failed", "cancelled", "assigned", "in_progress", ""})
    EXPECT_FALSE(stampsStartOnInsert(other, true, true)) << other;
}

}  // namespace
}  // namespace agentic::core
