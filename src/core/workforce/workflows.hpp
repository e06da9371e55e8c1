// A workflow's version follows its definition: 1 when created, one more with each
// change of the definition, never typed in.
#pragma once

#include "core/rules/violation.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

namespace agentic::core {

struct WorkflowWrite {
  bool isInsert = false;
  std::int64_t version = 1;     // as the statement gives it
  std::int64_t oldVersion = 1;  // UPDATE only
  bool definitionChanged = false;
};

// The version to store, or the violation (workflows_version_maintained); `row`
// describes the row for the message.
std::variant<std::int64_t, Violation> workflowVersion(const WorkflowWrite& write,
                                                      std::string_view row);

}  // namespace agentic::core
