// Work that may fail for reasons that must not fail the caller: it runs in a
// subtransaction of its own, as a PL/pgSQL block with an EXCEPTION clause does, and
// a serialization failure (40001) or a lock not available (55P03) rolls back just
// that work. Any other error goes on to the caller.
//
// Used for bookkeeping a reader writes on the side (a key's last use, a session's
// last activity): a REPEATABLE READ verification must not fail because another
// verification just wrote the same row.
#pragma once

#include "pg/runtime/boundary.hpp"

namespace agentic::pg {

// Runs `body`; returns false when it was rolled back for one of the errors above.
template <class F>
bool tryInSubtransaction(F&& body) {
  const MemoryContext callerContext = CurrentMemoryContext;
  const ResourceOwner callerOwner = CurrentResourceOwner;
  pgCall([] { BeginInternalSubTransaction(nullptr); });
  try {
    body();
  } catch (const PgError& e) {
    const int code = e.data->sqlerrcode;
    pgCall([] { RollbackAndReleaseCurrentSubTransaction(); });
    MemoryContextSwitchTo(callerContext);
    CurrentResourceOwner = callerOwner;
    if (code == ERRCODE_T_R_SERIALIZATION_FAILURE || code == ERRCODE_LOCK_NOT_AVAILABLE)
      return false;
    throw;
  } catch (...) {
    pgCall([] { RollbackAndReleaseCurrentSubTransaction(); });
    MemoryContextSwitchTo(callerContext);
    CurrentResourceOwner = callerOwner;
    throw;
  }
  pgCall([] { ReleaseCurrentSubTransaction(); });
  MemoryContextSwitchTo(callerContext);
  CurrentResourceOwner = callerOwner;
  return true;
}

}  // namespace agentic::pg
