#include "pg/identity/tokens.hpp"

#include "pg/runtime/spi.hpp"

extern "C" {
#include "common/cryptohash.h"
#include "common/sha2.h"
#include "utils/syscache.h"
#include "port.h"
}

namespace agentic::pg::identity {

std::string newToken(core::TokenKind kind) {
  // Bytes of 248 and above are drawn again, so that byte % 62 is uniform.
  std::string body;
  while (body.size() < core::kTokenBodyLength) {
    unsigned char bytes[64];
    if (!pg_strong_random(bytes, sizeof bytes))
      throw RuleViolation(ERRCODE_INTERNAL_ERROR, "could not generate random bytes");
    for (unsigned char b : bytes) {
      if (b < 248 && body.size() < core::kTokenBodyLength) body += static_cast<char>(b);
    }
  }
  return core::makeToken(kind, body);
}

Datum tokenDigest(const std::string& token) {
  return pgCall([&] {
    bytea* digest = static_cast<bytea*>(palloc(VARHDRSZ + PG_SHA256_DIGEST_LENGTH));
    SET_VARSIZE(digest, VARHDRSZ + PG_SHA256_DIGEST_LENGTH);
    pg_cryptohash_ctx* ctx = pg_cryptohash_create(PG_SHA256);
    if (ctx == nullptr || pg_cryptohash_init(ctx) < 0 ||
        pg_cryptohash_update(ctx, reinterpret_cast<const uint8*>(token.data()), token.size()) < 0 ||
        pg_cryptohash_final(ctx, reinterpret_cast<uint8*>(VARDATA(digest)),
                            PG_SHA256_DIGEST_LENGTH) < 0) {
      pg_cryptohash_free(ctx);
      elog(ERROR, "could not compute a SHA-256 digest");
    }
    pg_cryptohash_free(ctx);
    return PointerGetDatum(digest);
  });
}

std::string tokenArgument(FunctionCallInfo fcinfo, int i, core::TokenKind kind, const char* table,
                          const char* ruleId) {
  const char* kindName = kind == core::TokenKind::ApiKey ? "API key" : "session token";
  if (PG_ARGISNULL(i))
    throw RuleViolation(ERRCODE_NULL_VALUE_NOT_ALLOWED, std::string("no ") + kindName + " given",
                        {}, {}, table, ruleId);
  const std::string token(pgCall([&] { return text_to_cstring(PG_GETARG_TEXT_PP(i)); }));
  if (!core::wellFormedToken(kind, token))
    throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE, std::string("malformed ") + kindName,
                        "It is not " + std::string(core::tokenTypePrefix(kind)) +
                            " followed by 46 letters and digits whose last 6 are its checksum.",
                        "Check the value for a typo; it is not looked up.", table, ruleId);
  return token;
}

Oid identityTablesOwner() {
  // Catalog cache lookups, no query: this runs on every verification.
  return pgCall([] {
    const Oid relid = get_relname_relid("users", get_namespace_oid("agentic", false));
    HeapTuple tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
    if (!HeapTupleIsValid(tuple)) elog(ERROR, "agentic.users does not exist");
    const Oid owner = reinterpret_cast<Form_pg_class>(GETSTRUCT(tuple))->relowner;
    ReleaseSysCache(tuple);
    return owner;
  });
}

std::uint64_t runAsIdentityOwner(CachedPlan& plan, Datum argument) {
  spiConnect();
  std::uint64_t rows = 0;
  runAsOwner(identityTablesOwner(), [&] {
    const Datum args[] = {argument};
    rows = spiRun(plan, args, nullptr, ReadMode::Statement);
  });
  spiFinish();
  return rows;
}

}  // namespace agentic::pg::identity
