#include "core/costs/decimal.hpp"

#include <cmath>
#include <limits>

namespace agentic::core {

namespace {

// Keep headroom below the int128 limit so that sums of a few terms cannot wrap.
constexpr Int128 kMaxUnits = static_cast<Int128>(1) << 120;

Int128 pow10(int n) {
  Int128 v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  if (text == "NaN") return Decimal(Kind::NaN, 0);
  if (text == "Infinity") return Decimal(Kind::PositiveInfinity, 0);
  if (text == "-Infinity") return Decimal(Kind::NegativeInfinity, 0);

  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';

  Int128 units = 0;
  int fractionDigits = 0;
  bool seenPoint = false;
  bool seenDigit = false;
  bool roundUp = false;
  for (; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '.') {
      if (seenPoint) return std::nullopt;
      seenPoint = true;
      continue;
    }
    if (ch < '0' || ch > '9') return std::nullopt;
    seenDigit = true;
    if (seenPoint && fractionDigits == kScale) {
      // The first dropped digit decides the rounding; later ones cannot change it.
      roundUp = ch >= '5';
      ++fractionDigits;
      continue;
    }
    if (seenPoint && fractionDigits > kScale) continue;
    units = units * 10 + (ch - '0');
    if (units > kMaxUnits) return std::nullopt;
    if (seenPoint) ++fractionDigits;
  }
  if (!seenDigit) return std::nullopt;
  const int kept = fractionDigits > kScale ? kScale : fractionDigits;
  // Bound before scaling: the digit loop only bounds the unscaled digits, and
  // e.g. a 27-digit integer times 10^12 would overflow int128.
  const Int128 factor = pow10(kScale - kept);
  if (units > kMaxUnits / factor) return std::nullopt;
  units *= factor;
  if (roundUp) ++units;
  if (units > kMaxUnits) return std::nullopt;
  return Decimal(Kind::Finite, negative ? -units : units);
}

std::optional<Decimal> Decimal::fromDouble(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  const long double scaled = static_cast<long double>(value) * 1e12L;
  if (std::fabs(scaled) > static_cast<long double>(kMaxUnits)) return std::nullopt;
  return Decimal(Kind::Finite, static_cast<Int128>(std::roundl(scaled)));
}

int Decimal::sign() const {
  switch (kind_) {
    case Kind::PositiveInfinity:
      return 1;
    case Kind::NegativeInfinity:
      return -1;
    case Kind::NaN:
      return 0;
    case Kind::Finite:
      break;
  }
  return units_ > 0 ? 1 : (units_ < 0 ? -1 : 0);
}

std::string Decimal::toString(int scale) const {
  if (scale < 0) scale = 0;
  if (scale > kScale) scale = kScale;
  const bool negative = units_ < 0;
  Int128 magnitude = negative ? -units_ : units_;
  const Int128 drop = pow10(kScale - scale);
  const Int128 remainder = magnitude % drop;
  magnitude /= drop;
  if (remainder * 2 >= drop && drop > 1) ++magnitude;

  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude > 0);
  while (static_cast<int>(digits.size()) <= scale) digits.insert(digits.begin(), '0');

  std::string out;
  if (negative && digits.find_first_not_of('0') != std::string::npos) out.push_back('-');
  out.append(digits, 0, digits.size() - static_cast<std::size_t>(scale));
  if (scale > 0) {
    out.push_back('.');
    out.append(digits, digits.size() - static_cast<std::size_t>(scale), std::string::npos);
  }
  return out;
}

}  // namespace agentic::core
