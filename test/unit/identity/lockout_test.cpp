#include "core/identity/lockout.hpp"

#include <gtest/gtest.h>

namespace agentic::core {
namespace {

constexpr std::int64_t kSecond = 1000000;

LockoutPolicy policy(int maxFailures, std::int64_t seconds, std::int64_t maxSeconds,
                     int permanentAfter) {
  LockoutPolicy p;
  p.maxFailures = maxFailures;
  p.lockoutSeconds = seconds;
  p.maxLockoutSeconds = maxSeconds;
  p.permanentAfter = permanentAfter;
  return p;
}

TEST(Lockout, SuccessResetsCounts) {
  SignInState s;
  s.failedCount = 2;
  s.lockoutCount = 1;
  s.lockedUntil = 5 * kSecond;
  const SignInOutcome out = signInAttempt(s, true, 10 * kSecond, LockoutPolicy{});
  EXPECT_TRUE(out.accepted);
  EXPECT_TRUE(out.changed);
  EXPECT_EQ(out.next.failedCount, 0);
  EXPECT_EQ(out.next.lockoutCount, 0);
  EXPECT_FALSE(out.next.lockedUntil.has_value());
}

TEST(Lockout, CleanSuccessChangesNothing) {
  const SignInOutcome out = signInAttempt(SignInState{}, true, 0, LockoutPolicy{});
  EXPECT_TRUE(out.accepted);
  EXPECT_FALSE(out.changed);
}

TEST(Lockout, FailuresCountAndLockAtTheLimit) {
  const LockoutPolicy p = policy(3, 60, 3600, 0);
  SignInState s;
  std::int64_t now = 1000 * kSecond;
  for (int i = 1; i <= 2; ++i) {
    const SignInOutcome out = signInAttempt(s, false, now, p);
    EXPECT_FALSE(out.accepted);
    EXPECT_EQ(out.next.failedCount, i);
    EXPECT_FALSE(out.next.lockedUntil.has_value());
    s = out.next;
  }
  const SignInOutcome locked = signInAttempt(s, false, now, p);
  EXPECT_EQ(locked.next.failedCount, 0);
  EXPECT_EQ(locked.next.lockoutCount, 1);
  ASSERT_TRUE(locked.next.lockedUntil.has_value());
  EXPECT_EQ(*locked.next.lockedUntil, now + 60 * kSecond);
}

TEST(Lockout, WhileLockedEvenTheRightPasswordIsRefusedAndNothingCounts) {
  SignInState s;
  s.lockoutCount = 1;
  s.lockedUntil = 100 * kSecond;
  for (bool right : {true, false}) {
    const SignInOutcome out = signInAttempt(s, right, 99 * kSecond, LockoutPolicy{});
    EXPECT_FALSE(out.accepted);
    EXPECT_FALSE(out.changed);
  }
  EXPECT_TRUE(signInAttempt(s, true, 100 * kSecond, LockoutPolicy{}).accepted);
}

TEST(Lockout, LockoutsEscalateAndCap) {
  const LockoutPolicy p = policy(1, 60, 300, 0);
  EXPECT_EQ(lockoutLength(1, p), 60);
  EXPECT_EQ(lockoutLength(2, p), 120);
  EXPECT_EQ(lockoutLength(3, p), 240);
  EXPECT_EQ(lockoutLength(4, p), 300);
  EXPECT_EQ(lockoutLength(1000000, p), 300);
  SignInState s;
  std::int64_t now = 0;
  for (std::int64_t expected : {60, 120, 240, 300}) {
    const SignInOutcome out = signInAttempt(s, false, now, p);
    ASSERT_TRUE(out.next.lockedUntil.has_value());
    EXPECT_EQ(*out.next.lockedUntil - now, expected * kSecond);
    s = out.next;
    now = *s.lockedUntil;  // the lock has just expired
  }
}

TEST(Lockout, HugeSettingsDoNotOverflow) {
  const LockoutPolicy p = policy(1, INT64_MAX / 4, INT64_MAX / 2, 0);
  EXPECT_EQ(lockoutLength(64, p), INT64_MAX / 2);
}

TEST(Lockout, PermanentAfterTheConfiguredLockouts) {
  const LockoutPolicy p = policy(1, 60, 3600, 2);
  SignInState s;
  std::int64_t now = 0;
  for (int i = 0; i < 2; ++i) {
    s = signInAttempt(s, false, now, p).next;
    EXPECT_EQ(s.status, UserStatus::Active);
    now = *s.lockedUntil;
  }
  s = signInAttempt(s, false, now, p).next;
  EXPECT_EQ(s.status, UserStatus::Locked);
  EXPECT_FALSE(s.lockedUntil.has_value());
  EXPECT_FALSE(signInAttempt(s, true, now + 1000000 * kSecond, p).accepted);
}

TEST(Lockout, DisabledUsersAreRefusedWithoutCounting) {
  SignInState s;
  s.status = UserStatus::Disabled;
  const SignInOutcome out = signInAttempt(s, false, 0, LockoutPolicy{});
  EXPECT_FALSE(out.accepted);
  EXPECT_FALSE(out.changed);
}

}  // namespace
}  // namespace agentic::core
