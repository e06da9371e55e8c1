// Model prices, read once per statement.
//
// A bulk load of a million costs reads each model's prices once instead of once
// per row. The cache belongs to one statement of one (sub)transaction: it is
// dropped when the next statement starts, when the ledger's statement trigger
// ends the statement that filled it, and whenever a model's price changes.
#pragma once

#include "core/costs/cost_rules.hpp"
#include "pg/runtime/postgres_headers.hpp"

#include <cstdint>

namespace agentic::pg {

// One price period of a model: [from, until), prices per million tokens.
struct PricePeriod {
  TimestampTz from;
  TimestampTz until;
  Datum prices[3];  // numeric, in kPriceColumns order (money.hpp); valid for the statement
  bool nulls[3];
  Datum currency;  // char(3)
  core::TokenPrice decimal;
};

// The period of `modelId` that covers `at`, or nullptr when none does (or the
// model does not exist).
const PricePeriod* priceInEffect(std::int64_t modelId, TimestampTz at);

// Forgets every cached price (statement end, price changes).
void forgetCachedPrices();

}  // namespace agentic::pg
