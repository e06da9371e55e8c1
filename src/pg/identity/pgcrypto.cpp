#include "pg/identity/pgcrypto.hpp"

#include "pg/runtime/settings.hpp"
#include "pg/runtime/spi.hpp"

extern "C" {
#include "nodes/value.h"
#include "parser/parse_func.h"
#include "port.h"
}

namespace agentic::pg::identity {
namespace {

struct Functions {
  Oid crypt;    // crypt(text, text)
  Oid genSalt;  // gen_salt(text, integer)
};
Functions functions = {InvalidOid, InvalidOid};

// The dummy hash unknown logins are checked against, at the work factor it was made with.
char dummyHash[64];
int dummyWorkFactor = 0;

Oid lookUp(const std::string& schema, const char* name, int argCount, const Oid* argTypes) {
  return pgCall([&] {
    List* qualified = list_make2(makeString(pstrdup(schema.c_str())), makeString(pstrdup(name)));
    return LookupFuncName(qualified, argCount, argTypes, false);
  });
}

const Functions& pgcrypto() {
  if (OidIsValid(functions.crypt)) return functions;
  static CachedPlan schemaPlan{
      "SELECT n.nspname::text FROM pg_catalog.pg_extension e "
      "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pgcrypto'",
      0, kNoArgs, nullptr};
  spiConnect();
  if (spiRun(schemaPlan, nullptr, nullptr, ReadMode::ReadOnly) != 1)
    throw RuleViolation(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "extension pgcrypto is not installed", {},
                        "CREATE EXTENSION pgcrypto; agentic_schema requires it since 1.5.");
  const std::string schema = spiText(0, 1);
  spiFinish();
  const Oid twoTexts[] = {TEXTOID, TEXTOID};
  const Oid textAndInt[] = {TEXTOID, INT4OID};
  const Oid crypt = lookUp(schema, "crypt", 2, twoTexts);
  functions.genSalt = lookUp(schema, "gen_salt", 2, textAndInt);
  functions.crypt = crypt;
  return functions;
}

Datum crypt(const Functions& f, const std::string& password, Datum salt) {
  return pgCall(
      [&] { return OidFunctionCall2(f.crypt, CStringGetTextDatum(password.c_str()), salt); });
}

// Compares in time that depends on the lengths only.
bool sameText(const char* a, std::size_t aLength, const char* b, std::size_t bLength) {
  unsigned char difference = aLength == bLength ? 0 : 1;
  const std::size_t n = aLength < bLength ? aLength : bLength;
  for (std::size_t i = 0; i < n; ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

const char* dummyHashFor(const Functions& f, int workFactor) {
  if (dummyWorkFactor == workFactor) return dummyHash;
  char secret[16];
  if (!pg_strong_random(secret, sizeof secret))
    throw RuleViolation(ERRCODE_INTERNAL_ERROR, "could not generate random bytes");
  std::string random;
  for (char c : secret) random += static_cast<char>('a' + (static_cast<unsigned char>(c) % 26));
  const Datum hash = bcryptHash(random, workFactor);
  (void)f;
  pgCall([&] { text_to_cstring_buffer(DatumGetTextPP(hash), dummyHash, sizeof dummyHash); });
  dummyWorkFactor = workFactor;
  return dummyHash;
}

}  // namespace

Datum bcryptHash(const std::string& password, int workFactor) {
  const Functions& f = pgcrypto();
  const Datum salt = pgCall([&] {
    return OidFunctionCall2(f.genSalt, CStringGetTextDatum("bf"), Int32GetDatum(workFactor));
  });
  return crypt(f, password, salt);
}

bool passwordMatches(const std::string& password, const std::string& hash) {
  const Functions& f = pgcrypto();
  // The dummy hash exists before the first answer of the backend, whoever asks: made
  // only for an unknown login, it would make that first answer a bcrypt slower.
  dummyHashFor(f, passwordWorkFactor);
  const bool real = !hash.empty();
  const std::string against = real ? hash : std::string(dummyHashFor(f, passwordWorkFactor));
  const Datum computed =
      crypt(f, password, pgCall([&] { return CStringGetTextDatum(against.c_str()); }));
  const std::string result(pgCall([&] { return text_to_cstring(DatumGetTextPP(computed)); }));
  return real && sameText(result.data(), result.size(), against.data(), against.size());
}

int bcryptWorkFactor(const std::string& hash) {
  // $2a$NN$...
  if (hash.size() < 7 || hash[0] != '$' || hash[1] != '2' || hash[3] != '$' || hash[6] != '$')
    return 0;
  if (hash[4] < '0' || hash[4] > '9' || hash[5] < '0' || hash[5] > '9') return 0;
  return (hash[4] - '0') * 10 + (hash[5] - '0');
}

}  // namespace agentic::pg::identity
