#include "core/workforce/utilization.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace agentic::core {
namespace {

constexpr Micros kHour = 3600LL * 1000000LL;
constexpr Micros kMinusInfinity = std::numeric_limits<Micros>::min();
constexpr Micros kPlusInfinity = std::numeric_limits<Micros>::max();
// PostgreSQL's earliest timestamp, 4714-11-24 00:00 BC, in microseconds since 2000-01-01.
constexpr Micros kPgEarliest = -211813488000000000;

constexpr Interval kAlwaysEmployed{kMinusInfinity, kPlusInfinity};

Interval hours(Micros from, Micros to) { return Interval{from * kHour, to * kHour}; }

TEST(Utilization, NoAssignmentsGivesZeroShare) {
  const AgentUtilization u = computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour, {});
  EXPECT_EQ(u.availableMicros, 10 * kHour);
  EXPECT_EQ(u.busyMicros, 0);
  EXPECT_EQ(u.assignments, 0);
  ASSERT_TRUE(u.share.has_value());
  EXPECT_EQ(*u.share, 0.0);
}

TEST(Utilization, SingleAssignmentInsideTheWindow) {
  const AgentUtilization u =
      computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour, {hours(2, 5)});
  EXPECT_EQ(u.availableMicros, 10 * kHour);
  EXPECT_EQ(u.busyMicros, 3 * kHour);
  EXPECT_EQ(u.assignments, 1);
  ASSERT_TRUE(u.share.has_value());
  EXPECT_DOUBLE_EQ(*u.share, 0.3);
}

TEST(Utilization, OverlappingAssignmentsAreCountedOnce) {
  // Union of [1,3), [2,5), [4,6) is [1,6): 5 hours. Given out of order.
  const AgentUtilization u = computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour,
                                                {hours(4, 6), hours(1, 3), hours(2, 5)});
  EXPECT_EQ(u.busyMicros, 5 * kHour);
  EXPECT_EQ(u.assignments, 3);
  ASSERT_TRUE(u.share.has_value());
  EXPECT_DOUBLE_EQ(*u.share, 0.5);
}

TEST(Utilization, NestedAndIdenticalAssignments) {
  const AgentUtilization nested = computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour,
                                                     {hours(1, 9), hours(2, 3), hours(4, 8)});
  EXPECT_EQ(nested.busyMicros, 8 * kHour);
  EXPECT_EQ(nested.assignments, 3);

  // A short one starting inside a long one must not cut the long one short.
  const AgentUtilization tail =
      computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour, {hours(1, 9), hours(1, 2)});
  EXPECT_EQ(tail.busyMicros, 8 * kHour);

  const AgentUtilization same =
      computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour, {hours(3, 4), hours(3, 4)});
  EXPECT_EQ(same.busyMicros, 1 * kHour);
  EXPECT_EQ(same.assignments, 2);
}

TEST(Utilization, DisjointAndTouchingAssignments) {
  const AgentUtilization disjoint =
      computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour, {hours(5, 7), hours(1, 2)});
  EXPECT_EQ(disjoint.busyMicros, 3 * kHour);
  EXPECT_EQ(disjoint.assignments, 2);

  const AgentUtilization touching = computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour,
                                                       {hours(2, 3), hours(1, 2), hours(3, 4)});
  EXPECT_EQ(touching.busyMicros, 3 * kHour);
  EXPECT_EQ(touching.assignments, 3);

  // Separated by a single microsecond: the gap is not busy.
  const AgentUtilization gap =
      computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour,
                         {Interval{1 * kHour, 2 * kHour}, Interval{2 * kHour + 1, 3 * kHour}});
  EXPECT_EQ(gap.busyMicros, 2 * kHour - 1);
}

TEST(Utilization, AssignmentsPartlyOutsideTheWindowAreClipped) {
  const AgentUtilization u =
      computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour, {hours(-5, 2), hours(8, 20)});
  EXPECT_EQ(u.availableMicros, 10 * kHour);
  EXPECT_EQ(u.busyMicros, 4 * kHour);
  EXPECT_EQ(u.assignments, 2);
  ASSERT_TRUE(u.share.has_value());
  EXPECT_DOUBLE_EQ(*u.share, 0.4);

  // One assignment covering far more than the window is busy for all of it.
  const AgentUtilization all =
      computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour, {hours(-50, 50)});
  EXPECT_EQ(all.busyMicros, 10 * kHour);
  ASSERT_TRUE(all.share.has_value());
  EXPECT_DOUBLE_EQ(*all.share, 1.0);
}

TEST(Utilization, AssignmentsOutsideTheWindowAreNotCounted) {
  const AgentUtilization u =
      computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour,
                         {hours(-5, -1), hours(11, 12), hours(-1, 0), hours(10, 11), hours(3, 4)});
  EXPECT_EQ(u.busyMicros, 1 * kHour);
  EXPECT_EQ(u.assignments, 1);
  ASSERT_TRUE(u.share.has_value());
  EXPECT_DOUBLE_EQ(*u.share, 0.1);
}

TEST(Utilization, EmptyOrBackwardsAssignmentsAreIgnored) {
  const AgentUtilization u =
      computeUtilization(hours(0, 10), kAlwaysEmployed, 100 * kHour, {hours(3, 3), hours(6, 4)});
  EXPECT_EQ(u.busyMicros, 0);
  EXPECT_EQ(u.assignments, 0);
  ASSERT_TRUE(u.share.has_value());
  EXPECT_EQ(*u.share, 0.0);
}

TEST(Utilization, OpenAssignmentRunsUntilNow) {
  const AgentUtilization u = computeUtilization(hours(0, 10), kAlwaysEmployed, 5 * kHour,
                                                {Interval{2 * kHour, kPlusInfinity}});
  EXPECT_EQ(u.availableMicros, 5 * kHour);
  EXPECT_EQ(u.busyMicros, 3 * kHour);
  EXPECT_EQ(u.assignments, 1);
  ASSERT_TRUE(u.share.has_value());
  EXPECT_DOUBLE_EQ(*u.share, 0.6);

  // An open assignment that only starts after now does not count.
  const AgentUtilization future = computeUtilization(hours(0, 10), kAlwaysEmployed, 5 * kHour,
                                                     {Interval{6 * kHour, kPlusInfinity}});
  EXPECT_EQ(future.busyMicros, 0);
  EXPECT_EQ(future.assignments, 0);
}

TEST(Utilization, WindowExtendingBeyondNowIsClipped) {
  const AgentUtilization u =
      computeUtilization(hours(0, 10), kAlwaysEmployed, 4 * kHour, {hours(1, 8)});
  EXPECT_EQ(u.availableMicros, 4 * kHour);
  EXPECT_EQ(u.busyMicros, 3 * kHour);
  ASSERT_TRUE(u.share.has_value());
  EXPECT_DOUBLE_EQ(*u.share, 0.75);

  // An open-ended window ends at now as well.
  const AgentUtilization open =
      computeUtilization(Interval{0, kPlusInfinity}, kAlwaysEmployed, 4 * kHour, {hours(1, 8)});
  EXPECT_EQ(open.availableMicros, 4 * kHour);
  EXPECT_EQ(open.busyMicros, 3 * kHour);
}

TEST(Utilization, EmploymentShorterThanTheWindow) {
  const AgentUtilization u =
      computeUtilization(hours(0, 10), hours(2, 6), 100 * kHour, {hours(0, 10)});
  EXPECT_EQ(u.availableMicros, 4 * kHour);
  EXPECT_EQ(u.busyMicros, 4 * kHour);
  EXPECT_EQ(u.assignments, 1);
  ASSERT_TRUE(u.share.has_value());
  EXPECT_DOUBLE_EQ(*u.share, 1.0);

  // Hired mid-window, still employed: work before hiring is not counted.
  const AgentUtilization hired = computeUtilization(
      hours(0, 10), Interval{5 * kHour, kPlusInfinity}, 100 * kHour, {hours(1, 3), hours(4, 7)});
  EXPECT_EQ(hired.availableMicros, 5 * kHour);
  EXPECT_EQ(hired.busyMicros, 2 * kHour);
  EXPECT_EQ(hired.assignments, 1);
  ASSERT_TRUE(hired.share.has_value());
  EXPECT_DOUBLE_EQ(*hired.share, 0.4);
}

TEST(Utilization, NoAvailableTimeHasNoShare) {
  struct Case {
    const char* what;
    Interval window;
    Interval employment;
    Micros now;
  };
  const Case cases[] = {
      {"terminated before the window", hours(0, 10), hours(-10, -1), 100 * kHour},
      {"terminated exactly at window start", hours(0, 10), hours(-10, 0), 100 * kHour},
      {"hired after the window", hours(0, 10), Interval{20 * kHour, kPlusInfinity}, 100 * kHour},
      {"window after now", hours(10, 20), kAlwaysEmployed, 5 * kHour},
      {"window starts at now", hours(5, 20), kAlwaysEmployed, 5 * kHour},
      {"empty window", hours(3, 3), kAlwaysEmployed, 100 * kHour},
      {"backwards window", hours(5, 3), kAlwaysEmployed, 100 * kHour},
      {"window ends at -infinity", Interval{kMinusInfinity, kMinusInfinity}, kAlwaysEmployed,
       100 * kHour},
  };
  for (const auto& c : cases) {
    const AgentUtilization u =
        computeUtilization(c.window, c.employment, c.now, {hours(-100, 100), hours(1, 2)});
    EXPECT_FALSE(u.share.has_value()) << c.what;
    EXPECT_EQ(u.availableMicros, 0) << c.what;
    EXPECT_EQ(u.busyMicros, 0) << c.what;
    EXPECT_EQ(u.assignments, 0) << c.what;
  }
}

TEST(Utilization, MinusInfinityWindowStartDoesNotOverflow) {
  const Micros now = 5 * kHour;
  const AgentUtilization u =
      computeUtilization(Interval{kMinusInfinity, 10 * kHour}, kAlwaysEmployed, now, {hours(0, 1)});
  EXPECT_GT(u.availableMicros, 0);
  EXPECT_EQ(u.availableMicros, now - kPgEarliest);
  EXPECT_EQ(u.busyMicros, kHour);
  EXPECT_EQ(u.assignments, 1);
  ASSERT_TRUE(u.share.has_value());
  EXPECT_GT(*u.share, 0.0);
  EXPECT_DOUBLE_EQ(*u.share, static_cast<double>(kHour) / static_cast<double>(now - kPgEarliest));
}

TEST(Utilization, InfiniteEverythingDoesNotOverflow) {
  const Micros now = 800000000LL * 1000000LL;  // about 25 years after 2000-01-01
  const AgentUtilization u =
      computeUtilization(Interval{kMinusInfinity, kPlusInfinity}, kAlwaysEmployed, now,
                         {Interval{kMinusInfinity, kPlusInfinity}});
  EXPECT_EQ(u.availableMicros, now - kPgEarliest);
  EXPECT_EQ(u.busyMicros, u.availableMicros);
  EXPECT_EQ(u.assignments, 1);
  ASSERT_TRUE(u.share.has_value());
  EXPECT_DOUBLE_EQ(*u.share, 1.0);
}

TEST(Utilization, ShareIsAlwaysBetweenZeroAndOne) {
  const std::vector<Interval> assignments = {hours(-3, 2), hours(1, 4), hours(6, 7),
                                             Interval{5 * kHour, kPlusInfinity}, hours(9, 30)};
  for (Micros now : {1 * kHour, 3 * kHour, 8 * kHour, 12 * kHour, 50 * kHour}) {
    for (Micros hire : {-5, 0, 2, 6}) {
      const AgentUtilization u =
          computeUtilization(hours(0, 10), Interval{hire * kHour, kPlusInfinity}, now, assignments);
      if (!u.share.has_value()) {
        EXPECT_EQ(u.availableMicros, 0);
        continue;
      }
      EXPECT_GT(u.availableMicros, 0);
      EXPECT_GE(u.busyMicros, 0);
      EXPECT_LE(u.busyMicros, u.availableMicros);
      EXPECT_GE(*u.share, 0.0);
      EXPECT_LE(*u.share, 1.0);
      EXPECT_DOUBLE_EQ(*u.share,
                       static_cast<double>(u.busyMicros) / static_cast<double>(u.availableMicros));
    }
  }
}

}  // namespace
}  // namespace agentic::core
