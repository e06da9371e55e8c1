#include "core/identity/user_statuses.hpp"

namespace agentic::core {
namespace {

constexpr std::string_view kUserStates[] = {"active", "locked", "disabled"};
constexpr Transition kUserTransitions[] = {
    {"active", "locked"},   {"active", "disabled"}, {"locked", "active"},
    {"locked", "disabled"}, {"disabled", "active"},
};

}  // namespace

extern constexpr StatusMachine kUserMachine{"user",
                                            kUserStates,
                                            countOf(kUserStates),
                                            kUserTransitions,
                                            countOf(kUserTransitions),
                                            nullptr,
                                            0,
                                            nullptr,
                                            0};

}  // namespace agentic::core
