// The daily cost rollup: every statement that changes the cost ledger appends
// its net per-(day, currency, model) change to agentic.daily_cost_rollup in one
// INSERT ... SELECT over the statement's transition table. Writers only append,
// so concurrent writers never wait on a shared summary row; compaction merges
// the appended rows now and then without blocking them.
#include "pg/costs/price_cache.hpp"
#include "pg/runtime/restore_mode.hpp"
#include "pg/runtime/rows.hpp"
#include "pg/runtime/settings.hpp"
#include "pg/runtime/spi.hpp"

extern "C" {
PG_FUNCTION_INFO_V1(agentic_cost_rollup_changes);
}

namespace agentic::pg {
namespace {

// (day, currency, model) groups of the rows in `rows`, signed.
#define AGENTIC_ROLLUP_GROUPS(rows, sign)                                                     \
  "SELECT (r.occurred_at AT TIME ZONE 'UTC')::date AS day, r.currency, r.model_id, " sign     \
  "count(*) AS executions, " sign "sum(r.cost) AS total_cost, " sign                          \
  "sum(r.input_tokens) AS input_tokens, " sign "sum(r.output_tokens) AS output_tokens, " sign \
  "sum(r.cached_input_tokens) AS cached_input_tokens FROM " rows " r GROUP BY 1, 2, 3"

#define AGENTIC_ROLLUP_INSERT                                                                \
  "INSERT INTO agentic.daily_cost_rollup (day, currency, model_id, executions, total_cost, " \
  "input_tokens, output_tokens, cached_input_tokens) "

// Transition tables are named agentic_old_rows / agentic_new_rows by the
// CREATE TRIGGER statements.
CachedPlan insertPlan{AGENTIC_ROLLUP_INSERT AGENTIC_ROLLUP_GROUPS("agentic_new_rows", ""), 0,
                      kNoArgs, nullptr};
CachedPlan deletePlan{AGENTIC_ROLLUP_INSERT AGENTIC_ROLLUP_GROUPS("agentic_old_rows", "-"), 0,
                      kNoArgs, nullptr};
// An update nets out the old rows against the new; groups that did not change
// (same day, model, amounts) add nothing.
CachedPlan updatePlan{
    AGENTIC_ROLLUP_INSERT
    "SELECT day, currency, model_id, sum(executions), sum(total_cost), sum(input_tokens), "
    "sum(output_tokens), sum(cached_input_tokens) FROM ("
    AGENTIC_ROLLUP_GROUPS("agentic_old_rows", "-") " UNION ALL "
    AGENTIC_ROLLUP_GROUPS("agentic_new_rows", "") ") AS change GROUP BY 1, 2, 3 "
    "HAVING sum(executions) <> 0 OR sum(total_cost) <> 0 OR sum(input_tokens) <> 0 "
    "OR sum(output_tokens) <> 0 OR sum(cached_input_tokens) <> 0",
    0, kNoArgs, nullptr};
// TRUNCATE of the ledger empties the rollup with it.
CachedPlan truncatePlan{"TRUNCATE agentic.daily_cost_rollup", 0, kNoArgs, nullptr};
// Compaction when no other session is compacting (never waits for the lock).
CachedPlan compactPlan{"SELECT agentic.compact_daily_cost_rollup(true)", 0, kNoArgs, nullptr};

#undef AGENTIC_ROLLUP_INSERT
#undef AGENTIC_ROLLUP_GROUPS

// Statements that changed the ledger in this backend since it last compacted.
int statementsSinceCompaction = 0;

Datum costRollupChanges(FunctionCallInfo fcinfo) {
  const TriggerRow t =
      TriggerRow::fromCall(fcinfo, "cost_rollup_changes", TriggerKind::AfterStatement);
  TriggerData* data = t.data;
  forgetCachedPrices();  // the statement that may have filled it is ending
  // Restoring a dump: the dump carries daily_cost_rollup as it was.
  if (restoringDump()) return PointerGetDatum(nullptr);
  if (TRIGGER_FIRED_BY_TRUNCATE(data->tg_event)) {
    spiConnect();
    runAsOwner(data->tg_relation->rd_rel->relowner,
               [&] { spiRun(truncatePlan, nullptr, nullptr, ReadMode::Statement); });
    spiFinish();
    return PointerGetDatum(nullptr);
  }
  Tuplestorestate* rows = t.transitionRows("cost_rollup_changes");
  if (tuplestore_tuple_count(rows) == 0) return PointerGetDatum(nullptr);

  CachedPlan& plan = t.isInsert ? insertPlan : t.isUpdate ? updatePlan : deletePlan;
  spiConnect();
  // The rollup is bookkeeping: written with the ledger owner's rights.
  runOnTransitionTablesAsOwner(data, [&] {
    spiRun(plan, nullptr, nullptr, ReadMode::Statement);
    // Only under READ COMMITTED: a snapshot-isolated transaction could fail on
    // rows another compaction merged, for the sake of housekeeping.
    if (rollupCompactEvery > 0 && !IsolationUsesXactSnapshot() &&
        ++statementsSinceCompaction >= rollupCompactEvery) {
      statementsSinceCompaction = 0;
      spiRun(compactPlan, nullptr, nullptr, ReadMode::Statement);
    }
  });
  spiFinish();
  return PointerGetDatum(nullptr);
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_cost_rollup_changes(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::costRollupChanges(fcinfo); });
}
