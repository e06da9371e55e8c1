#include "pg/runtime/restore_mode.hpp"

#include "pg/runtime/boundary.hpp"

extern "C" {
#include "utils/rls.h"
}

namespace agentic::pg {

// The settings are read from the variables the GUC machinery assigns, not through
// GetConfigOption(): no lookup by name per row, and a SET is seen at once.
bool restoringDump() {
  if (check_function_bodies || row_security) return false;
  if (namespace_search_path == nullptr || namespace_search_path[0] != '\0') return false;
  return pgCall([] { return superuser(); });
}

}  // namespace agentic::pg
