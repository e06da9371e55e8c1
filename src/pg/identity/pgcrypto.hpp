// bcrypt through pgcrypto's crypt() and gen_salt(), called directly (no query):
// the functions are found once per backend in the schema pgcrypto is installed in.
#pragma once

#include "pg/runtime/postgres_headers.hpp"

#include <string>

namespace agentic::pg::identity {

// crypt(password, gen_salt('bf', workFactor)): a text Datum in the current context.
Datum bcryptHash(const std::string& password, int workFactor);

// Whether `password` hashes to `hash`. Costs one bcrypt computation whatever the
// input: an empty `hash` (no such user, no password set) is replaced by a dummy
// hash of the current work factor, and the answer is then false.
bool passwordMatches(const std::string& password, const std::string& hash);

// The work factor a bcrypt hash was made with (0 when it is not one).
int bcryptWorkFactor(const std::string& hash);

}  // namespace agentic::pg::identity
