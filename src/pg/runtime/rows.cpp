#include "pg/runtime/rows.hpp"

#include <stdexcept>
#include <utility>

namespace agentic::pg {

namespace {

std::string eventNames(unsigned events) {
  std::string names;
  for (const auto& [bit, name] : {std::pair<unsigned, const char*>{kOnInsert, "INSERT"},
                                  {kOnUpdate, "UPDATE"},
                                  {kOnDelete, "DELETE"}}) {
    if ((events & bit) == 0) continue;
    if (!names.empty()) names += " or ";
    names += name;
  }
  return names;
}

[[noreturn]] void protocolViolation(const std::string& message) {
  throw RuleViolation(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED, message);
}

}  // namespace

TriggerRow TriggerRow::fromCall(FunctionCallInfo fcinfo, const char* function, TriggerKind kind,
                                unsigned rowEvents) {
  if (!CALLED_AS_TRIGGER(fcinfo))
    protocolViolation(std::string(function) + "() must be called as a trigger");
  auto* data = reinterpret_cast<TriggerData*>(fcinfo->context);
  const TriggerEvent event = data->tg_event;
  if (kind == TriggerKind::AfterStatement) {
    if (!TRIGGER_FIRED_FOR_STATEMENT(event) || !TRIGGER_FIRED_AFTER(event))
      protocolViolation(std::string(function) + "() must fire AFTER ... FOR EACH STATEMENT");
  } else if (kind == TriggerKind::BeforeStatement) {
    if (!TRIGGER_FIRED_FOR_STATEMENT(event) || !TRIGGER_FIRED_BEFORE(event) ||
        !TRIGGER_FIRED_BY_INSERT(event))
      protocolViolation(std::string(function) +
                        "() must fire BEFORE INSERT ... FOR EACH STATEMENT");
  } else {
    const bool before = kind == TriggerKind::BeforeRow;
    const char* timing = before ? "BEFORE" : "AFTER";
    if (before) rowEvents &= kOnInsert | kOnUpdate;  // a BEFORE row function returns the new row
    if (!TRIGGER_FIRED_FOR_ROW(event))
      protocolViolation(std::string(function) + "() must fire " + timing + " " +
                        eventNames(rowEvents) + " FOR EACH ROW");
    if (before ? !TRIGGER_FIRED_BEFORE(event) : !TRIGGER_FIRED_AFTER(event))
      protocolViolation(std::string(function) + "() must fire " + timing + " the row change");
    unsigned fired = 0;
    if (TRIGGER_FIRED_BY_INSERT(event)) fired = kOnInsert;
    if (TRIGGER_FIRED_BY_UPDATE(event)) fired = kOnUpdate;
    if (TRIGGER_FIRED_BY_DELETE(event)) fired = kOnDelete;
    if ((fired & rowEvents) == 0)
      protocolViolation(std::string(function) + "() must fire " + timing + " " +
                        eventNames(rowEvents) + ", not " +
                        (fired != 0 ? eventNames(fired) : std::string("TRUNCATE")));
  }
  TriggerRow t{data,
               data->tg_relation->rd_att,
               nullptr,
               nullptr,
               static_cast<bool>(TRIGGER_FIRED_BY_INSERT(event)),
               static_cast<bool>(TRIGGER_FIRED_BY_UPDATE(event)),
               static_cast<bool>(TRIGGER_FIRED_BY_DELETE(event))};
  if (TRIGGER_FIRED_FOR_ROW(event)) {
    if (t.isInsert) {
      t.newRow = data->tg_trigtuple;
    } else if (t.isUpdate) {
      t.oldRow = data->tg_trigtuple;
      t.newRow = data->tg_newtuple;
    } else {
      t.oldRow = data->tg_trigtuple;
    }
  }
  return t;
}

std::string TriggerRow::tableName() const {
  return std::string(RelationGetRelationName(data->tg_relation));
}

int TriggerRow::column(const char* name) const {
  const int n = SPI_fnumber(desc, name);
  return n > 0 ? n : 0;
}

void throwMissingColumn(const TriggerRow& t, const char* name) {
  throw RuleViolation(ERRCODE_UNDEFINED_COLUMN, "table " + t.tableName() + " has no column " +
                                                    name +
                                                    " required by its agentic_schema trigger");
}

void throwColumnType(const TriggerRow& t, int column, const char* expected) {
  const Form_pg_attribute attr = TupleDescAttr(t.desc, column - 1);
  const std::string type(pgCall([&] { return format_type_be(attr->atttypid); }));
  throw RuleViolation(ERRCODE_DATATYPE_MISMATCH, "column " + std::string(NameStr(attr->attname)) +
                                                     " of table " + t.tableName() + " is of type " +
                                                     type + ", not " + expected +
                                                     " as its agentic_schema trigger requires");
}

namespace {

Oid baseType(Oid type) {
  return pgCall([&] { return getBaseType(type); });
}

}  // namespace

bool isIntegerType(Oid type) {
  const auto integer = [](Oid t) { return t == INT2OID || t == INT4OID || t == INT8OID; };
  return integer(type) || integer(baseType(type));
}

bool isTimestamptzType(Oid type) {
  return type == TIMESTAMPTZOID || baseType(type) == TIMESTAMPTZOID;
}

bool isEnumType(Oid type) {
  return pgCall([&] { return type_is_enum(getBaseType(type)); });
}

Oid columnType(const TriggerRow& t, int column) {
  return TupleDescAttr(t.desc, column - 1)->atttypid;
}

int TriggerRow::requireColumn(const char* name) const {
  const int n = column(name);
  if (n == 0) throwMissingColumn(*this, name);
  return n;
}

Tuplestorestate* TriggerRow::transitionRows(const char* function) const {
  Tuplestorestate* rows = isDelete ? data->tg_oldtable : data->tg_newtable;
  if (rows == nullptr || (isUpdate && data->tg_oldtable == nullptr))
    throw RuleViolation(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
                        std::string(function) +
                            "() needs REFERENCING OLD/NEW TABLE AS "
                            "agentic_old_rows/agentic_new_rows");
  return rows;
}

const char* TriggerRow::argument(int i) const {
  const Trigger* trigger = data->tg_trigger;
  return i < trigger->tgnargs ? trigger->tgargs[i] : nullptr;
}

Datum rowValue(const TriggerRow& t, HeapTuple row, int column, bool* isNull) {
  return heap_getattr(row, column, t.desc, isNull);
}

std::optional<std::int64_t> rowInt64(const TriggerRow& t, HeapTuple row, int column) {
  bool isNull = false;
  const Datum value = rowValue(t, row, column, &isNull);
  if (isNull) return std::nullopt;
  return DatumGetInt64(value);
}

std::optional<TimestampTz> rowTimestamp(const TriggerRow& t, HeapTuple row, int column) {
  bool isNull = false;
  const Datum value = rowValue(t, row, column, &isNull);
  if (isNull) return std::nullopt;
  return DatumGetTimestampTz(value);
}

std::string enumLabel(Datum value) {
  const Oid enumOid = DatumGetObjectId(value);
  const char* label = pgCall([&] {
    HeapTuple tuple = SearchSysCache1(ENUMOID, ObjectIdGetDatum(enumOid));
    if (!HeapTupleIsValid(tuple)) elog(ERROR, "cache lookup failed for enum value %u", enumOid);
    char* copy = pstrdup(NameStr(reinterpret_cast<Form_pg_enum>(GETSTRUCT(tuple))->enumlabel));
    ReleaseSysCache(tuple);
    return copy;
  });
  return std::string(label);
}

std::string rowEnumLabel(const TriggerRow& t, HeapTuple row, int column) {
  bool isNull = false;
  const Datum value = rowValue(t, row, column, &isNull);
  if (isNull) return {};
  return enumLabel(value);
}

bool columnChanged(const TriggerRow& t, int column) {
  bool oldNull = false;
  bool newNull = false;
  const Datum oldValue = rowValue(t, t.oldRow, column, &oldNull);
  const Datum newValue = rowValue(t, t.newRow, column, &newNull);
  if (oldNull || newNull) return oldNull != newNull;
  const Form_pg_attribute attr = TupleDescAttr(t.desc, column - 1);
  return !datumIsEqual(oldValue, newValue, attr->attbyval, attr->attlen);
}

std::string describeRow(const TriggerRow& t, HeapTuple row) {
  std::string text = t.tableName() + " row";
  const int idColumn = t.column("id");
  if (idColumn == 0) return text;
  if (isIntegerType(columnType(t, idColumn))) {
    if (const auto id = rowInt64(t, row, idColumn)) text += " id=" + std::to_string(*id);
    return text;
  }
  // an id of another type (a table outside the registry): its text form
  bool isNull = false;
  const Datum value = rowValue(t, row, idColumn, &isNull);
  if (isNull) return text;
  const char* shown = pgCall([&] {
    Oid output = InvalidOid;
    bool isVarlena = false;
    getTypeOutputInfo(columnType(t, idColumn), &output, &isVarlena);
    return OidOutputFunctionCall(output, value);
  });
  return text + " id=" + shown;
}

void RowEdit::set(int column, Datum value, bool isNull) {
  for (int i = 0; i < count_; ++i) {
    if (columns_[i] == column) {
      values_[i] = value;
      nulls_[i] = isNull;
      return;
    }
  }
  if (count_ == kMaxEdits) throw std::logic_error("RowEdit: too many edited columns");
  columns_[count_] = column;
  values_[count_] = value;
  nulls_[count_] = isNull;
  ++count_;
}

HeapTuple RowEdit::apply() const {
  if (count_ == 0) return t_.newRow;
  return pgCall([&] {
    return heap_modify_tuple_by_cols(t_.newRow, t_.desc, count_, const_cast<int*>(columns_),
                                     const_cast<Datum*>(values_), const_cast<bool*>(nulls_));
  });
}

}  // namespace agentic::pg
