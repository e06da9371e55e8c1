// Money crossing between PostgreSQL numeric and the core's exact Decimal, and
// the three token-price columns that tables of the costs domain share.
#pragma once

#include "pg/runtime/boundary.hpp"

#include "core/costs/cost_rules.hpp"
#include "core/costs/decimal.hpp"

namespace agentic::pg {

// Input, output and cached-input price per million tokens, in this order in
// every table and query that carries them.
inline constexpr int kPriceColumnCount = 3;
inline constexpr const char* kPriceColumns[kPriceColumnCount] = {
    "input_price_per_mtok", "output_price_per_mtok", "cached_input_price_per_mtok"};

// Sets price column `index` (0..2, as kPriceColumns) of `price`.
void setTokenPrice(core::TokenPrice& price, int index, const core::Decimal& value);

// A numeric value; `what` names it ("amount", "price") when it is out of range.
core::Decimal numericToDecimal(Datum value, const char* what);
// Fraction digits of a numeric column with type modifier `typmod`.
int numericScale(int32 typmod);
Datum decimalToNumeric(const core::Decimal& value, int32 typmod);

}  // namespace agentic::pg
