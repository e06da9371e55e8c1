#include "core/talk/talk_statuses.hpp"

namespace agentic::core {
namespace {

constexpr std::string_view kConversationStates[] = {"active", "archived"};
constexpr Transition kConversationTransitions[] = {{"active", "archived"}, {"archived", "active"}};
constexpr StateStamp kConversationStamps[] = {{"archived", "archived_at", false}};
constexpr std::string_view kConversationCleared[] = {"archived_at"};

constexpr std::string_view kMessageStates[] = {"pending", "streaming", "completed", "failed",
                                               "cancelled"};
constexpr Transition kMessageTransitions[] = {
    {"pending", "streaming"},   {"pending", "completed"},   {"pending", "failed"},
    {"pending", "cancelled"},   {"streaming", "completed"}, {"streaming", "failed"},
    {"streaming", "cancelled"},
};
constexpr StateStamp kMessageStamps[] = {{"completed", "completed_at", true}};
constexpr std::string_view kMessageCleared[] = {"completed_at"};

}  // namespace

extern constexpr StatusMachine kConversationMachine{"conversation",
                                                    kConversationStates,
                                                    countOf(kConversationStates),
                                                    kConversationTransitions,
                                                    countOf(kConversationTransitions),
                                                    kConversationStamps,
                                                    countOf(kConversationStamps),
                                                    kConversationCleared,
                                                    countOf(kConversationCleared)};

extern constexpr StatusMachine kMessageMachine{"message",
                                               kMessageStates,
                                               countOf(kMessageStates),
                                               kMessageTransitions,
                                               countOf(kMessageTransitions),
                                               kMessageStamps,
                                               countOf(kMessageStamps),
                                               kMessageCleared,
                                               countOf(kMessageCleared)};

}  // namespace agentic::core
