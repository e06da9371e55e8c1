// Row rules of agentic.user_sessions and agentic.user_api_keys.
#pragma once

#include "pg/runtime/registry.hpp"

namespace agentic::pg::credentials {

// user_sessions: the columns the rules read (TableSpec::columns), by index.
enum SessionColumn : int {
  kSessionUserId,
  kTokenDigest,
  kSessionCreatedAt,
  kNotAfter,
  kSessionRevokedAt,
  kSessionExpiresAt,
  kLastSeenAt
};
inline constexpr const char* kSessionColumns[] = {"user_id",     "token_digest", "created_at",
                                                  "not_after",   "revoked_at",   "expires_at",
                                                  "last_seen_at"};
inline constexpr ColumnType kSessionColumnTypes[] = {
    ColumnType::Int8,        ColumnType::Bytea,       ColumnType::TimestampTz,
    ColumnType::TimestampTz, ColumnType::TimestampTz, ColumnType::TimestampTz,
    ColumnType::TimestampTz};
static_assert(sizeof kSessionColumns / sizeof *kSessionColumns == kLastSeenAt + 1 &&
                  sizeof kSessionColumnTypes / sizeof *kSessionColumnTypes == kLastSeenAt + 1,
              "every session column of the enum is listed with its type");

// user_api_keys
enum KeyColumn : int {
  kKeyUserId,
  kKeyPrefix,
  kKeyDigest,
  kKeyLast4,
  kKeyCreatedAt,
  kRotatedFromId,
  kKeyRevokedAt,
  kKeyScopes,
  kKeyExpiresAt,
  kLastUsedAt
};
inline constexpr const char* kKeyColumns[] = {
    "user_id",         "key_prefix", "key_digest", "key_last4",  "created_at",
    "rotated_from_id", "revoked_at", "scopes",     "expires_at", "last_used_at"};
inline constexpr ColumnType kKeyColumnTypes[] = {
    ColumnType::Int8,        ColumnType::Text,       ColumnType::Bytea,       ColumnType::Text,
    ColumnType::TimestampTz, ColumnType::Int8,       ColumnType::TimestampTz, ColumnType::TextArray,
    ColumnType::TimestampTz, ColumnType::TimestampTz};
static_assert(sizeof kKeyColumns / sizeof *kKeyColumns == kLastUsedAt + 1 &&
                  sizeof kKeyColumnTypes / sizeof *kKeyColumnTypes == kLastUsedAt + 1,
              "every key column of the enum is listed with its type");

// BEFORE INSERT OR UPDATE: rows are issued by the functions (or a superuser's
// import); what identifies them never changes, an ended one stays ended, and a
// client may narrow a key's scopes and bring its expiry (or a session's) forward,
// never the reverse.
void beforeSessionRow(RowContext& row);
void beforeKeyRow(RowContext& row);

}  // namespace agentic::pg::credentials
