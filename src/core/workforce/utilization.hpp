// Busy share of an agent's time over a window.
//
// Times are PostgreSQL TimestampTz values: microseconds, with INT64_MIN and
// INT64_MAX standing for -infinity and +infinity.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace agentic::core {

using Micros = std::int64_t;

struct Interval {
  Micros start;
  Micros end;  // exclusive; INT64_MAX for "not ended yet"
};

struct AgentUtilization {
  Micros availableMicros = 0;    // time the agent was employed inside the window
  Micros busyMicros = 0;         // union of its assignments inside that time
  std::int64_t assignments = 0;  // assignments that overlapped that time
  // busy / available, or nullopt when the agent had no time in the window
  std::optional<double> share;
};

// `window` is the requested window, `employment` the agent's employed span
// (hired or created .. terminated or +infinity), `now` the statement time:
// nothing after it is counted. Open assignments run until `now`. Overlapping
// assignments are counted once.
AgentUtilization computeUtilization(Interval window, Interval employment, Micros now,
                                    std::vector<Interval> assignments);

}  // namespace agentic::core
