// Identity of the statement being executed, for caches that live as long as one
// statement: within it, neither a table's columns nor the snapshot its rules
// read change.
#pragma once

#include "pg/runtime/postgres_headers.hpp"

extern "C" {
#include "storage/proc.h"
}

namespace agentic::pg {

struct StatementKey {
  LocalTransactionId transaction = InvalidLocalTransactionId;
  SubTransactionId subtransaction = InvalidSubTransactionId;
  TimestampTz statementStart = 0;

  static StatementKey current() {
    return StatementKey{MyProc->lxid, GetCurrentSubTransactionId(),
                        GetCurrentStatementStartTimestamp()};
  }
  bool operator==(const StatementKey& o) const {
    return transaction == o.transaction && subtransaction == o.subtransaction &&
           statementStart == o.statementStart;
  }
};

}  // namespace agentic::pg
