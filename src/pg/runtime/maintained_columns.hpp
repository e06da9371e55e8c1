// Columns the rules keep and clients may not type in (a user's sign-in counts, a
// conversation's message counts): the table's BEFORE rule refuses a client's
// change of them, and lets through the extension's own UPDATE, which it recognises
// by this marker. No SQL can set it: it lives in this module, set only around
// the native code's own statements.
#pragma once

namespace agentic::pg {

namespace detail {
extern bool maintenanceWrite;
}

// True only while native code runs its own UPDATE of maintained columns.
inline bool maintenanceWriteInProgress() { return detail::maintenanceWrite; }

// Runs `body` (which may throw) with the marker set.
template <class F>
void asMaintenanceWrite(F&& body) {
  const bool outer = detail::maintenanceWrite;
  detail::maintenanceWrite = true;
  try {
    body();
  } catch (...) {
    detail::maintenanceWrite = outer;
    throw;
  }
  detail::maintenanceWrite = outer;
}

}  // namespace agentic::pg
