#include "pg/runtime/maintained_columns.hpp"

namespace agentic::pg::detail {
bool maintenanceWrite = false;
}  // namespace agentic::pg::detail
