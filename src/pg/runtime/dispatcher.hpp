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
// numbers of the columns the rules read, resolved once per relation.
struct TableSlot {
  Oid relid;
  const TableSpec* spec;  // nullptr: not a registered table
  int id;                 // 0 when the table has no such column
  int status;
  int updatedAt;
  int stamps[kMaxStamps];         // the columns of spec->machine's stamps
  int columns[kMaxTableColumns];  // spec->columns
};

// One row change as a table's handler sees it.
class RowContext {
 public:
  RowContext(const TriggerRow& row, const TableSlot& slot, RowEdit* edit)
      : row(row), slot_(slot), edit_(edit) {}

  const TriggerRow& row;

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

// Runs the trigger call `function` (its SQL name, for protocol errors).
Datum dispatchRowTrigger(FunctionCallInfo fcinfo, const char* function, TriggerKind kind);

// Called once from _PG_init: relation changes drop the relation's slot.
void registerTableSlotInvalidation();

}  // namespace agentic::pg
