#include "core/costs/decimal.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace agentic::core {

// Readable failure messages for Decimal (found by ADL; internal linkage).
static void PrintTo(const Decimal& d, std::ostream* os) {
  switch (d.kind()) {
    case Decimal::Kind::NaN:
      *os << "NaN";
      return;
    case Decimal::Kind::PositiveInfinity:
      *os << "Infinity";
      return;
    case Decimal::Kind::NegativeInfinity:
      *os << "-Infinity";
      return;
    case Decimal::Kind::Finite:
      *os << d.toString(Decimal::kScale);
      return;
  }
}

namespace {

constexpr Int128 kOne = 1000000000000;  // 10^12 units

// Units of a successfully parsed finite decimal; fails the test otherwise.
Int128 unitsOf(std::string_view text) {
  const std::optional<Decimal> d = Decimal::parse(text);
  if (!d) {
    ADD_FAILURE() << "parse(\"" << text << "\") failed";
    return 0;
  }
  EXPECT_TRUE(d->isFinite()) << text;
  return d->units();
}

Decimal dec(std::string_view text) {
  const std::optional<Decimal> d = Decimal::parse(text);
  if (!d) {
    ADD_FAILURE() << "parse(\"" << text << "\") failed";
    return Decimal::fromUnits(0);
  }
  return *d;
}

// Int128 has no operator<< for gtest; compare through this.
::testing::AssertionResult unitsEq(Int128 actual, Int128 expected) {
  if (actual == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "units " << Decimal::fromUnits(actual).toString(Decimal::kScale) << " != expected "
         << Decimal::fromUnits(expected).toString(Decimal::kScale);
}

TEST(Decimal, ParsesIntegers) {
  EXPECT_TRUE(unitsEq(unitsOf("0"), 0));
  EXPECT_TRUE(unitsEq(unitsOf("1"), kOne));
  EXPECT_TRUE(unitsEq(unitsOf("42"), 42 * kOne));
  EXPECT_TRUE(unitsEq(unitsOf("007"), 7 * kOne));
  EXPECT_TRUE(unitsEq(unitsOf("123456789012345678"), 123456789012345678 * kOne));
}

TEST(Decimal, ParsesSigns) {
  EXPECT_TRUE(unitsEq(unitsOf("-42"), -42 * kOne));
  EXPECT_TRUE(unitsEq(unitsOf("+42"), 42 * kOne));
  EXPECT_TRUE(unitsEq(unitsOf("-0.5"), -kOne / 2));
  EXPECT_TRUE(unitsEq(unitsOf("-0"), 0));
  EXPECT_EQ(dec("-0").sign(), 0);
  EXPECT_EQ(dec("-0"), dec("0"));
}

TEST(Decimal, ParsesFractions) {
  EXPECT_TRUE(unitsEq(unitsOf("3.14"), 3140000000000));
  EXPECT_TRUE(unitsEq(unitsOf("-3.14"), -3140000000000));
  EXPECT_TRUE(unitsEq(unitsOf("0.5"), 500000000000));
  EXPECT_TRUE(unitsEq(unitsOf("2.50"), 2500000000000));
  EXPECT_TRUE(unitsEq(unitsOf("0.000000000001"), 1));
  EXPECT_TRUE(unitsEq(unitsOf("-0.000000000001"), -1));
  EXPECT_TRUE(unitsEq(unitsOf("123.456789012345"), 123456789012345));
  EXPECT_TRUE(unitsEq(unitsOf("1.000000000000"), kOne));
  EXPECT_TRUE(unitsEq(unitsOf("10.10"), 10 * kOne + kOne / 10));
}

TEST(Decimal, ParsesSpecialValues) {
  const auto nan = Decimal::parse("NaN");
  ASSERT_TRUE(nan.has_value());
  EXPECT_EQ(nan->kind(), Decimal::Kind::NaN);
  EXPECT_FALSE(nan->isFinite());
  EXPECT_EQ(nan->sign(), 0);

  const auto inf = Decimal::parse("Infinity");
  ASSERT_TRUE(inf.has_value());
  EXPECT_EQ(inf->kind(), Decimal::Kind::PositiveInfinity);
  EXPECT_FALSE(inf->isFinite());
  EXPECT_EQ(inf->sign(), 1);

  const auto ninf = Decimal::parse("-Infinity");
  ASSERT_TRUE(ninf.has_value());
  EXPECT_EQ(ninf->kind(), Decimal::Kind::NegativeInfinity);
  EXPECT_FALSE(ninf->isFinite());
  EXPECT_EQ(ninf->sign(), -1);

  EXPECT_EQ(dec("1").kind(), Decimal::Kind::Finite);
  EXPECT_TRUE(dec("1").isFinite());
}

TEST(Decimal, RoundsBeyondTwelveFractionDigitsHalfAwayFromZero) {
  // The 13th fraction digit decides.
  EXPECT_TRUE(unitsEq(unitsOf("0.0000000000005"), 1));
  EXPECT_TRUE(unitsEq(unitsOf("0.0000000000004"), 0));
  EXPECT_TRUE(unitsEq(unitsOf("0.00000000000049999999"), 0));
  EXPECT_TRUE(unitsEq(unitsOf("0.00000000000050000001"), 1));
  EXPECT_TRUE(unitsEq(unitsOf("-0.0000000000005"), -1));
  EXPECT_TRUE(unitsEq(unitsOf("-0.0000000000004"), 0));
  EXPECT_TRUE(unitsEq(unitsOf("1.2345678901234"), 1234567890123));
  EXPECT_TRUE(unitsEq(unitsOf("1.2345678901235"), 1234567890124));
  EXPECT_TRUE(unitsEq(unitsOf("-1.2345678901235"), -1234567890124));
  EXPECT_TRUE(unitsEq(unitsOf("1.2345678901239999"), 1234567890124));
  // Digits after the 13th cannot change the answer.
  EXPECT_TRUE(unitsEq(unitsOf("1.2345678901234999999999"), 1234567890123));
}

TEST(Decimal, RoundingCarriesIntoTheIntegerPart) {
  EXPECT_TRUE(unitsEq(unitsOf("0.9999999999995"), kOne));
  EXPECT_TRUE(unitsEq(unitsOf("-0.9999999999995"), -kOne));
  EXPECT_TRUE(unitsEq(unitsOf("9.9999999999999"), 10 * kOne));
  EXPECT_TRUE(unitsEq(unitsOf("0.9999999999994"), kOne - 1));
  EXPECT_EQ(dec("99.99999999999951").toString(12), "100.000000000000");
}

TEST(Decimal, RejectsGarbage) {
  for (std::string_view bad : {"", "-", "+", ".", "-.", "1.2.3", "abc", "1e5", "1E5", "1,5", " 1",
                               "1 ", "--1", "+-1", "1-", "0x10", "Infinity1", "1.5x"}) {
    EXPECT_FALSE(Decimal::parse(bad).has_value()) << '"' << bad << '"';
  }
}

TEST(Decimal, LargestMagnitudeIsTwoToThe120Units) {
  // 2^120 units = 1329227995784915872903807.060280344576
  const Int128 maxUnits = static_cast<Int128>(1) << 120;
  const Int128 maxInteger = static_cast<Int128>(1329227995784915872) * 1000000 + 903807;
  EXPECT_TRUE(unitsEq(unitsOf("1329227995784915872903807"), maxInteger * kOne));
  EXPECT_TRUE(unitsEq(unitsOf("1329227995784915872903807.060280344576"), maxUnits));
  EXPECT_TRUE(unitsEq(unitsOf("-1329227995784915872903807.060280344576"), -maxUnits));
  EXPECT_TRUE(unitsEq(unitsOf("1329227995784915872903807.0602803445764"), maxUnits));
  EXPECT_FALSE(Decimal::parse("1329227995784915872903807.060280344577").has_value());
  // Rounding up past the limit is an overflow too.
  EXPECT_FALSE(Decimal::parse("1329227995784915872903807.0602803445765").has_value());
  EXPECT_FALSE(Decimal::parse("-1329227995784915872903807.0602803445765").has_value());
}

TEST(Decimal, OverflowIsRejected) {
  EXPECT_FALSE(Decimal::parse("1329227995784915872903808").has_value());
  EXPECT_FALSE(Decimal::parse("-1329227995784915872903808").has_value());
  // These integers fit before scaling by 10^12 but not after it; they used to
  // wrap around into garbage values.
  EXPECT_FALSE(Decimal::parse("1000000000000000000000000000").has_value());
  EXPECT_FALSE(Decimal::parse("-1000000000000000000000000000").has_value());
  EXPECT_FALSE(Decimal::parse("1329227995784915872903807060").has_value());
  EXPECT_FALSE(Decimal::parse("10000000000000000000000000.5").has_value());
  EXPECT_FALSE(Decimal::parse(std::string(60, '9')).has_value());
  EXPECT_FALSE(Decimal::parse(std::string(60, '9') + ".5").has_value());
  EXPECT_FALSE(Decimal::parse("-" + std::string(200, '7')).has_value());
  // Many leading zeros are not a large number.
  EXPECT_TRUE(unitsEq(unitsOf(std::string(80, '0') + "1.5"), kOne + kOne / 2));
  // Many fraction digits are not a large number either.
  EXPECT_TRUE(unitsEq(unitsOf("0." + std::string(80, '3')), 333333333333));
}

TEST(Decimal, ToStringAtVariousScales) {
  const Decimal pi = dec("3.14159265358979");
  EXPECT_EQ(pi.toString(0), "3");
  EXPECT_EQ(pi.toString(2), "3.14");
  EXPECT_EQ(pi.toString(10), "3.1415926536");
  EXPECT_EQ(pi.toString(12), "3.141592653590");

  const Decimal small = dec("0.000000000001");
  EXPECT_EQ(small.toString(12), "0.000000000001");
  EXPECT_EQ(small.toString(10), "0.0000000000");
  EXPECT_EQ(small.toString(2), "0.00");
  EXPECT_EQ(small.toString(0), "0");

  EXPECT_EQ(dec("0").toString(0), "0");
  EXPECT_EQ(dec("0").toString(2), "0.00");
  EXPECT_EQ(dec("0").toString(12), "0.000000000000");
  EXPECT_EQ(dec("1234567").toString(2), "1234567.00");
  EXPECT_EQ(dec("0.5").toString(10), "0.5000000000");
  EXPECT_EQ(dec("0.07").toString(2), "0.07");
}

TEST(Decimal, ToStringRoundsHalfAwayFromZero) {
  EXPECT_EQ(dec("2.675").toString(2), "2.68");  // exact, unlike a double
  EXPECT_EQ(dec("2.665").toString(2), "2.67");
  EXPECT_EQ(dec("2.6649999").toString(2), "2.66");
  EXPECT_EQ(dec("2.5").toString(0), "3");
  EXPECT_EQ(dec("2.4999999").toString(0), "2");
  EXPECT_EQ(dec("0.5").toString(0), "1");
  EXPECT_EQ(dec("9.995").toString(2), "10.00");
  EXPECT_EQ(dec("0.99999").toString(2), "1.00");
  EXPECT_EQ(dec("0.00000000005").toString(10), "0.0000000001");
  EXPECT_EQ(dec("0.000000000049").toString(10), "0.0000000000");
  EXPECT_EQ(dec("1.23456789015").toString(10), "1.2345678902");
}

TEST(Decimal, ToStringNegativeValues) {
  EXPECT_EQ(dec("-12345").toString(2), "-12345.00");
  EXPECT_EQ(dec("-12345").toString(0), "-12345");
  EXPECT_EQ(dec("-3.14159").toString(2), "-3.14");
  EXPECT_EQ(dec("-2.5").toString(0), "-3");
  EXPECT_EQ(dec("-2.675").toString(2), "-2.68");
  EXPECT_EQ(dec("-0.005").toString(2), "-0.01");
  EXPECT_EQ(dec("-0.5").toString(10), "-0.5000000000");
  EXPECT_EQ(dec("-0.000000000001").toString(12), "-0.000000000001");
  // A negative value that rounds to zero prints without a sign.
  EXPECT_EQ(dec("-0.004").toString(2), "0.00");
  EXPECT_EQ(dec("-0.4").toString(0), "0");
  EXPECT_EQ(dec("-0.000000000001").toString(10), "0.0000000000");
}

TEST(Decimal, ToStringRoundTripsThroughParse) {
  for (std::string_view text :
       {"0.000000000000", "1.000000000000", "-1.000000000000", "3.141592653590", "-0.000000000001",
        "987654321.123456789012", "1329227995784915872903807.060280344576"}) {
    const Decimal d = dec(text);
    EXPECT_EQ(d.toString(12), text);
    EXPECT_EQ(dec(d.toString(12)), d) << text;
  }
}

TEST(Decimal, FromUnits) {
  EXPECT_EQ(Decimal::fromUnits(0), dec("0"));
  EXPECT_EQ(Decimal::fromUnits(1), dec("0.000000000001"));
  EXPECT_EQ(Decimal::fromUnits(-2500000000000), dec("-2.5"));
  EXPECT_EQ(Decimal::fromUnits(5).kind(), Decimal::Kind::Finite);
}

TEST(Decimal, FromDouble) {
  const auto tenth = Decimal::fromDouble(0.1);
  ASSERT_TRUE(tenth.has_value());
  EXPECT_EQ(*tenth, dec("0.1"));  // nearest, not the binary expansion

  EXPECT_EQ(Decimal::fromDouble(0.0), std::optional<Decimal>(dec("0")));
  EXPECT_EQ(Decimal::fromDouble(2.5), std::optional<Decimal>(dec("2.5")));
  EXPECT_EQ(Decimal::fromDouble(-1.25), std::optional<Decimal>(dec("-1.25")));
  EXPECT_EQ(Decimal::fromDouble(1234.5678), std::optional<Decimal>(dec("1234.5678")));
  EXPECT_EQ(Decimal::fromDouble(1e-12), std::optional<Decimal>(dec("0.000000000001")));
  EXPECT_EQ(Decimal::fromDouble(-1e-12), std::optional<Decimal>(dec("-0.000000000001")));
  // Below half a unit rounds to zero.
  EXPECT_EQ(Decimal::fromDouble(1e-13), std::optional<Decimal>(dec("0")));
  EXPECT_EQ(Decimal::fromDouble(4e-13), std::optional<Decimal>(dec("0")));
  EXPECT_EQ(Decimal::fromDouble(6e-13), std::optional<Decimal>(dec("0.000000000001")));

  // 2^70 is exact in a double, and 2^70 * 10^12 is exact in the intermediate.
  const auto big = Decimal::fromDouble(std::ldexp(1.0, 70));
  ASSERT_TRUE(big.has_value());
  EXPECT_TRUE(unitsEq(big->units(), (static_cast<Int128>(1) << 70) * kOne));
  EXPECT_EQ(big->toString(0), "1180591620717411303424");
}

TEST(Decimal, FromDoubleRejectsNonFiniteAndOutOfRange) {
  EXPECT_FALSE(Decimal::fromDouble(std::numeric_limits<double>::quiet_NaN()).has_value());
  EXPECT_FALSE(Decimal::fromDouble(std::numeric_limits<double>::infinity()).has_value());
  EXPECT_FALSE(Decimal::fromDouble(-std::numeric_limits<double>::infinity()).has_value());
  EXPECT_FALSE(Decimal::fromDouble(1e30).has_value());
  EXPECT_FALSE(Decimal::fromDouble(-1e30).has_value());
  EXPECT_FALSE(Decimal::fromDouble(std::numeric_limits<double>::max()).has_value());
  EXPECT_FALSE(Decimal::fromDouble(1.34e24).has_value());  // just above 2^120 units
  EXPECT_TRUE(Decimal::fromDouble(1.32e24).has_value());   // just below
}

TEST(Decimal, Sign) {
  EXPECT_EQ(dec("5").sign(), 1);
  EXPECT_EQ(dec("0.000000000001").sign(), 1);
  EXPECT_EQ(dec("-0.000000000001").sign(), -1);
  EXPECT_EQ(dec("-5").sign(), -1);
  EXPECT_EQ(dec("0").sign(), 0);
  // Rounded away entirely: zero, not negative.
  EXPECT_EQ(dec("-0.0000000000001").sign(), 0);
}

TEST(Decimal, OrderingOfFiniteValues) {
  EXPECT_LT(dec("-1"), dec("0"));
  EXPECT_LT(dec("0"), dec("0.000000000001"));
  EXPECT_LT(dec("0.000000000001"), dec("1"));
  EXPECT_LT(dec("-2"), dec("-1.999999999999"));
  EXPECT_LT(dec("999.99"), dec("1000"));
  EXPECT_FALSE(dec("1") < dec("1"));
  EXPECT_FALSE(dec("2") < dec("1"));
  EXPECT_FALSE(dec("-1") < dec("-2"));
  EXPECT_FALSE(dec("1.50") < dec("1.5"));
  EXPECT_FALSE(dec("1.5") < dec("1.50"));
}

TEST(Decimal, Equality) {
  EXPECT_EQ(dec("1.50"), dec("1.5"));
  EXPECT_EQ(dec("+7"), dec("7.000"));
  EXPECT_EQ(dec("0.0000000000005"), dec("0.000000000001"));
  EXPECT_FALSE(dec("1.5") == dec("1.500000000001"));
  EXPECT_FALSE(dec("1") == dec("-1"));
  // Same units, different kind.
  EXPECT_FALSE(dec("NaN") == dec("0"));
  EXPECT_FALSE(dec("Infinity") == dec("0"));
  EXPECT_FALSE(dec("Infinity") == dec("-Infinity"));
  EXPECT_FALSE(dec("NaN") == dec("Infinity"));
  EXPECT_EQ(dec("Infinity"), dec("Infinity"));
  EXPECT_EQ(dec("-Infinity"), dec("-Infinity"));
  EXPECT_EQ(dec("NaN"), dec("NaN"));  // as in PostgreSQL's numeric
}

TEST(Decimal, OrderingOfSpecialValuesFollowsPostgreSQL) {
  // -Infinity < every finite value < Infinity < NaN
  const Decimal ninf = dec("-Infinity");
  const Decimal inf = dec("Infinity");
  const Decimal nan = dec("NaN");
  for (std::string_view text : {"-1329227995784915872903807", "-1", "0", "0.000000000001", "1",
                                "1329227995784915872903807"}) {
    const Decimal d = dec(text);
    EXPECT_LT(ninf, d) << text;
    EXPECT_FALSE(d < ninf) << text;
    EXPECT_LT(d, inf) << text;
    EXPECT_FALSE(inf < d) << text;
    EXPECT_LT(d, nan) << text;
    EXPECT_FALSE(nan < d) << text;
  }
  EXPECT_LT(ninf, inf);
  EXPECT_LT(inf, nan);
  EXPECT_LT(ninf, nan);
  EXPECT_FALSE(inf < ninf);
  EXPECT_FALSE(nan < inf);
  EXPECT_FALSE(inf < inf);
  EXPECT_FALSE(ninf < ninf);
  EXPECT_FALSE(nan < nan);
}

}  // namespace
}  // namespace agentic::core
