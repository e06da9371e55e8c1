// Status machines of the talk domain: conversations and messages.
#pragma once

#include "core/rules/status_machine.hpp"

namespace agentic::core {

// active <-> archived; archiving stamps archived_at, which is NULL while active.
extern const StatusMachine kConversationMachine;
// pending -> streaming -> completed | failed | cancelled (pending may end at once);
// completing stamps completed_at.
extern const StatusMachine kMessageMachine;

}  // namespace agentic::core
