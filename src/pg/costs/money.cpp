#include "pg/costs/money.hpp"

#include <string>

namespace agentic::pg {

void setTokenPrice(core::TokenPrice& price, int index, const core::Decimal& value) {
  switch (index) {
    case 0:
      price.inputPerMillion = value;
      break;
    case 1:
      price.outputPerMillion = value;
      break;
    default:
      price.cachedInputPerMillion = value;
      break;
  }
}

core::Decimal numericToDecimal(Datum value, const char* what) {
  const char* text =
      pgCall([&] { return DatumGetCString(DirectFunctionCall1(numeric_out, value)); });
  const auto decimal = core::Decimal::parse(text);
  if (!decimal)
    throw RuleViolation(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                        std::string(what) + " " + text + " is out of the supported range");
  return *decimal;
}

int numericScale(int32 typmod) {
  return typmod >= static_cast<int32>(VARHDRSZ) ? ((typmod - VARHDRSZ) & 0xffff)
                                                : core::Decimal::kScale;
}

Datum decimalToNumeric(const core::Decimal& value, int32 typmod) {
  const std::string text = value.toString(numericScale(typmod));
  return pgCall([&] {
    return DirectFunctionCall3(numeric_in, CStringGetDatum(text.c_str()),
                               ObjectIdGetDatum(InvalidOid), Int32GetDatum(typmod));
  });
}

}  // namespace agentic::pg
