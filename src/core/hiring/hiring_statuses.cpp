#include "core/hiring/hiring_statuses.hpp"

namespace agentic::core {
namespace {

constexpr std::string_view kApplicationStates[] = {
    "submitted", "screening", "interviewing", "offered", "hired", "rejected", "withdrawn"};
constexpr Transition kApplicationTransitions[] = {
    {"submitted", "screening"},    {"submitted", "rejected"},   {"submitted", "withdrawn"},
    {"screening", "interviewing"}, {"screening", "offered"},    {"screening", "rejected"},
    {"screening", "withdrawn"},    {"interviewing", "offered"}, {"interviewing", "rejected"},
    {"interviewing", "withdrawn"}, {"offered", "hired"},        {"offered", "rejected"},
    {"offered", "withdrawn"},
};
constexpr StateStamp kApplicationStamps[] = {
    {"hired", "decided_at", false},
    {"rejected", "decided_at", false},
    {"withdrawn", "decided_at", false},
};
// decided_at is NULL until the application is decided (since 1.3: a statement
// that supplies it earlier is refused).
constexpr std::string_view kApplicationClearedColumns[] = {"decided_at"};

constexpr std::string_view kJobStates[] = {"draft", "open", "on_hold", "filled", "closed"};
constexpr Transition kJobTransitions[] = {
    {"draft", "open"},     {"draft", "closed"}, {"open", "on_hold"},
    {"open", "filled"},    {"open", "closed"},  {"on_hold", "open"},
    {"on_hold", "closed"}, {"filled", "open"},  {"filled", "closed"},
};

}  // namespace

extern constexpr StatusMachine kApplicationMachine{"application",
                                                   kApplicationStates,
                                                   countOf(kApplicationStates),
                                                   kApplicationTransitions,
                                                   countOf(kApplicationTransitions),
                                                   kApplicationStamps,
                                                   countOf(kApplicationStamps),
                                                   kApplicationClearedColumns,
                                                   countOf(kApplicationClearedColumns)};
extern constexpr StatusMachine kJobMachine{
    "job",   kJobStates, countOf(kJobStates), kJobTransitions, countOf(kJobTransitions), nullptr, 0,
    nullptr, 0};

}  // namespace agentic::core
