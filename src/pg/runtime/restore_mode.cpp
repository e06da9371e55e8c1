#include "pg/runtime/restore_mode.hpp"

#include "pg/runtime/boundary.hpp"

#include <cstring>

extern "C" {
#include "utils/backend_status.h"
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

// Whether another session of this database is a pg_restore too: pg_restore
// --jobs (its leader disconnects while the workers load the data). Asked once
// per session, and only by a restoring pg_restore session.
enum class Parallel : int { Unknown, No, Yes };
Parallel parallelRestore = Parallel::Unknown;

bool otherPgRestoreSession() {
  return pgCall([] {
    const int count = pgstat_fetch_stat_numbackends();
    for (int i = 1; i <= count; ++i) {
      const LocalPgBackendStatus* local = pgstat_fetch_stat_local_beentry(i);
      if (local == nullptr) continue;
      const PgBackendStatus& be = local->backendStatus;
      if (be.st_procpid > 0 && be.st_procpid != MyProcPid && be.st_databaseid == MyDatabaseId &&
          be.st_appname != nullptr && std::strcmp(be.st_appname, "pg_restore") == 0)
        return true;
    }
    return false;
  });
}

// pg_restore --jobs loads the tables in parallel sessions in any order, while
// their foreign keys (created with the extension) already hold: rows would be
// refused for want of rows another session has not loaded yet. Refused at once,
// with what to do instead.
void refuseParallelRestore() {
  if (application_name == nullptr || std::strcmp(application_name, "pg_restore") != 0) return;
  if (parallelRestore == Parallel::Unknown)
    parallelRestore = otherPgRestoreSession() ? Parallel::Yes : Parallel::No;
  if (parallelRestore == Parallel::No) return;
  throw RuleViolation(
      ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
      "agentic_schema cannot be restored by pg_restore --jobs",
      "Its tables' foreign keys exist before their rows are loaded, and parallel pg_restore "
      "sessions load the tables in any order.",
      "Drop this database and restore into a new one without --jobs, or with "
      "PGOPTIONS='-c session_replication_role=replica' (README, \"Back up and restore\").");
}

}  // namespace

// check_function_bodies and row_security are read from the variables the GUC
// machinery assigns (no lookup by name per row; a SET is seen at once); the
// search_path from the setting's stack (above), only when both are off.
bool restoringDump() {
  if (check_function_bodies || row_security) return false;
  const char* searchPath = callerSearchPath();
  if (searchPath == nullptr || searchPath[0] != '\0') return false;
  // Both the current user and the session's: a superuser's SECURITY DEFINER function
  // called by an ordinary session with pg_dump's settings is not a restore.
  if (!pgCall([] { return superuser() && superuser_arg(GetSessionUserId()); })) return false;
  refuseParallelRestore();
  return true;
}

}  // namespace agentic::pg
