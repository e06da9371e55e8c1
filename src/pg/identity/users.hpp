// Row rules of agentic.users.
#pragma once

#include "pg/runtime/registry.hpp"

namespace agentic::pg::users {

// The columns the rules read (TableSpec::columns), by index.
enum Column : int {
  kStatus,
  kTimeZone,
  kFailedLoginCount,
  kLockoutCount,
  kLockedUntil,
  kLastLoginAt,
  kLastFailedLoginAt,
  kUserGroup,
  kDatabaseRole
};
inline constexpr const char* kColumns[] = {
    "status",       "time_zone",     "failed_login_count",   "lockout_count",
    "locked_until", "last_login_at", "last_failed_login_at", "user_group",
    "database_role"};
inline constexpr ColumnType kColumnTypes[] = {
    ColumnType::Enum,        ColumnType::Text,        ColumnType::Int4,
    ColumnType::Int4,        ColumnType::TimestampTz, ColumnType::TimestampTz,
    ColumnType::TimestampTz, ColumnType::Enum,        ColumnType::Text};

// BEFORE INSERT OR UPDATE: a known time zone; the sign-in columns only reset by
// clients; an unlock (locked -> active) resets them; who is an admin, a user's
// status and database role are changed by an admin or the service only.
void beforeRow(RowContext& row);

}  // namespace agentic::pg::users
