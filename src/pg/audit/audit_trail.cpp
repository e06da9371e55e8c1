// Row-change audit: one statement-level trigger per table and operation, reading
// the statement's transition tables, writes all of its audit rows. Statement
// triggers keep COPY's batched inserts. The rows are formed in C and inserted
// directly (audit_writer.hpp); only when audit_logs has INSERT triggers of its
// own, which must fire, they are written by one INSERT ... SELECT instead.
#include "pg/audit/audit_writer.hpp"
#include "pg/runtime/restore_mode.hpp"
#include "pg/runtime/rows.hpp"
#include "pg/runtime/spi.hpp"

#include <string>

extern "C" {
PG_FUNCTION_INFO_V1(agentic_audit_row_changes);
}

namespace agentic::pg {
namespace {

using audit::Operation;

// Transition tables are named agentic_old_rows / agentic_new_rows by the
// CREATE TRIGGER statements. Generated search vectors are left out: they are
// derived from columns that are already recorded. $3 names the columns of a
// secret type, recorded as "[redacted]" (NULL stays NULL), as the direct writer
// records them; changed columns are found on the values before redaction.
#define AGENTIC_ROW(r) "(pg_catalog.to_jsonb(" r ") - 'search_vector')"
#define AGENTIC_REDACTED(j)                                                                     \
  "((" j " - $3) || COALESCE((SELECT pg_catalog.jsonb_object_agg(k, CASE WHEN (" j            \
  ") -> k = 'null'::pg_catalog.jsonb THEN 'null'::pg_catalog.jsonb "                           \
  "ELSE '\"[redacted]\"'::pg_catalog.jsonb END) FROM pg_catalog.unnest($3) k), '{}'))"
const char* auditSql(Operation op) {
  switch (op) {
    case Operation::Insert:
      return "INSERT INTO agentic.audit_logs (table_name, changed_by, operation, row_id, new_data) "
             "SELECT $1, $2, 'INSERT', n.id, " AGENTIC_REDACTED(AGENTIC_ROW("n")) " "
             "FROM agentic_new_rows n";
    case Operation::Update:
      // MATERIALIZED: each row is turned into JSON once, not once per key the
      // changed-columns subquery compares.
      return "WITH changed AS MATERIALIZED ("
             "SELECT n.id, " AGENTIC_ROW("o") " AS old_data, " AGENTIC_ROW("n") " AS new_data "
             "FROM agentic_old_rows o JOIN agentic_new_rows n ON n.id = o.id) "
             "INSERT INTO agentic.audit_logs "
             "(table_name, changed_by, operation, row_id, old_data, new_data, changed_columns) "
             "SELECT $1, $2, 'UPDATE', c.id, " AGENTIC_REDACTED("c.old_data") ", "
             AGENTIC_REDACTED("c.new_data") ", "
             "ARRAY(SELECT e.key FROM pg_catalog.jsonb_each(c.new_data) e "
             "WHERE e.value IS DISTINCT FROM c.old_data -> e.key ORDER BY e.key) FROM changed c";
    case Operation::Delete:
      return "INSERT INTO agentic.audit_logs (table_name, changed_by, operation, row_id, old_data) "
             "SELECT $1, $2, 'DELETE', o.id, " AGENTIC_REDACTED(AGENTIC_ROW("o")) " "
             "FROM agentic_old_rows o";
    case Operation::Truncate:
      // One row for the statement: the table's rows are gone, none is named.
      return "INSERT INTO agentic.audit_logs (table_name, changed_by, operation, row_id) "
             "VALUES ($1, $2, 'TRUNCATE', NULL)";
  }
  return nullptr;
}
#undef AGENTIC_REDACTED
#undef AGENTIC_ROW

// Plans depend on the audited table's row type, so they are kept per table.
struct PlanKey {
  Oid relid;
  int operation;
};
struct PlanEntry {
  PlanKey key;
  SPIPlanPtr plan;
};
HTAB* planCache = nullptr;

constexpr Oid kAuditArgs[] = {TEXTOID, TEXTOID, TEXTARRAYOID};

SPIPlanPtr auditPlan(Oid relid, Operation op) {
  PlanEntry* entry = pgCall([&] {
    if (planCache == nullptr) {
      HASHCTL ctl;
      MemSet(&ctl, 0, sizeof ctl);
      ctl.keysize = sizeof(PlanKey);
      ctl.entrysize = sizeof(PlanEntry);
      planCache = hash_create("agentic_schema audit plans", 32, &ctl, HASH_ELEM | HASH_BLOBS);
    }
    PlanKey key;
    MemSet(&key, 0, sizeof key);
    key.relid = relid;
    key.operation = static_cast<int>(op);
    bool found = false;
    auto* cached = static_cast<PlanEntry*>(hash_search(planCache, &key, HASH_ENTER, &found));
    if (!found) cached->plan = nullptr;
    return cached;
  });
  if (entry->plan == nullptr) entry->plan = spiPrepareKept(auditSql(op), 3, kAuditArgs);
  return entry->plan;
}

// Writes the statement's audit rows as the table's owner: callers need no privilege
// on audit_logs, so they cannot forge its rows.
void writeAuditRows(Relation rel, Operation op, const std::string& table,
                    const std::string& changedBy) {
  SPIPlanPtr plan = auditPlan(RelationGetRelid(rel), op);
  const Datum args[] = {pgCall([&] { return CStringGetTextDatum(table.c_str()); }),
                        pgCall([&] { return CStringGetTextDatum(changedBy.c_str()); }),
                        pgCall([&] { return audit::secretColumnNames(rel); })};
  spiExecute(plan, auditSql(op), args, nullptr, ReadMode::Statement);
}

// AFTER TRUNCATE FOR EACH STATEMENT: one audit row naming the table and the caller.
bool firedByTruncate(FunctionCallInfo fcinfo) {
  if (!CALLED_AS_TRIGGER(fcinfo)) return false;
  const auto* data = reinterpret_cast<const TriggerData*>(fcinfo->context);
  return TRIGGER_FIRED_BY_TRUNCATE(data->tg_event);
}

Datum auditTruncate(FunctionCallInfo fcinfo) {
  auto* data = reinterpret_cast<TriggerData*>(fcinfo->context);
  if (!TRIGGER_FIRED_AFTER(data->tg_event) || !TRIGGER_FIRED_FOR_STATEMENT(data->tg_event))
    throw RuleViolation(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                        "audit_row_changes() must be fired AFTER TRUNCATE FOR EACH STATEMENT", {},
                        {});
  const Relation rel = data->tg_relation;
  const std::string table = std::string("agentic.") + RelationGetRelationName(rel);
  const std::string changedBy = currentUserName();
  if (pgCall([&] {
        return audit::writeDirectly(rel, Operation::Truncate, nullptr, nullptr, table.c_str(),
                                    changedBy.c_str());
      }))
    return PointerGetDatum(nullptr);
  spiConnect();
  runAsOwner(rel->rd_rel->relowner,
             [&] { writeAuditRows(rel, Operation::Truncate, table, changedBy); });
  spiFinish();
  return PointerGetDatum(nullptr);
}

Datum auditRowChanges(FunctionCallInfo fcinfo) {
  if (firedByTruncate(fcinfo)) return auditTruncate(fcinfo);
  const TriggerRow t =
      TriggerRow::fromCall(fcinfo, "audit_row_changes", TriggerKind::AfterStatement);
  const Operation op = t.isInsert   ? Operation::Insert
                       : t.isUpdate ? Operation::Update
                                    : Operation::Delete;
  // Restoring a dump: the dump carries the audit rows as they were written.
  if (restoringDump()) return PointerGetDatum(nullptr);
  if (tuplestore_tuple_count(t.transitionRows("audit_row_changes")) == 0)
    return PointerGetDatum(nullptr);

  const Relation rel = t.data->tg_relation;
  const std::string table = "agentic." + t.tableName();
  const std::string changedBy = currentUserName();
  Tuplestorestate* oldRows = op == Operation::Insert ? nullptr : t.data->tg_oldtable;
  Tuplestorestate* newRows = op == Operation::Delete ? nullptr : t.data->tg_newtable;
  if (pgCall([&] {
        return audit::writeDirectly(rel, op, oldRows, newRows, table.c_str(), changedBy.c_str());
      }))
    return PointerGetDatum(nullptr);
  spiConnect();
  runOnTransitionTablesAsOwner(t.data, [&] { writeAuditRows(rel, op, table, changedBy); });
  spiFinish();
  return PointerGetDatum(nullptr);
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_audit_row_changes(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::auditRowChanges(fcinfo); });
}
