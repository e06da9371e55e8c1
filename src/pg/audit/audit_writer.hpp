// Writing audit rows straight into agentic.audit_logs: no query is planned or run.
// Columns of the extension's secret types (password hashes, token digests) are
// recorded as "[redacted]" (NULL stays NULL); changed_columns still names them.
// A row is formed in C (to_jsonb of the audited row, its changed columns, the
// caller) and inserted with its index entries; the columns the writer does not
// set get their defaults from the table's definition, evaluated as an INSERT
// would. This is the audit's cost per statement: what an INSERT ... SELECT over
// the transition tables cost in executor start-up and CHECK parsing is gone.
//
// Plain PostgreSQL calls throughout (run them inside one pgCall()): no C++
// object is alive while they may raise an error.
#pragma once

#include "pg/runtime/postgres_headers.hpp"

namespace agentic::pg::audit {

enum class Operation : int { Insert = 1, Update = 2, Delete = 3, Truncate = 4 };

// Writes the audit rows of one statement on `audited` (TRUNCATE: `oldRows` and
// `newRows` are NULL, one row naming the table). Returns false, having written
// nothing, when audit_logs has triggers on INSERT other than the extension's
// restore guard: those must fire, so the caller writes through SQL instead.
bool writeDirectly(Relation audited, Operation op, Tuplestorestate* oldRows,
                   Tuplestorestate* newRows, const char* tableName, const char* changedBy);

// The names of the audited table's columns of a secret type (text[]), which its
// audit rows record as "[redacted]": the SQL path's third parameter.
Datum secretColumnNames(Relation audited);

// Registers the relcache callback that keeps the writer's caches current (_PG_init).
void registerInvalidation();

}  // namespace agentic::pg::audit
