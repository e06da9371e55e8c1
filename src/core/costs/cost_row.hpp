// The policy for one row of the execution_costs ledger: which cost it carries,
// whether it is derived from tokens and the model's price, and which price it
// records as its provenance.
#pragma once

#include "core/costs/cost_rules.hpp"
#include "core/costs/decimal.hpp"
#include "core/rules/violation.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace agentic::core {

// A model's price period as the ledger sees it. `from` is a PostgreSQL
// TimestampTz (microseconds).
struct PriceInEffect {
  TokenPrice price;
  std::int64_t from = 0;
};

// What the decision reads from the row only when it needs it (each read may cost
// a catalog lookup or a query).
class CostRowSource {
 public:
  // The new row's cost; only asked for when it is not NULL.
  virtual Decimal cost() = 0;
  // Whether cost_source is 'derived' on the new (or the old) row.
  virtual bool sourceIsDerived(bool oldRow) = 0;
  // The prices recorded on the new row; nullopt when the input or output price is NULL.
  virtual std::optional<TokenPrice> recordedPrice() = 0;
  // The new row's price_effective_from; nullopt when NULL.
  virtual std::optional<std::int64_t> recordedFrom() = 0;
  // The price of the row's model in effect at its occurred_at; nullopt when none.
  virtual std::optional<PriceInEffect> priceInEffect() = 0;
  // The new row's occurred_at as text, for error messages.
  virtual std::string occurredAtText() = 0;
  // "execution_costs row id=7 agent_id=1 ...", for error details.
  virtual std::string describeRow() = 0;

 protected:
  ~CostRowSource() = default;
};

// What the decision needs up front: cheap facts about the write.
struct CostRow {
  bool isInsert = false;
  bool isUpdate = false;
  TokenUsage usage;
  bool costNull = false;
  bool costChanged = false;       // UPDATE only
  bool inputsChanged = false;     // UPDATE only: tokens, model_id or occurred_at changed
  bool recordedFromNull = false;  // price_effective_from is NULL on the new row
  std::optional<std::int64_t> modelId;
  // occurred_at when the write sets it (INSERT, or an UPDATE that changes it),
  // checked against `now` (checkOccurredAt).
  std::optional<std::int64_t> occurredAtSet;
  std::int64_t now = 0;
  int costScale = Decimal::kScale;  // fraction digits of the cost column
  std::optional<Decimal> ceiling;   // agentic.max_execution_cost
};

struct CostDecision {
  enum class Provenance {
    Keep,       // an unrelated update: copy cost_source and the recorded price from the old row
    AsArrived,  // a row that arrives with its cost and price keeps both
    Record,     // record the price in effect (or none) and cost_source
  };
  Provenance provenance = Provenance::Record;
  bool derived = false;         // Record: cost_source is 'derived', else 'reported'
  std::optional<Decimal> cost;  // a derived cost to write, in the price's currency
  std::optional<Violation> violation;
};

CostDecision decideCostRow(const CostRow& row, CostRowSource& source);

}  // namespace agentic::core
