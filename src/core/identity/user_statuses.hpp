// Status machine of the identity domain: application users.
#pragma once

#include "core/rules/status_machine.hpp"

namespace agentic::core {

// active: may sign in (a temporary lockout is users.locked_until, not a status);
// locked: only an admin's unlock (locked -> active) lets the user sign in again;
// disabled: switched off by an admin.
extern const StatusMachine kUserMachine;

}  // namespace agentic::core
