#include "pg/audit/audit_writer.hpp"

#include "pg/runtime/relation_cache.hpp"

#include "pg/runtime/direct_insert.hpp"

#include <cstring>

extern "C" {
#include "catalog/pg_collation.h"
#include "executor/executor.h"
#include "executor/tuptable.h"
#include "nodes/makefuncs.h"
#include "parser/parse_relation.h"
#include "utils/typcache.h"
#include "utils/varlena.h"
}

namespace agentic::pg::audit {
namespace {

// What the writer knows of agentic.audit_logs: where its columns are and the labels
// of its operation type. Kept in its own memory context until the table's definition
// changes.
struct AuditTable {
  MemoryContext context;
  bool stale;  // the definition changed: rebuilt when next needed, never freed in use
  Oid relid;
  AttrNumber tableName, operation, rowId, oldData, newData, changedColumns, changedBy;
  Datum operationLabels[4];  // Insert .. Truncate
};

// The columns the writer sets; the others get their defaults (direct_insert.hpp).
const char* const kSuppliedColumns[] = {"table_name", "operation",       "row_id",    "old_data",
                                        "new_data",   "changed_columns", "changed_by"};
AuditTable* auditTable = nullptr;

// An audited table's rows as the audit records them: without its stored generated
// columns (search vectors, derived from columns that are recorded), as a record type
// of its own that to_jsonb() reads.
struct RowShape {
  Oid relid;  // hash key
  MemoryContext context;
  bool stale;
  TupleDesc record;
  AttrNumber* sourceColumns;  // for each column of `record`, its number in the table
  bool* secret;               // for each column of `record`: of a secret type, redacted
  int secretCount;
  Datum secretNames;  // text[] of the secret columns' names
  AttrNumber id;
};

// What a secret column's value is recorded as (NULL stays NULL).
constexpr const char* kRedacted = "[redacted]";
HTAB* rowShapes = nullptr;

// to_jsonb(record), called directly: its argument type comes from the call expression.
FmgrInfo toJsonb;
bool toJsonbReady = false;

MemoryContext writerContext() {
  static MemoryContext context = nullptr;
  if (context == nullptr)
    context = AllocSetContextCreate(CacheMemoryContext, "agentic_schema audit writer",
                                    ALLOCSET_SMALL_SIZES);
  return context;
}

AttrNumber requireColumn(Relation rel, const char* name) {
  const AttrNumber number = attnameAttNum(rel, name, false);
  if (number == InvalidAttrNumber)
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_COLUMN),
                    errmsg("agentic.audit_logs has no column \"%s\"", name)));
  return number;
}

AuditTable* loadAuditTable(Relation audit) {
  MemoryContext context =
      AllocSetContextCreate(writerContext(), "agentic_schema audit_logs", ALLOCSET_SMALL_SIZES);
  MemoryContext previous = MemoryContextSwitchTo(context);
  auto* table = static_cast<AuditTable*>(palloc0(sizeof(AuditTable)));
  table->context = context;
  table->stale = false;
  table->relid = RelationGetRelid(audit);
  table->tableName = requireColumn(audit, "table_name");
  table->operation = requireColumn(audit, "operation");
  table->rowId = requireColumn(audit, "row_id");
  table->oldData = requireColumn(audit, "old_data");
  table->newData = requireColumn(audit, "new_data");
  table->changedColumns = requireColumn(audit, "changed_columns");
  table->changedBy = requireColumn(audit, "changed_by");
  const Oid operationType = TupleDescAttr(RelationGetDescr(audit), table->operation - 1)->atttypid;
  const char* labels[] = {"INSERT", "UPDATE", "DELETE", "TRUNCATE"};
  for (int i = 0; i < 4; ++i) {
    const Oid label = GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
                                      ObjectIdGetDatum(operationType), CStringGetDatum(labels[i]));
    table->operationLabels[i] = ObjectIdGetDatum(label);  // InvalidOid: refused when used
  }
  MemoryContextSwitchTo(previous);
  return table;
}

// The extension's secret types (domains of its schema): agentic.password_hash,
// agentic.secret_digest. Looked up by name each time a row shape is built.
bool isSecretType(Oid type) {
  static const char* const kSecretTypes[] = {"password_hash", "secret_digest"};
  const Oid schema = get_namespace_oid("agentic", true);
  if (!OidIsValid(schema)) return false;
  for (const char* name : kSecretTypes) {
    const Oid secret = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum(name),
                                       ObjectIdGetDatum(schema));
    if (OidIsValid(secret) && secret == type) return true;
  }
  return false;
}

bool isSecretKey(const RowShape& shape, const char* key, int length) {
  if (shape.secretCount == 0) return false;
  for (int i = 0; i < shape.record->natts; ++i) {
    if (!shape.secret[i]) continue;
    const char* name = NameStr(TupleDescAttr(shape.record, i)->attname);
    if (static_cast<int>(std::strlen(name)) == length && std::memcmp(name, key, length) == 0)
      return true;
  }
  return false;
}

RowShape* shapeOf(Relation audited) {
  bool rebuild = false;
  auto* shape = relationCacheEntry<RowShape>(&rowShapes, "agentic_schema audit row shapes",
                                             writerContext(), RelationGetRelid(audited), &rebuild);
  if (!rebuild) return shape;
  shape->record = nullptr;
  MemoryContext context = AllocSetContextCreate(writerContext(), "agentic_schema audit row shape",
                                                ALLOCSET_SMALL_SIZES);
  MemoryContext previous = MemoryContextSwitchTo(context);
  const TupleDesc desc = RelationGetDescr(audited);
  int kept = 0;
  for (int i = 0; i < desc->natts; ++i) {
    const Form_pg_attribute a = TupleDescAttr(desc, i);
    if (!a->attisdropped && a->attgenerated != ATTRIBUTE_GENERATED_STORED) ++kept;
  }
  TupleDesc record = CreateTemplateTupleDesc(kept);
  auto* sources = static_cast<AttrNumber*>(palloc(sizeof(AttrNumber) * (kept > 0 ? kept : 1)));
  auto* secret = static_cast<bool*>(palloc0(sizeof(bool) * (kept > 0 ? kept : 1)));
  auto* secretNames = static_cast<Datum*>(palloc(sizeof(Datum) * (kept > 0 ? kept : 1)));
  int secretCount = 0;
  AttrNumber next = 1;
  for (int i = 0; i < desc->natts; ++i) {
    const Form_pg_attribute a = TupleDescAttr(desc, i);
    if (a->attisdropped || a->attgenerated == ATTRIBUTE_GENERATED_STORED) continue;
    secret[next - 1] = isSecretType(a->atttypid);
    if (secret[next - 1]) {
      TupleDescInitEntry(record, next, NameStr(a->attname), TEXTOID, -1, 0);
      secretNames[secretCount++] = CStringGetTextDatum(NameStr(a->attname));
    } else {
      TupleDescInitEntry(record, next, NameStr(a->attname), a->atttypid, a->atttypmod,
                         a->attndims);
      TupleDescInitEntryCollation(record, next, a->attcollation);
    }
    sources[next - 1] = a->attnum;
    ++next;
  }
  shape->record = BlessTupleDesc(record);
  shape->sourceColumns = sources;
  shape->secret = secret;
  shape->secretCount = secretCount;
  shape->secretNames = PointerGetDatum(
      construct_array(secretNames, secretCount, TEXTOID, -1, false, TYPALIGN_INT));
  shape->id = attnameAttNum(audited, "id", false);
  MemoryContextSwitchTo(previous);
  shape->context = context;
  return shape;
}

void prepareToJsonb() {
  if (toJsonbReady) return;
  MemoryContext previous = MemoryContextSwitchTo(writerContext());
  fmgr_info(F_TO_JSONB, &toJsonb);
  toJsonb.fn_expr = reinterpret_cast<Node*>(
      makeFuncExpr(F_TO_JSONB, JSONBOID, list_make1(makeNullConst(RECORDOID, -1, InvalidOid)),
                   InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL));
  MemoryContextSwitchTo(previous);
  toJsonbReady = true;
}

// The audited row as jsonb, and its id.
Datum rowAsJsonb(const RowShape& shape, TupleTableSlot* row, Datum* id, bool* idIsNull) {
  slot_getallattrs(row);
  const int count = shape.record->natts;
  Datum* values = static_cast<Datum*>(palloc(sizeof(Datum) * (count > 0 ? count : 1)));
  bool* nulls = static_cast<bool*>(palloc(sizeof(bool) * (count > 0 ? count : 1)));
  for (int i = 0; i < count; ++i) {
    values[i] = row->tts_values[shape.sourceColumns[i] - 1];
    nulls[i] = row->tts_isnull[shape.sourceColumns[i] - 1];
    if (shape.secret[i] && !nulls[i]) values[i] = CStringGetTextDatum(kRedacted);
  }
  *idIsNull = true;
  if (shape.id != InvalidAttrNumber) {
    *id = row->tts_values[shape.id - 1];
    *idIsNull = row->tts_isnull[shape.id - 1];
  }
  HeapTuple tuple = heap_form_tuple(shape.record, values, nulls);
  return FunctionCall1(&toJsonb, HeapTupleGetDatum(tuple));
}

bool sameJsonbValue(JsonbValue* a, JsonbValue* b) {
  if (a->type != b->type) return false;
  switch (a->type) {
    case jbvNull:
      return true;
    case jbvBool:
      return a->val.boolean == b->val.boolean;
    case jbvString:
      return a->val.string.len == b->val.string.len &&
             std::memcmp(a->val.string.val, b->val.string.val, a->val.string.len) == 0;
    case jbvNumeric:
      return DatumGetInt32(DirectFunctionCall2(numeric_cmp, PointerGetDatum(a->val.numeric),
                                               PointerGetDatum(b->val.numeric))) == 0;
    case jbvBinary:
      return compareJsonbContainers(a->val.binary.data, b->val.binary.data) == 0;
    default:
      return false;
  }
}

int compareKeys(const void* a, const void* b) {
  const text* x = DatumGetTextPP(*static_cast<const Datum*>(a));
  const text* y = DatumGetTextPP(*static_cast<const Datum*>(b));
  return varstr_cmp(VARDATA_ANY(x), VARSIZE_ANY_EXHDR(x), VARDATA_ANY(y), VARSIZE_ANY_EXHDR(y),
                    DEFAULT_COLLATION_OID);
}

// The top-level keys whose values differ between the two rows (or that only the
// new one has), in the database's text order: jsonb_each(new) compared with
// IS DISTINCT FROM old -> key.
// Secret columns are compared by their stored values, which the JSON does not hold.
Datum changedColumns(const RowShape& shape, TupleTableSlot* oldRow, TupleTableSlot* newRow,
                     Jsonb* oldData, Jsonb* newData) {
  const int capacity = static_cast<int>(JsonContainerSize(&newData->root));
  Datum* keys = static_cast<Datum*>(palloc(sizeof(Datum) * (capacity > 0 ? capacity : 1)));
  int count = 0;
  for (int i = 0; i < shape.record->natts; ++i) {
    if (!shape.secret[i]) continue;
    const int column = shape.sourceColumns[i] - 1;
    const Form_pg_attribute a = TupleDescAttr(oldRow->tts_tupleDescriptor, column);
    const bool oldNull = oldRow->tts_isnull[column];
    const bool newNull = newRow->tts_isnull[column];
    const bool same = oldNull == newNull &&
                      (oldNull || datumIsEqual(oldRow->tts_values[column],
                                               newRow->tts_values[column], a->attbyval, a->attlen));
    if (!same) keys[count++] = CStringGetTextDatum(NameStr(a->attname));
  }
  JsonbIterator* it = JsonbIteratorInit(&newData->root);
  JsonbValue key;
  JsonbValue value;
  JsonbIteratorToken token = JsonbIteratorNext(&it, &key, true);  // WJB_BEGIN_OBJECT
  while ((token = JsonbIteratorNext(&it, &key, true)) == WJB_KEY) {
    token = JsonbIteratorNext(&it, &value, true);
    JsonbValue before;
    JsonbValue* old = getKeyJsonValueFromContainer(&oldData->root, key.val.string.val,
                                                   key.val.string.len, &before);
    if (old != nullptr && sameJsonbValue(old, &value)) continue;
    if (isSecretKey(shape, key.val.string.val, key.val.string.len)) continue;
    keys[count++] =
        PointerGetDatum(cstring_to_text_with_len(key.val.string.val, key.val.string.len));
  }
  qsort(keys, count, sizeof(Datum), compareKeys);
  return PointerGetDatum(construct_array(keys, count, TEXTOID, -1, false, TYPALIGN_INT));
}

struct Writer {
  DirectInsert* insert;
  AuditTable* table;
  Datum tableName;
  Datum changedBy;
};

void insertRow(Writer& w, Operation op, Datum id, bool idIsNull, Datum oldData, bool oldIsNull,
               Datum newData, bool newIsNull, Datum changed, bool changedIsNull) {
  const AuditTable& table = *w.table;
  TupleTableSlot* slot = nextDirectRow(w.insert);
  const Datum label = table.operationLabels[static_cast<int>(op) - 1];
  if (!OidIsValid(DatumGetObjectId(label)))
    elog(ERROR, "agentic.audit_logs.operation has no label for this operation");
  const auto set = [&](AttrNumber column, Datum value, bool isNull) {
    slot->tts_values[column - 1] = value;
    slot->tts_isnull[column - 1] = isNull;
  };
  set(table.tableName, w.tableName, false);
  set(table.operation, label, false);
  set(table.rowId, id, idIsNull);
  set(table.oldData, oldData, oldIsNull);
  set(table.newData, newData, newIsNull);
  set(table.changedColumns, changed, changedIsNull);
  set(table.changedBy, w.changedBy, false);
  storeDirectRow(w.insert);
}

// A read pointer of its own on a transition table (other triggers of the statement
// read it too), at its start.
int startReading(Tuplestorestate* rows) {
  const int pointer = tuplestore_alloc_read_pointer(rows, 0);
  tuplestore_select_read_pointer(rows, pointer);
  tuplestore_rescan(rows);
  return pointer;
}

bool nextRow(Tuplestorestate* rows, int pointer, TupleTableSlot* slot) {
  tuplestore_select_read_pointer(rows, pointer);
  return tuplestore_gettupleslot(rows, true, false, slot);
}

}  // namespace

bool writeDirectly(Relation audited, Operation op, Tuplestorestate* oldRows,
                   Tuplestorestate* newRows, const char* tableName, const char* changedBy) {
  Oid relid = InvalidOid;
  if (auditTable != nullptr && !auditTable->stale) {
    relid = auditTable->relid;
  } else {
    relid = get_relname_relid("audit_logs", get_namespace_oid("agentic", false));
    if (!OidIsValid(relid)) elog(ERROR, "agentic.audit_logs does not exist");
  }
  Relation audit = table_open(relid, RowExclusiveLock);
  // Opening it may have processed invalidations: (re)load what is stale now.
  if (auditTable != nullptr && (auditTable->stale || auditTable->relid != relid)) {
    MemoryContextDelete(auditTable->context);
    auditTable = nullptr;
  }
  if (auditTable == nullptr) auditTable = loadAuditTable(audit);
  if (hasOwnInsertTriggers(audit)) {
    table_close(audit, NoLock);
    return false;
  }
  prepareToJsonb();
  Writer w;
  w.insert = beginDirectInsert(audit, kSuppliedColumns, lengthof(kSuppliedColumns));
  w.table = auditTable;
  w.tableName = CStringGetTextDatum(tableName);
  w.changedBy = CStringGetTextDatum(changedBy);

  if (op == Operation::Truncate) {
    insertRow(w, op, Datum(0), true, Datum(0), true, Datum(0), true, Datum(0), true);
  } else {
    const RowShape* shape = shapeOf(audited);
    const TupleDesc desc = RelationGetDescr(audited);
    TupleTableSlot* oldSlot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
    TupleTableSlot* newSlot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
    const int oldPointer = oldRows != nullptr ? startReading(oldRows) : -1;
    const int newPointer = newRows != nullptr ? startReading(newRows) : -1;
    MemoryContext rowMemory = directRowMemory(w.insert);
    for (;;) {
      const bool hasOld = oldRows != nullptr && nextRow(oldRows, oldPointer, oldSlot);
      const bool hasNew = newRows != nullptr && nextRow(newRows, newPointer, newSlot);
      if (!hasOld && !hasNew) break;
      MemoryContext previous = MemoryContextSwitchTo(rowMemory);
      Datum id = Datum(0);
      bool idIsNull = true;
      Datum oldData = Datum(0);
      Datum newData = Datum(0);
      if (hasOld) oldData = rowAsJsonb(*shape, oldSlot, &id, &idIsNull);
      if (hasNew) {
        Datum newId = Datum(0);
        bool newIdIsNull = true;
        newData = rowAsJsonb(*shape, newSlot, &newId, &newIdIsNull);
        // An UPDATE's old and new rows come in the same order; ids never change.
        if (hasOld && (idIsNull != newIdIsNull || (!idIsNull && id != newId)))
          elog(ERROR, "audit: the old and new rows of an UPDATE do not pair up");
        id = newId;
        idIsNull = newIdIsNull;
      }
      Datum changed = Datum(0);
      if (op == Operation::Update) {
        if (!hasOld || !hasNew) elog(ERROR, "audit: an UPDATE has unpaired rows");
        changed = changedColumns(*shape, oldSlot, newSlot, DatumGetJsonbP(oldData),
                                 DatumGetJsonbP(newData));
      }
      MemoryContextSwitchTo(previous);
      insertRow(w, op, id, idIsNull, oldData, !hasOld, newData, !hasNew, changed,
                op != Operation::Update);
    }
    if (oldRows != nullptr) tuplestore_select_read_pointer(oldRows, 0);
    if (newRows != nullptr) tuplestore_select_read_pointer(newRows, 0);
    ExecDropSingleTupleTableSlot(oldSlot);
    ExecDropSingleTupleTableSlot(newSlot);
  }
  endDirectInsert(w.insert);
  table_close(audit, NoLock);
  return true;
}

Datum secretColumnNames(Relation audited) { return shapeOf(audited)->secretNames; }

namespace {

// A relcache callback, called while anything may be in use: marks only; what is
// stale is rebuilt when next needed.
void forgetRelation(Datum, Oid relid) {
  if (auditTable != nullptr && (relid == InvalidOid || relid == auditTable->relid))
    auditTable->stale = true;
  markRelationCacheStale<RowShape>(rowShapes, relid);
}

}  // namespace

void registerInvalidation() { CacheRegisterRelcacheCallback(forgetRelation, Datum(0)); }

}  // namespace agentic::pg::audit
