// Module entry: the magic block and the server settings.
#include "pg/audit/audit_writer.hpp"
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
  MarkGUCPrefixReserved("agentic");
  agentic::pg::registerTableSlotInvalidation();
  agentic::pg::audit::registerInvalidation();
  agentic::pg::registerKeyScanInvalidation();
  agentic::pg::registerDirectInsertInvalidation();
  agentic::pg::watchExtensionScript();
}
