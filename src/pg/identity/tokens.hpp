// Making and recognising the identity domain's secrets (core/identity/tokens.hpp
// has their format): random bodies from the server's strong random source, and the
// SHA-256 digests that are all the tables keep of them.
#pragma once

#include "pg/runtime/spi.hpp"

#include "core/identity/tokens.hpp"

#include <cstdint>
#include <cstring>
#include <string>

namespace agentic::pg::identity {

// A new token of `kind`.
std::string newToken(core::TokenKind kind);

// SHA-256 of `token` as a bytea Datum (agentic.secret_digest) in the current context.
Datum tokenDigest(const std::string& token);

// The token text of argument `i`, or an error naming `ruleId` (22023) when it is not a
// well-formed token of `kind` (a typo is refused without reading a table).
std::string tokenArgument(FunctionCallInfo fcinfo, int i, core::TokenKind kind, const char* table,
                          const char* ruleId);

// The owner of the identity tables (the extension's tables' owner), whose rights
// the sign-in functions write bookkeeping with.
Oid identityTablesOwner();

// Runs `body`, a write of a row that holds a digest: when PostgreSQL refuses the row
// (a CHECK, NOT NULL), its error keeps message, SQLSTATE and constraint but not the
// DETAIL "Failing row contains (...)", which would print the digest into the client's
// error and the server log.
template <class F>
void hidingRow(F&& body) {
  try {
    body();
  } catch (PgError& e) {
    if (e.data->detail != nullptr && std::strncmp(e.data->detail, "Failing row contains", 20) == 0)
      e.data->detail =
          pgCall([] { return pstrdup("The row is not shown: it holds a secret digest."); });
    throw;
  }
}

// Runs a one-parameter statement with that owner's rights, in an SPI connection of its
// own; returns the number of rows it processed.
std::uint64_t runAsIdentityOwner(CachedPlan& plan, Datum argument);

}  // namespace agentic::pg::identity
