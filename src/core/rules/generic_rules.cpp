#include "core/rules/generic_rules.hpp"

#include <string>

namespace agentic::core {

Violation idChanged(std::string_view table, std::string_view oldRow, std::string_view newRow) {
  return Violation{std::string(table) + "_id_immutable",
                   "the id of a " + std::string(table) + " row cannot change",
                   std::string(oldRow) + " was updated to " + std::string(newRow)};
}

std::optional<Violation> checkTransition(const StatusMachine& machine, std::string_view table,
                                         std::string_view from, std::string_view to,
                                         std::string_view row) {
  if (from == to || machine.allows(from, to)) return std::nullopt;
  const std::string name(machine.name);
  return Violation{std::string(table) + "_status_transition",
                   "illegal " + name + " status transition from \"" + std::string(from) +
                       "\" to \"" + std::string(to) + "\"",
                   std::string(row) + " has status \"" + std::string(from) +
                       "\"; legal next statuses: " + machine.legalMovesFrom(from) + "."};
}

bool stampsColumn(const StateStamp& stamp, bool valueIsNull, bool suppliedByStatement) {
  if (!valueIsNull && suppliedByStatement) return false;
  return valueIsNull || !stamp.keepExisting;
}

Violation stampCleared(const StatusMachine& machine, std::string_view table,
                       std::string_view column, std::string_view state, std::string_view row) {
  return Violation{std::string(table) + "_status_transition",
                   std::string(column) + " cannot be cleared while the " +
                       std::string(machine.name) + " is \"" + std::string(state) + "\"",
                   std::string(row) + " entered \"" + std::string(state) + "\", which sets " +
                       std::string(column) + "."};
}

std::optional<Violation> checkHeldNull(const StatusMachine& machine, std::string_view table,
                                       std::string_view column, std::string_view state,
                                       bool valueIsNull, bool suppliedByStatement,
                                       std::string_view row, HeldNull* action) {
  *action = HeldNull::Keep;
  if (valueIsNull) return std::nullopt;
  if (!suppliedByStatement) {
    *action = HeldNull::Clear;
    return std::nullopt;
  }
  return Violation{std::string(table) + "_status_transition",
                   std::string(column) + " must be NULL while the " + std::string(machine.name) +
                       " is \"" + std::string(state) + "\"",
                   std::string(row) + " gives " + std::string(column) + "; it is set only in " +
                       machine.statesStamping(column) + "."};
}

}  // namespace agentic::core
