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

// What the rules need of a conversation, read through its primary key with the
// statement's snapshot (no query, whatever the caller may see); nullopt when there
// is no such conversation.
struct ConversationFacts {
  std::int64_t user;
  bool archived;
};
std::optional<ConversationFacts> conversationFacts(std::int64_t conversationId);

// BEFORE INSERT OR UPDATE: counters are not typed in.
void beforeConversationRow(RowContext& row);
// BEFORE INSERT OR UPDATE: the user is the conversation's; an archived conversation
// takes no message; conversation, role and parent stay (so the tree never gets a
// cycle); no creation time in the future.
void beforeMessageRow(RowContext& row);

}  // namespace agentic::pg::talk
