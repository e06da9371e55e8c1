#include "pg/costs/model_catalog.hpp"

#include "pg/costs/money.hpp"
#include "pg/costs/price_cache.hpp"
#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/spi.hpp"

namespace agentic::pg::model_catalog {
namespace {

// A new price that takes effect later archives the current one; a price
// changed without moving its start is a correction of the current price.
void archiveReplacedPrice(const RowContext& ctx) {
  static const Oid kArchiveTypes[] = {INT8OID,    TIMESTAMPTZOID, TIMESTAMPTZOID, NUMERICOID,
                                      NUMERICOID, NUMERICOID,     BPCHAROID};
  static CachedPlan archive{
      "INSERT INTO agentic.model_price_history (model_id, effective_from, effective_until, "
      "input_price_per_mtok, output_price_per_mtok, cached_input_price_per_mtok, currency) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      7, kArchiveTypes, nullptr};

  const TriggerRow& t = ctx.row;
  const int fromColumn = ctx.column(kPriceEffectiveFrom);
  const int currencyColumn = ctx.column(kCurrency);
  const auto oldFrom = rowTimestamp(t, t.oldRow, fromColumn);
  const auto newFrom = rowTimestamp(t, t.newRow, fromColumn);
  if (!oldFrom || !newFrom || *newFrom == *oldFrom) return;
  const core::PriceChange change =
      core::decidePriceChange(oldFrom, newFrom, describeRow(t, t.oldRow));
  if (change.violation) ctx.reject(*change.violation);
  if (!change.archiveCurrent) return;

  Datum values[7];
  char nulls[7] = {' ', ' ', ' ', ' ', ' ', ' ', ' '};
  bool isNull = false;
  values[0] = rowValue(t, t.oldRow, ctx.column(kId), &isNull);
  values[1] = TimestampTzGetDatum(*oldFrom);
  values[2] = TimestampTzGetDatum(*newFrom);
  for (int i = 0; i < kPriceColumnCount; ++i) {
    values[3 + i] = rowValue(t, t.oldRow, ctx.column(kInputPrice + i), &isNull);
    nulls[3 + i] = isNull ? 'n' : ' ';
  }
  values[6] = rowValue(t, t.oldRow, currencyColumn, &isNull);
  spiConnect();
  runAsOwner(t.data->tg_relation->rd_rel->relowner,
             [&] { spiRun(archive, values, nulls, ReadMode::Statement); });
  spiFinish();
}

// Whether the update gives the model a new price or moves the current one's
// start: the current price then stops being in effect from the new start.
bool priceChanges(const RowContext& ctx) {
  if (columnChanged(ctx.row, ctx.column(kPriceEffectiveFrom))) return true;
  if (columnChanged(ctx.row, ctx.column(kCurrency))) return true;
  for (int i = 0; i < kPriceColumnCount; ++i) {
    if (columnChanged(ctx.row, ctx.column(kInputPrice + i))) return true;
  }
  return false;
}

// model_catalog_price_change_after_costs: costs that recorded the current
// price keep recording the price in effect at their occurred_at, so a new
// price cannot start at or before the latest of them. Races: every cost that
// records a price locks its model's row FOR SHARE when its statement first
// reads the model's prices (price_cache.cpp), which this update's row lock
// waits for (or the other way round); the costs are read ReadMode::Latest, so
// a cost committed while this update waited is seen.
void checkCostsKeepTheirPrice(const RowContext& ctx) {
  static const Oid kTypes[] = {INT8OID, TIMESTAMPTZOID, TIMESTAMPTZOID};
  static CachedPlan latestCost{
      "SELECT c.occurred_at, c.occurred_at::text FROM agentic.execution_costs c "
      "WHERE c.model_id = $1 AND c.price_effective_from = $2 AND c.occurred_at >= $3 "
      "ORDER BY c.occurred_at DESC LIMIT 1",
      3, kTypes, nullptr};
  if (!exists("1.3", installedVersion()) || !priceChanges(ctx)) return;
  const TriggerRow& t = ctx.row;
  const auto oldFrom = rowTimestamp(t, t.oldRow, ctx.column(kPriceEffectiveFrom));
  const auto newFrom = rowTimestamp(t, t.newRow, ctx.column(kPriceEffectiveFrom));
  if (!oldFrom || !newFrom) return;
  bool isNull = false;
  Datum args[] = {rowValue(t, t.oldRow, ctx.column(kId), &isNull), TimestampTzGetDatum(*oldFrom),
                  TimestampTzGetDatum(*newFrom)};
  std::optional<std::int64_t> latest;
  std::string latestText;
  spiConnect();
  runAsOwner(t.data->tg_relation->rd_rel->relowner, [&] {
    if (spiRun(latestCost, args, nullptr, ReadMode::Latest, 1) == 1) {
      latest = DatumGetTimestampTz(spiValue(0, 1, &isNull));
      latestText = spiText(0, 2);
    }
  });
  spiFinish();
  if (auto v =
          core::checkPriceChangeAfterCosts(*newFrom, latest, latestText, describeRow(t, t.oldRow)))
    ctx.reject(*v);
}

}  // namespace

void beforeRow(RowContext& ctx) {
  if (ctx.row.isUpdate) {
    // The older rule first: a start moved backwards reports as before.
    const auto from = ctx.column(kPriceEffectiveFrom);
    const auto oldFrom = rowTimestamp(ctx.row, ctx.row.oldRow, from);
    const auto newFrom = rowTimestamp(ctx.row, ctx.row.newRow, from);
    if (!(oldFrom && newFrom && *newFrom < *oldFrom)) checkCostsKeepTheirPrice(ctx);
  }
  if (ctx.row.isUpdate) archiveReplacedPrice(ctx);
  forgetCachedPrices();  // costs priced later in this statement see the change
}

}  // namespace agentic::pg::model_catalog
