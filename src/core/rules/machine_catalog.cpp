// The status machines of every domain, in one place for lookups by name.
#include "core/hiring/hiring_statuses.hpp"
#include "core/identity/user_statuses.hpp"
#include "core/talk/talk_statuses.hpp"
#include "core/rules/status_machine.hpp"
#include "core/tasks/task_statuses.hpp"
#include "core/workforce/agent_statuses.hpp"

namespace agentic::core {
namespace {

constexpr const StatusMachine* kMachines[] = {
    &kTaskMachine, &kAssignmentMachine, &kAgentMachine,        &kApplicationMachine,
    &kJobMachine,  &kUserMachine,       &kConversationMachine, &kMessageMachine};

}  // namespace

const StatusMachine* findStatusMachine(std::string_view name) {
  for (const StatusMachine* machine : kMachines) {
    if (machine->name == name) return machine;
  }
  return nullptr;
}

const StatusMachine* const* allStatusMachines(std::size_t* count) {
  *count = countOf(kMachines);
  return kMachines;
}

}  // namespace agentic::core
