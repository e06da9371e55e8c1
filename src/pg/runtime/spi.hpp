// SPI with cached, parameterised plans. SQL text is always a constant; values
// travel as bound parameters, never spliced into the text.
#pragma once

#include "pg/runtime/boundary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace agentic::pg {

// A statement prepared once per backend and kept for its lifetime. Instances
// are function-local statics with trivial destructors. Plans are prepared
// while the calling function's pinned search_path is in force, and PostgreSQL's
// plan cache keeps using that search_path when it replans.
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

// Runs `body` with the privileges of `owner` (the extension's tables' owner),
// as foreign-key checks do: rule bookkeeping (audit rows, price history) is
// written without granting callers rights on those tables. Rows still name
// the caller, who must be passed in explicitly.
template <class F>
void runAsOwner(Oid owner, F&& body) {
  Oid savedUser = InvalidOid;
  int savedContext = 0;
  GetUserIdAndSecContext(&savedUser, &savedContext);
  SetUserIdAndSecContext(
      owner, savedContext | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
  try {
    body();
  } catch (...) {
    SetUserIdAndSecContext(savedUser, savedContext);
    throw;
  }
  SetUserIdAndSecContext(savedUser, savedContext);
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

// The name of the role the caller is acting as (current_user).
std::string currentUserName();

void spiConnect();
void spiFinish();

// Runs `plan` and returns the number of rows; results are in SPI_tuptable.
std::uint64_t spiRun(CachedPlan& plan, const Datum* values, const char* nulls, ReadMode mode,
                     long limit = 0);

// Column `column` (1-based) of result row `row`.
Datum spiValue(std::uint64_t row, int column, bool* isNull);
std::optional<std::int64_t> spiInt64(std::uint64_t row, int column);
std::string spiText(std::uint64_t row, int column);

}  // namespace agentic::pg
