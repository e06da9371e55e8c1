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

bool clearsColumn(bool valueIsNull, bool suppliedByStatement) {
  return !valueIsNull && !suppliedByStatement;
}

}  // namespace agentic::core
