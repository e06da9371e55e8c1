// Status machine of the workforce domain: hired agents.
#pragma once

#include "core/rules/status_machine.hpp"

namespace agentic::core {

extern const StatusMachine kAgentMachine;

}  // namespace agentic::core
