// Sessions: agentic.start_session(), resolve_session(), end_session(),
// end_all_sessions(), purge_sessions(). A session token is returned once; the
// table keeps its SHA-256 digest. Resolving a session reads the latest committed
// state (an ended session is refused at once, in every isolation level) and slides
// its idle expiry, writing the row at most once per agentic.session_touch_seconds
// and never waiting for, or failing because of, another session's write.
#include "pg/identity/acting_user.hpp"
#include "pg/identity/tokens.hpp"
#include "pg/runtime/maintained_columns.hpp"
#include "pg/runtime/settings.hpp"
#include "pg/runtime/spi.hpp"
#include "pg/runtime/subtransaction.hpp"

#include <string>

extern "C" {
#include "utils/inet.h"
PG_FUNCTION_INFO_V1(agentic_start_session);
PG_FUNCTION_INFO_V1(agentic_resolve_session);
PG_FUNCTION_INFO_V1(agentic_end_session);
PG_FUNCTION_INFO_V1(agentic_end_all_sessions);
PG_FUNCTION_INFO_V1(agentic_purge_sessions);
}

namespace agentic::pg::identity {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1000000;
constexpr const char* kTable = "user_sessions";

[[noreturn]] void refuseSession() {
  throw RuleViolation(ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION, "session not valid",
                      "The session is unknown, ended or expired, or its user may not sign in.",
                      "Sign in again.", kTable, "user_sessions_session_valid");
}

Datum startSession(FunctionCallInfo fcinfo) {
  static const Oid kUserArg[] = {INT8OID};
  static CachedPlan userState{
      "SELECT u.status::text, u.locked_until FROM agentic.users u WHERE u.id = $1 FOR KEY SHARE", 1,
      kUserArg, nullptr};
  static const Oid kInsertArgs[] = {INT8OID,        BYTEAOID, TIMESTAMPTZOID,
                                    TIMESTAMPTZOID, INETOID,  TEXTOID};
  static CachedPlan insert{
      "INSERT INTO agentic.user_sessions (user_id, token_digest, expires_at, not_after, "
      "client_addr, user_agent) VALUES ($1, $2, $3, $4, $5, $6)",
      6, kInsertArgs, nullptr};
  if (PG_ARGISNULL(0))
    throw RuleViolation(ERRCODE_NULL_VALUE_NOT_ALLOWED, "start_session() needs a user");
  const std::int64_t userId = PG_GETARG_INT64(0);
  const TimestampTz now = GetCurrentTransactionStartTimestamp();
  spiConnect();
  ensureMayActFor(userId, "starting a session");
  const Oid owner = identityTablesOwner();
  std::string token;
  runAsOwner(owner, [&] {
    const Datum userArg[] = {Int64GetDatum(userId)};
    if (spiRun(userState, userArg, nullptr, ReadMode::Statement) == 0)
      throw RuleViolation(ERRCODE_FOREIGN_KEY_VIOLATION,
                          "user " + std::to_string(userId) + " does not exist", {}, {}, kTable,
                          "user_sessions_user_id_fkey");
    bool isNull = false;
    const Datum lockedUntil = spiValue(0, 2, &isNull);
    if (spiText(0, 1) != "active" || (!isNull && DatumGetTimestampTz(lockedUntil) > now))
      throw RuleViolation(ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
                          "user " + std::to_string(userId) + " may not sign in",
                          "The user is locked out, locked or disabled.", {}, kTable,
                          "user_sessions_user_may_sign_in");
    token = newToken(core::TokenKind::Session);
    const TimestampTz notAfter = now + sessionMaxSeconds * kMicrosPerSecond;
    const TimestampTz idle = now + sessionIdleSeconds * kMicrosPerSecond;
    const Datum args[] = {Int64GetDatum(userId),
                          tokenDigest(token),
                          TimestampTzGetDatum(idle < notAfter ? idle : notAfter),
                          TimestampTzGetDatum(notAfter),
                          PG_ARGISNULL(1) ? Datum(0) : PG_GETARG_DATUM(1),
                          PG_ARGISNULL(2) ? Datum(0) : PG_GETARG_DATUM(2)};
    const char nulls[] = {
        ' ', ' ', ' ', ' ', PG_ARGISNULL(1) ? 'n' : ' ', PG_ARGISNULL(2) ? 'n' : ' ', '\0'};
    hidingRow(
        [&] { asMaintenanceWrite([&] { spiRun(insert, args, nulls, ReadMode::Statement); }); });
  });
  spiFinish();
  return pgCall([&] { return CStringGetTextDatum(token.c_str()); });
}

Datum resolveSession(FunctionCallInfo fcinfo) {
  static const Oid kDigestArg[] = {BYTEAOID};
  static CachedPlan find{
      "SELECT s.id, s.user_id, s.expires_at, s.revoked_at IS NOT NULL, s.last_seen_at, "
      "u.status::text FROM agentic.user_sessions s JOIN agentic.users u ON u.id = s.user_id "
      "WHERE s.token_digest = $1",
      1, kDigestArg, nullptr};
  static CachedPlan lockSkip{
      "SELECT 1 FROM agentic.user_sessions WHERE id = $1 AND revoked_at IS NULL "
      "FOR NO KEY UPDATE SKIP LOCKED",
      1, kOneBigint, nullptr};
  static const Oid kTouchArgs[] = {INT8OID, TIMESTAMPTZOID, INTERVALOID};
  static CachedPlan touch{
      "UPDATE agentic.user_sessions SET last_seen_at = $2, "
      "expires_at = LEAST($2 + $3, not_after) WHERE id = $1",
      3, kTouchArgs, nullptr};
  const std::string token =
      tokenArgument(fcinfo, 0, core::TokenKind::Session, kTable, "user_sessions_token_format");
  const TimestampTz now = GetCurrentStatementStartTimestamp();
  spiConnect();
  const Oid owner = identityTablesOwner();
  std::int64_t sessionId = 0;
  std::int64_t userId = 0;
  TimestampTz lastSeen = 0;
  runAsOwner(owner, [&] {
    const Datum args[] = {tokenDigest(token)};
    if (spiRun(find, args, nullptr, ReadMode::Latest) == 0) refuseSession();
    bool isNull = false;
    sessionId = *spiInt64(0, 1);
    userId = *spiInt64(0, 2);
    const TimestampTz expires = DatumGetTimestampTz(spiValue(0, 3, &isNull));
    const bool revoked = DatumGetBool(spiValue(0, 4, &isNull));
    lastSeen = DatumGetTimestampTz(spiValue(0, 5, &isNull));
    if (revoked || now >= expires || spiText(0, 6) != "active") refuseSession();
  });
  if (now - lastSeen >= sessionTouchSeconds * kMicrosPerSecond) {
    runAsOwner(owner, [&] {
      tryInSubtransaction([&] {
        const Datum id[] = {Int64GetDatum(sessionId)};
        if (spiRun(lockSkip, id, nullptr, ReadMode::Statement) == 0) return;
        Interval* idle = pgCall([] { return static_cast<Interval*>(palloc0(sizeof(Interval))); });
        idle->time = static_cast<TimeOffset>(sessionIdleSeconds) * kMicrosPerSecond;
        const Datum args[] = {Int64GetDatum(sessionId), TimestampTzGetDatum(now),
                              IntervalPGetDatum(idle)};
        asMaintenanceWrite([&] { spiRun(touch, args, nullptr, ReadMode::Statement); });
      });
    });
  }
  spiFinish();
  PG_RETURN_INT64(userId);
}

Datum endSession(FunctionCallInfo fcinfo) {
  static const Oid kDigestArg[] = {BYTEAOID};
  static CachedPlan end{
      "UPDATE agentic.user_sessions SET revoked_at = pg_catalog.statement_timestamp() "
      "WHERE token_digest = $1 AND revoked_at IS NULL",
      1, kDigestArg, nullptr};
  const std::string token =
      tokenArgument(fcinfo, 0, core::TokenKind::Session, kTable, "user_sessions_token_format");
  PG_RETURN_BOOL(runAsIdentityOwner(end, tokenDigest(token)) > 0);
}

Datum endAllSessions(FunctionCallInfo fcinfo) {
  static CachedPlan endAll{
      "UPDATE agentic.user_sessions SET revoked_at = pg_catalog.statement_timestamp() "
      "WHERE user_id = $1 AND revoked_at IS NULL",
      1, kOneBigint, nullptr};
  if (PG_ARGISNULL(0))
    throw RuleViolation(ERRCODE_NULL_VALUE_NOT_ALLOWED, "end_all_sessions() needs a user");
  spiConnect();
  ensureMayActFor(PG_GETARG_INT64(0), "ending the sessions");
  spiFinish();
  PG_RETURN_INT32(static_cast<int32>(runAsIdentityOwner(endAll, PG_GETARG_DATUM(0))));
}

Datum purgeSessions(FunctionCallInfo fcinfo) {
  static const Oid kIntervalArg[] = {INTERVALOID};
  static CachedPlan purge{
      "DELETE FROM agentic.user_sessions "
      "WHERE LEAST(expires_at, COALESCE(revoked_at, expires_at)) < pg_catalog.now() - $1",
      1, kIntervalArg, nullptr};
  if (PG_ARGISNULL(0))
    throw RuleViolation(ERRCODE_NULL_VALUE_NOT_ALLOWED, "purge_sessions() needs an age");
  const Interval* age = PG_GETARG_INTERVAL_P(0);
  if (age->time < 0 || age->day < 0 || age->month < 0)
    throw RuleViolation(
        ERRCODE_INVALID_PARAMETER_VALUE, "purge_sessions() needs an age of 0 or more", {},
        "A negative age would delete live sessions.", kTable, "user_sessions_purge_age");
  spiConnect();
  const bool allowed = actingAsService() || actingUserIsAdmin();
  spiFinish();
  if (!allowed)
    throw RuleViolation(ERRCODE_INSUFFICIENT_PRIVILEGE, "purge_sessions() is for admins",
                        "It deletes every user's ended sessions.",
                        "Call it as an admin user, or from the application acting for nobody.",
                        "users", "users_acting_user_scope");
  PG_RETURN_INT64(static_cast<int64>(runAsIdentityOwner(purge, PG_GETARG_DATUM(0))));
}

}  // namespace
}  // namespace agentic::pg::identity

Datum agentic_start_session(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::startSession(fcinfo); });
}
Datum agentic_resolve_session(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::resolveSession(fcinfo); });
}
Datum agentic_end_session(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::endSession(fcinfo); });
}
Datum agentic_end_all_sessions(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::endAllSessions(fcinfo); });
}
Datum agentic_purge_sessions(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::purgeSessions(fcinfo); });
}
