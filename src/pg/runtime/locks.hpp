// The advisory locks the extension takes: one class, 'agnt', and one object per
// purpose. Every key in use is listed here.
#pragma once

#include "pg/runtime/boundary.hpp"

namespace agentic::pg {

// 'agnt' read as a big-endian 32-bit integer.
inline constexpr int32 kAdvisoryLockClass = 0x61676e74;
// agentic.compact_daily_cost_rollup() of 1.1 and 1.2 (SQL, in released scripts)
// spells the class as the decimal literal 1634168436 and the object as 2: neither
// may change (1.3's native one takes the same key).
static_assert(kAdvisoryLockClass == 1634168436, "released SQL uses the decimal key");

enum class AdvisoryLock : int32 {
  TaskGraphEdges = 1,             // changes to existing task-graph edges take turns
  DailyCostRollupCompaction = 2,  // taken by compact_daily_cost_rollup()
};

// Waits for the lock, held until the transaction ends.
inline void lockForTransaction(AdvisoryLock lock) {
  pgCall([lock] {
    DirectFunctionCall2(pg_advisory_xact_lock_int4, Int32GetDatum(kAdvisoryLockClass),
                        Int32GetDatum(static_cast<int32>(lock)));
  });
}

// Takes the lock if no other session holds it, held until the transaction ends;
// false, at once, when another session holds it.
inline bool tryLockForTransaction(AdvisoryLock lock) {
  return pgCall([lock] {
    return DatumGetBool(DirectFunctionCall2(pg_try_advisory_xact_lock_int4,
                                            Int32GetDatum(kAdvisoryLockClass),
                                            Int32GetDatum(static_cast<int32>(lock))));
  });
}

}  // namespace agentic::pg
