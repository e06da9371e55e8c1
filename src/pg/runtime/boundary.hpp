// The one exception boundary between C++ and PostgreSQL.
//
// Two rules keep the two error models apart:
//  * A C++ exception never crosses a PostgreSQL frame: every SQL-callable entry
//    point runs its body through guarded(), which catches everything and raises
//    the PostgreSQL error only after the catch block has ended.
//  * ereport(ERROR) (a longjmp) never skips a live C++ destructor: PostgreSQL
//    calls made while C++ objects are alive go through pgCall(), which turns the
//    error into a PgError exception carrying the original ErrorData (SQLSTATE,
//    message, detail), re-raised unchanged at the boundary.
#pragma once

#include "pg/runtime/postgres_headers.hpp"

#include <exception>
#include <string>
#include <type_traits>
#include <utility>

namespace agentic::pg {

// A broken business rule, reported as ERROR with this SQLSTATE. `table` and
// `constraint` fill the error's table_name and constraint_name fields so that
// clients can tell the rules apart without parsing messages.
struct RuleViolation : std::exception {
  int sqlstate;
  std::string message;
  std::string detail;
  std::string hint;
  std::string table;
  std::string constraint;
  std::string schema;  // of `table`; empty: agentic

  RuleViolation(int sqlstate, std::string message, std::string detail = {}, std::string hint = {},
                std::string table = {}, std::string constraint = {}, std::string schema = {})
      : sqlstate(sqlstate),
        message(std::move(message)),
        detail(std::move(detail)),
        hint(std::move(hint)),
        table(std::move(table)),
        constraint(std::move(constraint)),
        schema(std::move(schema)) {}
  const char* what() const noexcept override { return message.c_str(); }
};

// A PostgreSQL error caught by pgCall(); `data` lives in the caller's memory context.
struct PgError : std::exception {
  ErrorData* data;
  explicit PgError(ErrorData* data) : data(data) {}
  const char* what() const noexcept override { return data->message; }
};

// Runs `call` (PostgreSQL calls only, no C++ objects with destructors inside)
// and converts a PostgreSQL error into PgError.
template <class F>
auto pgCall(F&& call) -> decltype(call()) {
  using Result = decltype(call());
  MemoryContext callerContext = CurrentMemoryContext;
  ErrorData* volatile error = nullptr;
  if constexpr (std::is_void_v<Result>) {
    PG_TRY();
    { call(); }
    PG_CATCH();
    {
      MemoryContextSwitchTo(callerContext);
      error = CopyErrorData();
      FlushErrorState();
    }
    PG_END_TRY();
    if (error != nullptr) throw PgError(error);
  } else {
    static_assert(std::is_scalar_v<Result>, "pgCall returns scalars (Datum, pointers, numbers)");
    volatile Result result{};
    PG_TRY();
    { result = call(); }
    PG_CATCH();
    {
      MemoryContextSwitchTo(callerContext);
      error = CopyErrorData();
      FlushErrorState();
    }
    PG_END_TRY();
    if (error != nullptr) throw PgError(error);
    return result;
  }
}

namespace detail {

// Everything needed to raise the error after the catch block, in fixed
// storage so that leaving the catch block needs no allocation.
struct PendingError {
  enum class Kind { None, Postgres, Rule, OutOfMemory, Internal } kind = Kind::None;
  ErrorData* postgres = nullptr;
  int sqlstate = 0;
  char message[1024] = {};
  char detail[1024] = {};
  char hint[512] = {};
  char table[NAMEDATALEN] = {};
  char constraint[NAMEDATALEN] = {};
  char schema[NAMEDATALEN] = {};
};

// Throws what agentic.inject_fault asks for (a test hook; nothing by default).
void injectRequestedFault();
void capture(PendingError& pending, const RuleViolation& violation) noexcept;
void capture(PendingError& pending, const char* what) noexcept;
[[noreturn]] void raise(PendingError& pending);

}  // namespace detail

// Runs the body of an SQL-callable function behind the exception boundary.
template <class F>
Datum guarded(F&& body) {
  detail::PendingError pending;
  try {
    detail::injectRequestedFault();
    return body();
  } catch (const PgError& e) {
    pending.kind = detail::PendingError::Kind::Postgres;
    pending.postgres = e.data;
  } catch (const RuleViolation& v) {
    detail::capture(pending, v);
  } catch (const std::bad_alloc&) {
    pending.kind = detail::PendingError::Kind::OutOfMemory;
  } catch (const std::exception& e) {
    detail::capture(pending, e.what());
  } catch (...) {
    detail::capture(pending, "unknown C++ exception");
  }
  detail::raise(pending);
}

}  // namespace agentic::pg
