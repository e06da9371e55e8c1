// Direct reads on the hot paths: the rows of a table whose bigint column equals a
// key, through a btree index that leads with that column, without planning or
// running a query. A rule that reads a handful of rows by a foreign key uses this
// instead of SPI (see CONTRIBUTING.md, "Native code rules").
//
// Plain PostgreSQL calls: run it inside pgCall(); the visitor must not own C++
// objects with destructors either.
#pragma once

#include "pg/runtime/postgres_headers.hpp"

#include <cstdint>

namespace agentic::pg {

using KeyScanVisitor = void (*)(TupleTableSlot* row, void* state);

// Calls `visit` for every row of `relid` whose column `keyColumn` equals `key`, as
// `snapshot` sees them. The table must be locked by the caller's statement already
// (a trigger's table, or one its foreign key references). Raises an error when no
// btree index leads with the column.
void scanByKey(Oid relid, AttrNumber keyColumn, std::int64_t key, Snapshot snapshot,
               KeyScanVisitor visit, void* state);

// Locks the row of `relid` whose bigint column `keyColumn` (a unique key, e.g. id)
// equals `key`, as SELECT ... FOR <mode> would in the caller's isolation level: the row
// the statement's snapshot sees is locked, waiting for a concurrent writer; in READ
// COMMITTED the latest version of the row is locked and returned, in REPEATABLE READ
// or SERIALIZABLE a row changed since the snapshot raises 40001. Returns the locked
// row in a new slot of the table (drop it with ExecDropSingleTupleTableSlot), or
// NULL when there is no such row (or it was deleted meanwhile).
TupleTableSlot* lockRowByKey(Oid relid, AttrNumber keyColumn, std::int64_t key, LockTupleMode mode);

// Registers the relcache callback that keeps the chosen indexes current (_PG_init).
void registerKeyScanInvalidation();

}  // namespace agentic::pg
