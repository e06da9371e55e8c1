// Restore mode: a session that is restoring a dump made by pg_dump.
//
// Every pg_dump script and every pg_restore session (its --jobs workers too) sets
// search_path to '', check_function_bodies off and row_security off. A superuser
// session with these three settings is restoring a dump: the extension's triggers
// then stand aside as under session_replication_role = replica. BEFORE row rules
// return the row unchanged (no checks, stamps, derived costs or updated_at), AFTER
// row rules (task roll-up, graph check) and the audit and cost-rollup statement
// triggers do nothing. The dump carries the rows as they were checked, stamped,
// audited and rolled up when they were written; the foreign keys (PostgreSQL's own
// triggers) still hold. A non-superuser with the same settings is any client: the
// rules and the audit apply (only a superuser may switch them off, as only a
// superuser may set session_replication_role).
//
// The restore guard, agentic.restore_guard(), a BEFORE INSERT statement trigger on
// every table, refuses (55000, with what to do) before the statement writes a row
// when a pg_restore session loads rows into the extension without having created
// it, each statement committed on its own: every session of pg_restore --jobs,
// which loads the tables out of foreign-key order, and a data-only pg_restore
// without --single-transaction. The decision reads only the session's own state.
#pragma once

namespace agentic::pg {

// Whether the current session is restoring a dump (see above). Cheap enough for
// every row of a bulk load: reads of the settings' variables and, only when they
// match, superuser(), which PostgreSQL caches per role.
bool restoringDump();

// Called once from _PG_init: notes whether this session runs the extension's
// script, which makes its pg_restore one that creates the extension.
void watchExtensionScript();

}  // namespace agentic::pg
