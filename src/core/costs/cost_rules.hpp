// Rules for one row of the execution_costs ledger: token usage, price and cost.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/costs/decimal.hpp"

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

// A broken rule: which one (a stable name, also used as the constraint name in
// the PostgreSQL error) and what is wrong.
struct CostViolation {
  std::string rule;
  std::string message;
};

std::optional<CostViolation> checkUsage(const TokenUsage& usage);
std::optional<CostViolation> checkPrice(const TokenPrice& price);

// The exact cost of `usage` at `price`, rounded to `scale` fraction digits.
// nullopt when the exact result does not fit in 128 bits.
std::optional<Decimal> deriveCost(const TokenUsage& usage, const TokenPrice& price, int scale);

// A cost must be a finite number, greater than zero and at most `ceiling`.
std::optional<CostViolation> checkCost(const Decimal& cost, const Decimal& ceiling);

}  // namespace agentic::core
