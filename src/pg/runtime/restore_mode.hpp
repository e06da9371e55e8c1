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
// superuser may set session_replication_role). pg_restore --jobs is refused
// (55000, with what to do): its parallel sessions load the tables out of
// foreign-key order.
#pragma once

namespace agentic::pg {

// Whether the current session is restoring a dump (see above); throws the
// refusal in a parallel pg_restore session. Cheap enough for every row of a bulk
// load: reads of the settings' variables and, only when they match, superuser(),
// which PostgreSQL caches per role, and once per session the parallel check.
bool restoringDump();

}  // namespace agentic::pg
