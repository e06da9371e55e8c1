// The row-trigger dispatcher. Every row trigger function of the extension is
// an entry into it: it finds the table in the registry (by relation OID, cached
// until the relation changes), applies the generic row rules on BEFORE
// (id immutable, status machine with its stamps, updated_at) and then the
// table's own handler, so no table-specific rule can skip the generic ones.
#pragma once

#include "pg/runtime/registry.hpp"
#include "pg/runtime/rows.hpp"

#include "core/rules/violation.hpp"

namespace agentic::pg {

inline constexpr int kMaxStamps = 8;

// What the dispatcher knows about one relation: its registry entry and the
// numbers of the columns the rules read, resolved once per relation (with the
// installed version and the columns' types) and dropped when it changes.
struct TableSlot {
  Oid relid;
  const TableSpec* spec;  // nullptr: not a registered table (or not yet installed)
  unsigned generic;       // the Generic bits that apply: all of them outside the registry
  int id;                 // 0 when the table has no such column
  int status;
  int updatedAt;
  bool statusIsEnum;
  bool updatedAtIsTimestamptz;
  int stamps[kMaxStamps];  // the columns of spec->machine's stamps
  bool stampIsTimestamptz[kMaxStamps];
  int columns[kMaxTableColumns];  // spec->columns; 0 when missing or not yet installed
};

// One row change as a table's handler sees it.
class RowContext {
 public:
  RowContext(const TriggerRow& row, const TableSlot& slot, RowEdit* edit)
      : row(row), slot_(slot), edit_(edit) {}

  const TriggerRow& row;

  // Whether the table has its declared column `index` at the installed version
  // (a column added after its table is read only when it has).
  bool has(int index) const { return slot_.columns[index] != 0; }
  // The column number of the table's declared column `index` (TableSpec::columns).
  int column(int index) const {
    const int number = slot_.columns[index];
    if (number == 0) throwMissingColumn(row, slot_.spec->columns.names[index]);
    return number;
  }
  const TableSlot& slot() const { return slot_; }
  // The new row's replacements (BEFORE triggers only).
  RowEdit& edit() const { return *edit_; }
  // Reports `violation` with what the registry says about its rule.
  [[noreturn]] void reject(const core::Violation& violation) const;

 private:
  const TableSlot& slot_;
  RowEdit* edit_;
};

// Throws `violation` as the registry describes it, for a row of `t`'s table.
[[noreturn]] void throwViolation(const TriggerRow& t, const TableSpec* table,
                                 const core::Violation& violation);

// Runs the trigger call `function` (its SQL name): row_before_write() runs the
// generic rules on any table; every other function serves the registered
// tables that name it (TableSpec::beforeFunction, afterFunction) and fails
// with 39P01 on any other table. `rowEvents`: the Event bits it handles.
Datum dispatchRowTrigger(FunctionCallInfo fcinfo, const char* function, TriggerKind kind,
                         unsigned rowEvents);

// Whether a column of type `type` (a domain: its base type) is read correctly
// as `expected` (catalog lookups: once per relation, never per row).
bool typeMatches(Oid type, ColumnType expected);
// How errors and check_rules() name `expected` ("bigint", "an enum type").
const char* columnTypeName(ColumnType expected);

// Called once from _PG_init: relation changes drop the relation's slot.
void registerTableSlotInvalidation();

}  // namespace agentic::pg
