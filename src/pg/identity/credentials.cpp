#include "pg/identity/credentials.hpp"

#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/maintained_columns.hpp"

extern "C" {
#include "miscadmin.h"
#include "catalog/pg_collation.h"
#include "utils/fmgroids.h"
}
#include "pg/runtime/maintained_columns.hpp"

extern "C" {
#include "miscadmin.h"
#include "catalog/pg_collation.h"
#include "utils/fmgroids.h"
}

#include <initializer_list>
#include <string>

namespace agentic::pg::credentials {
namespace {

void ensureUnchanged(const RowContext& ctx, std::initializer_list<int> columns,
                     const char* const* names, const char* ruleId) {
  const TriggerRow& t = ctx.row;
  for (int index : columns) {
    if (!columnChanged(t, ctx.column(index))) continue;
    ctx.reject(core::Violation(ruleId, std::string("column ") + names[index] + " of " +
                                           describeRow(t, t.oldRow) + " cannot change"));
  }
}

// A revocation is final: revoked_at, once set, keeps its value.
void ensureRevocationFinal(const RowContext& ctx, int index, const char* ruleId) {
  const TriggerRow& t = ctx.row;
  const int column = ctx.column(index);
  if (!rowTimestamp(t, t.oldRow, column) || !columnChanged(t, column)) return;
  ctx.reject(core::Violation(ruleId, describeRow(t, t.oldRow) + " is revoked for good"));
}

// Sessions and keys are issued by start_session(), create_api_key() and
// rotate_api_key(); a superuser may import them (the sample data does).
void ensureIssuedByFunctions(const RowContext& ctx, const char* ruleId, const char* what) {
  if (maintenanceWriteInProgress() || pgCall([] { return superuser(); })) return;
  ctx.reject(core::Violation(ruleId, std::string(what) + " are issued by functions only"));
}

// An expiry may move earlier (or appear), never later or away.
void ensureExpiryOnlyEarlier(const RowContext& ctx, int index, const char* ruleId) {
  const TriggerRow& t = ctx.row;
  const int column = ctx.column(index);
  if (maintenanceWriteInProgress() || !columnChanged(t, column)) return;
  const auto before = rowTimestamp(t, t.oldRow, column);
  const auto after = rowTimestamp(t, t.newRow, column);
  if (after && (!before || *after <= *before)) return;
  ctx.reject(core::Violation(
      ruleId, "the expiry of " + describeRow(t, t.oldRow) + " can only move earlier"));
}

// Scopes may only shrink.
void ensureScopesOnlyNarrow(const RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  const int column = ctx.column(kKeyScopes);
  if (maintenanceWriteInProgress() || !columnChanged(t, column)) return;
  bool oldNull = false;
  bool newNull = false;
  const Datum before = rowValue(t, t.oldRow, column, &oldNull);
  const Datum after = rowValue(t, t.newRow, column, &newNull);
  if (!oldNull && !newNull && pgCall([&] {
        return DatumGetBool(
            OidFunctionCall2Coll(F_ARRAYCONTAINED, DEFAULT_COLLATION_OID, after, before));
      }))
    return;
  ctx.reject(core::Violation("user_api_keys_grant_narrows",
                             "the scopes of " + describeRow(t, t.oldRow) + " can only shrink"));
}

// The last use is written by verification and resolution only (and by a superuser).
void ensureActivityMaintained(const RowContext& ctx, int index, const char* ruleId) {
  const TriggerRow& t = ctx.row;
  const int column = ctx.column(index);
  if (maintenanceWriteInProgress() || !columnChanged(t, column) ||
      pgCall([] { return superuser(); }))
    return;
  ctx.reject(core::Violation(ruleId, std::string("the last use of ") + describeRow(t, t.oldRow) +
                                         " is recorded by the extension only"));
}

}  // namespace

void beforeSessionRow(RowContext& ctx) {
  if (ctx.row.isInsert) {
    ensureIssuedByFunctions(ctx, "user_sessions_issued_by_functions", "sessions");
    return;
  }
  ensureUnchanged(ctx, {kSessionUserId, kTokenDigest, kSessionCreatedAt, kNotAfter},
                  kSessionColumns, "user_sessions_identity_immutable");
  ensureRevocationFinal(ctx, kSessionRevokedAt, "user_sessions_revocation_final");
  ensureExpiryOnlyEarlier(ctx, kSessionExpiresAt, "user_sessions_expiry_maintained");
  ensureActivityMaintained(ctx, kLastSeenAt, "user_sessions_activity_maintained");
}

void beforeKeyRow(RowContext& ctx) {
  if (ctx.row.isInsert) {
    ensureIssuedByFunctions(ctx, "user_api_keys_issued_by_functions", "API keys");
    return;
  }
  ensureUnchanged(ctx,
                  {kKeyUserId, kKeyPrefix, kKeyDigest, kKeyLast4, kKeyCreatedAt, kRotatedFromId},
                  kKeyColumns, "user_api_keys_identity_immutable");
  ensureRevocationFinal(ctx, kKeyRevokedAt, "user_api_keys_revocation_final");
  ensureScopesOnlyNarrow(ctx);
  ensureExpiryOnlyEarlier(ctx, kKeyExpiresAt, "user_api_keys_grant_narrows");
  ensureActivityMaintained(ctx, kLastUsedAt, "user_api_keys_activity_maintained");
}

}  // namespace agentic::pg::credentials
