#include "pg/workforce/workflows.hpp"

#include "pg/runtime/dispatcher.hpp"

#include "core/workforce/workflows.hpp"

namespace agentic::pg::workflows {

void beforeRow(RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  const int versionColumn = ctx.column(kVersion);
  const auto version = [&](HeapTuple row) {
    bool isNull = false;
    const Datum value = rowValue(t, row, versionColumn, &isNull);
    return isNull ? std::int64_t{0} : std::int64_t{DatumGetInt32(value)};
  };
  core::WorkflowWrite write;
  write.isInsert = t.isInsert;
  write.version = version(t.newRow);
  if (t.isUpdate) {
    write.oldVersion = version(t.oldRow);
    write.definitionChanged = columnChanged(t, ctx.column(kDefinition));
  }
  const auto result = core::workflowVersion(write, describeRow(t, t.newRow));
  if (const auto* violation = std::get_if<core::Violation>(&result)) ctx.reject(*violation);
  const std::int64_t stored = std::get<std::int64_t>(result);
  if (stored != write.version)
    ctx.edit().set(versionColumn, Int32GetDatum(static_cast<int32>(stored)));
}

}  // namespace agentic::pg::workflows
