// Row rules of the talk domain: agentic.conversations and agentic.messages.
#pragma once

#include "pg/runtime/registry.hpp"

#include <cstdint>
#include <optional>

namespace agentic::pg::talk {

// conversations: the counters the message rules keep.
enum ConversationColumn : int { kMessageCount, kInputTokens, kOutputTokens, kLastMessageAt };
inline constexpr const char* kConversationColumns[] = {"message_count", "input_tokens",
                                                       "output_tokens", "last_message_at"};
inline constexpr ColumnType kConversationColumnTypes[] = {
    ColumnType::Int4, ColumnType::Int8, ColumnType::Int8, ColumnType::TimestampTz};

// messages
enum MessageColumn : int { kConversationId, kUserId, kRole, kParentId, kCreatedAt };
inline constexpr const char* kMessageColumns[] = {"conversation_id", "user_id", "role", "parent_id",
                                                  "created_at"};
inline constexpr ColumnType kMessageColumnTypes[] = {ColumnType::Int8, ColumnType::Int8,
                                                     ColumnType::Enum, ColumnType::Int8,
                                                     ColumnType::TimestampTz};

// The user a conversation belongs to, read through its primary key with the
// statement's snapshot (no query, whatever the caller may see); nullopt when there
// is no such conversation.
std::optional<std::int64_t> conversationUser(std::int64_t conversationId);

// BEFORE INSERT OR UPDATE: counters are not typed in.
void beforeConversationRow(RowContext& row);
// BEFORE INSERT OR UPDATE: the user is the conversation's; conversation, role and
// parent stay (so the tree never gets a cycle); no creation time in the future.
void beforeMessageRow(RowContext& row);

}  // namespace agentic::pg::talk
