// Row rules of the talk domain: agentic.conversations and agentic.messages.
#pragma once

#include "pg/runtime/registry.hpp"

namespace agentic::pg::talk {

// conversations: the counters the message rules keep.
enum ConversationColumn : int { kMessageCount, kInputTokens, kOutputTokens, kLastMessageAt };
inline constexpr const char* kConversationColumns[] = {"message_count", "input_tokens",
                                                       "output_tokens", "last_message_at"};
inline constexpr ColumnType kConversationColumnTypes[] = {
    ColumnType::Int4, ColumnType::Int8, ColumnType::Int8, ColumnType::TimestampTz};

// messages
enum MessageColumn : int { kConversationId, kUserId, kRole };
inline constexpr const char* kMessageColumns[] = {"conversation_id", "user_id", "role"};
inline constexpr ColumnType kMessageColumnTypes[] = {ColumnType::Int8, ColumnType::Int8,
                                                     ColumnType::Enum};

// BEFORE INSERT OR UPDATE: counters are not typed in.
void beforeConversationRow(RowContext& row);
// BEFORE INSERT OR UPDATE: the user is the conversation's; conversation and role stay.
void beforeMessageRow(RowContext& row);

}  // namespace agentic::pg::talk
