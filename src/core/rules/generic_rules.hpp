// The rules every table with the matching columns gets, whatever its domain:
// ids never change, statuses follow the table's machine, and entering a state
// stamps its timestamp column.
#pragma once

#include "core/rules/status_machine.hpp"
#include "core/rules/violation.hpp"

#include <optional>
#include <string_view>

namespace agentic::core {

// The rule "<table>_id_immutable"; `oldRow` and `newRow` describe the rows.
Violation idChanged(std::string_view table, std::string_view oldRow, std::string_view newRow);

// The rule "<table>_status_transition": nullopt when `from` -> `to` is allowed
// (or no change). `row` describes the old row for the error detail.
std::optional<Violation> checkTransition(const StatusMachine& machine, std::string_view table,
                                         std::string_view from, std::string_view to,
                                         std::string_view row);

// Whether entering a stamped state sets the stamp column. A value the statement
// itself supplied wins; on UPDATE an unchanged value belongs to an earlier phase
// and is replaced unless the stamp keeps it.
bool stampsColumn(const StateStamp& stamp, bool valueIsNull, bool suppliedByStatement);

// Whether entering a state in which the machine holds a stamp column NULL
// (StatusMachine::clearsIn) clears it: a value the statement itself supplied
// wins, as for stamps (on INSERT every value is the statement's).
bool clearsColumn(bool valueIsNull, bool suppliedByStatement);

}  // namespace agentic::core
