// The daily cost rollup: every statement that changes the cost ledger appends
// its net per-(day, currency, model) change to agentic.daily_cost_rollup. The
// groups are summed in C over the statement's transition tables and inserted
// directly (direct_insert.hpp); through one INSERT ... SELECT only when the rollup
// has INSERT triggers of its own. Writers only append, so concurrent writers never
// wait on a shared summary row; compaction merges the appended rows now and then
// without blocking them.
#include "pg/costs/price_cache.hpp"
#include "pg/runtime/direct_insert.hpp"
#include "pg/runtime/restore_mode.hpp"
#include "pg/runtime/rows.hpp"
#include "pg/runtime/settings.hpp"
#include "pg/runtime/spi.hpp"

#include <cstring>

extern "C" {
#include "parser/parse_relation.h"
#include "utils/date.h"
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

// ---- the direct path ------------------------------------------------------------

// A (UTC day, currency, model) group of ledger rows. Zeroed before it is filled: it
// is a hash key.
struct GroupKey {
  DateADT day;
  char currency[4];
  bool modelNull;
  std::int64_t modelId;
};

// The group's net change: +1 per new row, -1 per old one. Token counts are summed
// as integers (no numeric arithmetic per row), the cost as numeric.
struct GroupSums {
  GroupKey key;  // hash key
  Datum currency;
  std::int64_t executions;
  Datum cost;  // numeric
  // Input, output, cached input. PostgreSQL's int128: aligned to 8 bytes as palloc
  // gives, where the compiler's own 128-bit type needs 16.
  int128 tokens[3];
};

struct LedgerColumns {
  AttrNumber occurredAt, currency, modelId, cost, inputTokens, outputTokens, cachedInputTokens;
};

AttrNumber ledgerColumn(Relation ledger, const char* name) {
  const AttrNumber number = attnameAttNum(ledger, name, false);
  if (number == InvalidAttrNumber)
    elog(ERROR, "agentic.execution_costs has no column \"%s\"", name);
  return number;
}

Datum addNumeric(Datum sum, Datum value, int sign) {
  const Datum signedValue = sign > 0 ? value : DirectFunctionCall1(numeric_uminus, value);
  return DirectFunctionCall2(numeric_add, sum, signedValue);
}

std::int64_t tokens(TupleTableSlot* row, AttrNumber column) {
  bool isNull = false;
  const Datum value = slot_getattr(row, column, &isNull);
  return isNull ? 0 : DatumGetInt64(value);
}

// (occurred_at AT TIME ZONE 'UTC')::date: a timestamptz counts microseconds from
// 2000-01-01 00:00 UTC, a date days from 2000-01-01.
DateADT utcDay(TimestampTz at) {
  if (TIMESTAMP_IS_NOBEGIN(at)) return DATEVAL_NOBEGIN;
  if (TIMESTAMP_IS_NOEND(at)) return DATEVAL_NOEND;
  std::int64_t day = at / USECS_PER_DAY;
  if (at % USECS_PER_DAY < 0) --day;
  return static_cast<DateADT>(day);
}

// An integer sum as numeric (through text only beyond 64 bits).
Datum numericOf(int128 value) {
  if (value >= PG_INT64_MIN && value <= PG_INT64_MAX)
    return NumericGetDatum(int64_to_numeric(static_cast<std::int64_t>(value)));
  char digits[48];
  char* end = digits + sizeof digits - 1;
  *end = '\0';
  const bool negative = value < 0;
  uint128 magnitude =
      negative ? static_cast<uint128>(-(value + 1)) + 1 : static_cast<uint128>(value);
  do {
    *--end = static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) *--end = '-';
  return DirectFunctionCall3(numeric_in, CStringGetDatum(end), ObjectIdGetDatum(InvalidOid),
                             Int32GetDatum(-1));
}

void addRows(HTAB* groups, Tuplestorestate* rows, const LedgerColumns& c, TupleTableSlot* row,
             int sign) {
  const int pointer = tuplestore_alloc_read_pointer(rows, 0);
  tuplestore_select_read_pointer(rows, pointer);
  tuplestore_rescan(rows);
  const Datum zero = NumericGetDatum(int64_to_numeric(0));
  while (tuplestore_gettupleslot(rows, true, false, row)) {
    bool isNull = false;
    GroupKey key;
    MemSet(&key, 0, sizeof key);
    key.day = utcDay(DatumGetTimestampTz(slot_getattr(row, c.occurredAt, &isNull)));
    const Datum currency = slot_getattr(row, c.currency, &isNull);
    const text* code = DatumGetTextPP(currency);
    std::memcpy(key.currency, VARDATA_ANY(code),
                Min(VARSIZE_ANY_EXHDR(code), static_cast<int>(sizeof key.currency - 1)));
    const Datum model = slot_getattr(row, c.modelId, &key.modelNull);
    key.modelId = key.modelNull ? 0 : DatumGetInt64(model);
    bool found = false;
    auto* sums = static_cast<GroupSums*>(hash_search(groups, &key, HASH_ENTER, &found));
    if (!found) {
      sums->currency = datumCopy(currency, false, -1);
      sums->executions = 0;
      sums->cost = zero;
      sums->tokens[0] = sums->tokens[1] = sums->tokens[2] = 0;
    }
    sums->executions += sign;
    bool costNull = false;
    const Datum cost = slot_getattr(row, c.cost, &costNull);
    if (!costNull) sums->cost = addNumeric(sums->cost, cost, sign);
    sums->tokens[0] += sign * static_cast<int128>(tokens(row, c.inputTokens));
    sums->tokens[1] += sign * static_cast<int128>(tokens(row, c.outputTokens));
    sums->tokens[2] += sign * static_cast<int128>(tokens(row, c.cachedInputTokens));
  }
  tuplestore_select_read_pointer(rows, 0);
}

bool isZero(Datum numeric) {
  return DatumGetInt32(
             DirectFunctionCall2(numeric_cmp, numeric, NumericGetDatum(int64_to_numeric(0)))) == 0;
}

const char* const kRollupColumns[] = {"day",           "currency",           "model_id",
                                      "executions",    "total_cost",         "input_tokens",
                                      "output_tokens", "cached_input_tokens"};

// Sums the statement's ledger changes per group and appends the groups that changed;
// false (nothing written) when the rollup has INSERT triggers of its own.
bool appendDirectly(Relation ledger, Tuplestorestate* oldRows, Tuplestorestate* newRows) {
  const Oid nsp = RelationGetNamespace(ledger);
  const Oid rollupId = get_relname_relid("daily_cost_rollup", nsp);
  if (!OidIsValid(rollupId)) elog(ERROR, "agentic.daily_cost_rollup does not exist");
  Relation rollup = table_open(rollupId, RowExclusiveLock);
  if (hasOwnInsertTriggers(rollup)) {
    table_close(rollup, NoLock);
    return false;
  }
  MemoryContext work =
      AllocSetContextCreate(CurrentMemoryContext, "agentic_schema rollup", ALLOCSET_SMALL_SIZES);
  MemoryContext previous = MemoryContextSwitchTo(work);
  const LedgerColumns c{
      ledgerColumn(ledger, "occurred_at"),        ledgerColumn(ledger, "currency"),
      ledgerColumn(ledger, "model_id"),           ledgerColumn(ledger, "cost"),
      ledgerColumn(ledger, "input_tokens"),       ledgerColumn(ledger, "output_tokens"),
      ledgerColumn(ledger, "cached_input_tokens")};
  HASHCTL ctl;
  MemSet(&ctl, 0, sizeof ctl);
  ctl.keysize = sizeof(GroupKey);
  ctl.entrysize = sizeof(GroupSums);
  ctl.hcxt = work;
  HTAB* groups =
      hash_create("agentic_schema rollup groups", 8, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
  TupleTableSlot* row = MakeSingleTupleTableSlot(RelationGetDescr(ledger), &TTSOpsMinimalTuple);
  if (oldRows != nullptr) addRows(groups, oldRows, c, row, -1);
  if (newRows != nullptr) addRows(groups, newRows, c, row, +1);
  ExecDropSingleTupleTableSlot(row);

  AttrNumber columns[lengthof(kRollupColumns)];
  for (std::size_t i = 0; i < lengthof(kRollupColumns); ++i) {
    columns[i] = attnameAttNum(rollup, kRollupColumns[i], false);
    if (columns[i] == InvalidAttrNumber)
      elog(ERROR, "agentic.daily_cost_rollup has no column \"%s\"", kRollupColumns[i]);
  }
  DirectInsert* insert = beginDirectInsert(rollup, kRollupColumns, lengthof(kRollupColumns));
  HASH_SEQ_STATUS scan;
  hash_seq_init(&scan, groups);
  while (auto* g = static_cast<GroupSums*>(hash_seq_search(&scan))) {
    // An update that moved nothing (same day, model and amounts) adds no row.
    if (g->executions == 0 && isZero(g->cost) && g->tokens[0] == 0 && g->tokens[1] == 0 &&
        g->tokens[2] == 0)
      continue;
    TupleTableSlot* slot = nextDirectRow(insert);
    const Datum values[] = {DateADTGetDatum(g->key.day),
                            g->currency,
                            Int64GetDatum(g->key.modelId),
                            Int64GetDatum(g->executions),
                            g->cost,
                            numericOf(g->tokens[0]),
                            numericOf(g->tokens[1]),
                            numericOf(g->tokens[2])};
    for (std::size_t i = 0; i < lengthof(kRollupColumns); ++i) {
      slot->tts_values[columns[i] - 1] = values[i];
      slot->tts_isnull[columns[i] - 1] = i == 2 && g->key.modelNull;
    }
    storeDirectRow(insert);
  }
  endDirectInsert(insert);
  MemoryContextSwitchTo(previous);
  MemoryContextDelete(work);
  table_close(rollup, NoLock);
  return true;
}

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

  Tuplestorestate* oldRows = t.isInsert ? nullptr : data->tg_oldtable;
  Tuplestorestate* newRows = t.isDelete ? nullptr : data->tg_newtable;
  const bool appended = pgCall([&] { return appendDirectly(data->tg_relation, oldRows, newRows); });
  // Only under READ COMMITTED: a snapshot-isolated transaction could fail on rows
  // another compaction merged, for the sake of housekeeping.
  const bool compact = rollupCompactEvery > 0 && !IsolationUsesXactSnapshot() &&
                       ++statementsSinceCompaction >= rollupCompactEvery;
  if (compact) statementsSinceCompaction = 0;
  if (appended && !compact) return PointerGetDatum(nullptr);
  CachedPlan& plan = t.isInsert ? insertPlan : t.isUpdate ? updatePlan : deletePlan;
  spiConnect();
  // The rollup is bookkeeping: written with the ledger owner's rights.
  runOnTransitionTablesAsOwner(data, [&] {
    if (!appended) spiRun(plan, nullptr, nullptr, ReadMode::Statement);
    if (compact) spiRun(compactPlan, nullptr, nullptr, ReadMode::Statement);
  });
  spiFinish();
  return PointerGetDatum(nullptr);
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_cost_rollup_changes(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::costRollupChanges(fcinfo); });
}
