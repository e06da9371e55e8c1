// agentic.set_current_user(), current_user_id(), current_user_is_admin().
#include "pg/identity/acting_user.hpp"

#include "pg/identity/tokens.hpp"
#include "pg/runtime/spi.hpp"

#include <string>

extern "C" {
#include "access/xact.h"
#include "miscadmin.h"
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

// The user mapped to a role (users.database_role), if any, whatever its status.
struct Mapped {
  std::int64_t user;
  bool active;
  bool service;  // user_group = 'service': the application's own user
};
std::optional<Mapped> mappedUser(const std::string& role) {
  static const Oid kTextArg[] = {TEXTOID};
  static CachedPlan mapped{
      "SELECT id, status = 'active', user_group = 'service' FROM agentic.users "
      "WHERE database_role = $1",
      1, kTextArg, nullptr};
  const Datum args[] = {pgCall([&] { return CStringGetTextDatum(role.c_str()); })};
  std::optional<Mapped> user;
  runAsOwner(identityTablesOwner(), [&] {
    if (spiRun(mapped, args, nullptr, ReadMode::ReadOnly) == 1) {
      bool isNull = false;
      user = Mapped{*spiInt64(0, 1), DatumGetBool(spiValue(0, 2, &isNull)),
                    DatumGetBool(spiValue(0, 3, &isNull))};
    }
  });
  return user;
}

// Who the session is. A person: the session's login role, or else the role it acts
// as, is mapped to a user who is not a service user; the person is that user and
// nobody else, whatever role the session switches to. The service: a role mapped to
// an active service user (or a superuser); it names the user it serves with
// set_current_user(). Any other role is nobody: it acts for no one and may name no one.
struct Identity {
  enum class Kind { Person, Service, Nobody } kind;
  std::optional<std::int64_t> person;  // Kind::Person, when the user is active
  std::int64_t personId;               // Kind::Person
};

Identity identity() {
  const std::string sessionRole(
      pgCall([] { return GetUserNameFromId(GetSessionUserId(), false); }));
  const auto fromSession = mappedUser(sessionRole);
  const auto fromRole = mappedUser(currentUserName());
  for (const auto& m : {fromSession, fromRole}) {
    if (m && !m->service)
      return Identity{Identity::Kind::Person,
                      m->active ? std::optional<std::int64_t>(m->user) : std::nullopt, m->user};
  }
  const bool service = (fromSession && fromSession->active) || (fromRole && fromRole->active) ||
                       pgCall([] { return superuser(); });
  return Identity{service ? Identity::Kind::Service : Identity::Kind::Nobody, std::nullopt, 0};
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

// A person is that user (nobody while the user is not active); the service acts
// for whom it named; nobody else acts. Needs an SPI connection.
std::optional<std::int64_t> currentUserId() {
  const Identity who = identity();
  if (who.kind == Identity::Kind::Person) return who.person;
  if (who.kind == Identity::Kind::Service) return actingUserSetting();
  return std::nullopt;
}

bool actingAsService() {
  return !actingUserSetting() && identity().kind == Identity::Kind::Service;
}

bool actingUserIsAdmin() {
  const auto user = currentUserId();
  return user && isActiveAdmin(*user);
}

// One look at who the session is (two mapped-role queries), one at the admin flag when
// needed: the ledger asks this for every row linked to a user.
bool mayActFor(std::int64_t userId) {
  const Identity who = identity();
  if (who.kind == Identity::Kind::Service && !actingUserSetting()) return true;
  const std::optional<std::int64_t> user = who.kind == Identity::Kind::Person ? who.person
                                           : who.kind == Identity::Kind::Service
                                               ? actingUserSetting()
                                               : std::nullopt;
  return user && (*user == userId || isActiveAdmin(*user));
}

void ensureMayActFor(std::int64_t userId, const char* what) {
  if (mayActFor(userId)) return;
  const auto user = currentUserId();
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
  // A person acts as that person only; the service names anyone; nobody else names.
  const Identity who = identity();
  if (who.kind == Identity::Kind::Person && who.personId != userId)
    throw RuleViolation(
        ERRCODE_INSUFFICIENT_PRIVILEGE,
        "role \"" + currentUserName() + "\" acts as user " + std::to_string(who.personId) + " only",
        "A session of a person (users.database_role of the login role or the "
        "current role) cannot act for another.",
        "Call set_current_user() from the application's role.", "users",
        "users_acting_user_trusted");
  if (who.kind == Identity::Kind::Nobody)
    throw RuleViolation(ERRCODE_INSUFFICIENT_PRIVILEGE,
                        "role \"" + currentUserName() + "\" is neither a user nor the service",
                        "Only the service names the user it acts for.",
                        "Map the application's role to a user of user_group service "
                        "(users.database_role).",
                        "users", "users_acting_user_trusted");
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
