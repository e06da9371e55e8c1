#include "core/costs/cost_row.hpp"

#include <utility>

namespace agentic::core {
namespace {

bool samePrice(const TokenPrice& a, const TokenPrice& b) {
  return a.inputPerMillion == b.inputPerMillion && a.outputPerMillion == b.outputPerMillion &&
         a.cachedInputPerMillion == b.cachedInputPerMillion;
}

CostDecision reject(CostRowSource& source, Violation v) {
  v.message = "execution cost rejected: " + v.message;
  v.detail = source.describeRow() + ".";
  CostDecision d;
  d.violation = std::move(v);
  return d;
}

std::optional<Violation> checkAmount(const CostRow& row, const Decimal& amount,
                                     bool zeroAllowed = false) {
  return checkCost(amount, row.ceiling.value_or(amount), zeroAllowed);
}

}  // namespace

CostDecision decideCostRow(const CostRow& row, CostRowSource& source) {
  if (auto v = checkUsage(row.usage)) return reject(source, std::move(*v));
  if (row.occurredAtSet) {
    if (auto v = checkOccurredAt(*row.occurredAtSet, row.now, source.occurredAtText()))
      return reject(source, std::move(*v));
  }

  CostDecision d;
  bool derive = row.costNull;
  if (row.isUpdate && !row.costNull && !row.costChanged) {
    // Neither the cost nor what it was derived from changed: the row keeps its
    // provenance (an edit of metadata or operation must not re-price it, and
    // nobody rewrites which price a cost was computed at).
    if (!row.inputsChanged) {
      d.provenance = CostDecision::Provenance::Keep;
      return d;
    }
    // A derived cost follows its inputs when they are corrected.
    derive = source.sourceIsDerived(true);
  }

  Decimal amount = Decimal::fromUnits(0);
  if (row.isInsert && !row.costNull && !row.recordedFromNull) {
    // A row that arrives with its cost and the price it was computed at (a
    // restore, a replay from another ledger) keeps both; a "derived" claim must
    // add up exactly, at the model's price in effect then.
    d.provenance = CostDecision::Provenance::AsArrived;
    amount = source.cost();
    if (source.sourceIsDerived(false)) {
      const auto price = source.recordedPrice();
      const auto derived = price ? deriveCost(row.usage, *price, row.costScale) : std::nullopt;
      if (!derived || !(*derived == amount))
        return reject(source, Violation{"execution_costs_derived_cost_matches",
                                        "a derived cost must equal tokens times the recorded "
                                        "prices"});
      const auto inEffect = source.priceInEffect();
      const auto recordedFrom = source.recordedFrom();
      if (!inEffect || !samePrice(*price, inEffect->price) || recordedFrom != inEffect->from)
        return reject(source, Violation{"execution_costs_derived_price_in_effect",
                                        "a derived cost must record the model's price in "
                                        "effect at occurred_at"});
      // A replayed derived cost of a free model is zero, like the original.
      if (auto v = checkAmount(row, amount, freeAtPrice(row.usage, *price)))
        return reject(source, std::move(*v));
      return d;
    }
  } else {
    // cost_source is the trigger's to set, but a row that arrives claiming a
    // derived cost without the price it was derived at is refused rather than
    // stored as reported (since 1.3).
    if (row.isInsert && !row.costNull && source.sourceIsDerived(false))
      return reject(source, Violation{"execution_costs_derived_cost_matches",
                                      "a cost that arrives as derived must record the price it "
                                      "was derived at (price_effective_from and the prices); "
                                      "leave cost NULL to have it derived"});
    d.provenance = CostDecision::Provenance::Record;
    d.derived = derive;
    const auto inEffect = source.priceInEffect();
    if (derive) {
      if (!inEffect) {
        const std::string why = !row.modelId ? "it names no model_id"
                                             : "model " + std::to_string(*row.modelId) +
                                                   " has no price in effect at occurred_at";
        return reject(source, Violation{"execution_costs_cost_derivable",
                                        "cost is NULL and cannot be derived: " + why});
      }
      const auto derived = deriveCost(row.usage, inEffect->price, row.costScale);
      if (!derived) {
        Violation v{"execution_costs_cost_ceiling", "the derived cost is out of range"};
        v.variant = "derived_out_of_range";
        return reject(source, std::move(v));
      }
      // Checked here, before the cost column's precision can overflow. A free
      // model's price makes the cost exactly zero, which is allowed.
      if (auto v = checkAmount(row, *derived, freeAtPrice(row.usage, inEffect->price)))
        return reject(source, std::move(*v));
      d.cost = *derived;
      return d;
    }
    if (!row.costNull) amount = source.cost();
  }
  if (!row.costNull) {
    if (auto v = checkAmount(row, amount)) return reject(source, std::move(*v));
  }
  return d;
}

}  // namespace agentic::core
