// agentic.set_current_user(), current_user_id(), current_user_is_admin().
#include "pg/identity/acting_user.hpp"

#include "pg/identity/tokens.hpp"
#include "pg/runtime/spi.hpp"

#include <string>

extern "C" {
#include "access/xact.h"
PG_FUNCTION_INFO_V1(agentic_set_current_user);
PG_FUNCTION_INFO_V1(agentic_current_user_id);
PG_FUNCTION_INFO_V1(agentic_current_user_is_admin);
PG_FUNCTION_INFO_V1(agentic_current_role_is_service);
}

namespace agentic::pg::identity {
namespace {

// The settings of the open (sub)transactions, innermost last: plain data, so that
// no C++ destructor runs at backend exit.
struct Setting {
  SubTransactionId subtransaction;
  std::int64_t userId;
};
constexpr int kMaxSettings = 64;
Setting settings[kMaxSettings];
int settingCount = 0;

void onTransactionEnd(XactEvent event, void*) {
  if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
      event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT ||
      event == XACT_EVENT_PREPARE)
    settingCount = 0;
}

void onSubtransactionEnd(SubXactEvent event, SubTransactionId mine, SubTransactionId parent,
                         void*) {
  if (event == SUBXACT_EVENT_ABORT_SUB) {
    while (settingCount > 0 && settings[settingCount - 1].subtransaction >= mine) --settingCount;
  } else if (event == SUBXACT_EVENT_COMMIT_SUB) {
    for (int i = 0; i < settingCount; ++i) {
      if (settings[i].subtransaction == mine) settings[i].subtransaction = parent;
    }
  }
}

// The user mapped to the role the caller acts as (users.database_role), if any,
// whatever its status.
struct Mapped {
  std::int64_t user;
  bool active;
};
std::optional<Mapped> mappedUser() {
  static const Oid kTextArg[] = {TEXTOID};
  static CachedPlan mapped{
      "SELECT id, status = 'active' FROM agentic.users WHERE database_role = $1", 1, kTextArg,
      nullptr};
  const std::string role = currentUserName();
  const Datum args[] = {pgCall([&] { return CStringGetTextDatum(role.c_str()); })};
  std::optional<Mapped> user;
  runAsOwner(identityTablesOwner(), [&] {
    if (spiRun(mapped, args, nullptr, ReadMode::ReadOnly) == 1) {
      bool isNull = false;
      user = Mapped{*spiInt64(0, 1), DatumGetBool(spiValue(0, 2, &isNull))};
    }
  });
  return user;
}

bool isActiveAdmin(std::int64_t user) {
  static CachedPlan isAdmin{
      "SELECT 1 FROM agentic.users WHERE id = $1 AND user_group = 'admin' AND status = 'active'", 1,
      kOneBigint, nullptr};
  bool admin = false;
  runAsOwner(identityTablesOwner(), [&] {
    const Datum args[] = {Int64GetDatum(user)};
    admin = spiRun(isAdmin, args, nullptr, ReadMode::ReadOnly) == 1;
  });
  return admin;
}

}  // namespace

// A role mapped to a user is that user, whatever was set earlier in the
// transaction (under another role), and nobody while that user is not active;
// other roles act for whom they named. Needs an SPI connection.
std::optional<std::int64_t> currentUserId() {
  if (const auto mapped = mappedUser()) {
    if (!mapped->active) return std::nullopt;
    return mapped->user;
  }
  return actingUserSetting();
}

bool actingAsService() { return !actingUserSetting() && !mappedUser(); }

bool actingUserIsAdmin() {
  const auto user = currentUserId();
  return user && isActiveAdmin(*user);
}

void ensureMayActFor(std::int64_t userId, const char* what) {
  if (actingAsService()) return;
  const auto user = currentUserId();
  if (user && (*user == userId || isActiveAdmin(*user))) return;
  throw RuleViolation(ERRCODE_INSUFFICIENT_PRIVILEGE,
                      std::string(what) + " of user " + std::to_string(userId) + " refused: " +
                          (user ? "the acting user is " + std::to_string(*user)
                                : std::string("no active user acts")),
                      "A user manages only their own password, sessions and keys; an admin user "
                      "or the application acting for nobody manages anyone's.",
                      {}, "users", "users_acting_user_scope");
}

namespace {

Datum setCurrentUser(FunctionCallInfo fcinfo) {
  static CachedPlan userState{"SELECT status::text FROM agentic.users WHERE id = $1", 1, kOneBigint,
                              nullptr};
  if (PG_ARGISNULL(0))
    throw RuleViolation(ERRCODE_NULL_VALUE_NOT_ALLOWED, "set_current_user() needs a user");
  const std::int64_t userId = PG_GETARG_INT64(0);
  spiConnect();
  // A role that is itself a user acts as that user only.
  if (const auto mapped = mappedUser(); mapped && mapped->user != userId)
    throw RuleViolation(
        ERRCODE_INSUFFICIENT_PRIVILEGE,
        "role \"" + currentUserName() + "\" acts as user " + std::to_string(mapped->user) + " only",
        "A database role mapped to a user (users.database_role) cannot act for "
        "another.",
        "Call set_current_user() from the application's role.", "users",
        "users_acting_user_trusted");
  std::string status;
  runAsOwner(identityTablesOwner(), [&] {
    const Datum args[] = {Int64GetDatum(userId)};
    if (spiRun(userState, args, nullptr, ReadMode::Statement) == 1) status = spiText(0, 1);
  });
  spiFinish();
  if (status.empty())
    throw RuleViolation(ERRCODE_FOREIGN_KEY_VIOLATION,
                        "user " + std::to_string(userId) + " does not exist", {}, {}, "users",
                        "users_acting_user_exists");
  if (status != "active")
    throw RuleViolation(ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
                        "user " + std::to_string(userId) + " may not act (" + status + ")", {}, {},
                        "users", "users_acting_user_active");
  if (settingCount == kMaxSettings)
    throw RuleViolation(ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                        "set_current_user() called in too many nested subtransactions");
  const SubTransactionId current = GetCurrentSubTransactionId();
  if (settingCount > 0 && settings[settingCount - 1].subtransaction == current)
    settings[settingCount - 1].userId = userId;
  else
    settings[settingCount++] = Setting{current, userId};
  PG_RETURN_INT64(userId);
}

Datum currentUserIdFunction(FunctionCallInfo fcinfo) {
  spiConnect();
  const std::optional<std::int64_t> user = currentUserId();
  spiFinish();
  if (!user) PG_RETURN_NULL();
  PG_RETURN_INT64(*user);
}

Datum currentUserIsAdmin(FunctionCallInfo) {
  spiConnect();
  const bool admin = actingUserIsAdmin();
  spiFinish();
  return BoolGetDatum(admin);
}

Datum currentRoleIsService(FunctionCallInfo) {
  spiConnect();
  const bool service = actingAsService();
  spiFinish();
  return BoolGetDatum(service);
}

}  // namespace

std::optional<std::int64_t> actingUserSetting() {
  if (settingCount == 0) return std::nullopt;
  return settings[settingCount - 1].userId;
}

void registerActingUserCallbacks() {
  RegisterXactCallback(onTransactionEnd, nullptr);
  RegisterSubXactCallback(onSubtransactionEnd, nullptr);
}

}  // namespace agentic::pg::identity

Datum agentic_set_current_user(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::setCurrentUser(fcinfo); });
}
Datum agentic_current_user_id(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::currentUserIdFunction(fcinfo); });
}
Datum agentic_current_user_is_admin(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::currentUserIsAdmin(fcinfo); });
}
Datum agentic_current_role_is_service(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::currentRoleIsService(fcinfo); });
}
