#include "pg/runtime/restore_mode.hpp"

#include "pg/runtime/boundary.hpp"
#include "pg/runtime/rows.hpp"
#include "pg/runtime/spi.hpp"

#include <cstring>

extern "C" {
#include "catalog/objectaccess.h"
#include "commands/extension.h"
#include "utils/guc_tables.h"
#include "utils/rls.h"

PG_FUNCTION_INFO_V1(agentic_restore_guard);
void agentic_note_object_access(ObjectAccessType access, Oid classId, Oid objectId, int subId,
                                void* arg);
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

// The search_path of the statement that fired the trigger. From 1.4 the trigger
// functions carry no SET clause (src/pg/runtime/spi.hpp), so the current value is
// the caller's. Two things set pg_catalog, pg_temp as a SET clause does: the
// module's own queries (a trigger they fire runs inside one) and the SET clauses of
// the 1.0-1.3 catalogs (a downgrade keeps this library). While that value is in
// force and the setting's top entry is the one such a SET saves (GUC_SAVE), the
// caller's value is the saved one.
const char* callerSearchPath() {
  const config_generic* setting = findSearchPath();
  if (setting == nullptr || namespace_search_path == nullptr ||
      std::strcmp(namespace_search_path, kPinnedSearchPath) != 0)
    return namespace_search_path;
  const GucStack* top = setting->stack;
  if (top != nullptr && top->state == GUC_SAVE) return top->prior.val.stringval;
  return namespace_search_path;
}

// Whether this session ran the extension's script (CREATE EXTENSION
// agentic_schema): a restore that creates the extension loads its rows in the
// same session. The script itself loads the library (PostgreSQL checks each C
// function's symbol as it creates it, check_function_bodies or not), so
// _PG_init sees it; a library loaded before (shared_preload_libraries) sees it
// through the object-access hook.
bool ranExtensionScript = false;
object_access_hook_type previousObjectAccessHook = nullptr;

// Plain PostgreSQL calls, no C++ object: called from _PG_init and the hook.
void noteExtensionScript() {
  if (ranExtensionScript || !creating_extension) return;
  ranExtensionScript = CurrentExtensionObject == get_extension_oid("agentic_schema", true);
}

// A pg_restore session loading rows into an extension that another session
// created, every statement in a transaction of its own. Each session of
// pg_restore --jobs is one (its leader creates the extension and disconnects,
// then the workers load the tables), as is a data-only pg_restore without
// --single-transaction: the two cannot be told apart, and whether other sessions
// are connected depends on timing, so both are refused, always. pg_dump keeps the
// foreign-key order of an extension's tables only as the order of its archive
// entries (their TABLE DATA entries depend on nothing else), and the workers load
// the tables in any order while the foreign keys already hold. A transaction block
// is the BEGIN of --single-transaction (pg_restore opens no subtransaction).
bool pgRestoreOutOfOrder() {
  if (application_name == nullptr || std::strcmp(application_name, "pg_restore") != 0) return false;
  if (ranExtensionScript || IsTransactionBlock()) return false;
  return restoringDump();
}

Datum restoreGuard(FunctionCallInfo fcinfo) {
  TriggerRow::fromCall(fcinfo, "restore_guard", TriggerKind::BeforeStatement);
  if (!pgRestoreOutOfOrder()) return PointerGetDatum(nullptr);
  throw RuleViolation(
      ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
      "pg_restore loads agentic_schema's rows only in the session that creates the extension or "
      "in one transaction",
      "This session did not create the extension and commits each statement on its own, as "
      "each session of pg_restore --jobs does (they load the tables out of foreign-key order): "
      "some tables would be loaded and others not. This statement wrote no row.",
      "Restore without --jobs into a new database, or with --single-transaction (a data-only "
      "restore into the extension just created); see README, \"Back up and restore\".");
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
  return pgCall([] { return superuser() && superuser_arg(GetSessionUserId()); });
}

void watchExtensionScript() {
  previousObjectAccessHook = object_access_hook;
  object_access_hook = agentic_note_object_access;
  noteExtensionScript();
}

}  // namespace agentic::pg

void agentic_note_object_access(ObjectAccessType access, Oid classId, Oid objectId, int subId,
                                void* arg) {
  if (agentic::pg::previousObjectAccessHook != nullptr)
    agentic::pg::previousObjectAccessHook(access, classId, objectId, subId, arg);
  if (access == OAT_POST_CREATE) agentic::pg::noteExtensionScript();
}

Datum agentic_restore_guard(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::restoreGuard(fcinfo); });
}
