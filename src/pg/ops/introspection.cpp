// The extension describing itself: status_transitions(), rules() and
// check_rules(), all read from the status machines and the rule registry.
#include "pg/runtime/boundary.hpp"
#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/registry.hpp"
#include "pg/runtime/rows.hpp"
#include "pg/runtime/spi.hpp"

#include <string>
#include <string_view>
#include <vector>

extern "C" {
PG_FUNCTION_INFO_V1(agentic_status_transitions);
PG_FUNCTION_INFO_V1(agentic_rules);
PG_FUNCTION_INFO_V1(agentic_check_rules);
}

namespace agentic::pg {
namespace {

// A result row of text values; an empty optional is NULL.
struct TextRow {
  std::vector<std::string> values;
  std::vector<bool> nulls;
  void add(const std::string& value, bool isNull = false) {
    values.push_back(value);
    nulls.push_back(isNull);
  }
  void addNullable(const std::string& value) { add(value, value.empty()); }
};

ReturnSetInfo* materialize(FunctionCallInfo fcinfo) {
  pgCall([&] { InitMaterializedSRF(fcinfo, 0); });
  return reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
}

// Puts a row whose columns are text, except the ones listed in `arrays`
// (text[] built from the strings in `arrayItems`).
void putRow(ReturnSetInfo* rsinfo, const TextRow& row,
            const std::vector<std::vector<std::string>>& arrayItems = {},
            const std::vector<int>& arrayColumns = {}) {
  pgCall([&] {
    const int n = static_cast<int>(row.values.size() + arrayColumns.size());
    Datum* values = static_cast<Datum*>(palloc0(sizeof(Datum) * n));
    bool* nulls = static_cast<bool*>(palloc0(sizeof(bool) * n));
    std::size_t text = 0;
    for (int column = 0; column < n; ++column) {
      bool isArray = false;
      for (std::size_t a = 0; a < arrayColumns.size(); ++a) {
        if (arrayColumns[a] != column) continue;
        isArray = true;
        const auto& items = arrayItems[a];
        Datum* elements = static_cast<Datum*>(palloc(sizeof(Datum) * (items.size() + 1)));
        for (std::size_t i = 0; i < items.size(); ++i)
          elements[i] = CStringGetTextDatum(items[i].c_str());
        values[column] = PointerGetDatum(construct_array(elements, static_cast<int>(items.size()),
                                                         TEXTOID, -1, false, TYPALIGN_INT));
      }
      if (isArray) continue;
      nulls[column] = row.nulls[text];
      if (!nulls[column]) values[column] = CStringGetTextDatum(row.values[text].c_str());
      ++text;
    }
    tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
  });
}

Datum statusTransitions(FunctionCallInfo fcinfo) {
  ReturnSetInfo* rsinfo = materialize(fcinfo);
  std::size_t count = 0;
  const core::StatusMachine* const* machines = core::allStatusMachines(&count);
  for (std::size_t m = 0; m < count; ++m) {
    const core::StatusMachine& machine = *machines[m];
    for (std::size_t i = 0; i < machine.transitionCount; ++i) {
      TextRow row;
      row.add(std::string(machine.name));
      row.add(std::string(machine.transitions[i].from));
      row.add(std::string(machine.transitions[i].to));
      putRow(rsinfo, row);
    }
  }
  return Datum(0);
}

std::vector<std::string> eventNames(unsigned events) {
  std::vector<std::string> names;
  if (events & kOnInsert) names.emplace_back("insert");
  if (events & kOnUpdate) names.emplace_back("update");
  if (events & kOnDelete) names.emplace_back("delete");
  if (events & kOnTruncate) names.emplace_back("truncate");
  return names;
}

std::vector<std::string> columnNames(const ColumnList& columns) {
  return std::vector<std::string>(columns.names, columns.names + columns.count);
}

// The status column and the distinct columns the machine's stamps set.
std::vector<std::string> machineColumns(const core::StatusMachine& machine) {
  std::vector<std::string> columns{"status"};
  for (std::size_t i = 0; i < machine.stampCount; ++i) {
    const std::string column(machine.stamps[i].column);
    bool seen = false;
    for (const auto& c : columns) seen = seen || c == column;
    if (!seen) columns.push_back(column);
  }
  return columns;
}

// A rule's hint as rules() shows it: the placeholder of the value an error
// fills in ("{}") is named instead.
std::string shownHint(const RuleSpec& rule) {
  std::string hint(rule.hint);
  const auto at = hint.find("{}");
  if (at != std::string::npos)
    hint.replace(at, 2, std::string("<") + (rule.hintArgument ? rule.hintArgument : "value") + ">");
  return hint;
}

void putRule(ReturnSetInfo* rsinfo, const std::string& id, const RuleSpec& rule,
             const TableSpec& table, unsigned events, const std::vector<std::string>& columns) {
  TextRow row;
  row.add(id);
  row.addNullable(rule.variant);
  row.add(rule.sqlstate);
  row.add(table.name);
  row.addNullable(shownHint(rule));
  row.add(rule.description);
  // rule_id, variant, sqlstate, table_name, events[4], columns[5], hint, description
  putRow(rsinfo, row, {eventNames(events), columns}, {4, 5});
}

// What the installed version enforces: tables, generic rules and rules whose
// version it has.
Datum rules(FunctionCallInfo fcinfo) {
  ReturnSetInfo* rsinfo = materialize(fcinfo);
  const core::Version installed = installedVersion();
  std::size_t count = 0;
  const TableSpec* tables = allTables(&count);
  for (std::size_t t = 0; t < count; ++t) {
    const TableSpec& table = tables[t];
    if (!exists(table.since, installed)) continue;
    if (exists(table.genericSince, installed)) {
      if (table.generic & kIdImmutable) {
        const RuleSpec& rule = idImmutableRule();
        putRule(rsinfo, table.name + std::string(rule.id), rule, table, rule.events,
                columnNames(rule.columns));
      }
      if (table.machine != nullptr) {
        const RuleSpec& rule = statusTransitionRule();
        putRule(rsinfo, table.name + std::string(rule.id), rule, table,
                table.beforeEventsAt(installed), machineColumns(*table.machine));
      }
    }
    for (std::size_t r = 0; r < table.ruleCount; ++r) {
      const RuleSpec& rule = table.rules[r];
      if (exists(rule.since, installed))
        putRule(rsinfo, rule.id, rule, table, rule.events, columnNames(rule.columns));
    }
  }
  return Datum(0);
}

// ---- check_rules() -------------------------------------------------------------

struct Problem {
  std::string ruleId;
  std::string table;
  std::string column;  // empty: NULL
  std::string problem;
};

// What a rule (all its variants) or a handler needs from a table's triggers.
struct TriggerNeed {
  std::string id;  // the rule id problems are reported under
  Timing timing;
  unsigned events;
  std::vector<std::string> columns;  // an UPDATE OF list must name each; `id` excepted
  bool everyUpdate;                  // no UPDATE OF list at all (updated_at)
  bool conditional;                  // a WHEN clause is allowed
};

// A trigger on a table of schema agentic that calls one of the extension's C
// functions.
struct RowTrigger {
  std::string table;
  std::string function;  // the SQL name the C symbol serves
  bool before;
  unsigned events;  // Event bits
  bool enabled;     // fires in normal sessions (tgenabled 'O' or 'A')
  bool hasWhen;
  std::vector<std::string> updateOf;  // empty: every update
  std::string name;
  bool forEachRow;
  bool instead;
  bool oldTable;     // REFERENCING OLD TABLE
  bool newTable;     // REFERENCING NEW TABLE
  std::string when;  // the WHEN clause as pg_get_triggerdef() prints it
};

const Oid kOneOid[] = {OIDOID};

bool contains(const std::vector<std::string>& list, const std::string& item) {
  for (const auto& x : list) {
    if (x == item) return true;
  }
  return false;
}

std::vector<std::string> splitNames(const std::string& text) {
  std::vector<std::string> names;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t comma = text.find(',', at);
    if (comma == std::string::npos) comma = text.size();
    names.push_back(text.substr(at, comma - at));
    at = comma + 1;
  }
  return names;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

class Checker {
 public:
  Checker(Oid schema, core::Version installed) : schema_(schema), installed_(installed) {}

  // The catalog rows check_rules() compares with: member tables and row
  // triggers. Needs an SPI connection.
  void readCatalog() {
    static CachedPlan members{
        "SELECT c.relname::text FROM pg_catalog.pg_depend d "
        "JOIN pg_catalog.pg_class c ON c.oid = d.objid "
        "JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid "
        "WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
        "AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass "
        "AND d.deptype = 'e' AND e.extname = 'agentic_schema' "
        "AND c.relnamespace = $1 AND c.relkind IN ('r', 'p') ORDER BY 1",
        1, kOneOid, nullptr};
    static CachedPlan triggers{
        "SELECT c.relname::text, p.prosrc, t.tgtype::pg_catalog.int4, "
        "t.tgenabled IN ('O', 'A'), t.tgqual IS NOT NULL, "
        "pg_catalog.array_to_string(ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a "
        "WHERE a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr::pg_catalog.int2[]) "
        "ORDER BY a.attnum), ','), t.tgname::text, t.tgoldtable IS NOT NULL, "
        "t.tgnewtable IS NOT NULL, COALESCE(pg_catalog.substring("
        "pg_catalog.pg_get_triggerdef(t.oid), ' WHEN (.*) EXECUTE FUNCTION '), '') "
        "FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid "
        "WHERE c.relnamespace = $1 AND NOT t.tgisinternal "
        "AND p.pronamespace = $1 AND p.prolang = "
        "(SELECT l.oid FROM pg_catalog.pg_language l WHERE l.lanname = 'c') "
        "ORDER BY 1, t.tgname",
        1, kOneOid, nullptr};
    Datum args[] = {ObjectIdGetDatum(schema_)};
    const std::uint64_t memberCount = spiRun(members, args, nullptr, ReadMode::ReadOnly);
    for (std::uint64_t i = 0; i < memberCount; ++i) members_.push_back(spiText(i, 1));
    const std::uint64_t triggerCount = spiRun(triggers, args, nullptr, ReadMode::ReadOnly);
    const std::string prefix = "agentic_";
    for (std::uint64_t i = 0; i < triggerCount; ++i) {
      const std::string symbol = spiText(i, 2);
      if (symbol.compare(0, prefix.size(), prefix) != 0) continue;
      const int type = static_cast<int>(*spiInt64(i, 3));
      unsigned events = 0;
      if (type & TRIGGER_TYPE_INSERT) events |= kOnInsert;
      if (type & TRIGGER_TYPE_UPDATE) events |= kOnUpdate;
      if (type & TRIGGER_TYPE_DELETE) events |= kOnDelete;
      if (type & TRIGGER_TYPE_TRUNCATE) events |= kOnTruncate;
      triggers_.push_back({spiText(i, 1), symbol.substr(prefix.size()),
                           (type & TRIGGER_TYPE_BEFORE) != 0, events, spiText(i, 4) == "t",
                           spiText(i, 5) == "t", splitNames(spiText(i, 6)), spiText(i, 7),
                           (type & TRIGGER_TYPE_ROW) != 0, (type & TRIGGER_TYPE_INSTEAD) != 0,
                           spiText(i, 8) == "t", spiText(i, 9) == "t", spiText(i, 10)});
    }
  }

  void checkMembers() {
    for (const auto& name : members_) {
      const TableSpec* table = findTable(name);
      if (table == nullptr || !exists(table->since, installed_))
        report(kUnregistered, name, {},
               "member table of the extension is not in the rule registry");
    }
  }

  void checkTable(const TableSpec& table) {
    if (!exists(table.since, installed_)) return;
    const Oid relid = pgCall([&] { return get_relname_relid(table.name, schema_); });
    if (!OidIsValid(relid) || pgCall([&] { return get_rel_relkind(relid); }) != RELKIND_RELATION) {
      reportTable(table, "the table is missing from schema agentic");
      return;
    }
    if (!contains(members_, table.name))
      reportTable(table, "the table is not a member of extension agentic_schema");
    const bool generic = exists(table.genericSince, installed_);
    const unsigned genericRules = generic ? table.generic : 0;
    const std::string idRule = table.name + std::string(idImmutableRule().id);
    const std::string updatedAtRule = table.name + std::string(kUpdatedAtSuffix);
    if (genericRules & kIdImmutable) {
      if (requireColumn(relid, table, idRule, "id") && !isIntegerType(columnType(relid, "id")))
        reportType(relid, table, idRule, "id", "an integer type");
    }
    if (genericRules & kUpdatedAt) {
      if (requireColumn(relid, table, updatedAtRule, "updated_at") &&
          !isTimestamptzType(columnType(relid, "updated_at")))
        reportType(relid, table, updatedAtRule, "updated_at", "timestamp with time zone");
    }
    const bool dispatched = genericRules != 0 || table.before != nullptr;
    if (dispatched && !(genericRules & kIdImmutable) && hasColumn(relid, "id"))
      report(idRule, table.name, "id", "the generic rules do not keep this column immutable");
    if (dispatched && !(genericRules & kUpdatedAt) && hasColumn(relid, "updated_at"))
      report(updatedAtRule, table.name, "updated_at",
             "the generic rules do not maintain this column");
    if (generic && table.machine != nullptr) checkMachine(relid, table);
    for (std::size_t r = 0; r < table.ruleCount; ++r) {
      const RuleSpec& rule = table.rules[r];
      if (!exists(rule.since, installed_)) continue;
      for (std::size_t i = 0; i < rule.columns.count; ++i) {
        const char* since = rule.columns.sinceOf(i);
        if (since == nullptr || exists(since, installed_))
          requireTypedColumn(relid, table, rule.id, rule.columns.names[i]);
      }
    }
    // columns only a handler reads (no rule declares them)
    for (std::size_t i = 0; i < table.columns.count; ++i) {
      const char* since = table.columns.sinceOf(i);
      if (since != nullptr && !exists(since, installed_)) continue;
      const char* column = table.columns.names[i];
      if (!declaredByRule(table, column))
        requireTypedColumn(relid, table,
                           table.before != nullptr ? table.beforeFunction : table.afterFunction,
                           column);
    }
    checkTriggers(table, genericRules);
    checkStatementTriggers(table);
    checkFunctionUse(table);
  }

  const std::vector<Problem>& problems() const { return problems_; }

 private:
  static constexpr const char* kUnregistered = "agentic_rule_registry";

  void report(std::string rule, std::string table, std::string column, std::string problem) {
    for (const Problem& p : problems_) {
      if (p.ruleId == rule && p.table == table && p.column == column && p.problem == problem)
        return;
    }
    problems_.push_back({std::move(rule), std::move(table), std::move(column), std::move(problem)});
  }

  // A problem of the whole table, reported under each rule it stops.
  void reportTable(const TableSpec& table, const std::string& problem) {
    const std::vector<std::string> ids = ruleIds(table);
    if (ids.empty()) report(kUnregistered, table.name, {}, problem);
    for (const auto& id : ids) report(id, table.name, {}, problem);
  }

  // The ids of the rules the installed version runs on `table`.
  std::vector<std::string> ruleIds(const TableSpec& table) const {
    std::vector<std::string> ids;
    const auto add = [&](const std::string& id) {
      if (!contains(ids, id)) ids.push_back(id);
    };
    if (exists(table.genericSince, installed_)) {
      if (table.generic & kIdImmutable) add(table.name + std::string(idImmutableRule().id));
      if (table.machine != nullptr) add(table.name + std::string(statusTransitionRule().id));
      if (table.generic & kUpdatedAt) add(table.name + std::string(kUpdatedAtSuffix));
    }
    for (std::size_t r = 0; r < table.ruleCount; ++r) {
      if (exists(table.rules[r].since, installed_)) add(table.rules[r].id);
    }
    if (table.after != nullptr && table.afterEvents != 0) add(table.afterFunction);
    return ids;
  }

  static bool declaredByRule(const TableSpec& table, const char* column) {
    for (std::size_t r = 0; r < table.ruleCount; ++r) {
      const ColumnList& columns = table.rules[r].columns;
      for (std::size_t i = 0; i < columns.count; ++i) {
        if (std::string_view(columns.names[i]) == column) return true;
      }
    }
    return false;
  }

  bool hasColumn(Oid relid, const char* column) {
    return pgCall([&] { return get_attnum(relid, column); }) != InvalidAttrNumber;
  }

  Oid columnType(Oid relid, const char* column) {
    return pgCall([&] { return get_atttype(relid, get_attnum(relid, column)); });
  }

  bool requireColumn(Oid relid, const TableSpec& table, const std::string& rule,
                     const char* column) {
    if (hasColumn(relid, column)) return true;
    report(rule, table.name, column, "the column is missing");
    return false;
  }

  // A column the table's handlers read: present and of its declared type.
  void requireTypedColumn(Oid relid, const TableSpec& table, const std::string& rule,
                          const char* column) {
    if (!requireColumn(relid, table, rule, column)) return;
    const ColumnList& columns = table.columns;
    for (std::size_t i = 0; i < columns.count; ++i) {
      if (std::string_view(columns.names[i]) != column || columns.types == nullptr) continue;
      if (!typeMatches(columnType(relid, column), columns.types[i]))
        reportType(relid, table, rule, column, columnTypeName(columns.types[i]));
      return;
    }
  }

  void reportType(Oid relid, const TableSpec& table, const std::string& rule, const char* column,
                  const char* expected) {
    const Oid type = columnType(relid, column);
    const std::string name(pgCall([&] { return format_type_be(type); }));
    report(rule, table.name, column,
           "the column is of type " + name + ", not " + expected + " as the rule needs");
  }

  void checkMachine(Oid relid, const TableSpec& table) {
    const core::StatusMachine& machine = *table.machine;
    const std::string rule = table.name + std::string(statusTransitionRule().id);
    for (const auto& column : machineColumns(machine)) {
      if (requireColumn(relid, table, rule, column.c_str()) && column != "status" &&
          !isTimestamptzType(columnType(relid, column.c_str())))
        reportType(relid, table, rule, column.c_str(), "timestamp with time zone");
    }
    const AttrNumber status = pgCall([&] { return get_attnum(relid, "status"); });
    if (status == InvalidAttrNumber) return;
    const Oid type = pgCall([&] { return getBaseType(get_atttype(relid, status)); });
    if (!pgCall([&] { return type_is_enum(type); })) {
      report(rule, table.name, "status", "the status column is not of an enum type");
      return;
    }
    std::vector<std::string> labels = enumLabels(type);
    const std::string typeName(pgCall([&] { return format_type_be_qualified(type); }));
    const std::string machineName(machine.name);
    for (const auto& label : labels) {
      if (!machine.hasState(label))
        report(rule, table.name, "status",
               "label \"" + label + "\" of " + typeName + " is not a state of machine \"" +
                   machineName + "\"");
    }
    for (std::size_t i = 0; i < machine.stateCount; ++i) {
      const std::string state(machine.states[i]);
      bool found = false;
      for (const auto& label : labels) found = found || label == state;
      if (!found)
        report(rule, table.name, "status",
               "state \"" + state + "\" of machine \"" + machineName + "\" is not a label of " +
                   typeName);
    }
  }

  static std::vector<std::string> enumLabels(Oid type) {
    CatCList* list =
        pgCall([&] { return SearchSysCacheList1(ENUMTYPOIDNAME, ObjectIdGetDatum(type)); });
    std::vector<std::string> labels;
    for (int i = 0; i < list->n_members; ++i) {
      const auto* e = reinterpret_cast<Form_pg_enum>(GETSTRUCT(&list->members[i]->tuple));
      labels.emplace_back(NameStr(e->enumlabel));
    }
    pgCall([&] { ReleaseSysCacheList(list); });
    return labels;
  }

  // ---- triggers ----

  // What each rule and handler of `table` needs, variants merged.
  std::vector<TriggerNeed> needs(const TableSpec& table, unsigned genericRules) const {
    std::vector<TriggerNeed> list;
    const auto add = [&](TriggerNeed need) {
      for (TriggerNeed& n : list) {
        if (n.id != need.id || n.timing != need.timing) continue;
        n.events |= need.events;
        for (const auto& c : need.columns) {
          if (!contains(n.columns, c)) n.columns.push_back(c);
        }
        n.everyUpdate = n.everyUpdate || need.everyUpdate;
        n.conditional = n.conditional && need.conditional;
        return;
      }
      list.push_back(std::move(need));
    };
    if (genericRules & kIdImmutable)
      add({table.name + std::string(idImmutableRule().id),
           Timing::Before,
           kOnUpdate,
           {"id"},
           false,
           false});
    if (exists(table.genericSince, installed_) && table.machine != nullptr)
      add({table.name + std::string(statusTransitionRule().id), Timing::Before,
           table.beforeEventsAt(installed_), machineColumns(*table.machine), false, false});
    if (genericRules & kUpdatedAt)
      add({table.name + std::string(kUpdatedAtSuffix), Timing::Before, kOnUpdate, {}, true, false});
    for (std::size_t r = 0; r < table.ruleCount; ++r) {
      const RuleSpec& rule = table.rules[r];
      if (!exists(rule.since, installed_)) continue;
      std::vector<std::string> columns;
      for (std::size_t i = 0; i < rule.columns.count; ++i) {
        const std::string column(rule.columns.names[i]);
        const char* since = rule.columns.sinceOf(i);
        // ids never change (the id guard), so no rule needs to see an id update
        if (column != "id" && (since == nullptr || exists(since, installed_)))
          columns.push_back(column);
      }
      add({rule.id, rule.timing, rule.events, columns, false, rule.conditional});
    }
    if (table.after != nullptr && table.afterEvents != 0)
      add({table.afterFunction, Timing::After, table.afterEvents, columnNames(table.afterColumns),
           false, false});
    return list;
  }

  static bool runs(const TableSpec& table, const RowTrigger& trigger, Timing timing) {
    if (!trigger.forEachRow || trigger.instead) return false;
    if (timing == Timing::Before)
      return trigger.before &&
             (trigger.function == kRowBeforeWrite || trigger.function == table.beforeFunction);
    return !trigger.before && table.afterFunction != nullptr &&
           trigger.function == table.afterFunction;
  }

  static bool covers(const RowTrigger& trigger, const TriggerNeed& need) {
    if (trigger.updateOf.empty()) return true;
    if (need.everyUpdate) return false;
    for (const auto& column : need.columns) {
      if (!contains(trigger.updateOf, column)) return false;
    }
    return true;
  }

  void checkTriggers(const TableSpec& table, unsigned genericRules) {
    for (const TriggerNeed& need : needs(table, genericRules)) {
      std::vector<std::string> missing;
      for (const unsigned event : {unsigned{kOnInsert}, unsigned{kOnUpdate}, unsigned{kOnDelete}}) {
        if ((need.events & event) == 0) continue;
        bool found = false;
        for (const RowTrigger& trigger : triggers_) {
          if (trigger.table != table.name || !runs(table, trigger, need.timing)) continue;
          if (!trigger.enabled || (trigger.events & event) == 0) continue;
          if (trigger.hasWhen && !shippedWhen(table, need, trigger, event)) continue;
          if (event == kOnUpdate && !covers(trigger, need)) continue;
          found = true;
          break;
        }
        if (found) continue;
        if (event == kOnInsert) missing.emplace_back("INSERT");
        if (event == kOnDelete) missing.emplace_back("DELETE");
        if (event == kOnUpdate)
          missing.emplace_back(need.everyUpdate || need.columns.empty()
                                   ? std::string("every UPDATE")
                                   : "UPDATE of (" + join(need.columns, ", ") + ")");
      }
      if (missing.empty()) continue;
      const bool before = need.timing == Timing::Before;
      std::string functions =
          "agentic." + std::string(before ? table.beforeFunction : table.afterFunction) + "()";
      if (before && std::string_view(table.beforeFunction) != kRowBeforeWrite)
        functions += " or agentic." + std::string(kRowBeforeWrite) + "()";
      report(need.id, table.name, {},
             std::string("no enabled ") + (before ? "BEFORE" : "AFTER") + " row trigger calling " +
                 functions +
                 (need.conditional ? " without a WHEN clause but its shipped one"
                                   : " without a WHEN clause") +
                 " fires on " + join(missing, " or "));
    }
  }

  // A conditional rule's trigger carries exactly the WHEN clause shipped for it.
  static bool shippedWhen(const TableSpec& table, const TriggerNeed& need,
                          const RowTrigger& trigger, unsigned event) {
    if (!need.conditional || need.timing != Timing::After) return false;
    const char* expected = event == kOnInsert   ? table.afterWhen.onInsert
                           : event == kOnUpdate ? table.afterWhen.onUpdate
                                                : nullptr;
    return expected != nullptr && trigger.when == expected;
  }

  static std::string eventList(unsigned events) {
    std::vector<std::string> names;
    if (events & kOnInsert) names.emplace_back("INSERT");
    if (events & kOnUpdate) names.emplace_back("UPDATE");
    if (events & kOnDelete) names.emplace_back("DELETE");
    if (events & kOnTruncate) names.emplace_back("TRUNCATE");
    return join(names, " OR ");
  }

  static std::string firing(bool instead, bool before, unsigned events, bool forEachRow) {
    return std::string(instead  ? "INSTEAD OF"
                       : before ? "BEFORE"
                                : "AFTER") +
           " " + eventList(events) + (forEachRow ? " FOR EACH ROW" : " FOR EACH STATEMENT");
  }

  // Triggers that call one of the extension's trigger functions in a way it
  // cannot run (every such write fails with 39P01).
  void checkFunctionUse(const TableSpec& table) {
    for (const RowTrigger& trigger : triggers_) {
      if (trigger.table != table.name) continue;
      const TriggerFunctionSpec* f = findTriggerFunction(trigger.function);
      if (f == nullptr) continue;
      const bool before = f->timing == Timing::Before;
      if (!trigger.instead && trigger.before == before && trigger.forEachRow == f->forEachRow &&
          (trigger.events & ~f->events) == 0)
        continue;
      report(f->name, table.name, {},
             "trigger " + trigger.name + " fires " +
                 firing(trigger.instead, trigger.before, trigger.events, trigger.forEachRow) +
                 ", but agentic." + f->name + "() runs " +
                 firing(false, before, f->events, f->forEachRow) + " only");
    }
  }

  // The statement triggers: audit (kAuditEvents), the restore guard and the
  // table's own.
  void checkStatementTriggers(const TableSpec& table) {
    unsigned audited = 0;
    for (const AuditEvent& e : kAuditEvents) {
      if ((e.event & table.notAudited) == 0 && exists(e.since, installed_)) audited |= e.event;
    }
    requireStatementTriggers(table, kAuditFunction, audited);
    if (exists(kRestoreGuardSince, installed_))
      requireStatementTriggers(table, kRestoreGuardFunction, kOnInsert);
    if (table.statementFunction != nullptr && exists(table.statementSince, installed_))
      requireStatementTriggers(table, table.statementFunction, table.statementEvents);
  }

  void requireStatementTriggers(const TableSpec& table, const char* function, unsigned events) {
    const TriggerFunctionSpec* f = findTriggerFunction(function);
    const bool transitions = f != nullptr && f->transitionTables;
    const bool before = f != nullptr && f->timing == Timing::Before;
    unsigned missing = 0;
    for (const unsigned event :
         {unsigned{kOnInsert}, unsigned{kOnUpdate}, unsigned{kOnDelete}, unsigned{kOnTruncate}}) {
      if ((events & event) == 0) continue;
      const bool needsOld = transitions && (event & (kOnUpdate | kOnDelete)) != 0;
      const bool needsNew = transitions && (event & (kOnInsert | kOnUpdate)) != 0;
      bool found = false;
      for (const RowTrigger& trigger : triggers_) {
        if (trigger.table != table.name || trigger.function != function) continue;
        if (trigger.forEachRow || trigger.before != before || trigger.instead || !trigger.enabled)
          continue;
        if (trigger.hasWhen || (trigger.events & event) == 0) continue;
        if ((needsOld && !trigger.oldTable) || (needsNew && !trigger.newTable)) continue;
        found = true;
        break;
      }
      if (!found) missing |= event;
    }
    if (missing == 0) return;
    report(function, table.name, {},
           std::string("no enabled ") + (before ? "BEFORE" : "AFTER") +
               " ... FOR EACH STATEMENT trigger calling agentic." + function +
               "() without a WHEN clause" +
               (transitions ? " and with the transition tables it reads" : "") + " fires on " +
               eventList(missing));
  }

  Oid schema_;
  core::Version installed_;
  std::vector<std::string> members_;
  std::vector<RowTrigger> triggers_;
  std::vector<Problem> problems_;
};

Datum checkRules(FunctionCallInfo fcinfo) {
  ReturnSetInfo* rsinfo = materialize(fcinfo);
  const Oid schema = pgCall([] { return get_namespace_oid("agentic", true); });
  std::vector<Problem> problems;
  if (!OidIsValid(schema)) {
    problems.push_back({"agentic_rule_registry", {}, {}, "schema agentic does not exist"});
  } else {
    Checker checker(schema, installedVersion());
    spiConnect();
    checker.readCatalog();
    spiFinish();
    checker.checkMembers();
    std::size_t count = 0;
    const TableSpec* tables = allTables(&count);
    for (std::size_t t = 0; t < count; ++t) checker.checkTable(tables[t]);
    problems = checker.problems();
  }
  for (const Problem& p : problems) {
    TextRow row;
    row.add(p.ruleId);
    row.addNullable(p.table);
    row.addNullable(p.column);
    row.add(p.problem);
    putRow(rsinfo, row);
  }
  return Datum(0);
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_status_transitions(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::statusTransitions(fcinfo); });
}

Datum agentic_rules(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::rules(fcinfo); });
}

Datum agentic_check_rules(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::checkRules(fcinfo); });
}
