// Status machines of the hiring domain: job descriptions and applications.
#pragma once

#include "core/rules/status_machine.hpp"

namespace agentic::core {

extern const StatusMachine kJobMachine;
extern const StatusMachine kApplicationMachine;

}  // namespace agentic::core
