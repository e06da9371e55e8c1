// Row rules of agentic.workflows.
#pragma once

#include "pg/runtime/registry.hpp"

namespace agentic::pg::workflows {

enum Column : int { kVersion, kDefinition };
inline constexpr const char* kColumns[] = {"version", "definition"};
inline constexpr ColumnType kColumnTypes[] = {ColumnType::Int4, ColumnType::Jsonb};

// BEFORE INSERT OR UPDATE: the version follows the definition.
void beforeRow(RowContext& row);

}  // namespace agentic::pg::workflows
