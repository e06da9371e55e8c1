#include "core/workforce/workflows.hpp"

#include <string>

namespace agentic::core {

std::variant<std::int64_t, Violation> workflowVersion(const WorkflowWrite& write,
                                                      std::string_view row) {
  const auto refuse = [&](std::int64_t expected) {
    return Violation("workflows_version_maintained",
                     "version " + std::to_string(write.version) + " given for " + std::string(row),
                     "The version is kept by the rule: " + std::to_string(expected) + " here.");
  };
  if (write.isInsert) {
    if (write.version != 1) return refuse(1);
    return std::int64_t{1};
  }
  if (write.version != write.oldVersion)
    return refuse(write.oldVersion + (write.definitionChanged ? 1 : 0));
  return write.definitionChanged ? write.oldVersion + 1 : write.oldVersion;
}

}  // namespace agentic::core
