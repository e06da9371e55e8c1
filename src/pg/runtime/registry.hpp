// The rule registry: every member table of the extension with its domain,
// access class, status machine and row handlers, and every rule the extension
// reports with its SQLSTATE, events, columns, hint and description.
//
// The list itself is constant data in registry.cpp. It drives the row-trigger
// dispatcher (dispatcher.hpp), agentic.rules(), agentic.check_rules() and
// grant_access(). A rule's id is the constraint_name its errors carry.
#pragma once

#include "core/rules/status_machine.hpp"
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
  Client,                      // read: SELECT; write and admin: SELECT and DML
  AdminWrites,                 // read and write: SELECT; admin: SELECT and DML
  TriggerMaintained,           // SELECT for every level; only the extension's triggers write
  TriggerMaintainedAdminReads  // as TriggerMaintained, and only admin may read
};

// The generic row rules a table's rows get on UPDATE (the status machine is
// given by TableSpec::machine).
enum Generic : unsigned { kIdImmutable = 1, kUpdatedAt = 2 };

// The most columns a table may declare for its handlers.
inline constexpr int kMaxTableColumns = 16;

struct ColumnList {
  const char* const* names;
  std::size_t count;
};

template <std::size_t N>
constexpr ColumnList columnList(const char* const (&names)[N]) {
  return ColumnList{names, N};
}
constexpr ColumnList kNoColumns{nullptr, 0};

struct RuleSpec {
  const char* id;           // the constraint_name reported
  const char* variant;      // "" unless the rule reports more than one way
  const char* sqlstate;     // five characters
  unsigned events;          // Event bits
  ColumnList columns;       // the columns it reads
  const char* hint;         // "" for none; "{}" is Violation::hintArgument
  const char* description;  // one line
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
};

const TableSpec* findTable(std::string_view name);
const TableSpec* allTables(std::size_t* count);

// The generic rules: their id is "<table>" followed by the suffix in `id`.
const RuleSpec& idImmutableRule();
const RuleSpec& statusTransitionRule();

// The rule a violation on `table` (nullptr: not registered) reports, or nullptr.
const RuleSpec* findRule(const TableSpec* table, std::string_view tableName,
                         const core::Violation& violation);

// Functions of schema agentic that grant_access() never grants.
const char* const* adminOnlyFunctions(std::size_t* count);

}  // namespace agentic::pg
