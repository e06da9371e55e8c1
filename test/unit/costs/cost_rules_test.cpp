#include "core/costs/cost_rules.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace agentic::core {
namespace {

constexpr std::int64_t kMaxTokens = std::numeric_limits<std::int64_t>::max();

Decimal dec(std::string_view text) {
  const std::optional<Decimal> d = Decimal::parse(text);
  if (!d) {
    ADD_FAILURE() << "parse(\"" << text << "\") failed";
    return Decimal::fromUnits(0);
  }
  return *d;
}

TokenUsage usage(std::int64_t input, std::int64_t output, std::int64_t cached) {
  TokenUsage u;
  u.inputTokens = input;
  u.outputTokens = output;
  u.cachedInputTokens = cached;
  return u;
}

TokenPrice price(std::string_view input, std::string_view output,
                 std::optional<std::string_view> cached = std::nullopt) {
  TokenPrice p;
  p.inputPerMillion = dec(input);
  p.outputPerMillion = dec(output);
  if (cached) p.cachedInputPerMillion = dec(*cached);
  return p;
}

// deriveCost as text at the full internal scale, or "nullopt".
std::string cost(const TokenUsage& u, const TokenPrice& p, int scale) {
  const std::optional<Decimal> c = deriveCost(u, p, scale);
  if (!c) return "nullopt";
  if (!c->isFinite()) return "non-finite";
  return c->toString(Decimal::kScale);
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---------------------------------------------------------------- checkUsage

TEST(CostRules, CheckUsageAcceptsValidUsage) {
  EXPECT_FALSE(checkUsage(usage(0, 0, 0)).has_value());
  EXPECT_FALSE(checkUsage(usage(100, 50, 0)).has_value());
  EXPECT_FALSE(checkUsage(usage(100, 0, 100)).has_value());  // all input cached
  EXPECT_FALSE(checkUsage(usage(kMaxTokens, kMaxTokens, kMaxTokens)).has_value());
}

TEST(CostRules, CheckUsageRejectsEachNegativeField) {
  struct Case {
    TokenUsage usage;
    std::string_view field;
  };
  const Case cases[] = {
      {usage(-1, 0, 0), "input_tokens"},
      {usage(0, -1, 0), "output_tokens"},
      {usage(10, 0, -1), "cached_input_tokens"},
      {usage(std::numeric_limits<std::int64_t>::min(), 5, 0), "input_tokens"},
  };
  for (const auto& c : cases) {
    const auto v = checkUsage(c.usage);
    ASSERT_TRUE(v.has_value()) << c.field;
    EXPECT_EQ(v->ruleId, "execution_costs_tokens_non_negative") << c.field;
    EXPECT_TRUE(contains(v->message, c.field)) << v->message;
    EXPECT_TRUE(contains(v->message, "negative")) << v->message;
  }
  // The message names the offending field, not another one.
  const auto output = checkUsage(usage(0, -1, 0));
  ASSERT_TRUE(output.has_value());
  EXPECT_FALSE(contains(output->message, "input_tokens")) << output->message;
}

TEST(CostRules, CheckUsageRejectsCachedAboveInput) {
  const auto v = checkUsage(usage(10, 0, 11));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->ruleId, "execution_costs_cached_within_input");
  EXPECT_TRUE(contains(v->message, "cached_input_tokens")) << v->message;

  const auto zeroInput = checkUsage(usage(0, 100, 1));
  ASSERT_TRUE(zeroInput.has_value());
  EXPECT_EQ(zeroInput->ruleId, "execution_costs_cached_within_input");
}

// ---------------------------------------------------------------- checkPrice

TEST(CostRules, CheckPriceAcceptsValidPrices) {
  EXPECT_FALSE(checkPrice(price("0", "0")).has_value());
  EXPECT_FALSE(checkPrice(price("2.50", "10.00")).has_value());
  EXPECT_FALSE(checkPrice(price("2.50", "10.00", "1.25")).has_value());
  EXPECT_FALSE(checkPrice(price("2.50", "10.00", "0")).has_value());
  EXPECT_FALSE(checkPrice(TokenPrice{}).has_value());
}

TEST(CostRules, CheckPriceRejectsNegativeOrNonFinitePrices) {
  const TokenPrice bad[] = {
      price("-0.000000000001", "1"), price("1", "-1"),
      price("1", "1", "-0.5"),       price("NaN", "1"),
      price("1", "Infinity"),        price("-Infinity", "1"),
      price("1", "1", "NaN"),        price("1", "1", "Infinity"),
  };
  for (const auto& p : bad) {
    const auto v = checkPrice(p);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->ruleId, "model_price_valid");
    EXPECT_FALSE(v->message.empty());
  }
}

// ---------------------------------------------------------------- deriveCost

TEST(CostRules, DeriveCostIsExact) {
  // One million input tokens at 2.50 per million cost exactly 2.5.
  const auto c = deriveCost(usage(1000000, 0, 0), price("2.50", "10.00"), 10);
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->isFinite());
  EXPECT_EQ(*c, dec("2.5"));
  EXPECT_EQ(c->toString(10), "2.5000000000");

  EXPECT_EQ(cost(usage(0, 1000000, 0), price("2.50", "10.00"), 10), "10.000000000000");
  EXPECT_EQ(cost(usage(2000000, 500000, 0), price("2.50", "10.00"), 10), "10.000000000000");
  EXPECT_EQ(cost(usage(1, 0, 0), price("2.50", "10.00"), 10), "0.000002500000");
  EXPECT_EQ(cost(usage(0, 0, 0), price("2.50", "10.00"), 10), "0.000000000000");
}

TEST(CostRules, CachedTokensUseTheCachedPrice) {
  // 600k uncached * 3.00 + 400k cached * 0.30 + 500k output * 15.00
  //   = 1.80 + 0.12 + 7.50
  EXPECT_EQ(cost(usage(1000000, 500000, 400000), price("3.00", "15.00", "0.30"), 10),
            "9.420000000000");
  // A free cache is not the same as no cached price.
  EXPECT_EQ(cost(usage(1000000, 500000, 400000), price("3.00", "15.00", "0"), 10),
            "9.300000000000");
  // Everything cached.
  EXPECT_EQ(cost(usage(2000000, 0, 2000000), price("3.00", "15.00", "0.30"), 10), "0.600000000000");
}

TEST(CostRules, CachedTokensUseTheInputPriceWithoutACachedPrice) {
  // 1,000,000 input tokens at 3.00 whether cached or not, plus 7.50 output.
  EXPECT_EQ(cost(usage(1000000, 500000, 400000), price("3.00", "15.00"), 10), "10.500000000000");
  EXPECT_EQ(cost(usage(1000000, 500000, 0), price("3.00", "15.00"), 10), "10.500000000000");
}

TEST(CostRules, DeriveCostRoundsHalfUpAtTheRequestedScale) {
  // 1,234,567 * 2.50 / 1,000,000 = 3.0864175
  const TokenUsage u = usage(1234567, 0, 0);
  const TokenPrice p = price("2.50", "0");
  EXPECT_EQ(cost(u, p, 12), "3.086417500000");
  EXPECT_EQ(cost(u, p, 10), "3.086417500000");
  EXPECT_EQ(cost(u, p, 6), "3.086418000000");
  EXPECT_EQ(cost(u, p, 2), "3.090000000000");
  EXPECT_EQ(cost(u, p, 0), "3.000000000000");

  // One token at 0.00015 per million = 1.5e-10: half rounds up at scale 10.
  EXPECT_EQ(cost(usage(1, 0, 0), price("0.00015", "0"), 10), "0.000000000200");
  EXPECT_EQ(cost(usage(1, 0, 0), price("0.00014", "0"), 10), "0.000000000100");
  // One token at 0.00001 per million = 1e-11 rounds to zero at scale 10.
  EXPECT_EQ(cost(usage(1, 0, 0), price("0.00001", "0"), 10), "0.000000000000");
  EXPECT_EQ(cost(usage(1, 0, 0), price("0.00001", "0"), 12), "0.000000000010");
}

TEST(CostRules, DeriveCostRoundsOnceNotTwice) {
  // 1 token at 0.000149999999 per million = 1.49999999e-10. Rounding to 12
  // digits first (1.50e-10) and then to 10 would wrongly give 2e-10.
  const TokenUsage one = usage(1, 0, 0);
  const TokenPrice p = price("0.000149999999", "0");
  EXPECT_EQ(cost(one, p, 10), "0.000000000100");
  EXPECT_EQ(cost(one, p, 12), "0.000000000150");
  // The sum is rounded, not the terms: 3 tokens of each kind at 0.00005 per
  // million make three terms of 1.5e-10, 4.5e-10 in total -> 5e-10 at scale 10
  // (rounding each term first would give 6e-10).
  EXPECT_EQ(cost(usage(6, 3, 3), price("0.00005", "0.00005", "0.00005"), 10), "0.000000000500");
}

TEST(CostRules, HugeButLegalTokenCountsDoNotOverflow) {
  // INT64_MAX * 2.50 / 1e6 = 23058430092136.9395175
  EXPECT_EQ(cost(usage(kMaxTokens, 0, 0), price("2.50", "0"), 10), "23058430092136.939517500000");
  EXPECT_EQ(cost(usage(kMaxTokens, 0, 0), price("2.50", "0"), 2), "23058430092136.940000000000");
  EXPECT_EQ(cost(usage(0, kMaxTokens, 0), price("0", "2.50"), 2), "23058430092136.940000000000");

  // Every count at INT64_MAX and every price at the largest accepted one
  // (2^60 units = 1152921.504606846976): INT64_MAX * 2^61 / 10^18
  //   = 21267647932558653964.155069955271819264
  const std::string_view maxPrice = "1152921.504606846976";
  const TokenPrice p = price(maxPrice, maxPrice, maxPrice);
  EXPECT_EQ(cost(usage(kMaxTokens, kMaxTokens, kMaxTokens), p, 12),
            "21267647932558653964.155069955272");
  EXPECT_EQ(cost(usage(kMaxTokens, kMaxTokens, kMaxTokens), p, 10),
            "21267647932558653964.155069955300");
  EXPECT_EQ(cost(usage(kMaxTokens, kMaxTokens, 0), p, 12), "21267647932558653964.155069955272");
}

TEST(CostRules, LargePricesAreExactAndOnlyRealOverflowIsRefused) {
  const std::string_view large = "1152921.504606846977";  // above 2^60 units
  const TokenUsage u = usage(1000, 1000, 500);
  // 500 uncached * p + 500 cached * 1 + 1000 * 1, per million tokens
  EXPECT_EQ(cost(u, price(large, "1", "1"), 10), "576.462252303400");
  EXPECT_EQ(cost(u, price("1", large), 10), "1152.922504606800");
  // Zero tokens cost zero at any price.
  EXPECT_EQ(cost(usage(0, 0, 0), price("1329227995784915872903807", "1"), 10), "0.000000000000");
  // A product or a sum beyond int128 is refused rather than wrapped.
  EXPECT_EQ(cost(usage(kMaxTokens, 0, 0), price("1329227995784915872903807", "1"), 10), "nullopt");
  EXPECT_EQ(cost(usage(kMaxTokens, kMaxTokens, 0), price("99999999.999999", "99999999.999999"), 10),
            "nullopt");
}

TEST(CostRules, DeriveCostRejectsInvalidInput) {
  const TokenPrice ok = price("2.50", "10.00");
  EXPECT_EQ(cost(usage(-1, 0, 0), ok, 10), "nullopt");
  EXPECT_EQ(cost(usage(0, -1, 0), ok, 10), "nullopt");
  EXPECT_EQ(cost(usage(10, 0, -1), ok, 10), "nullopt");
  EXPECT_EQ(cost(usage(10, 0, 11), ok, 10), "nullopt");
  const TokenUsage u = usage(1000, 1000, 0);
  EXPECT_EQ(cost(u, price("-2.50", "10.00"), 10), "nullopt");
  EXPECT_EQ(cost(u, price("2.50", "NaN"), 10), "nullopt");
  EXPECT_EQ(cost(u, price("Infinity", "10.00"), 10), "nullopt");
  EXPECT_EQ(cost(u, price("2.50", "10.00", "-1"), 10), "nullopt");
}

// ---------------------------------------------------------------- checkCost

TEST(CostRules, CheckCostAcceptsPositiveCostsUpToTheCeiling) {
  const Decimal ceiling = dec("1000");
  EXPECT_FALSE(checkCost(dec("0.000000000001"), ceiling).has_value());
  EXPECT_FALSE(checkCost(dec("2.5"), ceiling).has_value());
  EXPECT_FALSE(checkCost(dec("999.999999999999"), ceiling).has_value());
  EXPECT_FALSE(checkCost(dec("1000"), ceiling).has_value());  // exactly at the ceiling
  EXPECT_FALSE(checkCost(dec("1000.000000000000"), ceiling).has_value());
}

TEST(CostRules, CheckCostRejectsNonFinite) {
  const Decimal ceiling = dec("1000");
  const auto nan = checkCost(dec("NaN"), ceiling);
  ASSERT_TRUE(nan.has_value());
  EXPECT_EQ(nan->ruleId, "execution_costs_cost_finite");
  EXPECT_TRUE(contains(nan->message, "NaN")) << nan->message;

  for (std::string_view inf : {"Infinity", "-Infinity"}) {
    const auto v = checkCost(dec(inf), ceiling);
    ASSERT_TRUE(v.has_value()) << inf;
    EXPECT_EQ(v->ruleId, "execution_costs_cost_finite") << inf;
    EXPECT_TRUE(contains(v->message, "infinity")) << v->message;
  }
}

TEST(CostRules, CheckCostRejectsZeroAndNegative) {
  const Decimal ceiling = dec("1000");
  for (std::string_view bad : {"0", "-0", "-0.000000000001", "-5", "-1000000"}) {
    const auto v = checkCost(dec(bad), ceiling);
    ASSERT_TRUE(v.has_value()) << bad;
    EXPECT_EQ(v->ruleId, "execution_costs_cost_positive") << bad;
  }
}

TEST(CostRules, CheckCostRejectsAboveTheCeiling) {
  const Decimal ceiling = dec("1000");
  for (std::string_view bad : {"1000.000000000001", "1000.01", "1001", "1000000000"}) {
    const auto v = checkCost(dec(bad), ceiling);
    ASSERT_TRUE(v.has_value()) << bad;
    EXPECT_EQ(v->ruleId, "execution_costs_cost_ceiling") << bad;
    EXPECT_TRUE(contains(v->message, "agentic.max_execution_cost")) << v->message;
    EXPECT_TRUE(contains(v->message, "(1000.00)")) << v->message;
  }
  const auto small = checkCost(dec("0.26"), dec("0.25"));
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(small->ruleId, "execution_costs_cost_ceiling");
  EXPECT_TRUE(contains(small->message, "(0.25)")) << small->message;
}

TEST(CostRules, CheckCostWithAnInfiniteCeilingHasNoUpperLimit) {
  const Decimal ceiling = dec("Infinity");
  EXPECT_FALSE(checkCost(dec("1"), ceiling).has_value());
  EXPECT_FALSE(checkCost(dec("1329227995784915872903807"), ceiling).has_value());
  // The other rules still apply.
  ASSERT_TRUE(checkCost(dec("0"), ceiling).has_value());
  EXPECT_EQ(checkCost(dec("0"), ceiling)->ruleId, "execution_costs_cost_positive");
}

TEST(CostRules, DerivedCostsPassOrFailCheckCostAsExpected) {
  const Decimal ceiling = dec("1000");
  const auto small = deriveCost(usage(1000000, 0, 0), price("2.50", "10.00"), 10);
  ASSERT_TRUE(small.has_value());
  EXPECT_FALSE(checkCost(*small, ceiling).has_value());

  // Too cheap to register at scale 10: zero, which checkCost rejects.
  const auto zero = deriveCost(usage(1, 0, 0), price("0.00001", "0"), 10);
  ASSERT_TRUE(zero.has_value());
  ASSERT_TRUE(checkCost(*zero, ceiling).has_value());
  EXPECT_EQ(checkCost(*zero, ceiling)->ruleId, "execution_costs_cost_positive");

  const auto big = deriveCost(usage(kMaxTokens, 0, 0), price("2.50", "0"), 10);
  ASSERT_TRUE(big.has_value());
  ASSERT_TRUE(checkCost(*big, ceiling).has_value());
  EXPECT_EQ(checkCost(*big, ceiling)->ruleId, "execution_costs_cost_ceiling");
}

TEST(CostRules, ZeroIsAllowedOnlyForADerivedCostAtAFreePrice) {
  const Decimal ceiling = dec("1000");
  EXPECT_TRUE(freeAtPrice(usage(1000, 500, 200), price("0", "0")));
  EXPECT_TRUE(freeAtPrice(usage(1000, 0, 0), price("0", "15")));         // output unused
  EXPECT_TRUE(freeAtPrice(usage(1000, 0, 1000), price("3", "0", "0")));  // all cached, free
  EXPECT_FALSE(freeAtPrice(usage(1000, 0, 1000), price("0", "0", "0.5")));
  EXPECT_FALSE(freeAtPrice(usage(1000, 10, 0), price("0", "15")));
  EXPECT_FALSE(freeAtPrice(usage(0, 0, 0), price("0", "0")));        // nothing to price
  EXPECT_FALSE(freeAtPrice(usage(1, 0, 0), price("0.00001", "0")));  // rounds away, not free
  EXPECT_FALSE(freeAtPrice(usage(-1, 0, 0), price("0", "0")));

  EXPECT_FALSE(checkCost(dec("0"), ceiling, true).has_value());
  ASSERT_TRUE(checkCost(dec("0"), ceiling, false).has_value());
  EXPECT_EQ(checkCost(dec("0"), ceiling)->message, "cost must be greater than zero");
  ASSERT_TRUE(checkCost(dec("-0.01"), ceiling, true).has_value());
  EXPECT_EQ(checkCost(dec("-0.01"), ceiling, true)->ruleId, "execution_costs_cost_positive");
  ASSERT_TRUE(checkCost(dec("NaN"), ceiling, true).has_value());
  EXPECT_EQ(checkCost(dec("NaN"), ceiling, true)->ruleId, "execution_costs_cost_finite");
}

TEST(CostRules, ANewPriceTakesEffectOnlyAfterTheCostsAtTheCurrentPrice) {
  EXPECT_FALSE(checkPriceChangeAfterCosts(100, std::nullopt, "", "model_catalog row id=1"));
  EXPECT_FALSE(checkPriceChangeAfterCosts(100, 99, "t99", "model_catalog row id=1"));
  const auto same = checkPriceChangeAfterCosts(100, 100, "t100", "model_catalog row id=1");
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->ruleId, "model_catalog_price_change_after_costs");
  const auto later = checkPriceChangeAfterCosts(100, 250, "t250", "model_catalog row id=1");
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->ruleId, "model_catalog_price_change_after_costs");
  EXPECT_EQ(later->message,
            "a new price cannot take effect before costs recorded at the current price");
  EXPECT_EQ(later->detail,
            "model_catalog row id=1: execution_costs recorded its current price up to "
            "occurred_at t250.");
}

}  // namespace
}  // namespace agentic::core
