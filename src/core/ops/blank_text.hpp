// Blank text: empty or made only of Unicode White_Space characters.
#pragma once

#include <cstddef>
#include <cstdint>

namespace agentic::core {

// True when `cp` has the Unicode White_Space property (PropList.txt): U+0009..U+000D,
// U+0020, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F and
// U+3000. U+200B (zero width space) and U+FEFF are not White_Space.
bool isUnicodeWhiteSpace(std::uint32_t cp);

// True when the UTF-8 text is empty or every character is White_Space. Bytes that are
// not well-formed UTF-8 count as visible, so malformed text is never blank.
bool isBlankUtf8(const char* text, std::size_t length);

}  // namespace agentic::core
