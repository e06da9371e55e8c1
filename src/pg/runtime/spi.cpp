#include "pg/runtime/spi.hpp"

namespace agentic::pg {
namespace {

// The PostgreSQL side of the pin: `run` is a PostgreSQL call returning a scalar
// (it may raise an error, never a C++ exception). The setting is changed as a
// function's SET clause changes it, in a GUC nest level of its own, so code the
// query runs in turn (a trigger of the DBA's, with a SET clause of its own) sees
// the setting as usual; the level is left both ways out.
template <class F>
auto withCatalogSearchPath(F&& run) -> decltype(run()) {
  volatile decltype(run()) result{};
  const int nestLevel = NewGUCNestLevel();
  (void)set_config_option("search_path", kPinnedSearchPath, PGC_USERSET, PGC_S_SESSION,
                          GUC_ACTION_SAVE, true, 0, false);
  PG_TRY();
  { result = run(); }
  PG_CATCH();
  {
    AtEOXact_GUC(false, nestLevel);
    PG_RE_THROW();
  }
  PG_END_TRY();
  AtEOXact_GUC(true, nestLevel);
  return result;
}

}  // namespace

SPIPlanPtr spiPrepareKept(const char* sql, int argCount, const Oid* argTypes) {
  return pgCall([&] {
    SPIPlanPtr prepared = withCatalogSearchPath(
        [&] { return SPI_prepare(sql, argCount, const_cast<Oid*>(argTypes)); });
    if (prepared == nullptr)
      elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql, SPI_result_code_string(SPI_result));
    if (SPI_keepplan(prepared) != 0) elog(ERROR, "SPI_keepplan failed");
    return prepared;
  });
}

SPIPlanPtr CachedPlan::get() {
  if (plan == nullptr) plan = spiPrepareKept(sql, argCount, argTypes);
  return plan;
}

namespace detail {
Oid callerOutsideOwner = InvalidOid;
}  // namespace detail

std::string currentUserName() {
  const Oid role =
      OidIsValid(detail::callerOutsideOwner) ? detail::callerOutsideOwner : GetUserId();
  const char* name = pgCall([&] { return GetUserNameFromId(role, false); });
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

std::uint64_t spiExecute(SPIPlanPtr prepared, const char* sql, const Datum* values,
                         const char* nulls, ReadMode mode, long limit) {
  return pgCall([&] {
    Datum* args = const_cast<Datum*>(values);
    const int rc = withCatalogSearchPath([&] {
      switch (mode) {
        case ReadMode::Latest:
          return SPI_execute_snapshot(prepared, args, nulls, GetLatestSnapshot(), InvalidSnapshot,
                                      false, true, limit);
        case ReadMode::ReadOnly:
          return SPI_execute_plan(prepared, args, nulls, true, limit);
        case ReadMode::Statement:
        default:
          return SPI_execute_plan(prepared, args, nulls, false, limit);
      }
    });
    if (rc < 0) elog(ERROR, "SPI failed for \"%s\": %s", sql, SPI_result_code_string(rc));
    return SPI_processed;
  });
}

std::uint64_t spiRun(CachedPlan& plan, const Datum* values, const char* nulls, ReadMode mode,
                     long limit) {
  return spiExecute(plan.get(), plan.sql, values, nulls, mode, limit);
}

void spiRunText(const char* sql) {
  pgCall([&] {
    if (withCatalogSearchPath([&] { return SPI_execute(sql, false, 0); }) < 0)
      elog(ERROR, "could not run: %s", sql);
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
