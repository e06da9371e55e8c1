// The generic row rules, applied by the dispatcher to every row change before
// the table's own rules.
#pragma once

#include "pg/runtime/dispatcher.hpp"

#include "core/rules/status_machine.hpp"

namespace agentic::pg {

// The machine a generic trigger names in its argument (nullptr without one).
const core::StatusMachine* machineNamed(const char* name);

// BEFORE INSERT/UPDATE: the id never changes, the status follows `machine`
// (nullptr: none) and stamps the state it enters, updated_at is maintained.
void applyGenericRules(const RowContext& row, const core::StatusMachine* machine);

}  // namespace agentic::pg
