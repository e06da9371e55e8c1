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

// A stamp column the machine holds NULL in `state` (StatusMachine::clearsIn):
// a value left from an earlier state is cleared when the row enters `state`; a
// value the statement itself supplies there (on INSERT every value is the
// statement's) breaks "<table>_status_transition" (since 1.3; before, it was
// stored, e.g. an open task with a completed_at). `row` describes the new row.
enum class HeldNull { Keep, Clear };

// A row that stays in `state` keeps the value its stamp set: a statement that sets the
// stamp column to NULL there breaks "<table>_status_transition" (since 1.3; before, a
// completed task could lose its completed_at). `row` describes the old row.
Violation stampCleared(const StatusMachine& machine, std::string_view table,
                       std::string_view column, std::string_view state, std::string_view row);
std::optional<Violation> checkHeldNull(const StatusMachine& machine, std::string_view table,
                                       std::string_view column, std::string_view state,
                                       bool valueIsNull, bool suppliedByStatement,
                                       std::string_view row, HeldNull* action);

}  // namespace agentic::core
