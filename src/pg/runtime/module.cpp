// Module entry: the magic block and the server settings.
#include "pg/audit/audit_writer.hpp"
#include "pg/identity/acting_user.hpp"
#include "pg/runtime/postgres_headers.hpp"
#include "pg/runtime/direct_insert.hpp"
#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/key_scan.hpp"
#include "pg/runtime/restore_mode.hpp"
#include "pg/runtime/settings.hpp"

extern "C" {
PG_MODULE_MAGIC;
void _PG_init(void);
}

namespace agentic::pg {
double maxExecutionCost = 1000.0;
int maxTaskGraphNodes = 1000000;
int rollupCompactEvery = 1000;
int injectFault = static_cast<int>(InjectedFault::None);
int passwordWorkFactor = 10;
int minPasswordLength = 8;
int maxFailedLogins = 5;
int lockoutSeconds = 60;
int lockoutMaxSeconds = 86400;
int permanentLockoutAfter = 0;
int sessionIdleSeconds = 86400;
int sessionMaxSeconds = 2592000;
int sessionTouchSeconds = 60;
int apiKeyTouchSeconds = 60;
}  // namespace agentic::pg

namespace {
const struct config_enum_entry kFaultOptions[] = {
    {"none", static_cast<int>(agentic::pg::InjectedFault::None), false},
    {"cpp_exception", static_cast<int>(agentic::pg::InjectedFault::CppException), false},
    {"bad_alloc", static_cast<int>(agentic::pg::InjectedFault::BadAlloc), false},
    {"postgres_error", static_cast<int>(agentic::pg::InjectedFault::PostgresError), false},
    {nullptr, 0, false}};
}  // namespace

void _PG_init(void) {
  DefineCustomRealVariable(
      "agentic.max_execution_cost", "Largest cost a single agentic.execution_costs row may carry.",
      "Costs above it are rejected as implausible (check_violation). Set per database or role "
      "with ALTER DATABASE/ROLE ... SET.",
      &agentic::pg::maxExecutionCost, 1000.0, 1e-6, 1e15, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomIntVariable(
      "agentic.max_task_graph_nodes",
      "How many tasks one task-graph cycle check may visit before giving up.",
      "A check that reaches the limit rejects the change (program_limit_exceeded) rather than "
      "accept an unchecked edge.",
      &agentic::pg::maxTaskGraphNodes, 1000000, 10, INT_MAX, PGC_SUSET, 0, nullptr, nullptr,
      nullptr);
  DefineCustomIntVariable(
      "agentic.rollup_compact_every",
      "Ledger-changing statements after which a backend compacts agentic.daily_cost_rollup.",
      "0 turns automatic compaction off (run agentic.compact_daily_cost_rollup() instead). "
      "Compaction never waits: it is skipped while another session compacts.",
      &agentic::pg::rollupCompactEvery, 1000, 0, INT_MAX, PGC_USERSET, 0, nullptr, nullptr,
      nullptr);
  DefineCustomEnumVariable(
      "agentic.inject_fault", "Test hook: make every native function fail in the given way.",
      "none (default), cpp_exception, bad_alloc or postgres_error.", &agentic::pg::injectFault,
      static_cast<int>(agentic::pg::InjectedFault::None), kFaultOptions, PGC_SUSET,
      GUC_NOT_IN_SAMPLE, nullptr, nullptr, nullptr);
  // Sign-in settings are superuser-only: a client session must not be able to
  // weaken the lockout or the hashing for itself.
  DefineCustomIntVariable(
      "agentic.password_work_factor", "bcrypt work factor (log2 of rounds) of new password hashes.",
      "Each step doubles the time of a hash (10: about 60 ms). Hashes made at a lower factor are "
      "raised on the user's next successful sign-in.",
      &agentic::pg::passwordWorkFactor, 10, 4, 31, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomIntVariable(
      "agentic.min_password_length", "Fewest characters agentic.set_password() accepts.", nullptr,
      &agentic::pg::minPasswordLength, 8, 1, 72, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomIntVariable(
      "agentic.max_failed_logins", "Failed sign-ins in a row that lock an account for a while.",
      "The lockout lasts agentic.lockout_seconds, doubling with each further lockout up to "
      "agentic.lockout_max_seconds.",
      &agentic::pg::maxFailedLogins, 5, 1, 1000, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomIntVariable("agentic.lockout_seconds", "Length of an account's first lockout.",
                          nullptr, &agentic::pg::lockoutSeconds, 60, 1, INT_MAX, PGC_SUSET,
                          GUC_UNIT_S, nullptr, nullptr, nullptr);
  DefineCustomIntVariable("agentic.lockout_max_seconds", "Longest lockout of an account.", nullptr,
                          &agentic::pg::lockoutMaxSeconds, 86400, 1, INT_MAX, PGC_SUSET, GUC_UNIT_S,
                          nullptr, nullptr, nullptr);
  DefineCustomIntVariable(
      "agentic.permanent_lockout_after",
      "Lockouts after which an account stays locked until an admin unlocks it.",
      "0 (the default) never locks for good: a permanent lockout lets anyone who knows a login "
      "lock its owner out.",
      &agentic::pg::permanentLockoutAfter, 0, 0, 1000, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomIntVariable("agentic.session_idle_seconds",
                          "A session unused this long expires (it slides with each use).", nullptr,
                          &agentic::pg::sessionIdleSeconds, 86400, 1, INT_MAX, PGC_SUSET,
                          GUC_UNIT_S, nullptr, nullptr, nullptr);
  DefineCustomIntVariable("agentic.session_max_seconds",
                          "A session ends this long after it started, however much it is used.",
                          nullptr, &agentic::pg::sessionMaxSeconds, 2592000, 1, INT_MAX, PGC_SUSET,
                          GUC_UNIT_S, nullptr, nullptr, nullptr);
  DefineCustomIntVariable("agentic.session_touch_seconds",
                          "Resolving a session writes its last activity at most this often.",
                          "Fewer writes on busy sessions; the idle expiry is as precise as this.",
                          &agentic::pg::sessionTouchSeconds, 60, 0, INT_MAX, PGC_SUSET, GUC_UNIT_S,
                          nullptr, nullptr, nullptr);
  DefineCustomIntVariable("agentic.api_key_touch_seconds",
                          "Verifying an API key writes its last use at most this often.",
                          "So that a busy key is not a write hot spot.",
                          &agentic::pg::apiKeyTouchSeconds, 60, 0, INT_MAX, PGC_SUSET, GUC_UNIT_S,
                          nullptr, nullptr, nullptr);
  MarkGUCPrefixReserved("agentic");
  agentic::pg::registerTableSlotInvalidation();
  agentic::pg::audit::registerInvalidation();
  agentic::pg::registerKeyScanInvalidation();
  agentic::pg::registerDirectInsertInvalidation();
  agentic::pg::watchExtensionScript();
  agentic::pg::identity::registerActingUserCallbacks();
}
