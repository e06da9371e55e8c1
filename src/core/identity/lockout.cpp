#include "core/identity/lockout.hpp"

#include <algorithm>

namespace agentic::core {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1000000;

bool sameState(const SignInState& a, const SignInState& b) {
  return a.status == b.status && a.failedCount == b.failedCount &&
         a.lockoutCount == b.lockoutCount && a.lockedUntil == b.lockedUntil;
}

}  // namespace

std::int64_t lockoutLength(int lockout, const LockoutPolicy& policy) {
  const std::int64_t cap = std::max(policy.maxLockoutSeconds, policy.lockoutSeconds);
  std::int64_t length = std::max<std::int64_t>(policy.lockoutSeconds, 1);
  // Doubling stops at the cap, so the product never overflows.
  for (int i = 1; i < lockout && length < cap; ++i) length = length > cap / 2 ? cap : length * 2;
  return std::min(length, cap);
}

SignInOutcome signInAttempt(const SignInState& state, bool passwordMatches, std::int64_t now,
                            const LockoutPolicy& policy) {
  SignInOutcome out;
  out.next = state;
  if (state.status != UserStatus::Active) return out;  // locked or disabled: refused
  if (state.lockedUntil && now < *state.lockedUntil) return out;
  if (passwordMatches) {
    out.accepted = true;
    out.next.failedCount = 0;
    out.next.lockoutCount = 0;
    out.next.lockedUntil.reset();
    out.changed = !sameState(out.next, state);
    return out;
  }
  out.next.failedCount = state.failedCount + 1;
  if (out.next.failedCount >= std::max(policy.maxFailures, 1)) {
    out.next.failedCount = 0;
    out.next.lockoutCount = state.lockoutCount + 1;
    if (policy.permanentAfter > 0 && out.next.lockoutCount > policy.permanentAfter) {
      out.next.status = UserStatus::Locked;
      out.next.lockedUntil.reset();
    } else {
      out.next.lockedUntil = now + lockoutLength(out.next.lockoutCount, policy) * kMicrosPerSecond;
    }
  }
  out.changed = true;
  return out;
}

}  // namespace agentic::core
