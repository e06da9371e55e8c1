// The generic status-machine engine: which status changes a machine allows and
// which timestamp column entering a state maintains.
//
// Machines are domain data, each declared by its domain (e.g.
// core/tasks/task_statuses.hpp); the SQL enum types list the same labels, and
// agentic.check_rules() reports any difference.
#pragma once

#include <cstddef>
#include <string>
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
  // Stamp columns held NULL in every state that does not stamp them: entering
  // such a state clears the column (e.g. a task re-opened after it failed
  // loses its completed_at).
  const std::string_view* clearedColumns;
  std::size_t clearedCount;

  bool hasState(std::string_view state) const;
  bool allows(std::string_view from, std::string_view to) const;
  bool isTerminal(std::string_view state) const;
  // The stamp rule for entering `state`, or nullptr.
  const StateStamp* stampFor(std::string_view state) const;
  // Whether `column` is held NULL in `state` (one of clearedColumns that no
  // stamp of `state` sets).
  bool clearsIn(std::string_view state, std::string_view column) const;
  // Whether `column`, a stamp column, can only be NULL in `state`: no stamp of it
  // leads there (no state that sets it is `state` or has a path of transitions to
  // it), so a row in `state` has never had it set (an assignment's started_at
  // while assigned, an agent's hired_at while onboarding).
  bool neverStampedIn(std::string_view state, std::string_view column) const;
  // The states whose stamp sets `column`: "a, b or c".
  std::string statesStamping(std::string_view column) const;
  // "a, b, c", or "none (it is a final status)".
  std::string legalMovesFrom(std::string_view from) const;
};

template <class T, std::size_t N>
constexpr std::size_t countOf(const T (&)[N]) {
  return N;
}

// nullptr when no machine has that name.
const StatusMachine* findStatusMachine(std::string_view name);

// All machines of every domain, for introspection (agentic.status_transitions()).
const StatusMachine* const* allStatusMachines(std::size_t* count);

}  // namespace agentic::core
