// calculate_agent_utilization(): one agent, or every agent, over a window.
//
// Assignments are read through the GiST index on (agent_id, tstzrange(started_at,
// completed_at)), so the work grows with the assignments overlapping the window,
// not with the history before or after it.
#include "pg/runtime/spi.hpp"
#include "core/workforce/utilization.hpp"

#include <string>
#include <unordered_map>
#include <vector>

extern "C" {
PG_FUNCTION_INFO_V1(agentic_agent_utilization);
PG_FUNCTION_INFO_V1(agentic_all_agents_utilization);
}

namespace agentic::pg {
namespace {

const Oid kWindow[] = {TIMESTAMPTZOID, TIMESTAMPTZOID};
const Oid kAgentWindow[] = {INT8OID, TIMESTAMPTZOID, TIMESTAMPTZOID};

struct Window {
  TimestampTz start;
  TimestampTz end;
};

// The window given from argument `firstArg` on, or the last 30 days when the
// call has no window arguments: [now() - interval '30 days', now()), calendar days
// in the session time zone, exactly the default arguments of the all-agents form
// (across a daylight-saving change the window is 719 or 721 hours long).
Window readWindow(FunctionCallInfo fcinfo, int firstArg) {
  if (PG_NARGS() <= firstArg) {
    const TimestampTz now = GetCurrentTransactionStartTimestamp();
    const TimestampTz start = pgCall([&] {
      Interval days{};
      days.day = 30;
      return DatumGetTimestampTz(DirectFunctionCall2(
          timestamptz_mi_interval, TimestampTzGetDatum(now), IntervalPGetDatum(&days)));
    });
    return Window{start, now};
  }
  const Window window{PG_GETARG_TIMESTAMPTZ(firstArg), PG_GETARG_TIMESTAMPTZ(firstArg + 1)};
  if (window.end <= window.start)
    throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE,
                        "utilization window must end after it starts",
                        "p_window_start is not before p_window_end.");
  return window;
}

// The period in result columns `startColumn` and the next one: an employment
// or an assignment's working time. A NULL end means it has not ended.
core::Interval period(std::uint64_t row, int startColumn) {
  bool isNull = false;
  const Datum start = spiValue(row, startColumn, &isNull);
  const Datum end = spiValue(row, startColumn + 1, &isNull);
  return core::Interval{DatumGetTimestampTz(start), isNull ? DT_NOEND : DatumGetTimestampTz(end)};
}

Datum microsInterval(core::Micros micros) {
  auto* interval = static_cast<Interval*>(palloc0(sizeof(Interval)));
  interval->day = static_cast<int32>(micros / USECS_PER_DAY);
  interval->time = micros % USECS_PER_DAY;
  return IntervalPGetDatum(interval);
}

void emitRow(ReturnSetInfo* rsinfo, std::int64_t agentId, const Window& window,
             const core::AgentUtilization& u) {
  pgCall([&] {
    Datum values[7] = {Int64GetDatum(agentId),
                       TimestampTzGetDatum(window.start),
                       TimestampTzGetDatum(window.end),
                       microsInterval(u.availableMicros),
                       microsInterval(u.busyMicros),
                       Float8GetDatum(u.share.value_or(0.0)),
                       Int32GetDatum(static_cast<int32>(u.assignments))};
    bool nulls[7] = {false, false, false, false, false, !u.share.has_value(), false};
    tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
  });
}

Datum agentUtilization(FunctionCallInfo fcinfo) {
  static CachedPlan agentSpan{
      "SELECT coalesce(hired_at, created_at), terminated_at FROM agentic.agents WHERE id = $1", 1,
      kOneBigint, nullptr};
  static CachedPlan assignments{
      "SELECT started_at, completed_at FROM agentic.task_assignments "
      "WHERE agent_id = $1 AND started_at IS NOT NULL "
      "AND tstzrange(started_at, completed_at) && tstzrange($2, $3)",
      3, kAgentWindow, nullptr};

  const std::int64_t agentId = PG_GETARG_INT64(0);
  const Window window = readWindow(fcinfo, 1);
  pgCall([&] { InitMaterializedSRF(fcinfo, 0); });
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);

  spiConnect();
  Datum agentArg[] = {Int64GetDatum(agentId)};
  if (spiRun(agentSpan, agentArg, nullptr, ReadMode::ReadOnly) == 0)
    throw RuleViolation(ERRCODE_NO_DATA_FOUND,
                        "agent " + std::to_string(agentId) + " does not exist", {}, {}, "agents");
  const core::Interval span = period(0, 1);
  Datum args[] = {Int64GetDatum(agentId), TimestampTzGetDatum(window.start),
                  TimestampTzGetDatum(window.end)};
  const std::uint64_t rows = spiRun(assignments, args, nullptr, ReadMode::ReadOnly);
  std::vector<core::Interval> periods;
  periods.reserve(rows);
  for (std::uint64_t row = 0; row < rows; ++row) periods.push_back(period(row, 1));
  spiFinish();

  const auto u = core::computeUtilization(
      {window.start, window.end}, span, GetCurrentTransactionStartTimestamp(), std::move(periods));
  emitRow(rsinfo, agentId, window, u);
  return Datum(0);
}

Datum allAgentsUtilization(FunctionCallInfo fcinfo) {
  static CachedPlan agents{
      "SELECT id, coalesce(hired_at, created_at), terminated_at FROM agentic.agents "
      "WHERE coalesce(hired_at, created_at) < $2 AND (terminated_at IS NULL OR terminated_at > $1) "
      "ORDER BY id",
      2, kWindow, nullptr};
  static CachedPlan assignments{
      "SELECT agent_id, started_at, completed_at FROM agentic.task_assignments "
      "WHERE started_at IS NOT NULL AND tstzrange(started_at, completed_at) && tstzrange($1, $2)",
      2, kWindow, nullptr};

  const Window window = readWindow(fcinfo, 0);
  pgCall([&] { InitMaterializedSRF(fcinfo, 0); });
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  const TimestampTz now = GetCurrentTransactionStartTimestamp();

  spiConnect();
  Datum args[] = {TimestampTzGetDatum(window.start), TimestampTzGetDatum(window.end)};
  std::unordered_map<std::int64_t, std::vector<core::Interval>> periodsByAgent;
  const std::uint64_t assignmentRows = spiRun(assignments, args, nullptr, ReadMode::ReadOnly);
  for (std::uint64_t row = 0; row < assignmentRows; ++row) {
    const auto agentId = spiInt64(row, 1);
    if (agentId) periodsByAgent[*agentId].push_back(period(row, 2));
  }
  const std::uint64_t agentRows = spiRun(agents, args, nullptr, ReadMode::ReadOnly);
  for (std::uint64_t row = 0; row < agentRows; ++row) {
    const std::int64_t agentId = spiInt64(row, 1).value_or(0);
    auto found = periodsByAgent.find(agentId);
    std::vector<core::Interval> periods;
    if (found != periodsByAgent.end()) periods = std::move(found->second);
    const auto u = core::computeUtilization({window.start, window.end}, period(row, 2), now,
                                            std::move(periods));
    if (u.availableMicros > 0) emitRow(rsinfo, agentId, window, u);
  }
  spiFinish();
  return Datum(0);
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_agent_utilization(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::agentUtilization(fcinfo); });
}

Datum agentic_all_agents_utilization(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::allAgentsUtilization(fcinfo); });
}
