// Rows inserted straight into one of the extension's bookkeeping tables (audit_logs,
// daily_cost_rollup): heap insert and index entries, the columns the caller does not
// set filled from the table's own defaults (planned once per backend, again after the
// table's definition changes) as an INSERT would fill them. No query is planned or run,
// no CHECK constraint is evaluated (the caller forms valid rows) and no trigger fires:
// callers write through SQL instead when the table has INSERT triggers besides the
// extension's restore guard (hasOwnInsertTriggers()).
//
// Plain PostgreSQL calls throughout: run them inside one pgCall().
#pragma once

#include "pg/runtime/postgres_headers.hpp"

namespace agentic::pg {

struct DirectInsert;

// Whether `rel` has enabled INSERT triggers other than its `<table>_restore_guard`.
bool hasOwnInsertTriggers(Relation rel);

// Starts inserting into `rel` (opened by the caller with RowExclusiveLock);
// `supplied` names the columns the caller sets on every row. The defaults are planned
// per table for the first caller's `supplied` list (until the table changes): one
// writer per table (audit_logs: the audit, daily_cost_rollup: the cost rollup); a
// second writer with other columns needs the cache keyed by its list too.
DirectInsert* beginDirectInsert(Relation rel, const char* const* supplied, int suppliedCount);
// The next row: every column NULL or its default; set the supplied ones, then store it.
TupleTableSlot* nextDirectRow(DirectInsert* insert);
// Memory for the values of the row being formed (reset after each stored row).
MemoryContext directRowMemory(DirectInsert* insert);
void storeDirectRow(DirectInsert* insert);
void endDirectInsert(DirectInsert* insert);

// Registers the relcache callback that keeps the planned defaults current (_PG_init).
void registerDirectInsertInvalidation();

}  // namespace agentic::pg
