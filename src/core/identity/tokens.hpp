// The format of the secrets the identity domain hands out: API keys and session
// tokens. A token is a type prefix, a body of random base62 characters and a
// checksum (GitHub's token format): "agk_" + 40 + 6 characters for an API key,
// "ags_" + 40 + 6 for a session. The checksum (CRC32 of prefix and body, six base62
// digits) lets a typo or a random string be refused without reading a table. An
// API key's first 8 body characters, with the prefix, are its visible lookup prefix.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace agentic::core {

enum class TokenKind { ApiKey, Session };

inline constexpr std::size_t kTokenBodyLength = 40;
inline constexpr std::size_t kTokenChecksumLength = 6;
inline constexpr std::size_t kTokenLength = 4 + kTokenBodyLength + kTokenChecksumLength;
// "agk_" and the first 8 characters of the body.
inline constexpr std::size_t kApiKeyPrefixLength = 4 + 8;

std::string_view tokenTypePrefix(TokenKind kind);

// CRC-32 (IEEE 802.3) of `data`.
std::uint32_t crc32(std::string_view data);

// `value` as `width` base62 digits (0-9, A-Z, a-z), most significant first.
std::string base62(std::uint64_t value, std::size_t width);

// A token of `kind` from `random`: kTokenBodyLength bytes, each mapped to one
// base62 character (the caller gives bytes below 248 so that each digit is uniform).
std::string makeToken(TokenKind kind, std::string_view random);

// Whether `token` has the shape of a `kind` token and its checksum matches.
bool wellFormedToken(TokenKind kind, std::string_view token);

}  // namespace agentic::core
