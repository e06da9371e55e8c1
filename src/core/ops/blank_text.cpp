#include "core/ops/blank_text.hpp"

namespace agentic::core {

bool isUnicodeWhiteSpace(std::uint32_t cp) {
  if (cp >= 0x09 && cp <= 0x0D) return true;
  if (cp >= 0x2000 && cp <= 0x200A) return true;
  switch (cp) {
    case 0x20:
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return false;
  }
}

namespace {

// Decodes one well-formed UTF-8 sequence at text[i]; returns its length, or 0 when the
// bytes there are not one (overlong forms, surrogates and values past U+10FFFF are not).
std::size_t decodeUtf8(const unsigned char* text, std::size_t length, std::size_t i,
                       std::uint32_t& cp) {
  const unsigned char lead = text[i];
  std::size_t size;
  std::uint32_t min;
  if (lead < 0x80) {
    cp = lead;
    return 1;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    size = 2;
    cp = lead & 0x1Fu;
    min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    size = 3;
    cp = lead & 0x0Fu;
    min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    size = 4;
    cp = lead & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (length - i < size) return 0;
  for (std::size_t k = 1; k < size; ++k) {
    const unsigned char next = text[i + k];
    if ((next & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (next & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return size;
}

}  // namespace

bool isBlankUtf8(const char* text, std::size_t length) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text);
  std::size_t i = 0;
  while (i < length) {
    std::uint32_t cp = 0;
    const std::size_t size = decodeUtf8(bytes, length, i, cp);
    if (size == 0 || !isUnicodeWhiteSpace(cp)) return false;
    i += size;
  }
  return true;
}

}  // namespace agentic::core
