#include "pg/costs/execution_costs.hpp"

#include "pg/identity/acting_user.hpp"
#include "pg/runtime/spi.hpp"
#include "pg/talk/talk.hpp"

#include "pg/costs/money.hpp"
#include "pg/costs/price_cache.hpp"
#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/settings.hpp"

#include "core/costs/cost_row.hpp"

#include <string>

namespace agentic::pg::execution_costs {
namespace {

Datum enumValue(Oid enumType, const char* label) {
  const Oid value = pgCall([&] {
    return GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid, ObjectIdGetDatum(enumType),
                           CStringGetDatum(label));
  });
  if (!OidIsValid(value))
    throw RuleViolation(ERRCODE_INVALID_TEXT_REPRESENTATION,
                        std::string("enum label \"") + label + "\" is missing");
  return ObjectIdGetDatum(value);
}

// The ledger row as the core's cost decision reads it, on demand.
class LedgerRow final : public core::CostRowSource {
 public:
  explicit LedgerRow(const RowContext& ctx) : ctx_(ctx), t_(ctx.row) {}

  core::Decimal cost() override {
    bool isNull = false;
    return numericToDecimal(rowValue(t_, t_.newRow, ctx_.column(kCost), &isNull), "amount");
  }

  bool sourceIsDerived(bool oldRow) override {
    return rowEnumLabel(t_, oldRow ? t_.oldRow : t_.newRow, ctx_.column(kCostSource)) == "derived";
  }

  std::optional<core::TokenPrice> recordedPrice() override {
    core::TokenPrice price;
    for (int i = 0; i < kPriceColumnCount; ++i) {
      bool isNull = false;
      const Datum value = rowValue(t_, t_.newRow, ctx_.column(kInputPrice + i), &isNull);
      if (isNull) {
        if (i < 2) return std::nullopt;  // input and output prices are required
        continue;
      }
      setTokenPrice(price, i, numericToDecimal(value, "amount"));
    }
    return price;
  }

  std::optional<std::int64_t> recordedFrom() override {
    return rowTimestamp(t_, t_.newRow, ctx_.column(kPriceEffectiveFrom));
  }

  std::optional<core::PriceInEffect> priceInEffect() override {
    if (!lookedUp_) {
      lookedUp_ = true;
      const auto modelId = rowInt64(t_, t_.newRow, ctx_.column(kModelId));
      const auto occurredAt = rowTimestamp(t_, t_.newRow, ctx_.column(kOccurredAt));
      period_ = modelId && occurredAt ? pg::priceInEffect(*modelId, *occurredAt) : nullptr;
    }
    if (period_ == nullptr) return std::nullopt;
    return core::PriceInEffect{period_->decimal, period_->from};
  }

  std::string occurredAtText() override {
    bool isNull = false;
    const Datum value = rowValue(t_, t_.newRow, ctx_.column(kOccurredAt), &isNull);
    if (isNull) return "NULL";
    return pgCall([&] { return DatumGetCString(DirectFunctionCall1(timestamptz_out, value)); });
  }

  std::string describeRow() override {
    std::string text = pg::describeRow(t_, t_.newRow);
    for (const char* column : {"agent_id", "task_id", "model_id"}) {
      const int n = t_.column(column);
      const auto value = n ? rowInt64(t_, t_.newRow, n) : std::nullopt;
      if (value) text += std::string(" ") + column + "=" + std::to_string(*value);
    }
    return text;
  }

  // The period priceInEffect() found, or nullptr.
  const PricePeriod* period() const { return period_; }

 private:
  const RowContext& ctx_;
  const TriggerRow& t_;
  bool lookedUp_ = false;
  const PricePeriod* period_ = nullptr;
};

// 1.5: a cost linked to a conversation is charged to its user (filled in when not
// given; the foreign key checks a given one); a message only within its
// conversation; clearing the conversation (it was deleted) clears the message.
void checkConversationLinks(RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  const int conversationColumn = ctx.column(kConversationId);
  const int messageColumn = ctx.column(kMessageId);
  const int userColumn = ctx.column(kUserId);
  const auto conversation = rowInt64(t, t.newRow, conversationColumn);
  const auto message = rowInt64(t, t.newRow, messageColumn);
  if (!conversation) {
    if (!message) return;
    // A deleted conversation's foreign key action cleared it: the message goes too.
    if (t.isUpdate && rowInt64(t, t.oldRow, conversationColumn)) {
      ctx.edit().set(messageColumn, Datum(0), true);
      return;
    }
    ctx.reject(core::Violation("execution_costs_message_in_conversation",
                               describeRow(t, t.newRow) + " names message " +
                                   std::to_string(*message) + " without its conversation"));
  }
  if (t.isUpdate && !columnChanged(t, conversationColumn) && !columnChanged(t, userColumn)) return;
  const auto facts = talk::conversationFacts(*conversation);
  if (!facts) return;  // the foreign key reports it
  const std::optional<std::int64_t> owner = facts->user;
  if (!rowInt64(t, t.newRow, userColumn)) ctx.edit().set(userColumn, Int64GetDatum(*owner));
  spiConnect();
  const bool allowed = identity::mayActFor(*owner);
  spiFinish();
  if (!allowed)
    ctx.reject(core::Violation("execution_costs_conversation_of_acting_user",
                               describeRow(t, t.newRow) + " charges conversation " +
                                   std::to_string(*conversation) + " of user " +
                                   std::to_string(*owner)));
}

// 1.5: a cost charged to a user (given, or the user it was charged to) is written by
// that user, an admin user or the service: a person cannot charge, rewrite or move
// another user's costs.
void checkUserCharge(const RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  const int userColumn = ctx.column(kUserId);
  const std::int64_t none = 0;  // ids are positive: 0 stands for no user
  const std::int64_t newUser = rowInt64(t, t.newRow, userColumn).value_or(none);
  const std::int64_t oldUser = t.isUpdate ? rowInt64(t, t.oldRow, userColumn).value_or(none) : none;
  if (newUser == none && oldUser == none) return;
  spiConnect();
  const bool allowed = (newUser == none || identity::mayActFor(newUser)) &&
                       (oldUser == none || oldUser == newUser || identity::mayActFor(oldUser));
  spiFinish();
  if (!allowed)
    ctx.reject(core::Violation("execution_costs_user_of_acting_user",
                               describeRow(t, t.newRow) + " is charged to user " +
                                   std::to_string(newUser != none ? newUser : oldUser)));
}

}  // namespace

void beforeRow(RowContext& ctx) {
  if (ctx.has(kConversationId)) {
    checkConversationLinks(ctx);
    checkUserCharge(ctx);
    // Since 1.5 a rule on INSERT rather than a CHECK (deleting a user or a
    // conversation then keeps its costs, unattributed).
    const TriggerRow& t = ctx.row;
    if (t.isInsert && !rowInt64(t, t.newRow, ctx.column(kAgentId)) &&
        !rowInt64(t, t.newRow, ctx.column(kTaskId)) &&
        !rowInt64(t, t.newRow, ctx.column(kUserId)) &&
        !rowInt64(t, t.newRow, ctx.column(kConversationId)))
      ctx.reject(core::Violation(
          "execution_costs_attributed",
          describeRow(t, t.newRow) + " is charged to no agent, task, user or conversation"));
  }
  const TriggerRow& t = ctx.row;
  const int costColumn = ctx.column(kCost);
  const auto input = rowInt64(t, t.newRow, ctx.column(kInputTokens));
  const auto output = rowInt64(t, t.newRow, ctx.column(kOutputTokens));
  const auto cached = rowInt64(t, t.newRow, ctx.column(kCachedInputTokens));
  if (!input || !output || !cached) return;  // NOT NULL reports it

  core::CostRow row;
  row.isInsert = t.isInsert;
  row.isUpdate = t.isUpdate;
  row.usage = core::TokenUsage{*input, *output, *cached};
  bool costNull = false;
  rowValue(t, t.newRow, costColumn, &costNull);
  row.costNull = costNull;
  row.costChanged = t.isUpdate && !costNull && columnChanged(t, costColumn);
  if (t.isUpdate && !costNull && !row.costChanged) {
    row.inputsChanged = false;
    for (const int input : {kInputTokens, kOutputTokens, kCachedInputTokens, kModelId, kOccurredAt})
      row.inputsChanged = row.inputsChanged || columnChanged(t, ctx.column(input));
  }
  bool fromNull = false;
  rowValue(t, t.newRow, ctx.column(kPriceEffectiveFrom), &fromNull);
  row.recordedFromNull = fromNull;
  row.modelId = rowInt64(t, t.newRow, ctx.column(kModelId));
  const int occurredColumn = ctx.column(kOccurredAt);
  if (t.isInsert || columnChanged(t, occurredColumn)) {
    row.occurredAtSet = rowTimestamp(t, t.newRow, occurredColumn);
    // The statement's start decides, unless the row is ahead of it: then the
    // clock does (a statement may run for longer than the allowed skew).
    row.now = GetCurrentStatementStartTimestamp();
    if (row.occurredAtSet && *row.occurredAtSet - row.now > core::kOccurredAtClockSkewMicros)
      row.now = GetCurrentTimestamp();
  }
  const Form_pg_attribute costAttr = TupleDescAttr(t.desc, costColumn - 1);
  row.costScale = numericScale(costAttr->atttypmod);
  row.ceiling = core::Decimal::fromDouble(maxExecutionCost);

  LedgerRow source(ctx);
  const core::CostDecision decision = core::decideCostRow(row, source);
  if (decision.violation) ctx.reject(*decision.violation);

  RowEdit& edit = ctx.edit();
  const int provenance[] = {kCostSource, kPriceEffectiveFrom, kInputPrice, kOutputPrice,
                            kCachedInputPrice};
  switch (decision.provenance) {
    case core::CostDecision::Provenance::AsArrived:
      return;
    case core::CostDecision::Provenance::Keep:
      for (const int index : provenance) {
        const int column = ctx.column(index);
        bool isNull = false;
        const Datum old = rowValue(t, t.oldRow, column, &isNull);
        edit.set(column, old, isNull);
      }
      return;
    case core::CostDecision::Provenance::Record:
      break;
  }
  // Record the price used (or that none was in effect) on the row itself.
  const PricePeriod* price = source.period();
  for (int i = 0; i < kPriceColumnCount; ++i) {
    edit.set(ctx.column(kInputPrice + i), price ? price->prices[i] : Datum(0),
             !price || price->nulls[i]);
  }
  edit.set(ctx.column(kPriceEffectiveFrom), price ? TimestampTzGetDatum(price->from) : Datum(0),
           !price);
  if (decision.cost) {
    edit.set(costColumn, decimalToNumeric(*decision.cost, costAttr->atttypmod));
    edit.set(ctx.column(kCurrency), price->currency);  // the price's currency
  }
  const int sourceColumn = ctx.column(kCostSource);
  edit.set(sourceColumn, enumValue(TupleDescAttr(t.desc, sourceColumn - 1)->atttypid,
                                   decision.derived ? "derived" : "reported"));
}

}  // namespace agentic::pg::execution_costs
