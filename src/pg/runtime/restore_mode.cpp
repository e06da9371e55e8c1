#include "pg/runtime/restore_mode.hpp"

#include "pg/runtime/boundary.hpp"

#include <cstring>

extern "C" {
#include "utils/guc_tables.h"
#include "utils/rls.h"
}

namespace agentic::pg {
namespace {

// The search_path setting itself (a static of the server: found once per backend).
config_generic* searchPathSetting = nullptr;

config_generic* findSearchPath() {
  if (searchPathSetting != nullptr) return searchPathSetting;
  config_generic** settings = get_guc_variables();
  const int count = GetNumConfigOptions();
  for (int i = 0; i < count; ++i) {
    if (settings[i]->vartype == PGC_STRING && std::strcmp(settings[i]->name, "search_path") == 0)
      return searchPathSetting = settings[i];
  }
  return nullptr;
}

// The search_path of the statement that fired the trigger. Every trigger function
// of the extension pins search_path (its SET clause; ops/schema_invariants checks
// it), so inside it the setting holds the pinned value and the caller's value is
// the one the function's SET saved: the top of the setting's stack, an entry of
// state GUC_SAVE. Without such an entry the current value is the caller's.
const char* callerSearchPath() {
  const config_generic* setting = findSearchPath();
  if (setting == nullptr) return namespace_search_path;
  const GucStack* top = setting->stack;
  if (top != nullptr && top->state == GUC_SAVE) return top->prior.val.stringval;
  return namespace_search_path;
}

}  // namespace

// check_function_bodies and row_security are read from the variables the GUC
// machinery assigns (no lookup by name per row; a SET is seen at once); the
// search_path from the setting's stack (above), only when both are off.
bool restoringDump() {
  if (check_function_bodies || row_security) return false;
  const char* searchPath = callerSearchPath();
  if (searchPath == nullptr || searchPath[0] != '\0') return false;
  return pgCall([] { return superuser(); });
}

}  // namespace agentic::pg
