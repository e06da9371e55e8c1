// agentic.jsonb_array_of(): JSON shape checks for CHECK constraints.
#include "core/ops/blank_text.hpp"
#include "pg/runtime/boundary.hpp"

extern "C" {
#include "mb/pg_wchar.h"
}

#include <cstring>
#include <string>

extern "C" {
PG_FUNCTION_INFO_V1(agentic_jsonb_array_of);
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

// Blank: empty or only Unicode White_Space (core::isBlankUtf8). Text in another server
// encoding is converted to UTF-8 first (a PostgreSQL call: runs inside pgCall, with no
// C++ object alive).
bool isBlank(const char* text, int length) {
  if (GetDatabaseEncoding() == PG_UTF8 || GetDatabaseEncoding() == PG_SQL_ASCII) {
    return core::isBlankUtf8(text, static_cast<std::size_t>(length));
  }
  const char* utf8 = pg_server_to_any(text, length, PG_UTF8);
  const std::size_t utf8Length =
      utf8 == text ? static_cast<std::size_t>(length) : std::strlen(utf8);
  return core::isBlankUtf8(utf8, utf8Length);
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

}  // namespace
}  // namespace agentic::pg

Datum agentic_jsonb_array_of(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::jsonbArrayOfCall(fcinfo); });
}
