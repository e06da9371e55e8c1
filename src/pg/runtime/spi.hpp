// SPI with cached, parameterised plans. SQL text is always a constant; values
// travel as bound parameters, never spliced into the text.
//
// The module's hot functions (trigger functions, the functions of CHECK constraints
// and generated columns, utilization) carry no SET search_path clause: that clause
// costs more per call than most rules (a GUC nest level, the setting parsed, the
// namespace path recomputed on the way in and again on the way out). Instead every
// query of the module is prepared and run here, with search_path set to
// "pg_catalog, pg_temp" for just that call, exactly as a SET clause would set it
// (so code the query fires, such as a DBA's trigger with a SET clause of its own,
// sees the setting as it always did), and objects a caller puts on their
// search_path cannot capture a name or operator (ops/security tests both); nothing
// else the module does resolves names. Only this file calls SPI to plan or run SQL
// (scripts/check_sources.sh holds it to that).
#pragma once

#include "pg/runtime/boundary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace agentic::pg {

// The search_path every query of the module is planned and run with: the value the
// SET clauses of 1.0-1.3 gave (restore_mode.cpp recognises it).
inline constexpr const char* kPinnedSearchPath = "pg_catalog, pg_temp";

// A statement prepared once per backend and kept for its lifetime. Instances
// are function-local statics with trivial destructors. Plans are prepared and
// run under the pinned search_path, so PostgreSQL's plan cache never sees it change.
struct CachedPlan {
  const char* sql;
  int argCount;
  const Oid* argTypes;
  SPIPlanPtr plan;

  SPIPlanPtr get();
};

// Argument types shared by many plans.
inline constexpr Oid kNoArgs[] = {InvalidOid};
inline constexpr Oid kOneBigint[] = {INT8OID};
inline constexpr Oid kTwoBigints[] = {INT8OID, INT8OID};

// Which snapshot a statement reads with.
enum class ReadMode {
  Statement,  // the usual one: a fresh snapshot per statement in READ COMMITTED
  ReadOnly,   // the caller's snapshot, no command-counter bump (STABLE functions)
  Latest,     // everything committed so far, in every isolation level; rules
              // that serialise on a lock use it to see the winner's work
};

namespace detail {
// The role runAsOwner() was entered from (the outermost one), InvalidOid outside it.
extern Oid callerOutsideOwner;
}  // namespace detail

// Runs `body` with the privileges of `owner` (the extension's tables' owner),
// as foreign-key checks do: rule bookkeeping (audit rows, price history) is
// written without granting callers rights on those tables. Rows still name
// the caller: currentUserName() gives the role that entered it.
template <class F>
void runAsOwner(Oid owner, F&& body) {
  Oid savedUser = InvalidOid;
  int savedContext = 0;
  GetUserIdAndSecContext(&savedUser, &savedContext);
  const Oid savedCaller = detail::callerOutsideOwner;
  if (!OidIsValid(savedCaller)) detail::callerOutsideOwner = savedUser;
  SetUserIdAndSecContext(
      owner, savedContext | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
  try {
    body();
  } catch (...) {
    SetUserIdAndSecContext(savedUser, savedContext);
    detail::callerOutsideOwner = savedCaller;
    throw;
  }
  SetUserIdAndSecContext(savedUser, savedContext);
  detail::callerOutsideOwner = savedCaller;
}

// Runs `body` as the owner of the trigger's table, with the trigger's
// transition tables (agentic_old_rows / agentic_new_rows) visible to its
// queries. Needs an SPI connection.
template <class F>
void runOnTransitionTablesAsOwner(TriggerData* data, F&& body) {
  pgCall([&] {
    if (SPI_register_trigger_data(data) != SPI_OK_TD_REGISTER)
      elog(ERROR, "SPI_register_trigger_data failed");
  });
  runAsOwner(data->tg_relation->rd_rel->relowner, std::forward<F>(body));
}

// The name of the role the caller is acting as (current_user); inside runAsOwner(),
// the role that entered it, so that the audit rows of bookkeeping written with
// the owner's rights still name who caused them.
std::string currentUserName();

void spiConnect();
void spiFinish();

// Prepares `sql` and keeps the plan for the backend's lifetime (what CachedPlan
// does; for plans kept elsewhere, such as one per audited table).
SPIPlanPtr spiPrepareKept(const char* sql, int argCount, const Oid* argTypes);

// Runs `plan` and returns the number of rows; results are in SPI_tuptable.
std::uint64_t spiRun(CachedPlan& plan, const Datum* values, const char* nulls, ReadMode mode,
                     long limit = 0);
// The same for a plan from spiPrepareKept(); `sql` names it in errors.
std::uint64_t spiExecute(SPIPlanPtr plan, const char* sql, const Datum* values, const char* nulls,
                         ReadMode mode, long limit = 0);

// Runs a utility statement built at run time (GRANT/REVOKE of grant_access():
// identifiers quoted by the caller, no values), once.
void spiRunText(const char* sql);

// Column `column` (1-based) of result row `row`.
Datum spiValue(std::uint64_t row, int column, bool* isNull);
std::optional<std::int64_t> spiInt64(std::uint64_t row, int column);
std::string spiText(std::uint64_t row, int column);

}  // namespace agentic::pg
