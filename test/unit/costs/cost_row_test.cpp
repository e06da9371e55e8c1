#include "core/costs/cost_row.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace agentic::core {
namespace {

Decimal dec(const char* text) { return *Decimal::parse(text); }

TokenPrice price(const char* input, const char* output) {
  TokenPrice p;
  p.inputPerMillion = dec(input);
  p.outputPerMillion = dec(output);
  return p;
}

// A ledger row with counters for what the decision read.
class FakeRow final : public CostRowSource {
 public:
  std::optional<Decimal> costValue;
  bool newDerived = false;
  bool oldDerived = false;
  std::optional<TokenPrice> recorded;
  std::optional<std::int64_t> from;
  std::optional<PriceInEffect> inEffect;
  int costReads = 0;
  int priceLookups = 0;

  Decimal cost() override {
    ++costReads;
    return *costValue;
  }
  bool sourceIsDerived(bool oldRow) override { return oldRow ? oldDerived : newDerived; }
  std::optional<TokenPrice> recordedPrice() override { return recorded; }
  std::optional<std::int64_t> recordedFrom() override { return from; }
  std::optional<PriceInEffect> priceInEffect() override {
    ++priceLookups;
    return inEffect;
  }
  std::string occurredAtText() override { return "2999-01-01 00:00:00+00"; }
  std::string describeRow() override { return "execution_costs row id=1"; }
};

CostRow insertRow(std::int64_t input, std::int64_t output) {
  CostRow row;
  row.isInsert = true;
  row.usage = TokenUsage{input, output, 0};
  row.recordedFromNull = true;
  row.modelId = 7;
  row.costScale = 10;
  row.ceiling = dec("1000");
  return row;
}

TEST(CostRow, ReportedCostRecordsThePriceInEffectWithoutDeriving) {
  FakeRow source;
  source.costValue = dec("0.5");
  source.inEffect = PriceInEffect{price("3", "15"), 100};
  const CostDecision d = decideCostRow(insertRow(1000, 10), source);
  EXPECT_FALSE(d.violation);
  EXPECT_EQ(d.provenance, CostDecision::Provenance::Record);
  EXPECT_FALSE(d.derived);
  EXPECT_FALSE(d.cost);
  EXPECT_EQ(source.priceLookups, 1);
}

TEST(CostRow, NullCostIsDerivedFromThePriceInEffect) {
  FakeRow source;
  source.inEffect = PriceInEffect{price("3", "15"), 100};
  CostRow row = insertRow(1000000, 1000000);
  row.costNull = true;
  const CostDecision d = decideCostRow(row, source);
  ASSERT_FALSE(d.violation);
  EXPECT_TRUE(d.derived);
  ASSERT_TRUE(d.cost);
  EXPECT_EQ(*d.cost, dec("18"));
  EXPECT_EQ(source.costReads, 0);
}

TEST(CostRow, NullCostWithoutPriceIsNotDerivable) {
  FakeRow source;
  CostRow row = insertRow(10, 10);
  row.costNull = true;
  CostDecision d = decideCostRow(row, source);
  ASSERT_TRUE(d.violation);
  EXPECT_EQ(d.violation->ruleId, "execution_costs_cost_derivable");
  EXPECT_EQ(d.violation->message,
            "execution cost rejected: cost is NULL and cannot be derived: model 7 has no price in "
            "effect at occurred_at");
  EXPECT_EQ(d.violation->detail, "execution_costs row id=1.");
  row.modelId.reset();
  d = decideCostRow(row, source);
  EXPECT_EQ(d.violation->message,
            "execution cost rejected: cost is NULL and cannot be derived: it names no model_id");
}

TEST(CostRow, DerivedCostAboveTheCeilingIsRejected) {
  FakeRow source;
  source.inEffect = PriceInEffect{price("3000", "0"), 100};
  CostRow row = insertRow(1000000, 0);
  row.costNull = true;
  const CostDecision d = decideCostRow(row, source);
  ASSERT_TRUE(d.violation);
  EXPECT_EQ(d.violation->ruleId, "execution_costs_cost_ceiling");
  EXPECT_TRUE(d.violation->variant.empty());
}

TEST(CostRow, UnrelatedUpdateKeepsProvenanceAndReadsNothing) {
  FakeRow source;
  CostRow row = insertRow(10, 10);
  row.isInsert = false;
  row.isUpdate = true;
  const CostDecision d = decideCostRow(row, source);
  EXPECT_FALSE(d.violation);
  EXPECT_EQ(d.provenance, CostDecision::Provenance::Keep);
  EXPECT_EQ(source.costReads, 0);
  EXPECT_EQ(source.priceLookups, 0);
}

TEST(CostRow, CorrectedInputsRederiveADerivedCost) {
  FakeRow source;
  source.oldDerived = true;
  source.inEffect = PriceInEffect{price("1", "1"), 100};
  CostRow row = insertRow(2000000, 0);
  row.isInsert = false;
  row.isUpdate = true;
  row.inputsChanged = true;
  const CostDecision d = decideCostRow(row, source);
  ASSERT_FALSE(d.violation);
  EXPECT_TRUE(d.derived);
  EXPECT_EQ(*d.cost, dec("2"));
}

TEST(CostRow, CorrectedInputsKeepAReportedCost) {
  FakeRow source;
  source.costValue = dec("4");
  CostRow row = insertRow(2000000, 0);
  row.isInsert = false;
  row.isUpdate = true;
  row.inputsChanged = true;
  const CostDecision d = decideCostRow(row, source);
  ASSERT_FALSE(d.violation);
  EXPECT_EQ(d.provenance, CostDecision::Provenance::Record);
  EXPECT_FALSE(d.derived);
}

TEST(CostRow, ArrivingDerivedClaimMustAddUp) {
  FakeRow source;
  source.costValue = dec("5");
  source.newDerived = true;
  source.recorded = price("3", "15");
  source.from = 100;
  CostRow row = insertRow(1000000, 0);
  row.recordedFromNull = false;
  CostDecision d = decideCostRow(row, source);
  ASSERT_TRUE(d.violation);
  EXPECT_EQ(d.violation->ruleId, "execution_costs_derived_cost_matches");
  EXPECT_EQ(source.priceLookups, 0);

  source.costValue = dec("3");
  d = decideCostRow(row, source);
  ASSERT_TRUE(d.violation);
  EXPECT_EQ(d.violation->ruleId, "execution_costs_derived_price_in_effect");

  source.inEffect = PriceInEffect{price("3", "15"), 100};
  d = decideCostRow(row, source);
  EXPECT_FALSE(d.violation);
  EXPECT_EQ(d.provenance, CostDecision::Provenance::AsArrived);

  source.from = 99;
  EXPECT_TRUE(decideCostRow(row, source).violation);
}

TEST(CostRow, ArrivingReportedRowKeepsItsPriceButChecksTheAmount) {
  FakeRow source;
  source.costValue = dec("0");
  source.from = 100;
  CostRow row = insertRow(1, 1);
  row.recordedFromNull = false;
  const CostDecision d = decideCostRow(row, source);
  ASSERT_TRUE(d.violation);
  EXPECT_EQ(d.violation->ruleId, "execution_costs_cost_positive");
  EXPECT_EQ(source.priceLookups, 0);
}

TEST(CostRow, AFreeModelDerivesACostOfExactlyZero) {
  FakeRow source;
  source.inEffect = PriceInEffect{price("0", "0"), 100};
  CostRow row = insertRow(1000, 500);
  row.costNull = true;
  CostDecision d = decideCostRow(row, source);
  ASSERT_FALSE(d.violation);
  EXPECT_TRUE(d.derived);
  ASSERT_TRUE(d.cost);
  EXPECT_EQ(*d.cost, dec("0"));

  // Zero only because there are no tokens: still rejected.
  row = insertRow(0, 0);
  row.costNull = true;
  source.inEffect = PriceInEffect{price("3", "15"), 100};
  d = decideCostRow(row, source);
  ASSERT_TRUE(d.violation);
  EXPECT_EQ(d.violation->ruleId, "execution_costs_cost_positive");

  // A reported zero at a free model is still rejected.
  source.inEffect = PriceInEffect{price("0", "0"), 100};
  source.costValue = dec("0");
  d = decideCostRow(insertRow(1000, 500), source);
  ASSERT_TRUE(d.violation);
  EXPECT_EQ(d.violation->ruleId, "execution_costs_cost_positive");
}

TEST(CostRow, AReplayedDerivedZeroOfAFreeModelIsKept) {
  FakeRow source;
  source.costValue = dec("0");
  source.newDerived = true;
  source.recorded = price("0", "0");
  source.from = 100;
  source.inEffect = PriceInEffect{price("0", "0"), 100};
  CostRow row = insertRow(1000, 500);
  row.recordedFromNull = false;
  CostDecision d = decideCostRow(row, source);
  EXPECT_FALSE(d.violation);
  EXPECT_EQ(d.provenance, CostDecision::Provenance::AsArrived);

  // The same claim with no tokens is a zero cost, not a free one.
  row = insertRow(0, 0);
  row.recordedFromNull = false;
  source.recorded = price("3", "15");
  source.inEffect = PriceInEffect{price("3", "15"), 100};
  d = decideCostRow(row, source);
  ASSERT_TRUE(d.violation);
  EXPECT_EQ(d.violation->ruleId, "execution_costs_cost_positive");
}

TEST(CostRow, ADerivedClaimWithoutItsPriceIsRefusedNotStoredAsReported) {
  FakeRow source;
  source.costValue = dec("0");
  source.newDerived = true;
  source.inEffect = PriceInEffect{price("0", "0"), 100};
  const CostDecision d = decideCostRow(insertRow(10, 0), source);
  ASSERT_TRUE(d.violation);
  EXPECT_EQ(d.violation->ruleId, "execution_costs_derived_cost_matches");
  EXPECT_NE(d.violation->message.find("must record the price it was derived at"),
            std::string::npos);
  // the same cost claimed as reported is judged as a cost: zero is refused
  source.newDerived = false;
  EXPECT_EQ(decideCostRow(insertRow(10, 0), source).violation->ruleId,
            "execution_costs_cost_positive");
}

TEST(CostRow, ACostFromTheFutureIsRefused) {
  FakeRow source;
  source.costValue = dec("1");
  CostRow row = insertRow(10, 0);
  row.now = 1'000'000'000;
  row.occurredAtSet = row.now + kOccurredAtClockSkewMicros;  // within the clock skew
  EXPECT_FALSE(decideCostRow(row, source).violation);
  row.occurredAtSet = row.now + kOccurredAtClockSkewMicros + 1;
  source.priceLookups = 0;
  const CostDecision d = decideCostRow(row, source);
  ASSERT_TRUE(d.violation);
  EXPECT_EQ(d.violation->ruleId, "execution_costs_occurred_at_not_future");
  EXPECT_EQ(d.violation->message,
            "execution cost rejected: occurred_at 2999-01-01 00:00:00+00 is in the future");
  EXPECT_EQ(source.priceLookups, 0);  // refused before any price is looked up
  row.occurredAtSet.reset();          // a write that leaves occurred_at alone is not judged by it
  EXPECT_FALSE(decideCostRow(row, source).violation);
}

TEST(CostRow, UsageIsCheckedFirst) {
  FakeRow source;
  CostRow row = insertRow(-1, 0);
  const CostDecision d = decideCostRow(row, source);
  ASSERT_TRUE(d.violation);
  EXPECT_EQ(d.violation->ruleId, "execution_costs_tokens_non_negative");
  EXPECT_EQ(d.violation->message, "execution cost rejected: input_tokens must not be negative");
}

TEST(PriceChange, OnlyALaterStartArchives) {
  EXPECT_FALSE(decidePriceChange(10, 10, "r").archiveCurrent);
  EXPECT_FALSE(decidePriceChange(std::nullopt, 10, "r").archiveCurrent);
  EXPECT_TRUE(decidePriceChange(10, 11, "r").archiveCurrent);
  const PriceChange back = decidePriceChange(10, 9, "model_catalog row id=2");
  ASSERT_TRUE(back.violation);
  EXPECT_EQ(back.violation->ruleId, "model_catalog_price_history_forward");
  EXPECT_EQ(back.violation->detail,
            "model_catalog row id=2: the current price took effect later than the new date.");
}

}  // namespace
}  // namespace agentic::core
