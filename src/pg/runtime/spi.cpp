#include "pg/runtime/spi.hpp"

namespace agentic::pg {

SPIPlanPtr CachedPlan::get() {
  if (plan == nullptr) {
    plan = pgCall([&] {
      SPIPlanPtr prepared = SPI_prepare(sql, argCount, const_cast<Oid*>(argTypes));
      if (prepared == nullptr)
        elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql, SPI_result_code_string(SPI_result));
      if (SPI_keepplan(prepared) != 0) elog(ERROR, "SPI_keepplan failed");
      return prepared;
    });
  }
  return plan;
}

std::string currentUserName() {
  const char* name = pgCall([] { return GetUserNameFromId(GetUserId(), false); });
  return std::string(name);
}

void spiConnect() {
  pgCall([] {
    if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "SPI_connect failed");
  });
}

void spiFinish() {
  pgCall([] {
    if (SPI_finish() != SPI_OK_FINISH) elog(ERROR, "SPI_finish failed");
  });
}

std::uint64_t spiRun(CachedPlan& plan, const Datum* values, const char* nulls, ReadMode mode,
                     long limit) {
  SPIPlanPtr prepared = plan.get();
  return pgCall([&] {
    Datum* args = const_cast<Datum*>(values);
    int rc;
    switch (mode) {
      case ReadMode::Latest:
        rc = SPI_execute_snapshot(prepared, args, nulls, GetLatestSnapshot(), InvalidSnapshot,
                                  false, true, limit);
        break;
      case ReadMode::ReadOnly:
        rc = SPI_execute_plan(prepared, args, nulls, true, limit);
        break;
      case ReadMode::Statement:
      default:
        rc = SPI_execute_plan(prepared, args, nulls, false, limit);
        break;
    }
    if (rc < 0) elog(ERROR, "SPI failed for \"%s\": %s", plan.sql, SPI_result_code_string(rc));
    return SPI_processed;
  });
}

// SPI_getbinval reports a bad column number through SPI_result and never raises
// an error, so it needs no pgCall(): this runs once per value on hot paths.
Datum spiValue(std::uint64_t row, int column, bool* isNull) {
  return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column, isNull);
}

std::optional<std::int64_t> spiInt64(std::uint64_t row, int column) {
  bool isNull = false;
  Datum value = spiValue(row, column, &isNull);
  if (isNull) return std::nullopt;
  return DatumGetInt64(value);
}

std::string spiText(std::uint64_t row, int column) {
  char* text =
      pgCall([&] { return SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column); });
  return text == nullptr ? std::string() : std::string(text);
}

}  // namespace agentic::pg
