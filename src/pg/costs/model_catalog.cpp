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

}  // namespace

void beforeRow(RowContext& ctx) {
  if (ctx.row.isUpdate) archiveReplacedPrice(ctx);
  forgetCachedPrices();  // costs priced later in this statement see the change
}

}  // namespace agentic::pg::model_catalog
