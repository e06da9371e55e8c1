// The sign-in columns of agentic.users (failed_login_count, lockout_count,
// locked_until, last_login_at, last_failed_login_at) are kept by
// agentic.authenticate(); the users trigger lets a client only reset them. The
// trigger knows authenticate()'s own UPDATE by this marker, which no SQL can set.
#pragma once

namespace agentic::pg::identity {

namespace detail {
extern bool signInWrite;
}

// True only while authenticate() runs its UPDATE of the user's row.
inline bool signInWriteInProgress() { return detail::signInWrite; }

// Runs `body` (which may throw) with the marker set.
template <class F>
void asSignInWrite(F&& body) {
  detail::signInWrite = true;
  try {
    body();
  } catch (...) {
    detail::signInWrite = false;
    throw;
  }
  detail::signInWrite = false;
}

}  // namespace agentic::pg::identity
