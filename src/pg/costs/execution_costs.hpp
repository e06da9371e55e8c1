// Row rules of the cost ledger, agentic.execution_costs.
#pragma once

#include "pg/runtime/registry.hpp"

namespace agentic::pg::execution_costs {

// The columns the rules read (TableSpec::columns), by index. The three prices
// follow each other in kPriceColumns order (money.hpp).
enum Column : int {
  kInputTokens,
  kOutputTokens,
  kCachedInputTokens,
  kModelId,
  kOccurredAt,
  kCost,
  kCostSource,
  kPriceEffectiveFrom,
  kInputPrice,
  kOutputPrice,
  kCachedInputPrice,
  kCurrency,
  kUserId,
  kConversationId,
  kMessageId,
  kAgentId,
  kTaskId,
};
inline constexpr const char* kColumns[] = {"input_tokens",
                                           "output_tokens",
                                           "cached_input_tokens",
                                           "model_id",
                                           "occurred_at",
                                           "cost",
                                           "cost_source",
                                           "price_effective_from",
                                           "input_price_per_mtok",
                                           "output_price_per_mtok",
                                           "cached_input_price_per_mtok",
                                           "currency",
                                           "user_id",
                                           "conversation_id",
                                           "message_id",
                                           "agent_id",
                                           "task_id"};
inline constexpr ColumnType kColumnTypes[] = {
    ColumnType::Int8,        ColumnType::Int8,    ColumnType::Int8,    ColumnType::Int8,
    ColumnType::TimestampTz, ColumnType::Numeric, ColumnType::Enum,    ColumnType::TimestampTz,
    ColumnType::Numeric,     ColumnType::Numeric, ColumnType::Numeric, ColumnType::Char,
    ColumnType::Int8,        ColumnType::Int8,    ColumnType::Int8,    ColumnType::Int8,
    ColumnType::Int8};
// The links to users and conversations came with 1.5.
inline constexpr const char* kColumnsSince[] = {"1.0", "1.0", "1.0", "1.0", "1.0", "1.0",
                                                "1.0", "1.0", "1.0", "1.0", "1.0", "1.0",
                                                "1.5", "1.5", "1.5", "1.0", "1.0"};

// BEFORE INSERT OR UPDATE: token usage and cost checks, derivation of a missing
// cost, and the price the cost was computed at; since 1.5 the links to a
// conversation (its user filled in, a message only within it, a cost charged to a
// conversation only by its user, an admin or the service).
void beforeRow(RowContext& row);

}  // namespace agentic::pg::execution_costs
