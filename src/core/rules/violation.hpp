// A broken business rule, as the core reports it.
#pragma once

#include <string>
#include <utility>

namespace agentic::core {

// `ruleId` names the rule in the registry (src/pg/runtime/registry.cpp), which
// gives the error its SQLSTATE, table, constraint name (the id itself) and hint.
struct Violation {
  Violation(std::string rule, std::string what, std::string why = {})
      : ruleId(std::move(rule)), message(std::move(what)), detail(std::move(why)) {}

  std::string ruleId;
  std::string message;
  std::string detail;
  // A few rules report two ways (e.g. a different SQLSTATE when a check gives
  // up); the registry lists each way under the same id and its own variant.
  std::string variant = {};
  // Replaces "{}" in the registry's hint, for hints that name another row.
  std::string hintArgument = {};
};

}  // namespace agentic::core
