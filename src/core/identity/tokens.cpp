#include "core/identity/tokens.hpp"

namespace agentic::core {
namespace {

constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

bool isBase62(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

std::string checksumOf(std::string_view prefixAndBody) {
  return base62(crc32(prefixAndBody), kTokenChecksumLength);
}

}  // namespace

std::string_view tokenTypePrefix(TokenKind kind) {
  return kind == TokenKind::ApiKey ? "agk_" : "ags_";
}

std::uint32_t crc32(std::string_view data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : data) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string base62(std::uint64_t value, std::size_t width) {
  std::string digits(width, '0');
  for (std::size_t i = width; i > 0 && value > 0; --i) {
    digits[i - 1] = kDigits[value % 62];
    value /= 62;
  }
  return digits;
}

std::string makeToken(TokenKind kind, std::string_view random) {
  std::string token(tokenTypePrefix(kind));
  for (std::size_t i = 0; i < kTokenBodyLength && i < random.size(); ++i)
    token += kDigits[static_cast<unsigned char>(random[i]) % 62];
  token += checksumOf(token);
  return token;
}

bool wellFormedToken(TokenKind kind, std::string_view token) {
  const std::string_view prefix = tokenTypePrefix(kind);
  if (token.size() != kTokenLength || token.substr(0, prefix.size()) != prefix) return false;
  for (char c : token.substr(prefix.size())) {
    if (!isBase62(c)) return false;
  }
  const std::string_view body = token.substr(0, kTokenLength - kTokenChecksumLength);
  return token.substr(kTokenLength - kTokenChecksumLength) == checksumOf(body);
}

}  // namespace agentic::core
