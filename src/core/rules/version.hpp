// Extension versions ("1.0", "1.2", "1.10"): the registry says since which
// version a table, a rule or a column exists, and the PostgreSQL glue compares
// that with the version a database has installed (pg_extension.extversion).
// Versions compare numerically part by part; a missing part counts as 0, so
// "1.2" == "1.2.0" < "1.10".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace agentic::core {

struct Version {
  static constexpr int kMaxParts = 4;
  std::uint32_t parts[kMaxParts] = {};
  int count = 0;

  // Newer than every version that parses: what the code assumes when the
  // installed version is unknown (every rule it knows applies).
  static constexpr Version newest() {
    Version v;
    for (std::uint32_t& part : v.parts) part = UINT32_MAX;
    v.count = kMaxParts;
    return v;
  }
};

// Dotted decimal numbers ("1", "1.2", "1.2.3"), at most Version::kMaxParts of
// them, each below 2^32 - 1; nullopt for anything else.
constexpr std::optional<Version> parseVersion(std::string_view text) {
  Version v;
  std::size_t i = 0;
  while (true) {
    if (v.count == Version::kMaxParts || i == text.size()) return std::nullopt;
    std::uint64_t part = 0;
    const std::size_t start = i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      part = part * 10 + static_cast<std::uint64_t>(text[i] - '0');
      if (part >= UINT32_MAX) return std::nullopt;
    }
    if (i == start) return std::nullopt;
    v.parts[v.count++] = static_cast<std::uint32_t>(part);
    if (i == text.size()) return v;
    if (text[i] != '.') return std::nullopt;
    ++i;
  }
}

constexpr bool isVersion(std::string_view text) { return parseVersion(text).has_value(); }

// <0, 0 or >0 as `a` is older than, the same as or newer than `b`.
constexpr int compareVersions(const Version& a, const Version& b) {
  for (int i = 0; i < Version::kMaxParts; ++i) {
    const std::uint32_t x = i < a.count ? a.parts[i] : 0;
    const std::uint32_t y = i < b.count ? b.parts[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

// Whether what appeared in version `since` exists at `installed`. A `since`
// that does not parse is never reached.
bool versionReached(std::string_view since, const Version& installed);

}  // namespace agentic::core
