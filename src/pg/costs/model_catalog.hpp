// Row rules of agentic.model_catalog: price history.
#pragma once

#include "pg/runtime/registry.hpp"

namespace agentic::pg::model_catalog {

// The columns the rules read (TableSpec::columns), by index. The three prices
// follow each other in kPriceColumns order (money.hpp).
enum Column : int {
  kId,
  kPriceEffectiveFrom,
  kInputPrice,
  kOutputPrice,
  kCachedInputPrice,
  kCurrency
};
inline constexpr const char* kColumns[] = {"id",
                                           "price_effective_from",
                                           "input_price_per_mtok",
                                           "output_price_per_mtok",
                                           "cached_input_price_per_mtok",
                                           "currency"};
inline constexpr ColumnType kColumnTypes[] = {ColumnType::Int8,    ColumnType::TimestampTz,
                                              ColumnType::Numeric, ColumnType::Numeric,
                                              ColumnType::Numeric, ColumnType::Char};

// BEFORE UPDATE: a later price_effective_from archives the current price.
void beforeRow(RowContext& row);

}  // namespace agentic::pg::model_catalog
