// Legal status transitions for every status column of the schema.
//
// This is the single source of truth: the SQL enum types list the same labels
// (a pgTAP test compares them through agentic.status_transitions()), and the
// trigger glue only asks this table whether a change is allowed.
#pragma once

#include <cstddef>
#include <string_view>

namespace agentic::core {

// Which timestamp column a state change maintains, and how.
struct StateStamp {
  std::string_view state;   // entering this state ...
  std::string_view column;  // ... sets this column to the statement time
  bool keepExisting;        // true: only when the column is still NULL
};

struct Transition {
  std::string_view from;
  std::string_view to;
};

struct StatusMachine {
  std::string_view name;  // e.g. "task"; also the TG_ARGV of generic triggers
  const std::string_view* states;
  std::size_t stateCount;
  const Transition* transitions;
  std::size_t transitionCount;
  const StateStamp* stamps;
  std::size_t stampCount;

  bool hasState(std::string_view state) const;
  bool allows(std::string_view from, std::string_view to) const;
  bool isTerminal(std::string_view state) const;
  // The stamp rule for entering `state`, or nullptr.
  const StateStamp* stampFor(std::string_view state) const;
};

// nullptr when no machine has that name.
const StatusMachine* findStatusMachine(std::string_view name);

// All machines, for introspection (agentic.status_transitions()).
const StatusMachine* const* allStatusMachines(std::size_t* count);

// Statuses in which an assignment still occupies its agent.
bool isActiveAssignmentStatus(std::string_view status);

}  // namespace agentic::core
