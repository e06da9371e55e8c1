#include "core/workforce/utilization.hpp"

#include <algorithm>

namespace agentic::core {

namespace {
// PostgreSQL's earliest timestamp (4714-11-24 BC); -infinity counts from here,
// which keeps every difference below inside int64.
constexpr Micros kEarliestTimestamp = -211813488000000000;
}  // namespace

AgentUtilization computeUtilization(Interval window, Interval employment, Micros now,
                                    std::vector<Interval> assignments) {
  AgentUtilization result;
  const Micros from = std::max({window.start, employment.start, kEarliestTimestamp});
  const Micros to = std::min({window.end, employment.end, now});
  if (from >= to) return result;
  result.availableMicros = to - from;

  for (auto& a : assignments) {
    a.start = std::max(a.start, from);
    a.end = std::min(a.end, to);
  }
  assignments.erase(std::remove_if(assignments.begin(), assignments.end(),
                                   [](const Interval& a) { return a.start >= a.end; }),
                    assignments.end());
  result.assignments = static_cast<std::int64_t>(assignments.size());
  std::sort(assignments.begin(), assignments.end(),
            [](const Interval& a, const Interval& b) { return a.start < b.start; });

  Micros busy = 0;
  Micros runStart = 0;
  Micros runEnd = 0;
  bool inRun = false;
  for (const auto& a : assignments) {
    if (inRun && a.start <= runEnd) {
      runEnd = std::max(runEnd, a.end);
      continue;
    }
    if (inRun) busy += runEnd - runStart;
    runStart = a.start;
    runEnd = a.end;
    inRun = true;
  }
  if (inRun) busy += runEnd - runStart;

  result.busyMicros = busy;
  result.share = static_cast<double>(busy) / static_cast<double>(result.availableMicros);
  return result;
}

}  // namespace agentic::core
