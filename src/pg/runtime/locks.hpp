// The advisory locks the extension takes: one class, 'agnt', and one object per
// purpose. Every key in use is listed here.
#pragma once

#include "pg/runtime/boundary.hpp"

namespace agentic::pg {

// 'agnt' read as a big-endian 32-bit integer.
inline constexpr int32 kAdvisoryLockClass = 0x61676e74;
// agentic.compact_daily_cost_rollup() (SQL, in a released script) spells the
// class as the decimal literal 1634168436 and the object as 2: neither may change.
static_assert(kAdvisoryLockClass == 1634168436, "released SQL uses the decimal key");

enum class AdvisoryLock : int32 {
  TaskGraphEdges = 1,             // changes to existing task-graph edges take turns
  DailyCostRollupCompaction = 2,  // taken by the SQL function compact_daily_cost_rollup()
};

// Waits for the lock, held until the transaction ends.
inline void lockForTransaction(AdvisoryLock lock) {
  pgCall([lock] {
    DirectFunctionCall2(pg_advisory_xact_lock_int4, Int32GetDatum(kAdvisoryLockClass),
                        Int32GetDatum(static_cast<int32>(lock)));
  });
}

}  // namespace agentic::pg
