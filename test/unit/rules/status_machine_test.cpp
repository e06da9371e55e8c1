#include "core/rules/status_machine.hpp"
#include "core/tasks/task_statuses.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace agentic::core {
namespace {

const std::vector<std::string_view> kMachineNames = {
    "task", "assignment", "agent", "application", "job", "user", "conversation", "message"};

std::vector<std::string_view> statesOf(const StatusMachine& m) {
  return std::vector<std::string_view>(m.states, m.states + m.stateCount);
}

TEST(StatusMachine, EveryNamedMachineExists) {
  for (std::string_view name : kMachineNames) {
    const StatusMachine* m = findStatusMachine(name);
    ASSERT_NE(m, nullptr) << name;
    EXPECT_EQ(m->name, name);
    EXPECT_GT(m->stateCount, 0u) << name;
    EXPECT_GT(m->transitionCount, 0u) << name;
  }
}

TEST(StatusMachine, UnknownMachineIsNull) {
  EXPECT_EQ(findStatusMachine("tasks"), nullptr);
  EXPECT_EQ(findStatusMachine("Task"), nullptr);
  EXPECT_EQ(findStatusMachine(""), nullptr);
  EXPECT_EQ(findStatusMachine("employment"), nullptr);
}

TEST(StatusMachine, AllStatusMachinesListsExactlyTheNamedOnes) {
  std::size_t count = 0;
  const StatusMachine* const* all = allStatusMachines(&count);
  ASSERT_NE(all, nullptr);
  ASSERT_EQ(count, kMachineNames.size());
  std::set<std::string_view> listed;
  for (std::size_t i = 0; i < count; ++i) {
    ASSERT_NE(all[i], nullptr);
    EXPECT_EQ(all[i], findStatusMachine(all[i]->name)) << all[i]->name;
    listed.insert(all[i]->name);
  }
  EXPECT_EQ(listed, std::set<std::string_view>(kMachineNames.begin(), kMachineNames.end()));
}

TEST(StatusMachine, StatesAreUnique) {
  for (std::string_view name : kMachineNames) {
    const StatusMachine* m = findStatusMachine(name);
    ASSERT_NE(m, nullptr);
    const auto states = statesOf(*m);
    EXPECT_EQ(std::set<std::string_view>(states.begin(), states.end()).size(), states.size())
        << name;
  }
}

TEST(StatusMachine, TransitionEndpointsAreDeclaredStates) {
  for (std::string_view name : kMachineNames) {
    const StatusMachine* m = findStatusMachine(name);
    ASSERT_NE(m, nullptr);
    for (std::size_t i = 0; i < m->transitionCount; ++i) {
      const Transition& t = m->transitions[i];
      EXPECT_TRUE(m->hasState(t.from)) << name << ": " << t.from << " -> " << t.to;
      EXPECT_TRUE(m->hasState(t.to)) << name << ": " << t.from << " -> " << t.to;
      EXPECT_TRUE(m->allows(t.from, t.to)) << name << ": " << t.from << " -> " << t.to;
    }
  }
}

TEST(StatusMachine, TransitionsAreUnique) {
  for (std::string_view name : kMachineNames) {
    const StatusMachine* m = findStatusMachine(name);
    ASSERT_NE(m, nullptr);
    std::set<std::pair<std::string_view, std::string_view>> seen;
    for (std::size_t i = 0; i < m->transitionCount; ++i) {
      const Transition& t = m->transitions[i];
      EXPECT_TRUE(seen.emplace(t.from, t.to).second)
          << name << ": duplicate " << t.from << " -> " << t.to;
    }
  }
}

TEST(StatusMachine, NoSelfTransitions) {
  for (std::string_view name : kMachineNames) {
    const StatusMachine* m = findStatusMachine(name);
    ASSERT_NE(m, nullptr);
    for (std::size_t i = 0; i < m->transitionCount; ++i) {
      EXPECT_NE(m->transitions[i].from, m->transitions[i].to) << name;
    }
    for (std::string_view state : statesOf(*m)) {
      EXPECT_FALSE(m->allows(state, state)) << name << ": " << state;
    }
  }
}

TEST(StatusMachine, EveryStateTakesPartInSomeTransition) {
  for (std::string_view name : kMachineNames) {
    const StatusMachine* m = findStatusMachine(name);
    ASSERT_NE(m, nullptr);
    for (std::string_view state : statesOf(*m)) {
      bool used = false;
      for (std::size_t i = 0; i < m->transitionCount; ++i) {
        used = used || m->transitions[i].from == state || m->transitions[i].to == state;
      }
      EXPECT_TRUE(used) << name << ": " << state << " is unreachable and has no exit";
    }
  }
}

struct TerminalCase {
  std::string_view machine;
  std::vector<std::string_view> terminal;
};

TEST(StatusMachine, TerminalStatesAreExactlyTheExpectedOnes) {
  const std::vector<TerminalCase> cases = {
      {"task", {"completed", "cancelled"}},
      {"assignment", {"completed", "failed", "cancelled"}},
      {"agent", {"terminated"}},
      {"application", {"hired", "rejected", "withdrawn"}},
      {"job", {"closed"}},
  };
  for (const auto& c : cases) {
    const StatusMachine* m = findStatusMachine(c.machine);
    ASSERT_NE(m, nullptr) << c.machine;
    const std::set<std::string_view> expected(c.terminal.begin(), c.terminal.end());
    for (std::string_view state : c.terminal) {
      ASSERT_TRUE(m->hasState(state)) << c.machine << ": " << state;
      EXPECT_TRUE(m->isTerminal(state)) << c.machine << ": " << state;
      for (std::size_t i = 0; i < m->transitionCount; ++i) {
        EXPECT_NE(m->transitions[i].from, state)
            << c.machine << ": terminal " << state << " -> " << m->transitions[i].to;
      }
      for (std::string_view to : statesOf(*m)) {
        EXPECT_FALSE(m->allows(state, to)) << c.machine << ": " << state << " -> " << to;
      }
    }
    for (std::string_view state : statesOf(*m)) {
      if (expected.count(state) == 0) {
        EXPECT_FALSE(m->isTerminal(state)) << c.machine << ": " << state;
      }
    }
  }
}

TEST(StatusMachine, UnknownStateIsNeitherDeclaredNorTerminal) {
  const StatusMachine* task = findStatusMachine("task");
  ASSERT_NE(task, nullptr);
  EXPECT_FALSE(task->hasState("done"));
  EXPECT_FALSE(task->hasState(""));
  EXPECT_FALSE(task->hasState("Pending"));
  EXPECT_FALSE(task->isTerminal("done"));
  EXPECT_FALSE(task->allows("pending", "done"));
  EXPECT_FALSE(task->allows("done", "pending"));
  // A state of another machine is not a state of this one.
  EXPECT_FALSE(task->hasState("terminated"));
  EXPECT_FALSE(task->isTerminal("terminated"));
}

struct TransitionCase {
  std::string_view machine;
  std::string_view from;
  std::string_view to;
  bool allowed;
};

TEST(StatusMachine, SampleTransitions) {
  const std::vector<TransitionCase> cases = {
      // task
      {"task", "pending", "assigned", true},
      {"task", "pending", "in_progress", true},
      {"task", "assigned", "in_progress", true},
      {"task", "in_progress", "completed", true},
      {"task", "in_progress", "failed", true},
      {"task", "in_progress", "pending", true},
      {"task", "blocked", "pending", true},
      {"task", "failed", "in_progress", true},
      {"task", "failed", "cancelled", true},
      {"task", "pending", "completed", false},
      {"task", "pending", "failed", false},
      {"task", "blocked", "in_progress", false},
      {"task", "blocked", "completed", false},
      {"task", "failed", "completed", false},
      {"task", "completed", "pending", false},
      {"task", "cancelled", "pending", false},
      // assignment
      {"assignment", "assigned", "in_progress", true},
      {"assignment", "assigned", "cancelled", true},
      {"assignment", "assigned", "failed", true},
      {"assignment", "in_progress", "completed", true},
      {"assignment", "in_progress", "failed", true},
      {"assignment", "assigned", "completed", false},
      {"assignment", "in_progress", "assigned", false},
      {"assignment", "failed", "assigned", false},
      {"assignment", "completed", "in_progress", false},
      // agent
      {"agent", "onboarding", "active", true},
      {"agent", "onboarding", "terminated", true},
      {"agent", "active", "suspended", true},
      {"agent", "suspended", "active", true},
      {"agent", "suspended", "terminated", true},
      {"agent", "onboarding", "suspended", false},
      {"agent", "active", "onboarding", false},
      {"agent", "terminated", "active", false},
      // application
      {"application", "submitted", "screening", true},
      {"application", "screening", "offered", true},
      {"application", "interviewing", "offered", true},
      {"application", "offered", "hired", true},
      {"application", "submitted", "withdrawn", true},
      {"application", "submitted", "hired", false},
      {"application", "submitted", "offered", false},
      {"application", "interviewing", "screening", false},
      {"application", "rejected", "screening", false},
      {"application", "hired", "withdrawn", false},
      // job
      {"job", "draft", "open", true},
      {"job", "open", "on_hold", true},
      {"job", "on_hold", "open", true},
      {"job", "open", "filled", true},
      {"job", "filled", "open", true},
      {"job", "filled", "closed", true},
      {"job", "draft", "filled", false},
      {"job", "on_hold", "filled", false},
      {"job", "open", "draft", false},
      {"job", "closed", "open", false},
  };
  for (const auto& c : cases) {
    const StatusMachine* m = findStatusMachine(c.machine);
    ASSERT_NE(m, nullptr) << c.machine;
    ASSERT_TRUE(m->hasState(c.from)) << c.machine << ": " << c.from;
    ASSERT_TRUE(m->hasState(c.to)) << c.machine << ": " << c.to;
    EXPECT_EQ(m->allows(c.from, c.to), c.allowed) << c.machine << ": " << c.from << " -> " << c.to;
  }
}

TEST(StatusMachine, TransitionsAreDirected) {
  // allows(from, to) must not be answered for (to, from).
  const StatusMachine* assignment = findStatusMachine("assignment");
  ASSERT_NE(assignment, nullptr);
  ASSERT_TRUE(assignment->allows("assigned", "in_progress"));
  EXPECT_FALSE(assignment->allows("in_progress", "assigned"));
  const StatusMachine* application = findStatusMachine("application");
  ASSERT_NE(application, nullptr);
  ASSERT_TRUE(application->allows("screening", "interviewing"));
  EXPECT_FALSE(application->allows("interviewing", "screening"));
}

TEST(StatusMachine, TaskStamps) {
  const StatusMachine* task = findStatusMachine("task");
  ASSERT_NE(task, nullptr);

  const StateStamp* started = task->stampFor("in_progress");
  ASSERT_NE(started, nullptr);
  EXPECT_EQ(started->state, "in_progress");
  EXPECT_EQ(started->column, "started_at");
  EXPECT_TRUE(started->keepExisting);

  const StateStamp* completed = task->stampFor("completed");
  ASSERT_NE(completed, nullptr);
  EXPECT_EQ(completed->state, "completed");
  EXPECT_EQ(completed->column, "completed_at");
  EXPECT_FALSE(completed->keepExisting);

  EXPECT_EQ(task->stampFor("pending"), nullptr);
  EXPECT_EQ(task->stampFor("assigned"), nullptr);
  EXPECT_EQ(task->stampFor("blocked"), nullptr);
  EXPECT_EQ(task->stampFor("no_such_state"), nullptr);
}

TEST(StatusMachine, AgentStamps) {
  const StatusMachine* agent = findStatusMachine("agent");
  ASSERT_NE(agent, nullptr);

  const StateStamp* terminated = agent->stampFor("terminated");
  ASSERT_NE(terminated, nullptr);
  EXPECT_EQ(terminated->column, "terminated_at");
  EXPECT_FALSE(terminated->keepExisting);

  const StateStamp* active = agent->stampFor("active");
  ASSERT_NE(active, nullptr);
  EXPECT_EQ(active->column, "hired_at");
  EXPECT_TRUE(active->keepExisting);

  EXPECT_EQ(agent->stampFor("onboarding"), nullptr);
  EXPECT_EQ(agent->stampFor("suspended"), nullptr);
}

TEST(StatusMachine, AssignmentAndApplicationStamps) {
  const StatusMachine* assignment = findStatusMachine("assignment");
  ASSERT_NE(assignment, nullptr);
  const StateStamp* started = assignment->stampFor("in_progress");
  ASSERT_NE(started, nullptr);
  EXPECT_EQ(started->column, "started_at");
  EXPECT_TRUE(started->keepExisting);
  for (std::string_view ended : {"completed", "failed", "cancelled"}) {
    const StateStamp* s = assignment->stampFor(ended);
    ASSERT_NE(s, nullptr) << ended;
    EXPECT_EQ(s->column, "completed_at") << ended;
    EXPECT_FALSE(s->keepExisting) << ended;
  }
  EXPECT_EQ(assignment->stampFor("assigned"), nullptr);

  const StatusMachine* application = findStatusMachine("application");
  ASSERT_NE(application, nullptr);
  for (std::string_view decided : {"hired", "rejected", "withdrawn"}) {
    const StateStamp* s = application->stampFor(decided);
    ASSERT_NE(s, nullptr) << decided;
    EXPECT_EQ(s->column, "decided_at") << decided;
  }
  EXPECT_EQ(application->stampFor("submitted"), nullptr);
  EXPECT_EQ(application->stampFor("offered"), nullptr);
}

TEST(StatusMachine, JobHasNoStamps) {
  const StatusMachine* job = findStatusMachine("job");
  ASSERT_NE(job, nullptr);
  for (std::string_view state : statesOf(*job)) {
    EXPECT_EQ(job->stampFor(state), nullptr) << state;
  }
}

TEST(StatusMachine, StampStatesAreDeclaredAndUnique) {
  for (std::string_view name : kMachineNames) {
    const StatusMachine* m = findStatusMachine(name);
    ASSERT_NE(m, nullptr);
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < m->stampCount; ++i) {
      const StateStamp& s = m->stamps[i];
      EXPECT_TRUE(m->hasState(s.state)) << name << ": " << s.state;
      EXPECT_FALSE(s.column.empty()) << name << ": " << s.state;
      EXPECT_TRUE(seen.insert(s.state).second) << name << ": duplicate stamp for " << s.state;
      EXPECT_EQ(m->stampFor(s.state), &s) << name << ": " << s.state;
    }
  }
}

TEST(StatusMachine, ActiveAssignmentStatus) {
  EXPECT_TRUE(isActiveAssignmentStatus("assigned"));
  EXPECT_TRUE(isActiveAssignmentStatus("in_progress"));
  EXPECT_FALSE(isActiveAssignmentStatus("completed"));
  EXPECT_FALSE(isActiveAssignmentStatus("failed"));
  EXPECT_FALSE(isActiveAssignmentStatus("cancelled"));
  EXPECT_FALSE(isActiveAssignmentStatus(""));
  EXPECT_FALSE(isActiveAssignmentStatus("pending"));
  EXPECT_FALSE(isActiveAssignmentStatus("IN_PROGRESS"));
}

TEST(StatusMachine, ActiveAssignmentStatusesAreExactlyTheNonTerminalOnes) {
  const StatusMachine* assignment = findStatusMachine("assignment");
  ASSERT_NE(assignment, nullptr);
  for (std::string_view state : statesOf(*assignment)) {
    EXPECT_EQ(isActiveAssignmentStatus(state), !assignment->isTerminal(state)) << state;
  }
}

}  // namespace
}  // namespace agentic::core
