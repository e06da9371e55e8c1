#include "pg/costs/price_cache.hpp"

#include "pg/costs/money.hpp"

#include "pg/runtime/key_scan.hpp"
#include "pg/runtime/statement.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace agentic::pg {
namespace {

static_assert(std::is_trivially_destructible_v<PricePeriod>,
              "periods live in a PostgreSQL memory context");

struct ModelPrices {
  std::int64_t modelId;  // hash key
  int count;
  PricePeriod* periods;
};

MemoryContext cacheContext = nullptr;
HTAB* models = nullptr;
StatementKey owner;  // the statement the cache belongs to

HTAB* modelsOfThisStatement() {
  const StatementKey now = StatementKey::current();
  if (models != nullptr && owner == now) return models;
  pgCall([&] {
    if (cacheContext == nullptr)
      cacheContext =
          AllocSetContextCreate(TopMemoryContext, "agentic_schema prices", ALLOCSET_SMALL_SIZES);
    MemoryContextReset(cacheContext);
    HASHCTL ctl;
    MemSet(&ctl, 0, sizeof ctl);
    ctl.keysize = sizeof(std::int64_t);
    ctl.entrysize = sizeof(ModelPrices);
    ctl.hcxt = cacheContext;
    models =
        hash_create("agentic_schema model prices", 16, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
  });
  owner = now;
  return models;
}

// The rows a model's price periods come from: its catalog row (the current price,
// until +infinity), locked, and its archived prices.
//
// A cost that records a price holds its model's row FOR SHARE until its
// transaction ends, so a price change (whose UPDATE takes the row lock) and the
// costs priced at the price it replaces serialise: the change waits for them
// and then sees them (model_catalog_price_change_after_costs), or they wait for
// the change and then read the new prices (under REPEATABLE READ: 40001). The lock
// and the reads go straight to the tables (key_scan.hpp): no query, and callers
// need no right on the catalog, as foreign-key checks lock the rows they reference.
struct ModelRows {
  TupleTableSlot* model;  // NULL: no such model
  List* history;          // HeapTuples of model_price_history
  TupleDesc historyDesc;
};

void collectHistory(TupleTableSlot* row, void* state) {
  auto* rows = static_cast<ModelRows*>(state);
  rows->history = lappend(rows->history, ExecCopySlotHeapTuple(row));
}

ModelRows* readModelRows(std::int64_t modelId) {
  return pgCall([&] {
    auto* rows = static_cast<ModelRows*>(palloc0(sizeof(ModelRows)));
    const Oid nsp = get_namespace_oid("agentic", false);
    const Oid catalog = get_relname_relid("model_catalog", nsp);
    const Oid history = get_relname_relid("model_price_history", nsp);
    if (!OidIsValid(catalog) || !OidIsValid(history))
      elog(ERROR, "the model catalog tables of agentic_schema are missing");
    rows->model = lockRowByKey(catalog, get_attnum(catalog, "id"), modelId, LockTupleShare);
    if (rows->model == nullptr) return rows;
    Snapshot snapshot = RegisterSnapshot(GetTransactionSnapshot());
    scanByKey(history, get_attnum(history, "model_id"), modelId, snapshot, collectHistory, rows);
    UnregisterSnapshot(snapshot);
    Relation rel = table_open(history, AccessShareLock);
    rows->historyDesc = CreateTupleDescCopy(RelationGetDescr(rel));
    table_close(rel, AccessShareLock);
    return rows;
  });
}

// Column `name` of a row described by `desc` (plain PostgreSQL calls).
Datum columnOf(HeapTuple row, TupleDesc desc, const char* name, bool* isNull) {
  for (int i = 0; i < desc->natts; ++i) {
    const Form_pg_attribute a = TupleDescAttr(desc, i);
    if (!a->attisdropped && std::strcmp(NameStr(a->attname), name) == 0)
      return heap_getattr(row, i + 1, desc, isNull);
  }
  elog(ERROR, "column %s is missing", name);
  return Datum(0);
}

Datum cachedCopy(Datum value) {
  return pgCall([&] {
    MemoryContext old = MemoryContextSwitchTo(cacheContext);
    Datum copy = datumCopy(value, false, -1);
    MemoryContextSwitchTo(old);
    return copy;
  });
}

// One period from a row: `from` and `until` name its bounds (NULL: +infinity).
void readPeriod(PricePeriod& p, HeapTuple row, TupleDesc desc, const char* from,
                const char* until) {
  bool isNull = false;
  p.from = DatumGetTimestampTz(pgCall([&] { return columnOf(row, desc, from, &isNull); }));
  p.until = DT_NOEND;
  if (until != nullptr) {
    const Datum end = pgCall([&] { return columnOf(row, desc, until, &isNull); });
    if (!isNull) p.until = DatumGetTimestampTz(end);
  }
  for (int i = 0; i < kPriceColumnCount; ++i) {
    const Datum value = pgCall([&] { return columnOf(row, desc, kPriceColumns[i], &p.nulls[i]); });
    if (p.nulls[i]) continue;
    setTokenPrice(p.decimal, i, numericToDecimal(value, "price"));
    p.prices[i] = cachedCopy(value);
  }
  const Datum currency = pgCall([&] { return columnOf(row, desc, "currency", &isNull); });
  p.currency = cachedCopy(currency);
}

// Loads the model's periods into `entry`; false when the model does not exist.
bool loadPeriods(ModelPrices* entry) {
  ModelRows* rows = readModelRows(entry->modelId);
  if (rows->model == nullptr) return false;
  const int count = 1 + list_length(rows->history);
  entry->count = count;
  // palloc aligns to 8 bytes; the 128-bit money inside needs alignof(PricePeriod).
  constexpr std::size_t kAlign = alignof(PricePeriod);
  void* raw = pgCall([&] {
    return MemoryContextAllocZero(cacheContext, sizeof(PricePeriod) * (count + 1) + kAlign);
  });
  const auto address = (reinterpret_cast<std::uintptr_t>(raw) + kAlign - 1) & ~(kAlign - 1);
  entry->periods = reinterpret_cast<PricePeriod*>(address);
  HeapTuple model = pgCall([&] { return ExecFetchSlotHeapTuple(rows->model, false, nullptr); });
  readPeriod(entry->periods[0], model, rows->model->tts_tupleDescriptor, "price_effective_from",
             nullptr);
  for (int i = 1; i < count; ++i) {
    auto* archived = static_cast<HeapTuple>(list_nth(rows->history, i - 1));
    readPeriod(entry->periods[i], archived, rows->historyDesc, "effective_from", "effective_until");
  }
  pgCall([&] { ExecDropSingleTupleTableSlot(rows->model); });
  return true;
}

}  // namespace

const PricePeriod* priceInEffect(std::int64_t modelId, TimestampTz at) {
  HTAB* table = modelsOfThisStatement();
  bool found = false;
  auto* entry = static_cast<ModelPrices*>(
      pgCall([&] { return hash_search(table, &modelId, HASH_ENTER, &found); }));
  if (!found) {
    entry->count = 0;
    entry->periods = nullptr;
    if (!loadPeriods(entry)) {
      // Not cached: the model may be created later in this statement.
      pgCall([&] { hash_search(table, &modelId, HASH_REMOVE, nullptr); });
      return nullptr;
    }
  }
  for (int i = 0; i < entry->count; ++i) {
    const PricePeriod& p = entry->periods[i];
    // The current price has no end: it covers occurred_at = +infinity too.
    if (p.from <= at && (at < p.until || p.until == DT_NOEND)) return &p;
  }
  return nullptr;
}

void forgetCachedPrices() { models = nullptr; }

}  // namespace agentic::pg
