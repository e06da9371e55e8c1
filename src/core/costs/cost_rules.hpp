// Rules for one row of the execution_costs ledger: token usage, price and cost.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/costs/decimal.hpp"
#include "core/rules/violation.hpp"

namespace agentic::core {

struct TokenUsage {
  std::int64_t inputTokens = 0;
  std::int64_t outputTokens = 0;
  // Part of inputTokens served from the provider's prompt cache.
  std::int64_t cachedInputTokens = 0;
};

// Prices per million tokens. A model without a cached-input price bills cached
// tokens at the input price.
struct TokenPrice {
  Decimal inputPerMillion = Decimal::fromUnits(0);
  Decimal outputPerMillion = Decimal::fromUnits(0);
  std::optional<Decimal> cachedInputPerMillion;
};

std::optional<Violation> checkUsage(const TokenUsage& usage);
std::optional<Violation> checkPrice(const TokenPrice& price);

// The exact cost of `usage` at `price`, rounded to `scale` fraction digits.
// nullopt when the exact result does not fit in 128 bits.
std::optional<Decimal> deriveCost(const TokenUsage& usage, const TokenPrice& price, int scale);

// A cost must be a finite number, greater than zero and at most `ceiling`;
// exactly zero too when `zeroAllowed` (a derived cost at a free price).
std::optional<Violation> checkCost(const Decimal& cost, const Decimal& ceiling,
                                   bool zeroAllowed = false);

// How far ahead of the server's clock a cost's occurred_at may be: the clocks of
// the writers are not the server's.
inline constexpr std::int64_t kOccurredAtClockSkewMicros = 5 * 60 * 1000000LL;

// A cost happened already: occurred_at (TimestampTz values) is at most
// kOccurredAtClockSkewMicros after `now` (execution_costs_occurred_at_not_future,
// since 1.3; before, a cost dated in the far future froze its model's price, see
// checkPriceChangeAfterCosts). `occurredAtText` shows the value.
std::optional<Violation> checkOccurredAt(std::int64_t occurredAt, std::int64_t now,
                                         const std::string& occurredAtText);

// True when `usage` has tokens and `price` charges nothing for any kind of
// token it has (a free or local model): its derived cost is exactly zero
// because of the price, not because there is nothing to price or because it
// rounds away. Only such a derived cost may be zero.
bool freeAtPrice(const TokenUsage& usage, const TokenPrice& price);

// A model's current price gets a new price_effective_from (TimestampTz values).
// A later date archives the current price; the same date corrects it in place;
// an earlier one breaks model_catalog_price_history_forward. `row` describes the
// old row.
struct PriceChange {
  bool archiveCurrent = false;
  std::optional<Violation> violation;
};
PriceChange decidePriceChange(std::optional<std::int64_t> oldFrom,
                              std::optional<std::int64_t> newFrom, const std::string& row);

// A model's price changes (a new price, or a new start for the current one, at
// `newFrom`) while costs recorded the current price. `latestCost` is the latest
// occurred_at of those costs (nullopt when there are none), `latestCostText` how
// to show it. The new price may not take effect at or before it: those costs
// would record a price the history says was not in effect then
// (model_catalog_price_change_after_costs, since 1.3). `row` describes the old row.
std::optional<Violation> checkPriceChangeAfterCosts(std::int64_t newFrom,
                                                    std::optional<std::int64_t> latestCost,
                                                    const std::string& latestCostText,
                                                    const std::string& row);

}  // namespace agentic::core
