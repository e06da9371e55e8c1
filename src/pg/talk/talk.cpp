#include "pg/talk/talk.hpp"

#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/key_scan.hpp"
#include "pg/runtime/maintained_columns.hpp"

#include <string>

namespace agentic::pg::talk {
namespace {

// A conversation's user and status, read through its primary key (no query).
struct ConversationRead {
  AttrNumber userColumn;
  AttrNumber statusColumn;
  bool found;
  std::int64_t user;
  Datum status;  // an enum value (an OID): plain data
};

void takeConversation(TupleTableSlot* row, void* state) {
  auto* s = static_cast<ConversationRead*>(state);
  bool userNull = false;
  bool statusNull = false;
  const Datum user = slot_getattr(row, s->userColumn, &userNull);
  const Datum status = slot_getattr(row, s->statusColumn, &statusNull);
  if (userNull || statusNull) return;
  s->found = true;
  s->user = DatumGetInt64(user);
  s->status = status;
}

bool startsAtZero(const TriggerRow& t, int column) {
  bool isNull = false;
  const Datum value = rowValue(t, t.newRow, column, &isNull);
  return isNull || DatumGetInt64(value) == 0;
}

}  // namespace

std::optional<ConversationFacts> conversationFacts(std::int64_t conversationId) {
  ConversationRead state{InvalidAttrNumber, InvalidAttrNumber, false, 0, Datum(0)};
  pgCall([&] {
    const Oid relid = get_relname_relid("conversations", get_namespace_oid("agentic", false));
    state.userColumn = get_attnum(relid, "user_id");
    state.statusColumn = get_attnum(relid, "status");
    scanByKey(relid, get_attnum(relid, "id"), conversationId, GetActiveSnapshot(), takeConversation,
              &state);
  });
  if (!state.found) return std::nullopt;
  return ConversationFacts{state.user, enumLabel(state.status) == "archived"};
}

void beforeConversationRow(RowContext& ctx) {
  if (maintenanceWriteInProgress()) return;
  const TriggerRow& t = ctx.row;
  for (int index : {kMessageCount, kInputTokens, kOutputTokens, kLastMessageAt}) {
    const int column = ctx.column(index);
    bool written = false;
    if (t.isUpdate) {
      written = columnChanged(t, column);
    } else if (index == kLastMessageAt) {
      bool isNull = false;
      rowValue(t, t.newRow, column, &isNull);
      written = !isNull;
    } else if (index == kMessageCount) {
      bool isNull = false;
      written = DatumGetInt32(rowValue(t, t.newRow, column, &isNull)) != 0;
    } else {
      written = !startsAtZero(t, column);
    }
    if (!written) continue;
    ctx.reject(core::Violation("conversations_counters_maintained",
                               std::string("column ") + kConversationColumns[index] + " of " +
                                   describeRow(t, t.newRow) + " is kept by the message rules"));
  }
}

void beforeMessageRow(RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  const int conversationColumn = ctx.column(kConversationId);
  const int userColumn = ctx.column(kUserId);
  // Clocks of writers may differ a little, as for the ledger's occurred_at.
  constexpr TimestampTz kClockSkew = 5 * 60 * USECS_PER_SEC;
  const auto created = rowTimestamp(t, t.newRow, ctx.column(kCreatedAt));
  if (created && *created > GetCurrentTimestamp() + kClockSkew &&
      (t.isInsert || columnChanged(t, ctx.column(kCreatedAt))))
    ctx.reject(core::Violation("messages_created_at_not_future",
                               "created_at of " + describeRow(t, t.newRow) + " is in the future"));
  if (t.isUpdate) {
    for (int index : {kConversationId, kRole, kParentId, kCreatedAt}) {
      if (!columnChanged(t, ctx.column(index))) continue;
      ctx.reject(core::Violation("messages_identity_immutable",
                                 std::string("column ") + kMessageColumns[index] + " of " +
                                     describeRow(t, t.oldRow) + " cannot change"));
    }
    return;
  }
  // INSERT: the user is the conversation's (its foreign key holds the two together),
  // and an archived conversation takes no new message.
  bool isNull = false;
  rowValue(t, t.newRow, userColumn, &isNull);
  const auto conversation = rowInt64(t, t.newRow, conversationColumn);
  if (!conversation) return;  // NOT NULL reports it
  // Whatever the caller may see: a conversation the caller cannot see still gets its
  // user, and row-level security then refuses the message for whoever it is not.
  const auto facts = conversationFacts(*conversation);
  if (!facts) return;  // the foreign key reports it
  if (facts->archived)
    ctx.reject(core::Violation("messages_conversation_active",
                               "conversation " + std::to_string(*conversation) + " is archived; " +
                                   describeRow(t, t.newRow) + " cannot be added"));
  if (!isNull) return;  // given: the foreign key checks it
  const std::optional<std::int64_t> user = facts->user;
  if (user) ctx.edit().set(userColumn, Int64GetDatum(*user));
}

}  // namespace agentic::pg::talk
