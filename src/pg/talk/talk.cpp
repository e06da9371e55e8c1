#include "pg/talk/talk.hpp"

#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/key_scan.hpp"
#include "pg/runtime/maintained_columns.hpp"

#include <string>

namespace agentic::pg::talk {
namespace {

// The conversation's user, read through its primary key (no query).
struct ConversationUser {
  AttrNumber column;
  bool found;
  std::int64_t user;
};

void takeUser(TupleTableSlot* row, void* state) {
  auto* s = static_cast<ConversationUser*>(state);
  bool isNull = false;
  const Datum value = slot_getattr(row, s->column, &isNull);
  if (isNull) return;
  s->found = true;
  s->user = DatumGetInt64(value);
}

bool startsAtZero(const TriggerRow& t, int column) {
  bool isNull = false;
  const Datum value = rowValue(t, t.newRow, column, &isNull);
  return isNull || DatumGetInt64(value) == 0;
}

}  // namespace

std::optional<std::int64_t> conversationUser(std::int64_t conversationId) {
  ConversationUser state{InvalidAttrNumber, false, 0};
  pgCall([&] {
    const Oid relid = get_relname_relid("conversations", get_namespace_oid("agentic", false));
    state.column = get_attnum(relid, "user_id");
    scanByKey(relid, get_attnum(relid, "id"), conversationId, GetActiveSnapshot(), takeUser,
              &state);
  });
  if (!state.found) return std::nullopt;
  return state.user;
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
    for (int index : {kConversationId, kRole, kParentId}) {
      if (!columnChanged(t, ctx.column(index))) continue;
      ctx.reject(core::Violation("messages_identity_immutable",
                                 std::string("column ") + kMessageColumns[index] + " of " +
                                     describeRow(t, t.oldRow) + " cannot change"));
    }
    return;
  }
  // INSERT: the user is the conversation's (its foreign key holds the two together).
  bool isNull = false;
  rowValue(t, t.newRow, userColumn, &isNull);
  const auto conversation = rowInt64(t, t.newRow, conversationColumn);
  if (!isNull || !conversation) return;  // given (the foreign key checks it), or NOT NULL reports
  // Whatever the caller may see: a conversation the caller cannot see still gets its
  // user, and row-level security then refuses the message for whoever it is not.
  const std::optional<std::int64_t> user = conversationUser(*conversation);
  if (user) ctx.edit().set(userColumn, Int64GetDatum(*user));
}

}  // namespace agentic::pg::talk
