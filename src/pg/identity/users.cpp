#include "pg/identity/users.hpp"

#include "pg/runtime/maintained_columns.hpp"
#include "pg/identity/acting_user.hpp"
#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/spi.hpp"

#include <string>

extern "C" {
#include "pgtime.h"
}

namespace agentic::pg::users {
namespace {

// A time zone PostgreSQL knows by that name (what SET TIME ZONE accepts as a name).
void ensureKnownTimeZone(const RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  const int column = ctx.column(kTimeZone);
  if (t.isUpdate && !columnChanged(t, column)) return;
  bool isNull = false;
  const Datum value = rowValue(t, t.newRow, column, &isNull);
  if (isNull) return;  // NOT NULL reports it
  const std::string name = pgCall([&] { return text_to_cstring(DatumGetTextPP(value)); });
  const bool known = pgCall([&] { return pg_tzset(name.c_str()) != nullptr; });
  if (!known)
    ctx.reject(core::Violation("users_time_zone_known", "unknown time zone \"" + name + "\" for " +
                                                            describeRow(t, t.newRow)));
}

bool isZero(const TriggerRow& t, int column) {
  bool isNull = false;
  const Datum value = rowValue(t, t.newRow, column, &isNull);
  return !isNull && DatumGetInt32(value) == 0;
}

bool isNullIn(const TriggerRow& t, int column) {
  bool isNull = false;
  rowValue(t, t.newRow, column, &isNull);
  return isNull;
}

// Clients may only reset the counts and the lockout (an unlock); the last sign-in
// times are authenticate()'s alone.
void ensureSignInColumnsReset(const RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  struct Guarded {
    int index;
    bool (*isReset)(const TriggerRow&, int);
  };
  const Guarded guarded[] = {{kFailedLoginCount, isZero},
                             {kLockoutCount, isZero},
                             {kLockedUntil, isNullIn},
                             {kLastLoginAt, nullptr},
                             {kLastFailedLoginAt, nullptr}};
  for (const Guarded& g : guarded) {
    const int column = ctx.column(g.index);
    const bool written = t.isInsert
                             ? !(g.isReset != nullptr ? g.isReset(t, column) : isNullIn(t, column))
                             : columnChanged(t, column);
    if (!written) continue;
    if (t.isUpdate && g.isReset != nullptr && g.isReset(t, column)) continue;
    ctx.reject(core::Violation(
        "users_sign_in_columns_maintained",
        std::string("column ") + kColumns[g.index] + " of " + describeRow(t, t.newRow) +
            " is kept by agentic.authenticate()",
        t.isInsert ? "A new user starts with no failures, no lockout and no sign-in."
                   : "A client may reset failed_login_count and lockout_count to 0 and clear "
                     "locked_until, nothing else."));
  }
}

// An admin's unlock (locked -> active) starts the user afresh.
void resetOnUnlock(const RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  const int status = ctx.column(kStatus);
  if (!t.isUpdate || rowEnumLabel(t, t.oldRow, status) != "locked" ||
      rowEnumLabel(t, t.newRow, status) != "active")
    return;
  ctx.edit().set(ctx.column(kFailedLoginCount), Int32GetDatum(0));
  ctx.edit().set(ctx.column(kLockoutCount), Int32GetDatum(0));
  ctx.edit().set(ctx.column(kLockedUntil), Datum(0), true);
}

// Making someone an admin, mapping a database role to a user, and a user's status
// decide who may do what: only an acting admin or the service changes them.
void ensurePrivilegedChangeAllowed(const RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  const int group = ctx.column(kUserGroup);
  const int role = ctx.column(kDatabaseRole);
  const int status = ctx.column(kStatus);
  const char* changed = nullptr;
  if (t.isInsert) {
    bool roleIsNull = false;
    rowValue(t, t.newRow, role, &roleIsNull);
    if (rowEnumLabel(t, t.newRow, group) == "admin")
      changed = "user_group";
    else if (!roleIsNull)
      changed = "database_role";
    else if (rowEnumLabel(t, t.newRow, status) != "active")
      changed = "status";
  } else {
    if (columnChanged(t, group))
      changed = "user_group";
    else if (columnChanged(t, role))
      changed = "database_role";
    else if (columnChanged(t, status))
      changed = "status";
  }
  if (changed == nullptr) return;
  spiConnect();
  const bool allowed = identity::actingAsService() || identity::actingUserIsAdmin();
  spiFinish();
  if (allowed) return;
  ctx.reject(core::Violation("users_privileged_columns", std::string("column ") + changed + " of " +
                                                             describeRow(t, t.newRow) +
                                                             " is set by an admin only"));
}

}  // namespace

void beforeRow(RowContext& ctx) {
  ensureKnownTimeZone(ctx);
  if (!maintenanceWriteInProgress()) {
    ensureSignInColumnsReset(ctx);
    ensurePrivilegedChangeAllowed(ctx);
  }
  resetOnUnlock(ctx);
}

}  // namespace agentic::pg::users
