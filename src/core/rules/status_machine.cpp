#include "core/rules/status_machine.hpp"

#include <array>
#include <vector>

namespace agentic::core {

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

bool StatusMachine::clearsIn(std::string_view state, std::string_view column) const {
  for (std::size_t i = 0; i < stampCount; ++i) {
    if (stamps[i].state == state && stamps[i].column == column) return false;
  }
  for (std::size_t i = 0; i < clearedCount; ++i) {
    if (clearedColumns[i] == column) return true;
  }
  return false;
}

bool StatusMachine::neverStampedIn(std::string_view state, std::string_view column) const {
  // The states reachable from the stamping states of `column`, by a walk of the
  // transitions (machines have a handful of states: no allocation).
  constexpr std::size_t kMaxStates = 32;
  std::array<std::string_view, kMaxStates> reached;
  std::size_t count = 0;
  const auto add = [&](std::string_view s) {
    for (std::size_t i = 0; i < count; ++i) {
      if (reached[i] == s) return;
    }
    if (count < kMaxStates) reached[count++] = s;
  };
  for (std::size_t i = 0; i < stampCount; ++i) {
    if (stamps[i].column == column) add(stamps[i].state);
  }
  if (count == 0) return false;
  for (std::size_t next = 0; next < count; ++next) {
    for (std::size_t i = 0; i < transitionCount; ++i) {
      if (transitions[i].from == reached[next]) add(transitions[i].to);
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (reached[i] == state) return false;
  }
  return hasState(state);
}

std::string StatusMachine::statesStamping(std::string_view column) const {
  std::vector<std::string_view> found;
  for (std::size_t i = 0; i < stampCount; ++i) {
    if (stamps[i].column == column) found.push_back(stamps[i].state);
  }
  std::string states;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (i > 0) states += i + 1 == found.size() ? " or " : ", ";
    states += found[i];
  }
  return states;
}

std::string StatusMachine::legalMovesFrom(std::string_view from) const {
  std::string moves;
  for (std::size_t i = 0; i < transitionCount; ++i) {
    if (transitions[i].from != from) continue;
    if (!moves.empty()) moves += ", ";
    moves += transitions[i].to;
  }
  return moves.empty() ? "none (it is a final status)" : moves;
}

}  // namespace agentic::core
