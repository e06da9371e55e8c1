// agentic.compact_daily_cost_rollup(): merges the rows the ledger's statement
// triggers appended to agentic.daily_cost_rollup into one per (UTC day,
// currency, model), dropping groups that net to nothing. Writers keep
// appending meanwhile (they never touch existing rows); compactions take turns
// on the advisory lock DailyCostRollupCompaction. With p_skip_if_busy it
// returns 0 at once when another compaction holds the lock.
//
// Like the rollup trigger, it writes daily_cost_rollup with the table owner's
// rights: every role grant_access() gives EXECUTE to can run it, and none of
// them can write the rollup itself. Compaction never changes a total.
#include "pg/runtime/locks.hpp"
#include "pg/runtime/spi.hpp"

extern "C" {
PG_FUNCTION_INFO_V1(agentic_compact_daily_cost_rollup);
}

namespace agentic::pg {
namespace {

Datum compactDailyCostRollup(FunctionCallInfo fcinfo) {
  static CachedPlan ownerPlan{
      "SELECT c.relowner FROM pg_catalog.pg_class c "
      "WHERE c.oid = 'agentic.daily_cost_rollup'::pg_catalog.regclass",
      0, kNoArgs, nullptr};
  static CachedPlan mergePlan{
      "WITH moved AS ("
      " DELETE FROM agentic.daily_cost_rollup"
      " RETURNING day, currency, model_id, executions, total_cost, input_tokens, output_tokens,"
      " cached_input_tokens"
      "), merged AS ("
      " INSERT INTO agentic.daily_cost_rollup (day, currency, model_id, executions, total_cost,"
      " input_tokens, output_tokens, cached_input_tokens)"
      " SELECT day, currency, model_id, sum(executions), sum(total_cost), sum(input_tokens),"
      " sum(output_tokens), sum(cached_input_tokens)"
      " FROM moved GROUP BY day, currency, model_id"
      " HAVING sum(executions) <> 0 OR sum(total_cost) <> 0 OR sum(input_tokens) <> 0"
      " OR sum(output_tokens) <> 0 OR sum(cached_input_tokens) <> 0"
      " RETURNING 1"
      ") SELECT pg_catalog.count(*) FROM moved",
      0, kNoArgs, nullptr};

  // NULL counts as false: wait for the lock.
  const bool skipIfBusy = !PG_ARGISNULL(0) && PG_GETARG_BOOL(0);
  if (skipIfBusy) {
    if (!tryLockForTransaction(AdvisoryLock::DailyCostRollupCompaction)) return Int64GetDatum(0);
  } else {
    lockForTransaction(AdvisoryLock::DailyCostRollupCompaction);
  }
  spiConnect();
  spiRun(ownerPlan, nullptr, nullptr, ReadMode::ReadOnly);
  bool isNull = false;
  const Oid owner = DatumGetObjectId(spiValue(0, 1, &isNull));
  std::int64_t merged = 0;
  runAsOwner(owner, [&] {
    spiRun(mergePlan, nullptr, nullptr, ReadMode::Statement);
    merged = spiInt64(0, 1).value_or(0);
  });
  spiFinish();
  return Int64GetDatum(merged);
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_compact_daily_cost_rollup(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::compactDailyCostRollup(fcinfo); });
}
