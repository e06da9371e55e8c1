// API keys: agentic.create_api_key(), verify_api_key(), revoke_api_key(),
// rotate_api_key(). A key is returned once; the table keeps its visible prefix,
// its last 4 characters and its SHA-256 digest. Verification refuses a malformed
// key (bad checksum) without reading the table, finds the key by its prefix in the
// latest committed state (a revocation counts at once, in every isolation level),
// compares digests in constant time, and records the use at most once per
// agentic.api_key_touch_seconds without waiting for, or failing because of,
// another verification of the same key.
#include "pg/identity/acting_user.hpp"
#include "pg/identity/tokens.hpp"
#include "pg/runtime/maintained_columns.hpp"
#include "pg/runtime/settings.hpp"
#include "pg/runtime/spi.hpp"
#include "pg/runtime/subtransaction.hpp"

#include <string>

extern "C" {
#include "funcapi.h"
PG_FUNCTION_INFO_V1(agentic_create_api_key);
PG_FUNCTION_INFO_V1(agentic_verify_api_key);
PG_FUNCTION_INFO_V1(agentic_revoke_api_key);
PG_FUNCTION_INFO_V1(agentic_rotate_api_key);
}

namespace agentic::pg::identity {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1000000;
constexpr const char* kTable = "user_api_keys";

[[noreturn]] void refuseKey() {
  throw RuleViolation(ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION, "API key not valid",
                      "The key is unknown, revoked or expired, or its user may not sign in.", {},
                      kTable, "user_api_keys_key_valid");
}

// Compares two digests in time that does not depend on where they differ.
bool sameDigest(Datum a, Datum b) {
  return pgCall([&] {
    const bytea* x = DatumGetByteaPP(a);
    const bytea* y = DatumGetByteaPP(b);
    const int length = VARSIZE_ANY_EXHDR(x);
    if (length != static_cast<int>(VARSIZE_ANY_EXHDR(y))) return false;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(VARDATA_ANY(x));
    const unsigned char* q = reinterpret_cast<const unsigned char*>(VARDATA_ANY(y));
    unsigned char difference = 0;
    for (int i = 0; i < length; ++i) difference |= p[i] ^ q[i];
    return difference == 0;
  });
}

// Inserts a new key for `userId` and returns it (the caller holds the owner's rights).
std::string insertKey(Datum userId, Datum name, Datum scopes, bool scopesNull, Datum expiresAt,
                      bool expiresNull, Datum rotatedFrom, bool rotatedNull) {
  static const Oid kInsertArgs[] = {INT8OID, TEXTOID,      TEXTOID,        BYTEAOID,
                                    TEXTOID, TEXTARRAYOID, TIMESTAMPTZOID, INT8OID};
  static CachedPlan insert{
      "INSERT INTO agentic.user_api_keys (user_id, name, key_prefix, key_digest, key_last4, "
      "scopes, expires_at, rotated_from_id) "
      "VALUES ($1, $2, $3, $4, $5, COALESCE($6, '{}'), $7, $8)",
      8, kInsertArgs, nullptr};
  const std::string key = newToken(core::TokenKind::ApiKey);
  const std::string prefix = key.substr(0, core::kApiKeyPrefixLength);
  const std::string last4 = key.substr(key.size() - 4);
  const Datum args[] = {userId,
                        name,
                        pgCall([&] { return CStringGetTextDatum(prefix.c_str()); }),
                        tokenDigest(key),
                        pgCall([&] { return CStringGetTextDatum(last4.c_str()); }),
                        scopes,
                        expiresAt,
                        rotatedFrom};
  const char nulls[] = {' ',
                        ' ',
                        ' ',
                        ' ',
                        ' ',
                        scopesNull ? 'n' : ' ',
                        expiresNull ? 'n' : ' ',
                        rotatedNull ? 'n' : ' ',
                        '\0'};
  hidingRow([&] { asMaintenanceWrite([&] { spiRun(insert, args, nulls, ReadMode::Statement); }); });
  return key;
}

Datum createApiKey(FunctionCallInfo fcinfo) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw RuleViolation(ERRCODE_NULL_VALUE_NOT_ALLOWED, "create_api_key() needs a user and a name");
  spiConnect();
  ensureMayActFor(PG_GETARG_INT64(0), "creating an API key");
  std::string key;
  runAsOwner(identityTablesOwner(), [&] {
    key = insertKey(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), PG_GETARG_DATUM(2), PG_ARGISNULL(2),
                    PG_GETARG_DATUM(3), PG_ARGISNULL(3), Datum(0), true);
  });
  spiFinish();
  return pgCall([&] { return CStringGetTextDatum(key.c_str()); });
}

Datum verifyApiKey(FunctionCallInfo fcinfo) {
  static const Oid kPrefixArg[] = {TEXTOID};
  static CachedPlan find{
      "SELECT k.id, k.user_id, k.key_digest::pg_catalog.bytea, k.scopes, "
      "k.revoked_at IS NOT NULL, k.expires_at, k.last_used_at, u.status::text "
      "FROM agentic.user_api_keys k JOIN agentic.users u ON u.id = k.user_id "
      "WHERE k.key_prefix = $1",
      1, kPrefixArg, nullptr};
  static CachedPlan lockSkip{
      "SELECT 1 FROM agentic.user_api_keys WHERE id = $1 FOR NO KEY UPDATE SKIP LOCKED", 1,
      kOneBigint, nullptr};
  static const Oid kTouchArgs[] = {INT8OID, TIMESTAMPTZOID};
  static CachedPlan touch{"UPDATE agentic.user_api_keys SET last_used_at = $2 WHERE id = $1", 2,
                          kTouchArgs, nullptr};
  const std::string key =
      tokenArgument(fcinfo, 0, core::TokenKind::ApiKey, kTable, "user_api_keys_key_format");
  const std::string prefix = key.substr(0, core::kApiKeyPrefixLength);
  const TimestampTz now = GetCurrentStatementStartTimestamp();
  pgCall([&] { InitMaterializedSRF(fcinfo, 0); });
  spiConnect();
  const Oid owner = identityTablesOwner();
  std::int64_t keyId = 0;
  Datum userId = Datum(0);
  Datum scopes = Datum(0);
  bool touchDue = false;
  runAsOwner(owner, [&] {
    const Datum args[] = {pgCall([&] { return CStringGetTextDatum(prefix.c_str()); })};
    const bool found = spiRun(find, args, nullptr, ReadMode::Latest) == 1;
    // The digest is computed whether or not the prefix exists.
    const Datum digest = tokenDigest(key);
    if (!found) refuseKey();
    bool isNull = false;
    const bool matches = sameDigest(spiValue(0, 3, &isNull), digest);
    keyId = *spiInt64(0, 1);
    userId = spiValue(0, 2, &isNull);
    // Copied out of SPI's memory, which spiFinish() frees.
    scopes = pgCall([&] {
      bool null = false;
      return SPI_datumTransfer(
          SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 4, &null), false, -1);
    });
    const bool revoked = DatumGetBool(spiValue(0, 5, &isNull));
    const Datum expires = spiValue(0, 6, &isNull);
    const bool expired = !isNull && now >= DatumGetTimestampTz(expires);
    const Datum lastUsed = spiValue(0, 7, &isNull);
    touchDue =
        isNull || now - DatumGetTimestampTz(lastUsed) >= apiKeyTouchSeconds * kMicrosPerSecond;
    if (!matches || revoked || expired || spiText(0, 8) != "active") refuseKey();
  });
  if (touchDue) {
    runAsOwner(owner, [&] {
      tryInSubtransaction([&] {
        const Datum id[] = {Int64GetDatum(keyId)};
        if (spiRun(lockSkip, id, nullptr, ReadMode::Statement) == 0) return;
        const Datum args[] = {Int64GetDatum(keyId), TimestampTzGetDatum(now)};
        asMaintenanceWrite([&] { spiRun(touch, args, nullptr, ReadMode::Statement); });
      });
    });
  }
  spiFinish();
  pgCall([&] {
    auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
    Datum values[] = {userId, Int64GetDatum(keyId), scopes};
    bool nulls[] = {false, false, false};
    tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
  });
  return Datum(0);
}

Datum revokeApiKey(FunctionCallInfo fcinfo) {
  static CachedPlan owner{"SELECT user_id FROM agentic.user_api_keys WHERE id = $1", 1, kOneBigint,
                          nullptr};
  static CachedPlan revoke{
      "UPDATE agentic.user_api_keys SET revoked_at = pg_catalog.statement_timestamp() "
      "WHERE id = $1 AND revoked_at IS NULL",
      1, kOneBigint, nullptr};
  if (PG_ARGISNULL(0))
    throw RuleViolation(ERRCODE_NULL_VALUE_NOT_ALLOWED, "revoke_api_key() needs a key id");
  spiConnect();
  std::uint64_t revoked = 0;
  const Oid tablesOwner = identityTablesOwner();
  const Datum args[] = {PG_GETARG_DATUM(0)};
  std::optional<std::int64_t> keyUser;
  runAsOwner(tablesOwner, [&] {
    if (spiRun(owner, args, nullptr, ReadMode::Statement) == 1) keyUser = spiInt64(0, 1);
  });
  if (!keyUser)
    throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE,
                        "API key " + std::to_string(PG_GETARG_INT64(0)) + " does not exist", {}, {},
                        kTable, "user_api_keys_key_exists");
  ensureMayActFor(*keyUser, "revoking an API key");
  runAsOwner(tablesOwner, [&] { revoked = spiRun(revoke, args, nullptr, ReadMode::Statement); });
  spiFinish();
  PG_RETURN_BOOL(revoked > 0);
}

Datum rotateApiKey(FunctionCallInfo fcinfo) {
  static CachedPlan lockOld{
      "SELECT user_id, name, scopes, expires_at, revoked_at IS NOT NULL, "
      "expires_at IS NOT NULL AND expires_at <= pg_catalog.statement_timestamp() "
      "FROM agentic.user_api_keys WHERE id = $1 FOR UPDATE",
      1, kOneBigint, nullptr};
  // Read after the lock, from the latest committed state: a racing rotation that
  // committed first has left its successor.
  static CachedPlan successor{"SELECT 1 FROM agentic.user_api_keys WHERE rotated_from_id = $1", 1,
                              kOneBigint, nullptr};
  static const Oid kGraceArgs[] = {INT8OID, INTERVALOID};
  static CachedPlan endOld{
      "UPDATE agentic.user_api_keys SET "
      "revoked_at = CASE WHEN $2 = '0'::pg_catalog.interval THEN pg_catalog.statement_timestamp() "
      "END, "
      "expires_at = CASE WHEN $2 = '0'::pg_catalog.interval THEN expires_at "
      "ELSE LEAST(expires_at, pg_catalog.statement_timestamp() + $2) END "
      "WHERE id = $1",
      2, kGraceArgs, nullptr};
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
    throw RuleViolation(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                        "rotate_api_key() needs a key id and a grace period");
  const Interval* grace = PG_GETARG_INTERVAL_P(1);
  if (grace->time < 0 || grace->day < 0 || grace->month < 0)
    throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE, "a grace period cannot be negative", {},
                        "Give '0' to end the old key at once.", kTable,
                        "user_api_keys_rotation_grace");
  const std::int64_t oldId = PG_GETARG_INT64(0);
  spiConnect();
  std::string key;
  runAsOwner(identityTablesOwner(), [&] {
    const Datum idArg[] = {Int64GetDatum(oldId)};
    if (spiRun(lockOld, idArg, nullptr, ReadMode::Statement) == 0)
      throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE,
                          "API key " + std::to_string(oldId) + " does not exist", {}, {}, kTable,
                          "user_api_keys_key_exists");
    bool isNull = false;
    if (DatumGetBool(spiValue(0, 5, &isNull)) || DatumGetBool(spiValue(0, 6, &isNull)))
      throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE,
                          "API key " + std::to_string(oldId) + " is revoked or expired", {},
                          "Create a new key instead.", kTable, "user_api_keys_rotation_live");
    bool scopesNull = false;
    bool expiresNull = false;
    const std::int64_t keyUser = *spiInt64(0, 1);
    const Datum name = pgCall([&] {
      bool null = false;
      return SPI_datumTransfer(
          SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &null), false, -1);
    });
    const Datum scopes = pgCall([&] {
      return SPI_datumTransfer(
          SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &scopesNull), false, -1);
    });
    const Datum expires = spiValue(0, 4, &expiresNull);
    if (spiRun(successor, idArg, nullptr, ReadMode::Latest) > 0)
      throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE,
                          "API key " + std::to_string(oldId) + " was rotated already", {},
                          "Rotate its successor instead.", kTable, "user_api_keys_rotation_live");
    ensureMayActFor(keyUser, "rotating an API key");
    const Datum endArgs[] = {Int64GetDatum(oldId), PG_GETARG_DATUM(1)};
    hidingRow([&] { spiRun(endOld, endArgs, nullptr, ReadMode::Statement); });
    key = insertKey(Int64GetDatum(keyUser), name, scopes, scopesNull, expires, expiresNull,
                    Int64GetDatum(oldId), false);
  });
  spiFinish();
  return pgCall([&] { return CStringGetTextDatum(key.c_str()); });
}

}  // namespace
}  // namespace agentic::pg::identity

Datum agentic_create_api_key(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::createApiKey(fcinfo); });
}
Datum agentic_verify_api_key(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::verifyApiKey(fcinfo); });
}
Datum agentic_revoke_api_key(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::revokeApiKey(fcinfo); });
}
Datum agentic_rotate_api_key(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::identity::rotateApiKey(fcinfo); });
}
