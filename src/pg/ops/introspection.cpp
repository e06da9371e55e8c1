// The extension describing itself: status_transitions(), rules() and
// check_rules(), all read from the status machines and the rule registry.
#include "pg/runtime/boundary.hpp"
#include "pg/runtime/registry.hpp"
#include "pg/runtime/spi.hpp"

#include <string>
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

void putRule(ReturnSetInfo* rsinfo, const std::string& id, const RuleSpec& rule,
             const TableSpec& table, const std::vector<std::string>& columns) {
  TextRow row;
  row.add(id);
  row.addNullable(rule.variant);
  row.add(rule.sqlstate);
  row.add(table.name);
  row.addNullable(rule.hint);
  row.add(rule.description);
  // rule_id, variant, sqlstate, table_name, events[4], columns[5], hint, description
  putRow(rsinfo, row, {eventNames(rule.events), columns}, {4, 5});
}

Datum rules(FunctionCallInfo fcinfo) {
  ReturnSetInfo* rsinfo = materialize(fcinfo);
  std::size_t count = 0;
  const TableSpec* tables = allTables(&count);
  for (std::size_t t = 0; t < count; ++t) {
    const TableSpec& table = tables[t];
    if (table.generic & kIdImmutable) {
      const RuleSpec& rule = idImmutableRule();
      putRule(rsinfo, table.name + std::string(rule.id), rule, table, columnNames(rule.columns));
    }
    if (table.machine != nullptr) {
      const RuleSpec& rule = statusTransitionRule();
      putRule(rsinfo, table.name + std::string(rule.id), rule, table,
              machineColumns(*table.machine));
    }
    for (std::size_t r = 0; r < table.ruleCount; ++r) {
      const RuleSpec& rule = table.rules[r];
      putRule(rsinfo, rule.id, rule, table, columnNames(rule.columns));
    }
  }
  return Datum(0);
}

// ---- check_rules() -------------------------------------------------------------

struct Problem {
  std::string ruleId;  // empty: NULL
  std::string table;
  std::string column;  // empty: NULL
  std::string problem;
};

// Every row trigger function that enters the dispatcher, by C symbol.
#define AGENTIC_DISPATCHER_SYMBOLS                                              \
  "{agentic_row_before_write,agentic_agents_before_write,"                      \
  "agentic_task_assignments_before_write,agentic_task_assignments_after_write," \
  "agentic_task_graph_check,agentic_execution_costs_before_write,"              \
  "agentic_model_catalog_before_write}"

const Oid kOneOid[] = {OIDOID};

class Checker {
 public:
  explicit Checker(Oid schema) : schema_(schema) {}

  void checkTable(const TableSpec& table) {
    const Oid relid = pgCall([&] { return get_relname_relid(table.name, schema_); });
    if (!OidIsValid(relid) || pgCall([&] { return get_rel_relkind(relid); }) != RELKIND_RELATION) {
      report({}, table.name, {}, "the table is missing from schema agentic");
      return;
    }
    if (table.generic & kIdImmutable)
      requireColumn(relid, table, table.name + std::string(idImmutableRule().id), "id");
    if (table.generic & kUpdatedAt) requireColumn(relid, table, {}, "updated_at");
    const bool dispatched = table.generic != 0 || table.before != nullptr;
    if (dispatched && !(table.generic & kIdImmutable) && hasColumn(relid, "id"))
      report({}, table.name, "id", "the generic rules do not keep this column immutable");
    if (dispatched && !(table.generic & kUpdatedAt) && hasColumn(relid, "updated_at"))
      report({}, table.name, "updated_at", "the generic rules do not maintain this column");
    if (table.machine != nullptr) checkMachine(relid, table);
    for (std::size_t i = 0; i < table.columns.count; ++i)
      requireColumn(relid, table, {}, table.columns.names[i]);
    for (std::size_t r = 0; r < table.ruleCount; ++r) {
      const RuleSpec& rule = table.rules[r];
      for (std::size_t i = 0; i < rule.columns.count; ++i)
        requireColumn(relid, table, rule.id, rule.columns.names[i]);
    }
  }

  // Member tables the registry does not know, and tables whose registry entry
  // needs a dispatcher trigger they lack.
  void checkCatalog() {
    static CachedPlan members{
        "SELECT c.relname::text FROM pg_catalog.pg_depend d "
        "JOIN pg_catalog.pg_class c ON c.oid = d.objid "
        "JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid "
        "WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
        "AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass "
        "AND d.deptype = 'e' AND e.extname = 'agentic_schema' "
        "AND c.relnamespace = $1 AND c.relkind IN ('r', 'p') ORDER BY 1",
        1, kOneOid, nullptr};
    static CachedPlan dispatched{
        "SELECT c.relname::text, "
        "bool_or((t.tgtype & 2) <> 0 AND (t.tgtype & 1) <> 0 AND (t.tgtype & 16) <> 0), "
        "bool_or((t.tgtype & 2) = 0 AND (t.tgtype & 1) <> 0) "
        "FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid "
        "WHERE c.relnamespace = $1 AND p.prolang = "
        "(SELECT l.oid FROM pg_catalog.pg_language l WHERE l.lanname = 'c') "
        "AND p.prosrc = ANY ('" AGENTIC_DISPATCHER_SYMBOLS
        "'::pg_catalog.text[]) "
        "GROUP BY 1 ORDER BY 1",
        1, kOneOid, nullptr};
    Datum args[] = {ObjectIdGetDatum(schema_)};
    const std::uint64_t memberCount = spiRun(members, args, nullptr, ReadMode::ReadOnly);
    std::vector<std::string> names;
    for (std::uint64_t i = 0; i < memberCount; ++i) names.push_back(spiText(i, 1));
    for (const auto& name : names) {
      if (findTable(name) == nullptr)
        report({}, name, {}, "member table of the extension is not in the rule registry");
    }
    const std::uint64_t triggered = spiRun(dispatched, args, nullptr, ReadMode::ReadOnly);
    struct Triggers {
      std::string table;
      bool before;
      bool after;
    };
    std::vector<Triggers> found;
    for (std::uint64_t i = 0; i < triggered; ++i)
      found.push_back({spiText(i, 1), spiText(i, 2) == "t", spiText(i, 3) == "t"});
    std::size_t count = 0;
    const TableSpec* tables = allTables(&count);
    for (std::size_t t = 0; t < count; ++t) {
      const TableSpec& table = tables[t];
      bool before = false;
      bool after = false;
      for (const auto& f : found) {
        if (f.table != table.name) continue;
        before = f.before;
        after = f.after;
      }
      if ((table.generic != 0 || table.before != nullptr) && !before)
        report({}, table.name, {}, "no BEFORE UPDATE row trigger runs the registry's row rules");
      if (table.after != nullptr && !after)
        report({}, table.name, {}, "no AFTER row trigger runs the registry's row rules");
    }
  }

#undef AGENTIC_DISPATCHER_SYMBOLS

  const std::vector<Problem>& problems() const { return problems_; }

 private:
  void report(std::string rule, std::string table, std::string column, std::string problem) {
    problems_.push_back({std::move(rule), std::move(table), std::move(column), std::move(problem)});
  }

  bool hasColumn(Oid relid, const char* column) {
    return pgCall([&] { return get_attnum(relid, column); }) != InvalidAttrNumber;
  }

  void requireColumn(Oid relid, const TableSpec& table, const std::string& rule,
                     const char* column) {
    if (!hasColumn(relid, column)) report(rule, table.name, column, "the column is missing");
  }

  void checkMachine(Oid relid, const TableSpec& table) {
    const core::StatusMachine& machine = *table.machine;
    const std::string rule = table.name + std::string(statusTransitionRule().id);
    for (const auto& column : machineColumns(machine))
      requireColumn(relid, table, rule, column.c_str());
    const AttrNumber status = pgCall([&] { return get_attnum(relid, "status"); });
    if (status == InvalidAttrNumber) return;
    const Oid type = pgCall([&] { return get_atttype(relid, status); });
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

  Oid schema_;
  std::vector<Problem> problems_;
};

Datum checkRules(FunctionCallInfo fcinfo) {
  ReturnSetInfo* rsinfo = materialize(fcinfo);
  const Oid schema = pgCall([] { return get_namespace_oid("agentic", true); });
  std::vector<Problem> problems;
  if (!OidIsValid(schema)) {
    problems.push_back({{}, {}, {}, "schema agentic does not exist"});
  } else {
    Checker checker(schema);
    std::size_t count = 0;
    const TableSpec* tables = allTables(&count);
    for (std::size_t t = 0; t < count; ++t) checker.checkTable(tables[t]);
    spiConnect();
    checker.checkCatalog();
    spiFinish();
    problems = checker.problems();
  }
  for (const Problem& p : problems) {
    TextRow row;
    row.addNullable(p.ruleId);
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
