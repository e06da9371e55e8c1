// The cost ledger and model prices: execution_costs and model_catalog triggers.
#include "core/costs/cost_rules.hpp"
#include "pg/costs/price_cache.hpp"
#include "pg/runtime/generic_rules.hpp"
#include "pg/runtime/settings.hpp"
#include "pg/runtime/spi.hpp"

#include <string>

extern "C" {
PG_FUNCTION_INFO_V1(agentic_execution_costs_before_write);
PG_FUNCTION_INFO_V1(agentic_model_catalog_before_write);
}

namespace agentic::pg {
namespace {

const char* const kPriceColumns[] = {"input_price_per_mtok", "output_price_per_mtok",
                                     "cached_input_price_per_mtok"};

core::Decimal numericToDecimal(Datum value) {
  const char* text =
      pgCall([&] { return DatumGetCString(DirectFunctionCall1(numeric_out, value)); });
  const auto decimal = core::Decimal::parse(text);
  if (!decimal)
    throw RuleViolation(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                        std::string("amount ") + text + " is out of the supported range");
  return *decimal;
}

int numericScale(int32 typmod) {
  return typmod >= static_cast<int32>(VARHDRSZ) ? ((typmod - VARHDRSZ) & 0xffff)
                                                : core::Decimal::kScale;
}

Datum decimalToNumeric(const core::Decimal& value, int32 typmod) {
  const std::string text = value.toString(numericScale(typmod));
  return pgCall([&] {
    return DirectFunctionCall3(numeric_in, CStringGetDatum(text.c_str()),
                               ObjectIdGetDatum(InvalidOid), Int32GetDatum(typmod));
  });
}

Datum enumValue(Oid enumType, const char* label) {
  const Oid value = pgCall([&] {
    return GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid, ObjectIdGetDatum(enumType),
                           CStringGetDatum(label));
  });
  if (!OidIsValid(value))
    throw RuleViolation(ERRCODE_INVALID_TEXT_REPRESENTATION,
                        std::string("enum label \"") + label + "\" is missing");
  return ObjectIdGetDatum(value);
}

std::string describeCostRow(const TriggerRow& t) {
  std::string text = describeRow(t, t.newRow);
  for (const char* column : {"agent_id", "task_id", "model_id"}) {
    const int n = t.column(column);
    const auto value = n ? rowInt64(t, t.newRow, n) : std::nullopt;
    if (value) text += std::string(" ") + column + "=" + std::to_string(*value);
  }
  return text;
}

// The prices recorded on the new row, for rows that arrive with them; nullopt
// when the input or output price is missing.
std::optional<core::TokenPrice> recordedPrice(const TriggerRow& t) {
  core::TokenPrice price;
  for (int i = 0; i < 3; ++i) {
    bool isNull = false;
    const Datum value = rowValue(t, t.newRow, t.requireColumn(kPriceColumns[i]), &isNull);
    if (isNull) {
      if (i < 2) return std::nullopt;
      continue;
    }
    const core::Decimal decimal = numericToDecimal(value);
    if (i == 0) price.inputPerMillion = decimal;
    if (i == 1) price.outputPerMillion = decimal;
    if (i == 2) price.cachedInputPerMillion = decimal;
  }
  return price;
}

bool samePrice(const core::TokenPrice& a, const core::TokenPrice& b) {
  return a.inputPerMillion == b.inputPerMillion && a.outputPerMillion == b.outputPerMillion &&
         a.cachedInputPerMillion == b.cachedInputPerMillion;
}

[[noreturn]] void rejectCost(const TriggerRow& t, const core::CostViolation& violation,
                             const std::string& hint = {}) {
  throw RuleViolation(ERRCODE_CHECK_VIOLATION, "execution cost rejected: " + violation.message,
                      describeCostRow(t) + ".", hint, "execution_costs", violation.rule);
}

// Finite, positive and below agentic.max_execution_cost.
void checkCostAmount(const TriggerRow& t, const core::Decimal& amount) {
  const auto ceiling = core::Decimal::fromDouble(maxExecutionCost);
  if (const auto violation = core::checkCost(amount, ceiling.value_or(amount)))
    rejectCost(t, *violation,
               violation->rule == "execution_costs_cost_ceiling"
                   ? "A superuser can raise agentic.max_execution_cost."
                   : "");
}

Datum executionCostsBeforeWrite(FunctionCallInfo fcinfo) {
  const TriggerRow t = TriggerRow::fromCall(fcinfo, "execution_costs_before_write", true);
  RowEdit edit(t);
  applyRowRules(t, nullptr, edit);

  const int inputColumn = t.requireColumn("input_tokens");
  const int outputColumn = t.requireColumn("output_tokens");
  const int cachedColumn = t.requireColumn("cached_input_tokens");
  const int modelColumn = t.requireColumn("model_id");
  const int occurredColumn = t.requireColumn("occurred_at");
  const int costColumn = t.requireColumn("cost");
  const int sourceColumn = t.requireColumn("cost_source");
  const auto input = rowInt64(t, t.newRow, inputColumn);
  const auto output = rowInt64(t, t.newRow, outputColumn);
  const auto cached = rowInt64(t, t.newRow, cachedColumn);
  if (!input || !output || !cached) return PointerGetDatum(edit.apply());  // NOT NULL reports it

  const core::TokenUsage usage{*input, *output, *cached};
  if (const auto violation = core::checkUsage(usage)) rejectCost(t, *violation);

  bool costNull = false;
  Datum cost = rowValue(t, t.newRow, costColumn, &costNull);
  const int fromColumn = t.requireColumn("price_effective_from");
  bool wantsDerivation = costNull;
  if (t.isUpdate && !costNull && !columnChanged(t, costColumn)) {
    const bool inputsChanged = columnChanged(t, inputColumn) || columnChanged(t, outputColumn) ||
                               columnChanged(t, cachedColumn) || columnChanged(t, modelColumn) ||
                               columnChanged(t, occurredColumn);
    if (!inputsChanged) {
      // Neither the cost nor what it was derived from changed: the row keeps
      // its provenance (an edit of metadata or operation must not re-price it,
      // and nobody rewrites which price a cost was computed at).
      for (const int column :
           {sourceColumn, fromColumn, t.requireColumn(kPriceColumns[0]),
            t.requireColumn(kPriceColumns[1]), t.requireColumn(kPriceColumns[2])}) {
        bool isNull = false;
        const Datum old = rowValue(t, t.oldRow, column, &isNull);
        edit.set(column, old, isNull);
      }
      return PointerGetDatum(edit.apply());
    }
    // A derived cost follows its inputs when they are corrected.
    wantsDerivation = rowEnumLabel(t, t.oldRow, sourceColumn) == "derived";
  }

  const Form_pg_attribute costAttr = TupleDescAttr(t.desc, costColumn - 1);
  bool recordedFromNull = false;
  rowValue(t, t.newRow, fromColumn, &recordedFromNull);
  core::Decimal amount = core::Decimal::fromUnits(0);
  if (t.isInsert && !costNull && !recordedFromNull) {
    // A row that arrives with its cost and the price it was computed at (a
    // restore, a replay from another ledger) keeps both; a "derived" claim
    // must add up exactly.
    amount = numericToDecimal(cost);
    if (rowEnumLabel(t, t.newRow, sourceColumn) == "derived") {
      const auto price = recordedPrice(t);
      const auto derived =
          price ? core::deriveCost(usage, *price, numericScale(costAttr->atttypmod)) : std::nullopt;
      if (!derived || !(*derived == amount))
        rejectCost(t, core::CostViolation{"execution_costs_derived_cost_matches",
                                          "a derived cost must equal tokens times the recorded "
                                          "prices"});
      // ... and the recorded prices must be the model's price in effect then.
      const auto modelId = rowInt64(t, t.newRow, modelColumn);
      const auto occurredAt = rowTimestamp(t, t.newRow, occurredColumn);
      const PricePeriod* inEffect =
          modelId && occurredAt ? priceInEffect(*modelId, *occurredAt) : nullptr;
      const auto recordedFrom = rowTimestamp(t, t.newRow, fromColumn);
      if (inEffect == nullptr || !samePrice(*price, inEffect->decimal) ||
          recordedFrom != inEffect->from)
        rejectCost(t, core::CostViolation{"execution_costs_derived_price_in_effect",
                                          "a derived cost must record the model's price in "
                                          "effect at occurred_at"});
    }
  } else {
    const auto modelId = rowInt64(t, t.newRow, modelColumn);
    const auto occurredAt = rowTimestamp(t, t.newRow, occurredColumn);
    const PricePeriod* price =
        modelId && occurredAt ? priceInEffect(*modelId, *occurredAt) : nullptr;

    // Record the price used (or that none was in effect) on the row itself.
    for (int i = 0; i < 3; ++i) {
      edit.set(t.requireColumn(kPriceColumns[i]), price ? price->prices[i] : Datum(0),
               !price || price->nulls[i]);
    }
    edit.set(fromColumn, price ? TimestampTzGetDatum(price->from) : Datum(0), !price);

    if (wantsDerivation) {
      if (!price) {
        const std::string why = !modelId ? "it names no model_id"
                                         : "model " + std::to_string(*modelId) +
                                               " has no price in effect at occurred_at";
        rejectCost(t,
                   core::CostViolation{"execution_costs_cost_derivable",
                                       "cost is NULL and cannot be derived: " + why},
                   "Give the cost, or a model_id whose price covers occurred_at.");
      }
      const auto derived =
          core::deriveCost(usage, price->decimal, numericScale(costAttr->atttypmod));
      if (!derived)
        rejectCost(t, core::CostViolation{"execution_costs_cost_ceiling",
                                          "the derived cost is out of range"});
      amount = *derived;
      checkCostAmount(t, amount);  // before the column's precision can overflow
      cost = decimalToNumeric(amount, costAttr->atttypmod);
      edit.set(costColumn, cost);
      edit.set(t.requireColumn("currency"), price->currency);  // the price's currency
    } else if (!costNull) {
      amount = numericToDecimal(cost);
    }
    edit.set(sourceColumn, enumValue(TupleDescAttr(t.desc, sourceColumn - 1)->atttypid,
                                     wantsDerivation ? "derived" : "reported"));
  }

  if (!costNull && !wantsDerivation) checkCostAmount(t, amount);  // derived ones were checked
  return PointerGetDatum(edit.apply());
}

// A new price that takes effect later archives the current one; a price
// changed without moving its start is a correction of the current price.
void archiveReplacedPrice(const TriggerRow& t) {
  static const Oid kArchiveTypes[] = {INT8OID,    TIMESTAMPTZOID, TIMESTAMPTZOID, NUMERICOID,
                                      NUMERICOID, NUMERICOID,     BPCHAROID};
  static CachedPlan archive{
      "INSERT INTO agentic.model_price_history (model_id, effective_from, effective_until, "
      "input_price_per_mtok, output_price_per_mtok, cached_input_price_per_mtok, currency) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      7, kArchiveTypes, nullptr};

  const int fromColumn = t.requireColumn("price_effective_from");
  const int currencyColumn = t.requireColumn("currency");
  const auto oldFrom = rowTimestamp(t, t.oldRow, fromColumn);
  const auto newFrom = rowTimestamp(t, t.newRow, fromColumn);
  if (!oldFrom || !newFrom || *newFrom == *oldFrom) return;
  if (*newFrom < *oldFrom)
    throw RuleViolation(
        ERRCODE_CHECK_VIOLATION, "a model's price_effective_from cannot move backwards",
        describeRow(t, t.oldRow) + ": the current price took effect later than the new date.",
        "Price history only grows forward; give the new price a later "
        "price_effective_from.",
        "model_catalog", "model_catalog_price_history_forward");

  Datum values[7];
  char nulls[7] = {' ', ' ', ' ', ' ', ' ', ' ', ' '};
  bool isNull = false;
  values[0] = rowValue(t, t.oldRow, t.requireColumn("id"), &isNull);
  values[1] = TimestampTzGetDatum(*oldFrom);
  values[2] = TimestampTzGetDatum(*newFrom);
  for (int i = 0; i < 3; ++i) {
    values[3 + i] = rowValue(t, t.oldRow, t.requireColumn(kPriceColumns[i]), &isNull);
    nulls[3 + i] = isNull ? 'n' : ' ';
  }
  values[6] = rowValue(t, t.oldRow, currencyColumn, &isNull);
  spiConnect();
  runAsOwner(t.data->tg_relation->rd_rel->relowner,
             [&] { spiRun(archive, values, nulls, ReadMode::Statement); });
  spiFinish();
}

Datum modelCatalogBeforeWrite(FunctionCallInfo fcinfo) {
  const TriggerRow t = TriggerRow::fromCall(fcinfo, "model_catalog_before_write", true);
  RowEdit edit(t);
  applyRowRules(t, nullptr, edit);
  if (t.isUpdate) archiveReplacedPrice(t);
  forgetCachedPrices();  // costs priced later in this statement see the change
  return PointerGetDatum(edit.apply());
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_execution_costs_before_write(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::executionCostsBeforeWrite(fcinfo); });
}

Datum agentic_model_catalog_before_write(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::modelCatalogBeforeWrite(fcinfo); });
}
