#include "core/workforce/agent_statuses.hpp"

namespace agentic::core {
namespace {

constexpr std::string_view kAgentStates[] = {"onboarding", "active", "suspended", "terminated"};
constexpr Transition kAgentTransitions[] = {
    {"onboarding", "active"}, {"onboarding", "terminated"}, {"active", "suspended"},
    {"active", "terminated"}, {"suspended", "active"},      {"suspended", "terminated"},
};
constexpr StateStamp kAgentStamps[] = {
    {"active", "hired_at", true},
    {"terminated", "terminated_at", false},
};

}  // namespace

extern constexpr StatusMachine kAgentMachine{"agent",
                                             kAgentStates,
                                             countOf(kAgentStates),
                                             kAgentTransitions,
                                             countOf(kAgentTransitions),
                                             kAgentStamps,
                                             countOf(kAgentStamps),
                                             nullptr,
                                             0};

}  // namespace agentic::core
