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
  const std::int64_t next = write.definitionChanged ? write.oldVersion + 1 : write.oldVersion;
  // The statement may give the version the rule computes (version = version + 1 with
  // a new definition: the usual optimistic-locking write).
  if (write.version != write.oldVersion && write.version != next) return refuse(next);
  return next;
}

}  // namespace agentic::core
