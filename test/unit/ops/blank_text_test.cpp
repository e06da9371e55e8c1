#include "core/ops/blank_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace agentic::core {
namespace {

bool blank(const std::string& s) { return isBlankUtf8(s.data(), s.size()); }

TEST(BlankText, EmptyIsBlank) { EXPECT_TRUE(blank("")); }

TEST(BlankText, AsciiWhiteSpaceIsBlank) {
  EXPECT_TRUE(blank(" \t\n\r"));
  EXPECT_TRUE(blank("\v"));  // vertical tab
  EXPECT_TRUE(blank("\f"));  // form feed
}

TEST(BlankText, UnicodeWhiteSpaceIsBlank) {
  EXPECT_TRUE(blank("\u3000"));        // ideographic space
  EXPECT_TRUE(blank("\u00A0"));        // no-break space
  EXPECT_TRUE(blank("\u0085"));        // next line
  EXPECT_TRUE(blank("\u1680"));        // ogham space mark
  EXPECT_TRUE(blank("\u2000\u200A"));  // en quad .. hair space
  EXPECT_TRUE(blank("\u2028\u2029"));  // line and paragraph separators
  EXPECT_TRUE(blank("\u202F\u205F"));  // narrow no-break, medium mathematical space
  EXPECT_TRUE(blank(" \u3000\t\u00A0\f\v"));
}

TEST(BlankText, EveryWhiteSpaceCodePointAndNoOther) {
  const std::uint32_t whiteSpace[] = {0x09,   0x0A,   0x0B,   0x0C,   0x0D,   0x20,   0x85,
                                      0xA0,   0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
                                      0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028,
                                      0x2029, 0x202F, 0x205F, 0x3000};
  int count = 0;
  for (std::uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (isUnicodeWhiteSpace(cp)) ++count;
  }
  EXPECT_EQ(count, 25);
  for (std::uint32_t cp : whiteSpace) EXPECT_TRUE(isUnicodeWhiteSpace(cp)) << cp;
}

TEST(BlankText, VisibleTextIsNotBlank) {
  EXPECT_FALSE(blank("a"));
  EXPECT_FALSE(blank(" \u3000x\u00A0"));
  EXPECT_FALSE(blank("\u200B"));  // zero width space is not White_Space
  EXPECT_FALSE(blank("\uFEFF"));  // nor is the byte order mark
  EXPECT_FALSE(blank("\u00E9"));
  EXPECT_FALSE(blank("\U0001F600"));
}

TEST(BlankText, MalformedUtf8IsNotBlank) {
  EXPECT_FALSE(blank("\xA0"));                // a lone continuation byte (Latin-1 NBSP)
  EXPECT_FALSE(blank("\xC2"));                // truncated sequence
  EXPECT_FALSE(blank("\xC0\xA0"));            // overlong space
  EXPECT_FALSE(blank("\xE3\x80"));            // truncated U+3000
  EXPECT_FALSE(blank("\xED\xA0\x80"));        // surrogate
  EXPECT_FALSE(blank(std::string(1, '\0')));  // NUL is not White_Space
}

}  // namespace
}  // namespace agentic::core
