#include "pg/runtime/generic_rules.hpp"

#include <string>

namespace agentic::pg {

namespace {

void keepIdImmutable(const TriggerRow& t) {
  const int idColumn = t.column("id");
  if (idColumn == 0 || !columnChanged(t, idColumn)) return;
  throw RuleViolation(ERRCODE_CHECK_VIOLATION,
                      "the id of a " + t.tableName() + " row cannot change",
                      describeRow(t, t.oldRow) + " was updated to " + describeRow(t, t.newRow),
                      "Insert a new row instead.", t.tableName(), t.tableName() + "_id_immutable");
}

std::string legalMovesFrom(const core::StatusMachine& machine, std::string_view from) {
  std::string moves;
  for (std::size_t i = 0; i < machine.transitionCount; ++i) {
    if (machine.transitions[i].from != from) continue;
    if (!moves.empty()) moves += ", ";
    moves += machine.transitions[i].to;
  }
  return moves.empty() ? "none (it is a final status)" : moves;
}

void stampEnteredState(const TriggerRow& t, const core::StatusMachine& machine,
                       std::string_view state, RowEdit& edit) {
  const core::StateStamp* stamp = machine.stampFor(state);
  if (stamp == nullptr) return;
  const int column = t.requireColumn(std::string(stamp->column).c_str());
  bool isNull = false;
  rowValue(t, t.newRow, column, &isNull);
  // A value the statement itself supplied wins; on UPDATE an unchanged value
  // belongs to an earlier phase and is replaced unless the stamp keeps it.
  const bool setByStatement = !isNull && (t.isInsert || columnChanged(t, column));
  if (setByStatement || (!isNull && stamp->keepExisting)) return;
  edit.set(column, TimestampTzGetDatum(GetCurrentStatementStartTimestamp()));
}

void enforceStatusMachine(const TriggerRow& t, const core::StatusMachine& machine, RowEdit& edit) {
  const int statusColumn = t.requireColumn("status");
  bool toNull = false;
  rowValue(t, t.newRow, statusColumn, &toNull);
  if (toNull) return;  // the NOT NULL constraint reports it
  const std::string to = rowEnumLabel(t, t.newRow, statusColumn);
  if (t.isUpdate) {
    const std::string from = rowEnumLabel(t, t.oldRow, statusColumn);
    if (from == to) return;
    if (!machine.allows(from, to)) {
      const std::string name(machine.name);
      throw RuleViolation(
          ERRCODE_CHECK_VIOLATION,
          "illegal " + name + " status transition from \"" + from + "\" to \"" + to + "\"",
          describeRow(t, t.oldRow) + " has status \"" + from +
              "\"; legal next statuses: " + legalMovesFrom(machine, from) + ".",
          "agentic.status_transitions() lists every legal transition.", t.tableName(),
          t.tableName() + "_status_transition");
    }
  }
  stampEnteredState(t, machine, to, edit);
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

void applyRowRules(const TriggerRow& t, const core::StatusMachine* machine, RowEdit& edit) {
  if (t.isUpdate) keepIdImmutable(t);
  if (machine != nullptr) enforceStatusMachine(t, *machine, edit);
  if (t.isUpdate) {
    const int updatedAt = t.column("updated_at");
    if (updatedAt != 0)
      edit.set(updatedAt, TimestampTzGetDatum(GetCurrentTransactionStartTimestamp()));
  }
}

}  // namespace agentic::pg
