// Reading and editing the rows a trigger sees.
#pragma once

#include "pg/runtime/boundary.hpp"
#include "pg/runtime/registry.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace agentic::pg {

// How a trigger function expects to be fired.
// BeforeStatement: BEFORE INSERT ... FOR EACH STATEMENT (the restore guard).
enum class TriggerKind { BeforeRow, AfterRow, AfterStatement, BeforeStatement };

// The trigger call and its rows; `newRow` is NULL for DELETE, `oldRow` for INSERT.
struct TriggerRow {
  TriggerData* data;
  TupleDesc desc;
  HeapTuple oldRow;
  HeapTuple newRow;
  bool isInsert;
  bool isUpdate;
  bool isDelete;

  // Checks that `function` was called as the kind of trigger it expects: a row
  // function FOR EACH ROW, at its timing, on one of `rowEvents` (Event bits;
  // a BEFORE row function handles INSERT and UPDATE only). 39P01 otherwise.
  static TriggerRow fromCall(FunctionCallInfo fcinfo, const char* function, TriggerKind kind,
                             unsigned rowEvents = kOnInsert | kOnUpdate);

  std::string tableName() const;  // unqualified
  // Column number, or 0 when the table has no such column (a name lookup: for
  // error paths and tables outside the registry).
  int column(const char* name) const;
  int requireColumn(const char* name) const;
  // Trigger argument `i`, or nullptr.
  const char* argument(int i) const;
  // The transition table a statement trigger reads: new rows, or old ones for
  // DELETE. Checks that the trigger declares the tables it needs.
  Tuplestorestate* transitionRows(const char* function) const;
};

// The error for a column a rule needs and the table lacks.
[[noreturn]] void throwMissingColumn(const TriggerRow& t, const char* name);
// The error (42804) for a column a rule needs that has another type; `expected`
// names what the rule needs ("timestamp with time zone", "an enum type").
[[noreturn]] void throwColumnType(const TriggerRow& t, int column, const char* expected);

// Types of the generic columns (catalog lookups only for domains).
bool isIntegerType(Oid type);
bool isTimestamptzType(Oid type);
bool isEnumType(Oid type);
// The type of column `column` (1-based) of the trigger's relation.
Oid columnType(const TriggerRow& t, int column);

Datum rowValue(const TriggerRow& t, HeapTuple row, int column, bool* isNull);
std::optional<std::int64_t> rowInt64(const TriggerRow& t, HeapTuple row, int column);
std::optional<TimestampTz> rowTimestamp(const TriggerRow& t, HeapTuple row, int column);
// Label of an enum column (statuses), or empty when NULL.
std::string rowEnumLabel(const TriggerRow& t, HeapTuple row, int column);
// The label of an enum value.
std::string enumLabel(Datum value);
// Whether the column's value differs between the old and the new row.
bool columnChanged(const TriggerRow& t, int column);

// "tasks row id=5" and the like, for error details.
std::string describeRow(const TriggerRow& t, HeapTuple row);

// Collects column replacements for the new row and applies them at once.
class RowEdit {
 public:
  explicit RowEdit(const TriggerRow& t) : t_(t) {}
  void set(int column, Datum value, bool isNull = false);
  // The new row with every replacement applied (the row itself if none).
  HeapTuple apply() const;

 private:
  static constexpr int kMaxEdits = 16;
  const TriggerRow& t_;
  int count_ = 0;
  int columns_[kMaxEdits] = {};
  Datum values_[kMaxEdits] = {};
  bool nulls_[kMaxEdits] = {};
};

}  // namespace agentic::pg
