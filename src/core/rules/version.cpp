#include "core/rules/version.hpp"

namespace agentic::core {

bool versionReached(std::string_view since, const Version& installed) {
  const std::optional<Version> v = parseVersion(since);
  return v.has_value() && compareVersions(*v, installed) <= 0;
}

}  // namespace agentic::core
