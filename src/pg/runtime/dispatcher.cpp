#include "pg/runtime/dispatcher.hpp"

#include "pg/runtime/generic_rules.hpp"
#include "pg/runtime/restore_mode.hpp"

#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>

extern "C" {
PG_FUNCTION_INFO_V1(agentic_row_before_write);
PG_FUNCTION_INFO_V1(agentic_agents_before_write);
PG_FUNCTION_INFO_V1(agentic_users_before_write);
PG_FUNCTION_INFO_V1(agentic_user_sessions_before_write);
PG_FUNCTION_INFO_V1(agentic_user_api_keys_before_write);
PG_FUNCTION_INFO_V1(agentic_workflows_before_write);
PG_FUNCTION_INFO_V1(agentic_conversations_before_write);
PG_FUNCTION_INFO_V1(agentic_messages_before_write);
PG_FUNCTION_INFO_V1(agentic_task_assignments_before_write);
PG_FUNCTION_INFO_V1(agentic_task_assignments_after_write);
PG_FUNCTION_INFO_V1(agentic_task_graph_check);
PG_FUNCTION_INFO_V1(agentic_execution_costs_before_write);
PG_FUNCTION_INFO_V1(agentic_model_catalog_before_write);
}

namespace agentic::pg {
namespace {

static_assert(std::is_trivially_destructible_v<TableSlot>);

// The relations seen so far. Slots are plain data; a relation change (ALTER
// TABLE among them, even within one statement) drops the relation's slot.
constexpr int kSlotCount = 32;
TableSlot slots[kSlotCount];
int slotsUsed = 0;
int nextEviction = 0;

Oid agenticNamespace() {
  return pgCall([] { return get_namespace_oid("agentic", true); });
}

void fillSlot(TableSlot& slot, const TriggerRow& t) {
  const Relation rel = t.data->tg_relation;
  slot.relid = RelationGetRelid(rel);
  slot.spec = nullptr;
  const core::Version installed = installedVersion();
  if (RelationGetNamespace(rel) == agenticNamespace()) {
    const TableSpec* spec = findTable(RelationGetRelationName(rel));
    if (spec != nullptr && exists(spec->since, installed)) slot.spec = spec;
  }
  slot.generic = slot.spec == nullptr                         ? unsigned{kIdImmutable | kUpdatedAt}
                 : exists(slot.spec->genericSince, installed) ? slot.spec->generic
                                                              : 0u;
  slot.id = t.column("id");
  slot.status = t.column("status");
  slot.updatedAt = t.column("updated_at");
  slot.statusIsEnum = slot.status != 0 && isEnumType(columnType(t, slot.status));
  slot.updatedAtIsTimestamptz =
      slot.updatedAt != 0 && isTimestamptzType(columnType(t, slot.updatedAt));
  for (int& n : slot.stamps) n = 0;
  for (bool& b : slot.stampIsTimestamptz) b = false;
  for (int& n : slot.columns) n = 0;
  if (slot.spec == nullptr) return;
  if (const core::StatusMachine* machine = slot.spec->machine) {
    if (machine->stampCount > static_cast<std::size_t>(kMaxStamps))
      throw std::logic_error("too many stamps in a status machine");
    for (std::size_t i = 0; i < machine->stampCount; ++i) {
      slot.stamps[i] = t.column(std::string(machine->stamps[i].column).c_str());
      slot.stampIsTimestamptz[i] =
          slot.stamps[i] != 0 && isTimestamptzType(columnType(t, slot.stamps[i]));
    }
  }
  const ColumnList& columns = slot.spec->columns;
  if (columns.count > static_cast<std::size_t>(kMaxTableColumns))
    throw std::logic_error("too many columns declared for a table");
  for (std::size_t i = 0; i < columns.count; ++i) {
    const char* since = columns.sinceOf(i);
    if (since == nullptr || exists(since, installed)) slot.columns[i] = t.column(columns.names[i]);
    // a column of another type is never read (the slot is not kept, every row fails)
    if (slot.columns[i] != 0 && !typeMatches(columnType(t, slot.columns[i]), columns.types[i]))
      throwColumnType(t, slot.columns[i], columnTypeName(columns.types[i]));
  }
}

// A copy of the relation's slot: handlers may run queries that process
// invalidations, so they never hold a reference into the cache.
TableSlot slotFor(const TriggerRow& t) {
  const Oid relid = RelationGetRelid(t.data->tg_relation);
  for (int i = 0; i < slotsUsed; ++i) {
    if (slots[i].relid == relid) return slots[i];
  }
  TableSlot slot;
  fillSlot(slot, t);
  if (slotsUsed < kSlotCount) {
    slots[slotsUsed++] = slot;
  } else {
    slots[nextEviction] = slot;
    nextEviction = (nextEviction + 1) % kSlotCount;
  }
  return slot;
}

std::string hintFor(const RuleSpec& rule, const core::Violation& v) {
  std::string hint(rule.hint);
  const auto at = hint.find("{}");
  if (at != std::string::npos) hint.replace(at, 2, v.hintArgument);
  return hint;
}

}  // namespace

bool typeMatches(Oid type, ColumnType expected) {
  const Oid base = pgCall([&] { return getBaseType(type); });
  switch (expected) {
    case ColumnType::Int8:
      return base == INT8OID;
    case ColumnType::Int4:
      return base == INT4OID;
    case ColumnType::Text:
      return base == TEXTOID;
    case ColumnType::Bytea:
      return base == BYTEAOID;
    case ColumnType::TextArray:
      return base == TEXTARRAYOID;
    case ColumnType::Jsonb:
      return base == JSONBOID;
    case ColumnType::Numeric:
      return base == NUMERICOID;
    case ColumnType::TimestampTz:
      return base == TIMESTAMPTZOID;
    case ColumnType::Char:
      return base == BPCHAROID;
    case ColumnType::Enum:
      return pgCall([&] { return type_is_enum(base); });
  }
  return false;
}

const char* columnTypeName(ColumnType expected) {
  switch (expected) {
    case ColumnType::Int8:
      return "bigint";
    case ColumnType::Int4:
      return "integer";
    case ColumnType::Text:
      return "text";
    case ColumnType::Bytea:
      return "bytea";
    case ColumnType::TextArray:
      return "text[]";
    case ColumnType::Jsonb:
      return "jsonb";
    case ColumnType::Numeric:
      return "numeric";
    case ColumnType::TimestampTz:
      return "timestamp with time zone";
    case ColumnType::Char:
      return "character";
    case ColumnType::Enum:
      return "an enum type";
  }
  return "?";
}

extern "C" void agentic_forget_table_slot(Datum, Oid relid) {
  if (relid == InvalidOid) {
    slotsUsed = 0;
    return;
  }
  for (int i = 0; i < slotsUsed;) {
    if (slots[i].relid == relid)
      slots[i] = slots[--slotsUsed];
    else
      ++i;
  }
}

void registerTableSlotInvalidation() {
  CacheRegisterRelcacheCallback(agentic_forget_table_slot, Datum(0));
}

void throwViolation(const TriggerRow& t, const TableSpec* table, const core::Violation& v) {
  const std::string tableName = t.tableName();
  const RuleSpec* rule = findRule(table, tableName, v);
  if (rule == nullptr)
    throw std::logic_error("rule " + v.ruleId + " of table " + tableName +
                           " is missing from the rule registry");
  const char* s = rule->sqlstate;
  // the table's own schema (a table outside the extension may use row_before_write()); a
  // catalog lookup on the error path only
  const Oid nsp = RelationGetNamespace(t.data->tg_relation);
  const char* schema = pgCall([&] { return get_namespace_name(nsp); });
  throw RuleViolation(MAKE_SQLSTATE(s[0], s[1], s[2], s[3], s[4]), v.message, v.detail,
                      hintFor(*rule, v), tableName, v.ruleId,
                      schema != nullptr ? std::string(schema) : std::string());
}

void RowContext::reject(const core::Violation& violation) const {
  throwViolation(row, slot_.spec, violation);
}

namespace {

// A table-specific trigger function fired on a table it does not serve: fail
// closed (its rules would silently not run).
[[noreturn]] void throwWrongTable(const TriggerRow& t, const char* function, TriggerKind kind) {
  std::string served;
  std::size_t count = 0;
  const TableSpec* tables = allTables(&count);
  for (std::size_t i = 0; i < count; ++i) {
    const char* own =
        kind == TriggerKind::BeforeRow ? tables[i].beforeFunction : tables[i].afterFunction;
    if (own == nullptr || std::strcmp(own, function) != 0) continue;
    served += (served.empty() ? "agentic." : " and agentic.") + std::string(tables[i].name);
  }
  const Relation rel = t.data->tg_relation;
  const char* schema = pgCall([&] { return get_namespace_name(RelationGetNamespace(rel)); });
  throw RuleViolation(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                      std::string(function) + "() runs the rules of table " + served +
                          " only and cannot fire on table " +
                          (schema != nullptr ? std::string(schema) + "." : std::string()) +
                          t.tableName(),
                      {}, "agentic.row_before_write() runs the generic row rules on any table.");
}

bool serves(const TableSpec* spec, const char* function, TriggerKind kind) {
  if (spec == nullptr) return false;
  const char* own = kind == TriggerKind::BeforeRow ? spec->beforeFunction : spec->afterFunction;
  return own != nullptr && std::strcmp(own, function) == 0;
}

}  // namespace

Datum dispatchRowTrigger(FunctionCallInfo fcinfo, const char* function, TriggerKind kind,
                         unsigned rowEvents) {
  const TriggerRow t = TriggerRow::fromCall(fcinfo, function, kind, rowEvents);
  // Restoring a dump: the row is stored as it was dumped (it was checked,
  // stamped and derived when it was first written), as under
  // session_replication_role = replica.
  if (restoringDump()) return PointerGetDatum(kind == TriggerKind::BeforeRow ? t.newRow : nullptr);
  const TableSlot slot = slotFor(t);
  const TableSpec* spec = slot.spec;
  const bool generic =
      kind == TriggerKind::BeforeRow && std::strcmp(function, kRowBeforeWrite) == 0;
  if (!generic && !serves(spec, function, kind)) throwWrongTable(t, function, kind);
  if (kind == TriggerKind::BeforeRow) {
    RowEdit edit(t);
    RowContext ctx(t, slot, &edit);
    const core::StatusMachine* named = machineNamed(t.argument(0));
    applyGenericRules(ctx, spec != nullptr && spec->machine != nullptr ? spec->machine : named);
    if (spec != nullptr && spec->before != nullptr) spec->before(ctx);
    return PointerGetDatum(edit.apply());
  }
  RowContext ctx(t, slot, nullptr);
  spec->after(ctx);
  return PointerGetDatum(nullptr);
}

}  // namespace agentic::pg

// The row trigger functions of the released SQL scripts. They differ only in
// the protocol they expect; what runs is decided by the table's registry entry.
namespace {

using agentic::pg::kOnDelete;
using agentic::pg::kOnInsert;
using agentic::pg::kOnUpdate;

Datum dispatch(FunctionCallInfo fcinfo, const char* function, agentic::pg::TriggerKind kind,
               unsigned rowEvents = kOnInsert | kOnUpdate) {
  return agentic::pg::guarded(
      [&] { return agentic::pg::dispatchRowTrigger(fcinfo, function, kind, rowEvents); });
}

}  // namespace

using agentic::pg::TriggerKind;

Datum agentic_row_before_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, agentic::pg::kRowBeforeWrite, TriggerKind::BeforeRow);
}

Datum agentic_agents_before_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "agents_before_write", TriggerKind::BeforeRow);
}

Datum agentic_users_before_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "users_before_write", TriggerKind::BeforeRow);
}

Datum agentic_user_sessions_before_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "user_sessions_before_write", TriggerKind::BeforeRow);
}

Datum agentic_user_api_keys_before_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "user_api_keys_before_write", TriggerKind::BeforeRow);
}

Datum agentic_workflows_before_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "workflows_before_write", TriggerKind::BeforeRow);
}

Datum agentic_conversations_before_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "conversations_before_write", TriggerKind::BeforeRow);
}

Datum agentic_messages_before_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "messages_before_write", TriggerKind::BeforeRow);
}

Datum agentic_task_assignments_before_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "task_assignments_before_write", TriggerKind::BeforeRow);
}

Datum agentic_task_assignments_after_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "task_assignments_after_write", TriggerKind::AfterRow,
                  kOnInsert | kOnUpdate | kOnDelete);
}

Datum agentic_task_graph_check(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "task_graph_check", TriggerKind::AfterRow);
}

Datum agentic_execution_costs_before_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "execution_costs_before_write", TriggerKind::BeforeRow);
}

Datum agentic_model_catalog_before_write(PG_FUNCTION_ARGS) {
  return dispatch(fcinfo, "model_catalog_before_write", TriggerKind::BeforeRow);
}
