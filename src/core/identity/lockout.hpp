// Sign-in attempts and lockout: what one attempt does to a user's sign-in state.
//
// N failed attempts in a row (agentic.max_failed_logins) lock the account for a
// while (agentic.lockout_seconds), each further lockout twice as long as the one
// before, up to agentic.lockout_max_seconds; after agentic.permanent_lockout_after
// lockouts (0: never) the account is locked until an admin unlocks it. A success
// resets the counts. While locked nothing is counted, so an attacker cannot extend
// a lockout, and the attempt is refused whatever the password.
#pragma once

#include <cstdint>
#include <optional>

namespace agentic::core {

struct LockoutPolicy {
  int maxFailures = 5;                     // failures in a row that lock (>= 1)
  std::int64_t lockoutSeconds = 60;        // the first lockout's length (>= 1)
  std::int64_t maxLockoutSeconds = 86400;  // the longest one (>= lockoutSeconds)
  int permanentAfter = 0;                  // lockouts before a permanent one; 0: never
};

enum class UserStatus { Active, Locked, Disabled };

// A user's sign-in state; times are microseconds on one clock (PostgreSQL's).
struct SignInState {
  UserStatus status = UserStatus::Active;
  int failedCount = 0;   // failures since the last success or lockout
  int lockoutCount = 0;  // lockouts since the last success
  std::optional<std::int64_t> lockedUntil;
};

struct SignInOutcome {
  bool accepted = false;
  bool changed = false;  // `next` differs from the state the attempt started from
  SignInState next;
};

// One attempt at `now` whose password did (`passwordMatches`) or did not match.
SignInOutcome signInAttempt(const SignInState& state, bool passwordMatches, std::int64_t now,
                            const LockoutPolicy& policy);

// The length of the `lockout`-th lockout (1-based) in seconds: doubling, capped.
std::int64_t lockoutLength(int lockout, const LockoutPolicy& policy);

}  // namespace agentic::core
