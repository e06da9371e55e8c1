#include "core/identity/tokens.hpp"

#include <gtest/gtest.h>

#include <set>

namespace agentic::core {
namespace {

std::string randomBytes(unsigned seed) {
  std::string bytes;
  std::uint64_t state = seed * 6364136223846793005ull + 1442695040888963407ull;
  for (std::size_t i = 0; i < kTokenBodyLength; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    bytes += static_cast<char>((state >> 33) % 248);
  }
  return bytes;
}

TEST(Tokens, Crc32MatchesTheStandardCheckValue) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(crc32(""), 0u);
}

TEST(Tokens, Base62IsFixedWidthAndOrdered) {
  EXPECT_EQ(base62(0, 6), "000000");
  EXPECT_EQ(base62(61, 2), "0z");
  EXPECT_EQ(base62(62, 2), "10");
  EXPECT_EQ(base62(0xFFFFFFFFu, 6), "4gfFC3");
}

TEST(Tokens, MadeTokensAreWellFormed) {
  for (unsigned seed = 0; seed < 50; ++seed) {
    const std::string key = makeToken(TokenKind::ApiKey, randomBytes(seed));
    EXPECT_EQ(key.size(), kTokenLength);
    EXPECT_EQ(key.substr(0, 4), "agk_");
    EXPECT_TRUE(wellFormedToken(TokenKind::ApiKey, key)) << key;
    EXPECT_FALSE(wellFormedToken(TokenKind::Session, key)) << "a key is not a session token";
    const std::string session = makeToken(TokenKind::Session, randomBytes(seed));
    EXPECT_TRUE(wellFormedToken(TokenKind::Session, session)) << session;
  }
}

TEST(Tokens, EveryTypoIsCaught) {
  const std::string key = makeToken(TokenKind::ApiKey, randomBytes(7));
  const std::string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  int caught = 0;
  int tried = 0;
  for (std::size_t i = 4; i < key.size(); ++i) {
    for (char c : digits) {
      if (c == key[i]) continue;
      std::string typo = key;
      typo[i] = c;
      ++tried;
      if (!wellFormedToken(TokenKind::ApiKey, typo)) ++caught;
    }
  }
  EXPECT_EQ(caught, tried) << "CRC-32 detects every single-character change";
  int swaps = 0;
  for (std::size_t i = 4; i + 1 < key.size(); ++i) {
    if (key[i] == key[i + 1]) continue;
    std::string swapped = key;
    std::swap(swapped[i], swapped[i + 1]);
    EXPECT_FALSE(wellFormedToken(TokenKind::ApiKey, swapped)) << "swap at " << i;
    ++swaps;
  }
  EXPECT_GT(swaps, 30) << "adjacent transpositions are caught too";
}

TEST(Tokens, WrongShapesAreRefused) {
  const std::string key = makeToken(TokenKind::ApiKey, randomBytes(3));
  EXPECT_FALSE(wellFormedToken(TokenKind::ApiKey, ""));
  EXPECT_FALSE(wellFormedToken(TokenKind::ApiKey, key.substr(0, key.size() - 1)));
  EXPECT_FALSE(wellFormedToken(TokenKind::ApiKey, key + "0"));
  EXPECT_FALSE(wellFormedToken(TokenKind::ApiKey, "AGK_" + key.substr(4)));
  std::string bad = key;
  bad[20] = '-';
  EXPECT_FALSE(wellFormedToken(TokenKind::ApiKey, bad));
}

TEST(Tokens, DistinctRandomGivesDistinctTokens) {
  std::set<std::string> seen;
  for (unsigned seed = 0; seed < 200; ++seed)
    seen.insert(makeToken(TokenKind::ApiKey, randomBytes(seed)));
  EXPECT_EQ(seen.size(), 200u);
}

}  // namespace
}  // namespace agentic::core
