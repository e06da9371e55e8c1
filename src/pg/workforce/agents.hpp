// Row rules of agentic.agents.
#pragma once

#include "pg/runtime/registry.hpp"

namespace agentic::pg::agents {

// The columns the rules read (TableSpec::columns), by index.
enum Column : int { kId, kStatus, kJobDescriptionId };
inline constexpr const char* kColumns[] = {"id", "status", "job_description_id"};
inline constexpr ColumnType kColumnTypes[] = {ColumnType::Int8, ColumnType::Enum, ColumnType::Int8};

// BEFORE INSERT OR UPDATE: one active agent per job description; no
// termination while assignments are active.
void beforeRow(RowContext& row);

}  // namespace agentic::pg::agents
