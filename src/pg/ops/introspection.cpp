// Small SQL-callable helpers: JSON shape checks for CHECK constraints, and the
// status machines as a table.
#include "pg/runtime/boundary.hpp"
#include "core/rules/status_machine.hpp"

#include <cstring>
#include <string>

extern "C" {
PG_FUNCTION_INFO_V1(agentic_jsonb_array_of);
PG_FUNCTION_INFO_V1(agentic_status_transitions);
}

namespace agentic::pg {
namespace {

enum class JsonType { String, Number, Boolean, Object, Array };

JsonType parseJsonType(const char* name) {
  if (std::strcmp(name, "string") == 0) return JsonType::String;
  if (std::strcmp(name, "number") == 0) return JsonType::Number;
  if (std::strcmp(name, "boolean") == 0) return JsonType::Boolean;
  if (std::strcmp(name, "object") == 0) return JsonType::Object;
  if (std::strcmp(name, "array") == 0) return JsonType::Array;
  throw RuleViolation(ERRCODE_INVALID_PARAMETER_VALUE,
                      std::string("unknown JSON element type \"") + name + "\"", {},
                      "Use string, number, boolean, object or array.");
}

bool isBlank(const char* text, int length) {
  for (int i = 0; i < length; ++i) {
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r') return false;
  }
  return true;
}

bool elementMatches(const JsonbValue& v, JsonType type) {
  switch (type) {
    case JsonType::String:
      return v.type == jbvString && !isBlank(v.val.string.val, v.val.string.len);
    case JsonType::Number:
      return v.type == jbvNumeric;
    case JsonType::Boolean:
      return v.type == jbvBool;
    case JsonType::Object:
      return v.type == jbvBinary && JsonContainerIsObject(v.val.binary.data);
    case JsonType::Array:
      return v.type == jbvBinary && JsonContainerIsArray(v.val.binary.data);
  }
  return false;
}

// Plain C: no C++ object is alive while the iterator runs, so PostgreSQL errors
// may propagate directly.
bool jsonbArrayOf(Jsonb* doc, JsonType type) {
  if (!JB_ROOT_IS_ARRAY(doc) || JB_ROOT_IS_SCALAR(doc)) return false;
  JsonbIterator* it = JsonbIteratorInit(&doc->root);
  JsonbValue v;
  JsonbIteratorToken token;
  while ((token = JsonbIteratorNext(&it, &v, true)) != WJB_DONE) {
    if (token == WJB_ELEM && !elementMatches(v, type)) return false;
  }
  return true;
}

Datum jsonbArrayOfCall(FunctionCallInfo fcinfo) {
  const char* typeName = pgCall([&] { return text_to_cstring(PG_GETARG_TEXT_PP(1)); });
  const JsonType type = parseJsonType(typeName);
  Jsonb* doc = pgCall([&] { return PG_GETARG_JSONB_P(0); });
  return BoolGetDatum(pgCall([&] { return jsonbArrayOf(doc, type); }));
}

Datum statusTransitions(FunctionCallInfo fcinfo) {
  pgCall([&] { InitMaterializedSRF(fcinfo, 0); });
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  std::size_t count = 0;
  const core::StatusMachine* const* machines = core::allStatusMachines(&count);
  for (std::size_t m = 0; m < count; ++m) {
    const core::StatusMachine& machine = *machines[m];
    for (std::size_t i = 0; i < machine.transitionCount; ++i) {
      const std::string name(machine.name);
      const std::string from(machine.transitions[i].from);
      const std::string to(machine.transitions[i].to);
      pgCall([&] {
        Datum values[3] = {CStringGetTextDatum(name.c_str()), CStringGetTextDatum(from.c_str()),
                           CStringGetTextDatum(to.c_str())};
        bool nulls[3] = {false, false, false};
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
      });
    }
  }
  return Datum(0);
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_jsonb_array_of(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::jsonbArrayOfCall(fcinfo); });
}

Datum agentic_status_transitions(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::statusTransitions(fcinfo); });
}
