// grant_access() / revoke_access(): the documented way to give application
// roles read, write or admin rights on the extension's objects.
//
// The objects are read from the catalog, so new tables and functions of later
// versions are covered without a list to keep in step. Role names are quoted
// with quote_identifier(); DDL cannot take bound parameters.
//
// The GRANT and REVOKE statements run with the extension owner's rights, as
// the triggers' bookkeeping does: whoever may execute grant_access() or
// revoke_access() (a superuser, or a role a superuser granted EXECUTE on them)
// administers the extension's privileges, which is as much as the admin level
// and more (it can hand out admin).
#include "pg/runtime/boundary.hpp"
#include "pg/runtime/registry.hpp"
#include "pg/runtime/spi.hpp"

#include <string>
#include <vector>

extern "C" {
PG_FUNCTION_INFO_V1(agentic_grant_access);
PG_FUNCTION_INFO_V1(agentic_revoke_access);
}

namespace agentic::pg {
namespace {

enum class Level { Read = 1, Write = 2, Admin = 3 };

Level parseLevel(const std::string& name) {
  if (name == "read") return Level::Read;
  if (name == "write") return Level::Write;
  if (name == "admin") return Level::Admin;
  throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE, "unknown access level \"" + name + "\"", {},
                      "Use read, write or admin.");
}

// A relation's access class from the registry; tables it does not list, and
// views, follow the level asked for.
Access accessOf(const std::string& relation) {
  const TableSpec* table = findTable(relation);
  return table != nullptr ? table->access : Access::Client;
}

// Nobody is granted DML on tables only the extension's triggers write, so
// their contents cannot be forged.
bool triggerMaintained(Access a) {
  return a == Access::TriggerMaintained || a == Access::TriggerMaintainedAdminReads;
}
bool adminWrites(Access a) { return a == Access::AdminWrites; }
bool adminReads(Access a) { return a == Access::TriggerMaintainedAdminReads; }

// The registry's admin-only functions, as a text[] parameter.
Datum adminOnlyFunctionNames() {
  std::size_t count = 0;
  const char* const* names = adminOnlyFunctions(&count);
  return pgCall([&] {
    Datum* items = static_cast<Datum*>(palloc(sizeof(Datum) * count));
    for (std::size_t i = 0; i < count; ++i) items[i] = CStringGetTextDatum(names[i]);
    return PointerGetDatum(
        construct_array(items, static_cast<int>(count), TEXTOID, -1, false, TYPALIGN_INT));
  });
}

struct Statements {
  std::vector<std::string> list;
  void add(std::string sql) { list.push_back(std::move(sql)); }
};

const Oid kTextArray[] = {TEXTARRAYOID};

void collectGrants(Level level, const std::string& role, bool grant, Statements& out) {
  static CachedPlan relations{
      "SELECT c.relname::text, c.relkind::text FROM pg_catalog.pg_class c "
      "WHERE c.relnamespace = 'agentic'::pg_catalog.regnamespace AND c.relkind IN ('r', 'v', 'm') "
      "ORDER BY 1",
      0, kNoArgs, nullptr};
  // Functions a client calls: not triggers, not the registry's admin-only ones.
  static CachedPlan functions{
      "SELECT p.oid::pg_catalog.regprocedure::text, p.proname::text FROM pg_catalog.pg_proc p "
      "WHERE p.pronamespace = 'agentic'::pg_catalog.regnamespace "
      "AND p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype "
      "AND p.proname::text <> ALL ($1) ORDER BY 1",
      1, kTextArray, nullptr};
  const std::string verb = grant ? "GRANT " : "REVOKE ";
  const std::string to = grant ? " TO " : " FROM ";
  out.add(verb + "USAGE ON SCHEMA agentic" + to + role);

  const std::uint64_t relationCount = spiRun(relations, nullptr, nullptr, ReadMode::ReadOnly);
  std::vector<std::pair<std::string, std::string>> rels;
  for (std::uint64_t i = 0; i < relationCount; ++i) rels.emplace_back(spiText(i, 1), spiText(i, 2));
  for (const auto& [name, kind] : rels) {
    const std::string object = "agentic." + name;
    if (!grant) {
      out.add("REVOKE ALL ON " + object + " FROM " + role);
      continue;
    }
    const Access access = accessOf(name);
    if (access == Access::Secret) continue;
    if (!adminReads(access) || level == Level::Admin)
      out.add("GRANT SELECT ON " + object + to + role);
    const bool writes = kind == "r" && !triggerMaintained(access) &&
                        (level == Level::Admin || (level == Level::Write && !adminWrites(access)));
    if (writes) out.add("GRANT INSERT, UPDATE, DELETE ON " + object + to + role);
  }
  Datum adminOnly[] = {adminOnlyFunctionNames()};
  const std::uint64_t functionCount = spiRun(functions, adminOnly, nullptr, ReadMode::ReadOnly);
  std::vector<std::string> funcs;
  for (std::uint64_t i = 0; i < functionCount; ++i) {
    // REVOKE takes back every function; GRANT gives the read level no writing one.
    if (grant && level == Level::Read && isWriteFunction(spiText(i, 2))) continue;
    funcs.push_back(spiText(i, 1));
  }
  for (const auto& function : funcs) out.add(verb + "EXECUTE ON FUNCTION " + function + to + role);
}

Datum changeAccess(FunctionCallInfo fcinfo, bool grant) {
  // Called on NULL input since 1.3: a NULL role or level is an error, not a silent NULL.
  if (PG_ARGISNULL(0) || (grant && PG_ARGISNULL(1)))
    throw RuleViolation(ERRCODE_NULL_VALUE_NOT_ALLOWED,
                        std::string(grant ? "grant_access" : "revoke_access") + "() needs a role" +
                            (grant ? " and a level" : ""),
                        {}, grant ? "Use read, write or admin." : "");
  const Oid roleId = PG_GETARG_OID(0);
  const char* quoted = pgCall([&] { return quote_identifier(GetUserNameFromId(roleId, false)); });
  const std::string role(quoted);
  const Level level =
      grant ? parseLevel(pgCall([&] { return text_to_cstring(PG_GETARG_TEXT_PP(1)); }))
            : Level::Admin;
  static CachedPlan ownerPlan{
      "SELECT e.extowner FROM pg_catalog.pg_extension e WHERE e.extname = 'agentic_schema'", 0,
      kNoArgs, nullptr};
  spiConnect();
  Statements statements;
  collectGrants(level, role, grant, statements);
  if (spiRun(ownerPlan, nullptr, nullptr, ReadMode::ReadOnly) != 1)
    throw RuleViolation(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "extension agentic_schema is not installed");
  bool isNull = false;
  const Oid owner = DatumGetObjectId(spiValue(0, 1, &isNull));
  // The owner's rights come with the extension; changing them would leave ACLs that
  // grant_access() cannot rebuild (and a dump that revokes them).
  if (roleId == owner)
    throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE,
                        "role " + role + " owns extension agentic_schema", {},
                        "grant_access() and revoke_access() change the rights of other roles.");
  runAsOwner(owner, [&] {
    for (const std::string& sql : statements.list) {
      spiRunText(sql.c_str());
    }
  });
  spiFinish();
  return Int32GetDatum(static_cast<int32>(statements.list.size()));
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_grant_access(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::changeAccess(fcinfo, true); });
}

Datum agentic_revoke_access(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::changeAccess(fcinfo, false); });
}
