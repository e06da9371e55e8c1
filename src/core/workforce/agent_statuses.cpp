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
// terminated_at is NULL until the agent is terminated (since 1.3: a statement that
// supplies it earlier is refused).
constexpr std::string_view kAgentClearedColumns[] = {"terminated_at"};

}  // namespace

extern constexpr StatusMachine kAgentMachine{"agent",
                                             kAgentStates,
                                             countOf(kAgentStates),
                                             kAgentTransitions,
                                             countOf(kAgentTransitions),
                                             kAgentStamps,
                                             countOf(kAgentStamps),
                                             kAgentClearedColumns,
                                             countOf(kAgentClearedColumns)};

}  // namespace agentic::core
