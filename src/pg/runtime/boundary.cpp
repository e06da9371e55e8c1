#include "pg/runtime/boundary.hpp"

#include "pg/runtime/settings.hpp"

#include <cstdio>
#include <new>
#include <stdexcept>

namespace agentic::pg::detail {

namespace {
template <std::size_t N>
void copyInto(char (&target)[N], const std::string& source) noexcept {
  std::snprintf(target, N, "%s", source.c_str());
}
}  // namespace

void injectRequestedFault() {
  switch (static_cast<InjectedFault>(injectFault)) {
    case InjectedFault::None:
      return;
    case InjectedFault::CppException:
      throw std::runtime_error("injected C++ exception");
    case InjectedFault::BadAlloc:
      throw std::bad_alloc();
    case InjectedFault::PostgresError:
      // A real server error raised while C++ frames are live.
      pgCall([] { return DirectFunctionCall1(int4in, CStringGetDatum("injected")); });
      return;
  }
}

void capture(PendingError& pending, const RuleViolation& violation) noexcept {
  pending.kind = PendingError::Kind::Rule;
  pending.sqlstate = violation.sqlstate;
  copyInto(pending.message, violation.message);
  copyInto(pending.detail, violation.detail);
  copyInto(pending.hint, violation.hint);
  copyInto(pending.table, violation.table);
  copyInto(pending.constraint, violation.constraint);
  copyInto(pending.schema, violation.schema);
}

void capture(PendingError& pending, const char* what) noexcept {
  pending.kind = PendingError::Kind::Internal;
  std::snprintf(pending.message, sizeof pending.message, "%s", what);
}

void raise(PendingError& pending) {
  switch (pending.kind) {
    case PendingError::Kind::Postgres:
      ReThrowError(pending.postgres);
    case PendingError::Kind::Rule:
      ereport(
          ERROR,
          (errcode(pending.sqlstate), errmsg("%s", pending.message),
           pending.detail[0] ? errdetail("%s", pending.detail) : 0,
           pending.hint[0] ? errhint("%s", pending.hint) : 0,
           pending.table[0] ? err_generic_string(PG_DIAG_SCHEMA_NAME,
                                                 pending.schema[0] ? pending.schema : "agentic")
                            : 0,
           pending.table[0] ? err_generic_string(PG_DIAG_TABLE_NAME, pending.table) : 0,
           pending.constraint[0] ? err_generic_string(PG_DIAG_CONSTRAINT_NAME, pending.constraint)
                                 : 0));
      break;
    case PendingError::Kind::OutOfMemory:
      ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY),
                      errmsg("out of memory in agentic_schema native code")));
      break;
    case PendingError::Kind::Internal:
    case PendingError::Kind::None:
      break;
  }
  ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                  errmsg("agentic_schema internal error: %s", pending.message)));
  pg_unreachable();
}

}  // namespace agentic::pg::detail
