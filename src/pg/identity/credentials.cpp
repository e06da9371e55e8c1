#include "pg/identity/credentials.hpp"

#include "pg/runtime/dispatcher.hpp"

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

}  // namespace

void beforeSessionRow(RowContext& ctx) {
  ensureUnchanged(ctx, {kSessionUserId, kTokenDigest, kSessionCreatedAt, kNotAfter},
                  kSessionColumns, "user_sessions_identity_immutable");
  ensureRevocationFinal(ctx, kSessionRevokedAt, "user_sessions_revocation_final");
}

void beforeKeyRow(RowContext& ctx) {
  ensureUnchanged(ctx,
                  {kKeyUserId, kKeyPrefix, kKeyDigest, kKeyLast4, kKeyCreatedAt, kRotatedFromId},
                  kKeyColumns, "user_api_keys_identity_immutable");
  ensureRevocationFinal(ctx, kKeyRevokedAt, "user_api_keys_revocation_final");
}

}  // namespace agentic::pg::credentials
