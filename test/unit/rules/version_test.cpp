#include "core/rules/version.hpp"

#include <gtest/gtest.h>

namespace agentic::core {
namespace {

Version v(std::string_view text) {
  const auto parsed = parseVersion(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Version{});
}

TEST(Version, ParsesDottedNumbers) {
  EXPECT_TRUE(isVersion("1"));
  EXPECT_TRUE(isVersion("1.2"));
  EXPECT_TRUE(isVersion("10.20.30.40"));
  EXPECT_EQ(v("1.12").count, 2);
  EXPECT_EQ(v("1.12").parts[1], 12u);
}

TEST(Version, RejectsAnythingElse) {
  for (const char* text : {"", ".", "1.", ".1", "1..2", "1.2a", "a", "1.2-beta", " 1.2", "1.2 ",
                           "1.2.3.4.5", "-1", "4294967295", "99999999999"})
    EXPECT_FALSE(isVersion(text)) << text;
}

TEST(Version, ComparesNumericallyPartByPart) {
  EXPECT_LT(compareVersions(v("1.2"), v("1.10")), 0);
  EXPECT_GT(compareVersions(v("1.10"), v("1.9")), 0);
  EXPECT_LT(compareVersions(v("1.9"), v("2.0")), 0);
  EXPECT_EQ(compareVersions(v("1.2"), v("1.2")), 0);
  EXPECT_EQ(compareVersions(v("1.2"), v("1.2.0")), 0);
  EXPECT_LT(compareVersions(v("1.2"), v("1.2.1")), 0);
  EXPECT_GT(compareVersions(v("1.01"), v("1.0")), 0);
  EXPECT_EQ(compareVersions(v("1.01"), v("1.1")), 0);
}

TEST(Version, SinceIsReachedAtThatVersionAndLater) {
  EXPECT_TRUE(versionReached("1.0", v("1.0")));
  EXPECT_TRUE(versionReached("1.0", v("1.2")));
  EXPECT_TRUE(versionReached("1.2", v("1.2")));
  EXPECT_FALSE(versionReached("1.2", v("1.1")));
  EXPECT_FALSE(versionReached("1.10", v("1.9")));
  EXPECT_TRUE(versionReached("1.9", v("1.10")));
  EXPECT_FALSE(versionReached("not a version", v("1.2")));
}

TEST(Version, NewestIsBeyondEveryVersion) {
  EXPECT_TRUE(versionReached("1.0", Version::newest()));
  EXPECT_TRUE(versionReached("999.999.999", Version::newest()));
  EXPECT_LT(compareVersions(v("4294967294.4294967294"), Version::newest()), 0);
}

static_assert(isVersion("1.2") && !isVersion("1.x"), "parseVersion works at compile time");
static_assert(compareVersions(*parseVersion("1.2"), *parseVersion("1.10")) < 0);

}  // namespace
}  // namespace agentic::core
