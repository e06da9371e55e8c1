// Who acts: the application user a transaction acts for (agentic.current_user_id()).
//
// The trust model (README, "Who acts"): a trusted application role (write level,
// not itself mapped to a user) names the user it serves with
// agentic.set_current_user(), for the rest of the transaction, as SET LOCAL would
// (a rolled-back subtransaction takes its setting back). No setting or SQL can
// forge it: it lives in this module. Without it, a database role mapped to a user
// (users.database_role) acts as that user; otherwise nobody acts.
#pragma once

#include "pg/runtime/postgres_headers.hpp"

#include <cstdint>
#include <optional>

namespace agentic::pg::identity {

// The user set by set_current_user() in this transaction, if any.
std::optional<std::int64_t> actingUserSetting();

// The following need an SPI connection.
// The user the transaction acts for (agentic.current_user_id()).
std::optional<std::int64_t> currentUserId();
// Nobody acts and the role is no user's: the application itself (or a DBA), trusted
// with every user's rows (agentic.current_role_is_service()).
bool actingAsService();
// The acting user is an active admin.
bool actingUserIsAdmin();
// Whether the service acts, or `userId` itself, or an admin.
bool mayActFor(std::int64_t userId);
// Refuses (42501, users_acting_user_scope) unless the service acts, or `userId`
// itself, or an admin; `what` names the action in the message.
void ensureMayActFor(std::int64_t userId, const char* what);

// Registers the transaction callbacks that forget the setting (_PG_init).
void registerActingUserCallbacks();

}  // namespace agentic::pg::identity
