#include "pg/costs/price_cache.hpp"

#include "pg/costs/money.hpp"

#include "pg/runtime/spi.hpp"
#include "pg/runtime/statement.hpp"

#include <cstddef>
#include <cstdint>
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

// Every price period of the model: the current one (until +infinity) and the
// archived ones.
CachedPlan periodsPlan{
    "SELECT price_effective_from, 'infinity'::timestamptz, input_price_per_mtok, "
    "output_price_per_mtok, cached_input_price_per_mtok, currency "
    "FROM agentic.model_catalog WHERE id = $1 "
    "UNION ALL "
    "SELECT effective_from, effective_until, input_price_per_mtok, output_price_per_mtok, "
    "cached_input_price_per_mtok, currency FROM agentic.model_price_history WHERE model_id = $1",
    1, kOneBigint, nullptr};

// A cost that records a price holds its model's row FOR SHARE until its
// transaction ends, so a price change (whose UPDATE takes the row lock) and the
// costs priced at the price it replaces serialise: the change waits for them
// and then sees them (model_catalog_price_change_after_costs), or they wait for
// the change and then read the new prices (under REPEATABLE READ: 40001).
// Taken with the table owner's rights, as foreign-key checks lock the rows
// they reference: callers need no UPDATE right on the catalog.
CachedPlan lockPlan{"SELECT 1 FROM agentic.model_catalog m WHERE m.id = $1 FOR SHARE OF m", 1,
                    kOneBigint, nullptr};
CachedPlan ownerPlan{
    "SELECT c.relowner FROM pg_catalog.pg_class c "
    "WHERE c.oid = 'agentic.model_catalog'::pg_catalog.regclass",
    0, kNoArgs, nullptr};

// Loads the model's periods into `entry`; false when the model does not exist.
bool loadPeriods(ModelPrices* entry) {
  Datum args[] = {Int64GetDatum(entry->modelId)};
  spiConnect();
  spiRun(ownerPlan, nullptr, nullptr, ReadMode::ReadOnly);
  bool ownerNull = false;
  const Oid catalogOwner = DatumGetObjectId(spiValue(0, 1, &ownerNull));
  runAsOwner(catalogOwner, [&] { spiRun(lockPlan, args, nullptr, ReadMode::Statement); });
  const std::uint64_t rows = spiRun(periodsPlan, args, nullptr, ReadMode::Statement);
  entry->count = static_cast<int>(rows);
  // palloc aligns to 8 bytes; the 128-bit money inside needs alignof(PricePeriod).
  constexpr std::size_t kAlign = alignof(PricePeriod);
  void* raw = pgCall([&] {
    return MemoryContextAllocZero(cacheContext, sizeof(PricePeriod) * (rows + 1) + kAlign);
  });
  const auto address = (reinterpret_cast<std::uintptr_t>(raw) + kAlign - 1) & ~(kAlign - 1);
  entry->periods = reinterpret_cast<PricePeriod*>(address);
  for (std::uint64_t row = 0; row < rows; ++row) {
    PricePeriod& p = entry->periods[row];
    bool isNull = false;
    p.from = DatumGetTimestampTz(spiValue(row, 1, &isNull));
    p.until = DatumGetTimestampTz(spiValue(row, 2, &isNull));
    for (int i = 0; i < kPriceColumnCount; ++i) {
      const Datum value = spiValue(row, 3 + i, &p.nulls[i]);
      if (p.nulls[i]) continue;
      setTokenPrice(p.decimal, i, numericToDecimal(value, "price"));
      p.prices[i] = pgCall([&] {
        MemoryContext old = MemoryContextSwitchTo(cacheContext);
        Datum copy = datumCopy(value, false, -1);
        MemoryContextSwitchTo(old);
        return copy;
      });
    }
    const Datum currency = spiValue(row, 6, &isNull);
    p.currency = pgCall([&] {
      MemoryContext old = MemoryContextSwitchTo(cacheContext);
      Datum copy = datumCopy(currency, false, -1);
      MemoryContextSwitchTo(old);
      return copy;
    });
  }
  spiFinish();
  return rows > 0;
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
