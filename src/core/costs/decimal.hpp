// Exact fixed-point money arithmetic for costs and token prices.
//
// PostgreSQL numeric values cross into the core as text (numeric_out) and come
// back as text (numeric_in), so no binary floating point ever touches money.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agentic::core {

// GCC and clang's 128-bit integer; __extension__ keeps -Wpedantic quiet.
__extension__ typedef __int128 Int128;

// A decimal amount in units of 10^-kScale.
class Decimal {
 public:
  static constexpr int kScale = 12;

  enum class Kind { Finite, NaN, PositiveInfinity, NegativeInfinity };

  // Parses PostgreSQL numeric text output: digits with optional sign, point and
  // exponent-free fraction, or "NaN"/"Infinity"/"-Infinity". Digits beyond
  // kScale are rounded half away from zero. nullopt when the text is not a
  // number or its magnitude does not fit.
  static std::optional<Decimal> parse(std::string_view text);
  static Decimal fromUnits(Int128 units) { return Decimal(Kind::Finite, units); }
  // Nearest representable value; nullopt when out of range or not finite.
  static std::optional<Decimal> fromDouble(double value);

  Kind kind() const { return kind_; }
  bool isFinite() const { return kind_ == Kind::Finite; }
  Int128 units() const { return units_; }
  int sign() const;

  // Fixed notation with `scale` fraction digits (0..kScale), rounded half away
  // from zero. Only for finite values.
  std::string toString(int scale) const;

  // PostgreSQL numeric order: -Infinity < finite values < Infinity < NaN.
  friend bool operator<(const Decimal& a, const Decimal& b) {
    if (a.rank() != b.rank()) return a.rank() < b.rank();
    return a.units_ < b.units_;
  }
  friend bool operator==(const Decimal& a, const Decimal& b) {
    return a.kind_ == b.kind_ && a.units_ == b.units_;
  }

 private:
  Decimal(Kind kind, Int128 units) : kind_(kind), units_(units) {}
  int rank() const {
    switch (kind_) {
      case Kind::NegativeInfinity:
        return 0;
      case Kind::Finite:
        return 1;
      case Kind::PositiveInfinity:
        return 2;
      case Kind::NaN:
        break;
    }
    return 3;
  }
  Kind kind_;
  Int128 units_;
};

}  // namespace agentic::core
