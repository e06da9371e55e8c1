#include "pg/runtime/generic_rules.hpp"

#include "core/rules/generic_rules.hpp"

#include <string>

namespace agentic::pg {
namespace {

bool generic(const TableSlot& slot, Generic rule) { return (slot.generic & rule) != 0; }

void keepIdImmutable(const RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  const int idColumn = ctx.slot().id;
  if (idColumn == 0 || !generic(ctx.slot(), kIdImmutable) || !columnChanged(t, idColumn)) return;
  ctx.reject(core::idChanged(t.tableName(), describeRow(t, t.oldRow), describeRow(t, t.newRow)));
}

// The column a stamp sets: resolved with the table's slot when the machine is
// the table's own, by name otherwise.
int stampColumn(const RowContext& ctx, const core::StatusMachine& machine,
                const core::StateStamp& stamp) {
  const TableSlot& slot = ctx.slot();
  const std::size_t index = static_cast<std::size_t>(&stamp - machine.stamps);
  if (slot.spec != nullptr && slot.spec->machine == &machine && slot.stamps[index] != 0) {
    if (!slot.stampIsTimestamptz[index])
      throwColumnType(ctx.row, slot.stamps[index], "timestamp with time zone");
    return slot.stamps[index];
  }
  const int column = ctx.row.requireColumn(std::string(stamp.column).c_str());
  if (!isTimestamptzType(columnType(ctx.row, column)))
    throwColumnType(ctx.row, column, "timestamp with time zone");
  return column;
}

void stampEnteredState(const RowContext& ctx, const core::StatusMachine& machine,
                       std::string_view state) {
  const core::StateStamp* stamp = machine.stampFor(state);
  if (stamp == nullptr) return;
  const TriggerRow& t = ctx.row;
  const int column = stampColumn(ctx, machine, *stamp);
  bool isNull = false;
  rowValue(t, t.newRow, column, &isNull);
  const bool supplied = !isNull && (t.isInsert || columnChanged(t, column));
  if (!core::stampsColumn(*stamp, isNull, supplied)) return;
  ctx.edit().set(column, TimestampTzGetDatum(GetCurrentStatementStartTimestamp()));
}

// In `state` the machine holds some stamp columns NULL: one the statement
// supplies is refused; on entering `state`, one the machine clears there
// (clearedColumns) loses the value left from the earlier state. A column no stamp
// can have set in `state` (neverStampedIn) is only ever refused.
void holdStampsNull(const RowContext& ctx, const core::StatusMachine& machine,
                    std::string_view state, bool entering) {
  const TriggerRow& t = ctx.row;
  for (std::size_t i = 0; i < machine.stampCount; ++i) {
    const core::StateStamp& stamp = machine.stamps[i];
    bool firstOfColumn = true;
    for (std::size_t s = 0; s < i; ++s)
      firstOfColumn = firstOfColumn && machine.stamps[s].column != stamp.column;
    if (!firstOfColumn) continue;
    const bool cleared = machine.clearsIn(state, stamp.column);
    if (!cleared && !machine.neverStampedIn(state, stamp.column)) continue;
    const int column = stampColumn(ctx, machine, stamp);
    bool isNull = false;
    rowValue(t, t.newRow, column, &isNull);
    if (isNull) continue;
    const bool supplied = t.isInsert || columnChanged(t, column);
    if (!supplied && (!entering || !cleared)) continue;
    core::HeldNull action = core::HeldNull::Keep;
    if (auto v = core::checkHeldNull(machine, t.tableName(), stamp.column, state, isNull, supplied,
                                     describeRow(t, t.newRow), &action))
      ctx.reject(*v);
    if (action == core::HeldNull::Clear) ctx.edit().set(column, Datum(0), true);
  }
}

// A row staying in `state` keeps the value the state's stamp set.
void keepStamp(const RowContext& ctx, const core::StatusMachine& machine, std::string_view state) {
  const core::StateStamp* stamp = machine.stampFor(state);
  if (stamp == nullptr) return;
  const TriggerRow& t = ctx.row;
  const int column = stampColumn(ctx, machine, *stamp);
  bool isNull = false;
  rowValue(t, t.newRow, column, &isNull);
  if (isNull && columnChanged(t, column))
    ctx.reject(
        core::stampCleared(machine, t.tableName(), stamp->column, state, describeRow(t, t.oldRow)));
}

void enforceStatusMachine(const RowContext& ctx, const core::StatusMachine& machine) {
  const TriggerRow& t = ctx.row;
  const int statusColumn = ctx.slot().status;
  if (statusColumn == 0) throwMissingColumn(t, "status");
  if (!ctx.slot().statusIsEnum) throwColumnType(t, statusColumn, "an enum type");
  bool toNull = false;
  rowValue(t, t.newRow, statusColumn, &toNull);
  if (toNull) return;  // the NOT NULL constraint reports it
  const std::string to = rowEnumLabel(t, t.newRow, statusColumn);
  if (t.isUpdate) {
    const std::string from = rowEnumLabel(t, t.oldRow, statusColumn);
    if (from == to) {
      // No state entered: nothing to stamp, but the state's stamp stays set and a
      // held-NULL column stays NULL.
      keepStamp(ctx, machine, to);
      holdStampsNull(ctx, machine, to, false);
      return;
    }
    if (!machine.allows(from, to)) {
      const std::string table = t.tableName();
      ctx.reject(*core::checkTransition(machine, table, from, to, describeRow(t, t.oldRow)));
    }
  }
  stampEnteredState(ctx, machine, to);
  holdStampsNull(ctx, machine, to, true);
}

}  // namespace

const core::StatusMachine* machineNamed(const char* name) {
  if (name == nullptr) return nullptr;
  const core::StatusMachine* machine = core::findStatusMachine(name);
  if (machine == nullptr)
    throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE,
                        std::string("unknown status machine \"") + name + "\" in trigger argument");
  return machine;
}

void applyGenericRules(const RowContext& ctx, const core::StatusMachine* machine) {
  const TriggerRow& t = ctx.row;
  if (t.isUpdate) keepIdImmutable(ctx);
  if (machine != nullptr) enforceStatusMachine(ctx, *machine);
  const TableSlot& slot = ctx.slot();
  if (t.isUpdate && slot.updatedAt != 0 && generic(slot, kUpdatedAt)) {
    if (!slot.updatedAtIsTimestamptz)
      throwColumnType(t, slot.updatedAt, "timestamp with time zone");
    ctx.edit().set(slot.updatedAt, TimestampTzGetDatum(GetCurrentTransactionStartTimestamp()));
  }
}

}  // namespace agentic::pg
