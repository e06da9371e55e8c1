#include "core/rules/status_machine.hpp"

#include <iterator>

namespace agentic::core {
namespace {

// Tasks: an assignment's progress drives most of these (see task_rollup.hpp);
// people move tasks into and out of "blocked" and "cancelled".
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

constexpr std::string_view kAgentStates[] = {"onboarding", "active", "suspended", "terminated"};
constexpr Transition kAgentTransitions[] = {
    {"onboarding", "active"}, {"onboarding", "terminated"}, {"active", "suspended"},
    {"active", "terminated"}, {"suspended", "active"},      {"suspended", "terminated"},
};
constexpr StateStamp kAgentStamps[] = {
    {"active", "hired_at", true},
    {"terminated", "terminated_at", false},
};

constexpr std::string_view kApplicationStates[] = {
    "submitted", "screening", "interviewing", "offered", "hired", "rejected", "withdrawn"};
constexpr Transition kApplicationTransitions[] = {
    {"submitted", "screening"},    {"submitted", "rejected"},   {"submitted", "withdrawn"},
    {"screening", "interviewing"}, {"screening", "offered"},    {"screening", "rejected"},
    {"screening", "withdrawn"},    {"interviewing", "offered"}, {"interviewing", "rejected"},
    {"interviewing", "withdrawn"}, {"offered", "hired"},        {"offered", "rejected"},
    {"offered", "withdrawn"},
};
constexpr StateStamp kApplicationStamps[] = {
    {"hired", "decided_at", false},
    {"rejected", "decided_at", false},
    {"withdrawn", "decided_at", false},
};

constexpr std::string_view kJobStates[] = {"draft", "open", "on_hold", "filled", "closed"};
constexpr Transition kJobTransitions[] = {
    {"draft", "open"},     {"draft", "closed"}, {"open", "on_hold"},
    {"open", "filled"},    {"open", "closed"},  {"on_hold", "open"},
    {"on_hold", "closed"}, {"filled", "open"},  {"filled", "closed"},
};

template <class T, std::size_t N>
constexpr std::size_t countOf(const T (&)[N]) {
  return N;
}

constexpr StatusMachine kMachines[] = {
    {"task", kTaskStates, countOf(kTaskStates), kTaskTransitions, countOf(kTaskTransitions),
     kTaskStamps, countOf(kTaskStamps)},
    {"assignment", kAssignmentStates, countOf(kAssignmentStates), kAssignmentTransitions,
     countOf(kAssignmentTransitions), kAssignmentStamps, countOf(kAssignmentStamps)},
    {"agent", kAgentStates, countOf(kAgentStates), kAgentTransitions, countOf(kAgentTransitions),
     kAgentStamps, countOf(kAgentStamps)},
    {"application", kApplicationStates, countOf(kApplicationStates), kApplicationTransitions,
     countOf(kApplicationTransitions), kApplicationStamps, countOf(kApplicationStamps)},
    {"job", kJobStates, countOf(kJobStates), kJobTransitions, countOf(kJobTransitions), nullptr, 0},
};

constexpr const StatusMachine* kMachineList[] = {&kMachines[0], &kMachines[1], &kMachines[2],
                                                 &kMachines[3], &kMachines[4]};
static_assert(countOf(kMachineList) == countOf(kMachines));

}  // namespace

bool StatusMachine::hasState(std::string_view state) const {
  for (std::size_t i = 0; i < stateCount; ++i) {
    if (states[i] == state) return true;
  }
  return false;
}

bool StatusMachine::allows(std::string_view from, std::string_view to) const {
  for (std::size_t i = 0; i < transitionCount; ++i) {
    if (transitions[i].from == from && transitions[i].to == to) return true;
  }
  return false;
}

bool StatusMachine::isTerminal(std::string_view state) const {
  for (std::size_t i = 0; i < transitionCount; ++i) {
    if (transitions[i].from == state) return false;
  }
  return hasState(state);
}

const StateStamp* StatusMachine::stampFor(std::string_view state) const {
  for (std::size_t i = 0; i < stampCount; ++i) {
    if (stamps[i].state == state) return &stamps[i];
  }
  return nullptr;
}

const StatusMachine* findStatusMachine(std::string_view name) {
  for (const auto& machine : kMachines) {
    if (machine.name == name) return &machine;
  }
  return nullptr;
}

const StatusMachine* const* allStatusMachines(std::size_t* count) {
  *count = countOf(kMachineList);
  return kMachineList;
}

bool isActiveAssignmentStatus(std::string_view status) {
  return status == "assigned" || status == "in_progress";
}

}  // namespace agentic::core
