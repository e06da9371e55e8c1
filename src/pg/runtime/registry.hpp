// The rule registry: every member table of the extension with its domain,
// access class, status machine and row handlers, and every rule the extension
// reports with its SQLSTATE, events, columns, hint and description.
//
// The list itself is constant data in registry.cpp. It drives the row-trigger
// dispatcher (dispatcher.hpp), agentic.rules(), agentic.check_rules() and
// grant_access(). A rule's id is the constraint_name its errors carry.
//
// Versions: one shared library serves databases at every installed version of
// the extension, so a table, its generic rules, a rule and a handler's column
// say since which version they exist (`since`, compared numerically with
// pg_extension.extversion). rules() lists and check_rules() checks only what
// the installed version has; the dispatcher resolves a column whose version is
// not installed as absent, and a handler reads such a column only after
// RowContext::has() (the slot is rebuilt when the relation changes, which the
// upgrade that adds the column does).
#pragma once

#include "core/rules/status_machine.hpp"
#include "core/rules/version.hpp"
#include "core/rules/violation.hpp"

#include <cstddef>
#include <string_view>

namespace agentic::pg {

class RowContext;
// A table's own row rules, run by the dispatcher after the generic ones.
using RowHandler = void (*)(RowContext& row);

// The events a rule fires on.
enum Event : unsigned { kOnInsert = 1, kOnUpdate = 2, kOnDelete = 4, kOnTruncate = 8 };

// Who may change and read a table's rows (grant_access()).
enum class Access {
  Client,                       // read: SELECT; write and admin: SELECT and DML
  AdminWrites,                  // read and write: SELECT; admin: SELECT and DML
  TriggerMaintained,            // SELECT for every level; only the extension's triggers write
  TriggerMaintainedAdminReads,  // as TriggerMaintained, and only admin may read
  Secret  // nothing for any level: only the extension's functions read and write it
};

// The generic row rules a table's rows get on UPDATE (the status machine is
// given by TableSpec::machine).
enum Generic : unsigned { kIdImmutable = 1, kUpdatedAt = 2 };

// The most columns a table may declare for its handlers.
inline constexpr int kMaxTableColumns = 24;

// The version every entry of the registry has unless it says otherwise.
inline constexpr const char* kFirstVersion = "1.0";

// The type a handler reads a column as (a domain over it is that type too).
// The dispatcher checks it once per relation (42804 otherwise); check_rules()
// reports a column of another type.
enum class ColumnType {
  Int8,
  Int4,
  Text,
  TextArray,
  Bytea,
  Jsonb,
  Numeric,
  TimestampTz,
  Char,
  Enum
};

struct ColumnList {
  const char* const* names;
  std::size_t count;
  // Per column, the version that added it; nullptr: every column is as old as
  // its table.
  const char* const* since = nullptr;
  // Per column, its type: required for a table's columns (TableSpec::columns),
  // nullptr in a rule's list (the table's declaration gives the type).
  const ColumnType* types = nullptr;

  const char* sinceOf(std::size_t i) const { return since != nullptr ? since[i] : nullptr; }
};

template <std::size_t N>
constexpr ColumnList columnList(const char* const (&names)[N]) {
  return ColumnList{names, N, nullptr};
}
// Columns of which some appeared after their table: `since` is parallel to `names`.
template <std::size_t N>
constexpr ColumnList columnList(const char* const (&names)[N], const char* const (&since)[N]) {
  return ColumnList{names, N, since};
}
// A table's columns for its handlers, each with its type.
template <std::size_t N>
constexpr ColumnList columnList(const char* const (&names)[N], const ColumnType (&types)[N]) {
  return ColumnList{names, N, nullptr, types};
}
template <std::size_t N>
constexpr ColumnList columnList(const char* const (&names)[N], const ColumnType (&types)[N],
                                const char* const (&since)[N]) {
  return ColumnList{names, N, since, types};
}
constexpr ColumnList kNoColumns{nullptr, 0, nullptr};

// Which row trigger runs a rule.
enum class Timing { Before, After };

struct RuleSpec {
  const char* id;           // the constraint_name reported
  const char* variant;      // "" unless the rule reports more than one way
  const char* sqlstate;     // five characters
  unsigned events;          // Event bits
  ColumnList columns;       // the columns it reads
  const char* hint;         // "" for none; "{}" is Violation::hintArgument
  const char* description;  // one line
  Timing timing = Timing::Before;
  const char* since = kFirstVersion;
  // Its triggers may carry a WHEN clause of the extension's (they skip rows the
  // rule cannot reject); every other rule needs an unconditional trigger.
  bool conditional = false;
  // What the hint's "{}" stands for, as rules() shows it ("<...>").
  const char* hintArgument = nullptr;
};

// The SQL names of the dispatcher's row trigger functions.
inline constexpr const char* kRowBeforeWrite = "row_before_write";

// One of the extension's trigger functions and the triggers it can run under:
// any other timing, level or event fails every write with 39P01.
struct TriggerFunctionSpec {
  const char* name;  // SQL name in schema agentic
  Timing timing;
  bool forEachRow;  // false: FOR EACH STATEMENT
  unsigned events;  // Event bits
  // Reads the transition tables (REFERENCING NEW TABLE on INSERT, OLD and NEW
  // on UPDATE, OLD on DELETE).
  bool transitionTables = false;
};
const TriggerFunctionSpec* findTriggerFunction(std::string_view name);

// Audit: every registered table has AFTER ... FOR EACH STATEMENT triggers
// <table>_audit_<event> on agentic.audit_row_changes(), one per event below
// since its version (TableSpec::notAudited lists a table's exceptions).
inline constexpr const char* kAuditFunction = "audit_row_changes";
struct AuditEvent {
  unsigned event;
  const char* since;
};
inline constexpr AuditEvent kAuditEvents[] = {{kOnInsert, kFirstVersion},
                                              {kOnUpdate, kFirstVersion},
                                              {kOnDelete, kFirstVersion},
                                              {kOnTruncate, "1.3"}};
constexpr unsigned auditedEvents() {
  unsigned events = 0;
  for (const AuditEvent& e : kAuditEvents) events |= e.event;
  return events;
}
inline constexpr unsigned kAudited = auditedEvents();

// Restore guard: every registered table has a BEFORE INSERT ... FOR EACH
// STATEMENT trigger <table>_restore_guard on agentic.restore_guard() since this
// version (restore_mode.hpp).
inline constexpr const char* kRestoreGuardFunction = "restore_guard";
inline constexpr const char* kRestoreGuardSince = "1.3";

// The exact WHEN clause (as pg_get_triggerdef() prints it) a conditional
// rule's AFTER row trigger carries on INSERT and on UPDATE; nullptr: none allowed.
struct WhenClauses {
  const char* onInsert;
  const char* onUpdate;
};

struct TableSpec {
  const char* name;  // in schema agentic
  const char* domain;
  Access access;
  const core::StatusMachine* machine;  // of its status column, or nullptr
  unsigned generic;                    // Generic bits
  ColumnList columns;                  // what its handlers read, by index
  RowHandler before;                   // BEFORE row handler, or nullptr
  RowHandler after;                    // AFTER row handler, or nullptr
  const RuleSpec* rules;
  std::size_t ruleCount;
  // The version that created the table, and the one whose BEFORE row trigger
  // first ran its generic rules (never older than the table).
  const char* since = kFirstVersion;
  const char* genericSince = kFirstVersion;
  // The events its BEFORE row trigger fires on: the generic rules run on each
  // (the status machine stamps on INSERT too); the id guard and updated_at
  // act on UPDATE. Since `beforeEventsSince`; an older version's trigger
  // fires on `earlierBeforeEvents` (beforeEventsAt()).
  unsigned beforeEvents = kOnUpdate;
  const char* beforeEventsSince = kFirstVersion;
  unsigned earlierBeforeEvents = kOnUpdate;
  // The table's own trigger functions (SQL names): nullptr for none; a BEFORE
  // function other than row_before_write() serves this table only, as does
  // the AFTER one (task_graph_check() serves two tables).
  const char* beforeFunction = kRowBeforeWrite;
  const char* afterFunction = nullptr;
  // What the AFTER handler needs beyond its rules: the events it runs on and
  // the columns an UPDATE OF list must name (a handler without rules, such as
  // the task roll-up).
  unsigned afterEvents = 0;
  ColumnList afterColumns = kNoColumns;
  // The WHEN clauses its AFTER row triggers may carry (RuleSpec::conditional).
  WhenClauses afterWhen = {nullptr, nullptr};
  // The audit events (kAuditEvents) it is not audited on.
  unsigned notAudited = 0;
  // A statement trigger function of its own (AFTER ... FOR EACH STATEMENT, one
  // trigger per event), the events and the version that added it.
  const char* statementFunction = nullptr;
  unsigned statementEvents = 0;
  const char* statementSince = kFirstVersion;

  // Builders for the constant list (C++17 has no designated initializers).
  constexpr TableSpec createdIn(const char* version) const {
    TableSpec t = *this;
    t.since = version;
    t.genericSince = version;
    return t;
  }
  constexpr TableSpec genericRulesSince(const char* version) const {
    TableSpec t = *this;
    t.genericSince = version;
    return t;
  }
  // `version`: the one whose trigger first fired on `events`; before it the
  // trigger fired on the events the table had until then (BEFORE UPDATE by default).
  constexpr TableSpec beforeTrigger(const char* function, unsigned events,
                                    const char* version = kFirstVersion) const {
    TableSpec t = *this;
    t.beforeFunction = function;
    t.earlierBeforeEvents = beforeEvents;
    t.beforeEvents = events;
    t.beforeEventsSince = version;
    return t;
  }
  constexpr TableSpec afterTrigger(const char* function, unsigned events = 0,
                                   ColumnList columns = kNoColumns) const {
    TableSpec t = *this;
    t.afterFunction = function;
    t.afterEvents = events;
    t.afterColumns = columns;
    return t;
  }
  constexpr TableSpec afterWhenClauses(const char* onInsert, const char* onUpdate) const {
    TableSpec t = *this;
    t.afterWhen = {onInsert, onUpdate};
    return t;
  }
  constexpr TableSpec auditedExcept(unsigned events) const {
    TableSpec t = *this;
    t.notAudited = events;
    return t;
  }
  constexpr TableSpec statementTrigger(const char* function, unsigned events,
                                       const char* version) const {
    TableSpec t = *this;
    t.statementFunction = function;
    t.statementEvents = events;
    t.statementSince = version;
    return t;
  }

  // The events its BEFORE row trigger fires on at `installed`.
  unsigned beforeEventsAt(const core::Version& installed) const {
    return core::versionReached(beforeEventsSince, installed) ? beforeEvents : earlierBeforeEvents;
  }
};

const TableSpec* findTable(std::string_view name);
const TableSpec* allTables(std::size_t* count);

// The installed version of the extension (pg_extension.extversion, a catalog
// read): core::Version::newest() when it cannot be read, so that every rule
// applies.
core::Version installedVersion();
// Whether what appeared in `since` exists at `installed`.
inline bool exists(const char* since, const core::Version& installed) {
  return core::versionReached(since, installed);
}

// The generic rules: their id is "<table>" followed by the suffix in `id`.
const RuleSpec& idImmutableRule();
const RuleSpec& statusTransitionRule();
// The id check_rules() gives updated_at maintenance ("<table>" + this suffix);
// it never raises an error, so rules() does not list it.
inline constexpr const char* kUpdatedAtSuffix = "_updated_at";

// The rule a violation on `table` (nullptr: not registered) reports, or nullptr.
const RuleSpec* findRule(const TableSpec* table, std::string_view tableName,
                         const core::Violation& violation);

// Functions of schema agentic that grant_access() never grants.
const char* const* adminOnlyFunctions(std::size_t* count);
// Functions that write (sign-in and the like): granted to the write and admin levels only.
bool isWriteFunction(std::string_view name);

}  // namespace agentic::pg
