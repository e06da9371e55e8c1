// Rules every BEFORE row trigger of the schema applies.
#pragma once

#include "pg/runtime/rows.hpp"
#include "core/rules/status_machine.hpp"

namespace agentic::pg {

// On UPDATE: the id never changes, the status (if `machine` is given) moves only
// along a legal transition, and updated_at becomes now(). On INSERT and UPDATE:
// entering a status stamps its lifecycle timestamp (started_at, completed_at,
// hired_at, ...) unless the statement set that column itself.
void applyRowRules(const TriggerRow& t, const core::StatusMachine* machine, RowEdit& edit);

// The machine named by a trigger argument; an unknown name is a setup error.
const core::StatusMachine* machineNamed(const char* name);

}  // namespace agentic::pg
