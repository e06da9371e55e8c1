// agentic.set_password() and agentic.authenticate(): bcrypt hashes through
// pgcrypto, failures counted and accounts locked in one row lock.
//
// Both run with the extension owner's rights where they touch
// user_credentials, which no client can read or write. authenticate() answers
// NULL for every failure instead of raising an error: an error would roll back
// the very failure count the lockout depends on. Every answer costs one bcrypt
// computation (an unknown login is checked against a dummy hash of the same work
// factor), so the answers cannot be told apart by time either.
#include "pg/identity/acting_user.hpp"
#include "pg/identity/pgcrypto.hpp"
#include "pg/runtime/maintained_columns.hpp"
#include "pg/identity/tokens.hpp"
#include "pg/runtime/settings.hpp"
#include "pg/runtime/spi.hpp"

#include "core/identity/lockout.hpp"
#include "core/ops/blank_text.hpp"

extern "C" {
#include "mb/pg_wchar.h"
}

#include <string>

extern "C" {
PG_FUNCTION_INFO_V1(agentic_set_password);
PG_FUNCTION_INFO_V1(agentic_authenticate);
}

namespace agentic::pg::identity {
namespace {

// bcrypt reads at most 72 bytes of a password; longer ones would be silently cut.
constexpr int kMaxPasswordBytes = 72;

std::string argText(FunctionCallInfo fcinfo, int i) {
  return std::string(pgCall([&] { return text_to_cstring(PG_GETARG_TEXT_PP(i)); }));
}

void checkPassword(const std::string& password) {
  const int characters = pgCall(
      [&] { return pg_mbstrlen_with_len(password.data(), static_cast<int>(password.size())); });
  if (characters < minPasswordLength)
    throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE,
                        "password too short: " + std::to_string(characters) + " characters", {},
                        "A password has at least agentic.min_password_length (" +
                            std::to_string(minPasswordLength) + ") characters.",
                        "users", "users_password_policy");
  if (static_cast<int>(password.size()) > kMaxPasswordBytes)
    throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE,
                        "password too long: " + std::to_string(password.size()) + " bytes", {},
                        "bcrypt reads at most 72 bytes of a password; use a shorter one.", "users",
                        "users_password_policy");
  if (core::isBlankUtf8(password.data(), password.size()))
    throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE, "password is blank", {},
                        "A password has characters other than white space.", "users",
                        "users_password_policy");
}

Datum setPassword(FunctionCallInfo fcinfo) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw RuleViolation(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                        "set_password() needs a user and a password");
  const std::int64_t userId = PG_GETARG_INT64(0);
  const std::string password = argText(fcinfo, 1);
  checkPassword(password);
  spiConnect();
  ensureMayActFor(userId, "setting the password");
  spiFinish();
  static CachedPlan lockUser{"SELECT 1 FROM agentic.users WHERE id = $1 FOR NO KEY UPDATE", 1,
                             kOneBigint, nullptr};
  static const Oid kStoreArgs[] = {INT8OID, TEXTOID};
  static CachedPlan store{
      "INSERT INTO agentic.user_credentials AS c (user_id, password_hash) VALUES ($1, $2) "
      "ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, "
      "password_changed_at = pg_catalog.statement_timestamp()",
      2, kStoreArgs, nullptr};
  spiConnect();
  const Datum userArg[] = {Int64GetDatum(userId)};
  if (spiRun(lockUser, userArg, nullptr, ReadMode::Statement) == 0)
    throw RuleViolation(ERRCODE_FOREIGN_KEY_VIOLATION,
                        "user " + std::to_string(userId) + " does not exist", {}, {}, "users",
                        "user_credentials_user_id_fkey");
  const Datum hash = bcryptHash(password, passwordWorkFactor);
  const Datum args[] = {Int64GetDatum(userId), hash};
  runAsOwner(identityTablesOwner(),
             [&] { hidingRow([&] { spiRun(store, args, nullptr, ReadMode::Statement); }); });
  spiFinish();
  PG_RETURN_VOID();
}

core::UserStatus statusOf(const std::string& label) {
  if (label == "locked") return core::UserStatus::Locked;
  if (label == "disabled") return core::UserStatus::Disabled;
  return core::UserStatus::Active;
}

const char* labelOf(core::UserStatus status) {
  switch (status) {
    case core::UserStatus::Locked:
      return "locked";
    case core::UserStatus::Disabled:
      return "disabled";
    case core::UserStatus::Active:
      break;
  }
  return "active";
}

core::LockoutPolicy lockoutPolicy() {
  core::LockoutPolicy policy;
  policy.maxFailures = maxFailedLogins;
  policy.lockoutSeconds = lockoutSeconds;
  policy.maxLockoutSeconds = lockoutMaxSeconds;
  policy.permanentAfter = permanentLockoutAfter;
  return policy;
}

constexpr Oid kOneText[] = {TEXTOID};

Datum authenticate(FunctionCallInfo fcinfo) {
  // The user row is locked for the attempt: racing attempts on one account are
  // counted one after the other (in REPEATABLE READ a raced one fails with 40001).
  static CachedPlan findAndLock{
      "SELECT u.id, u.status::text, u.failed_login_count, u.lockout_count, u.locked_until, "
      "c.password_hash::text "
      "FROM agentic.users u LEFT JOIN agentic.user_credentials c ON c.user_id = u.id "
      "WHERE pg_catalog.lower(u.username) = pg_catalog.lower($1) "
      "OR pg_catalog.lower(u.email) = pg_catalog.lower($1) "
      "FOR NO KEY UPDATE OF u",
      1, kOneText, nullptr};
  static const Oid kRecordArgs[] = {INT8OID,        TEXTOID, INT4OID,       INT4OID,
                                    TIMESTAMPTZOID, BOOLOID, TIMESTAMPTZOID};
  static CachedPlan record{
      "UPDATE agentic.users SET status = $2::agentic.user_status, failed_login_count = $3, "
      "lockout_count = $4, locked_until = $5, "
      "last_login_at = CASE WHEN $6 THEN $7 ELSE last_login_at END, "
      "last_failed_login_at = CASE WHEN $6 THEN last_failed_login_at ELSE $7 END "
      "WHERE id = $1",
      7, kRecordArgs, nullptr};
  static const Oid kRehashArgs[] = {INT8OID, TEXTOID};
  static CachedPlan rehash{
      "UPDATE agentic.user_credentials SET password_hash = $2 WHERE user_id = $1", 2, kRehashArgs,
      nullptr};

  const bool hasInput = !PG_ARGISNULL(0) && !PG_ARGISNULL(1);
  const std::string login = hasInput ? argText(fcinfo, 0) : std::string();
  const std::string password = hasInput ? argText(fcinfo, 1) : std::string();
  const TimestampTz now = GetCurrentStatementStartTimestamp();

  spiConnect();
  const Oid owner = identityTablesOwner();
  bool found = false;
  std::int64_t userId = 0;
  core::SignInState state;
  std::string storedHash;
  if (hasInput) {
    runAsOwner(owner, [&] {
      const Datum args[] = {pgCall([&] { return CStringGetTextDatum(login.c_str()); })};
      found = spiRun(findAndLock, args, nullptr, ReadMode::Statement) == 1;
      if (!found) return;
      userId = *spiInt64(0, 1);
      state.status = statusOf(spiText(0, 2));
      state.failedCount = static_cast<int>(*spiInt64(0, 3));
      state.lockoutCount = static_cast<int>(*spiInt64(0, 4));
      bool isNull = false;
      const Datum until = spiValue(0, 5, &isNull);
      if (!isNull) state.lockedUntil = DatumGetTimestampTz(until);
      spiValue(0, 6, &isNull);
      if (!isNull) storedHash = spiText(0, 6);
    });
  }
  // One bcrypt computation on every path.
  // A password longer than set_password() accepts never matches (bcrypt would
  // compare only its first 72 bytes).
  const bool matches = passwordMatches(password, storedHash) &&
                       static_cast<int>(password.size()) <= kMaxPasswordBytes;
  if (!found) {
    spiFinish();
    PG_RETURN_NULL();
  }
  const core::SignInOutcome outcome =
      core::signInAttempt(state, matches && !storedHash.empty(), now, lockoutPolicy());
  const bool attemptCounts = outcome.changed || outcome.accepted;
  if (attemptCounts) {
    const Datum args[] = {Int64GetDatum(userId),
                          pgCall([&] { return CStringGetTextDatum(labelOf(outcome.next.status)); }),
                          Int32GetDatum(outcome.next.failedCount),
                          Int32GetDatum(outcome.next.lockoutCount),
                          TimestampTzGetDatum(outcome.next.lockedUntil.value_or(0)),
                          BoolGetDatum(outcome.accepted),
                          TimestampTzGetDatum(now)};
    const char nulls[] = {' ', ' ', ' ', ' ', outcome.next.lockedUntil ? ' ' : 'n', ' ', ' ', '\0'};
    runAsOwner(owner, [&] {
      asMaintenanceWrite([&] { spiRun(record, args, nulls, ReadMode::Statement); });
    });
  }
  // A hash made at a lower work factor than today's is raised while the password
  // is at hand.
  if (outcome.accepted && bcryptWorkFactor(storedHash) < passwordWorkFactor) {
    const Datum args[] = {Int64GetDatum(userId), bcryptHash(password, passwordWorkFactor)};
    runAsOwner(owner, [&] { spiRun(rehash, args, nullptr, ReadMode::Statement); });
  }
  spiFinish();
  if (!outcome.accepted) PG_RETURN_NULL();
  PG_RETURN_INT64(userId);
}

}  // namespace
}  // namespace agentic::pg::identity

Datum agentic_set_password(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::setPassword(fcinfo); });
}

Datum agentic_authenticate(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::authenticate(fcinfo); });
}
