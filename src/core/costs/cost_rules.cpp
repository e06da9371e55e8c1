#include "core/costs/cost_rules.hpp"

#include <utility>

namespace agentic::core {

namespace {

constexpr Int128 kTokensPerPriceUnit = 1000000;  // prices are per million tokens

Int128 pow10(int n) {
  Int128 v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

bool nonNegativeFinite(const Decimal& d) { return d.isFinite() && d.sign() >= 0; }

}  // namespace

std::optional<Violation> checkUsage(const TokenUsage& usage) {
  if (usage.inputTokens < 0)
    return Violation{"execution_costs_tokens_non_negative", "input_tokens must not be negative"};
  if (usage.outputTokens < 0)
    return Violation{"execution_costs_tokens_non_negative", "output_tokens must not be negative"};
  if (usage.cachedInputTokens < 0)
    return Violation{"execution_costs_tokens_non_negative",
                     "cached_input_tokens must not be negative"};
  if (usage.cachedInputTokens > usage.inputTokens)
    return Violation{"execution_costs_cached_within_input",
                     "cached_input_tokens must not exceed input_tokens"};
  return std::nullopt;
}

std::optional<Violation> checkPrice(const TokenPrice& price) {
  const bool cachedOk =
      !price.cachedInputPerMillion.has_value() || nonNegativeFinite(*price.cachedInputPerMillion);
  if (!nonNegativeFinite(price.inputPerMillion) || !nonNegativeFinite(price.outputPerMillion) ||
      !cachedOk)
    return Violation{"model_price_valid", "token prices must be finite and not negative"};
  return std::nullopt;
}

std::optional<Decimal> deriveCost(const TokenUsage& usage, const TokenPrice& price, int scale) {
  if (checkUsage(usage) || checkPrice(price)) return std::nullopt;
  const Decimal cachedPrice = price.cachedInputPerMillion.value_or(price.inputPerMillion);
  const Int128 uncached = usage.inputTokens - usage.cachedInputTokens;

  // Checked arithmetic: only a result that really does not fit is refused
  // (zero tokens at any price cost zero).
  const Int128 terms[][2] = {{uncached, price.inputPerMillion.units()},
                             {usage.cachedInputTokens, cachedPrice.units()},
                             {usage.outputTokens, price.outputPerMillion.units()}};
  Int128 total = 0;
  for (const auto& term : terms) {
    Int128 product = 0;
    if (__builtin_mul_overflow(term[0], term[1], &product) ||
        __builtin_add_overflow(total, product, &total))
      return std::nullopt;
  }
  // total is in units * tokens; dividing by a million tokens gives units. Round
  // half up to the requested scale in one step to avoid double rounding.
  if (scale < 0) scale = 0;
  if (scale > Decimal::kScale) scale = Decimal::kScale;
  const Int128 divisor = kTokensPerPriceUnit * pow10(Decimal::kScale - scale);
  Int128 rounded = total / divisor;
  if ((total % divisor) * 2 >= divisor) ++rounded;
  return Decimal::fromUnits(rounded * pow10(Decimal::kScale - scale));
}

bool freeAtPrice(const TokenUsage& usage, const TokenPrice& price) {
  if (checkUsage(usage) || checkPrice(price)) return false;
  const Decimal cachedPrice = price.cachedInputPerMillion.value_or(price.inputPerMillion);
  const std::int64_t uncached = usage.inputTokens - usage.cachedInputTokens;
  const std::pair<std::int64_t, const Decimal*> terms[] = {
      {uncached, &price.inputPerMillion},
      {usage.cachedInputTokens, &cachedPrice},
      {usage.outputTokens, &price.outputPerMillion}};
  bool anyTokens = false;
  for (const auto& [tokens, perMillion] : terms) {
    if (tokens == 0) continue;
    anyTokens = true;
    if (perMillion->sign() != 0) return false;
  }
  return anyTokens;
}

std::optional<Violation> checkCost(const Decimal& cost, const Decimal& ceiling, bool zeroAllowed) {
  if (cost.kind() == Decimal::Kind::NaN)
    return Violation{"execution_costs_cost_finite", "cost must be a number, not NaN"};
  if (!cost.isFinite())
    return Violation{"execution_costs_cost_finite", "cost must be finite, not infinity"};
  if (cost.sign() < 0 || (cost.sign() == 0 && !zeroAllowed))
    return Violation{"execution_costs_cost_positive", "cost must be greater than zero"};
  if (ceiling < cost)
    return Violation{"execution_costs_cost_ceiling",
                     "cost exceeds agentic.max_execution_cost (" + ceiling.toString(2) + ")"};
  return std::nullopt;
}

std::optional<Violation> checkOccurredAt(std::int64_t occurredAt, std::int64_t now,
                                         const std::string& occurredAtText) {
  if (occurredAt <= now || occurredAt - now <= kOccurredAtClockSkewMicros) return std::nullopt;
  return Violation{"execution_costs_occurred_at_not_future",
                   "occurred_at " + occurredAtText + " is in the future"};
}

PriceChange decidePriceChange(std::optional<std::int64_t> oldFrom,
                              std::optional<std::int64_t> newFrom, const std::string& row) {
  PriceChange change;
  if (!oldFrom || !newFrom || *newFrom == *oldFrom) return change;
  if (*newFrom < *oldFrom) {
    change.violation = Violation{"model_catalog_price_history_forward",
                                 "a model's price_effective_from cannot move backwards",
                                 row + ": the current price took effect later than the new date."};
    return change;
  }
  change.archiveCurrent = true;
  return change;
}

std::optional<Violation> checkPriceChangeAfterCosts(std::int64_t newFrom,
                                                    std::optional<std::int64_t> latestCost,
                                                    const std::string& latestCostText,
                                                    const std::string& row) {
  if (!latestCost || *latestCost < newFrom) return std::nullopt;
  return Violation{"model_catalog_price_change_after_costs",
                   "a new price cannot take effect before costs recorded at the current price",
                   row + ": execution_costs recorded its current price up to occurred_at " +
                       latestCostText + "."};
}

}  // namespace agentic::core
