// SPDX-License-Identifier: MIT
#pragma once
// UTF-8 decoding shared by the text checks and the escapers.

#include <cstddef>
#include <string_view>

namespace aidecide {

// Length of the UTF-8 sequence starting at s[i] and its code point, or 0 when
// the bytes there are not valid UTF-8 (overlong forms and surrogates included).
inline std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Bidirectional controls, which can reorder what a terminal shows.
inline bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

// Characters that draw nothing or break a line where none shows, so text
// can hide or disguise words: zero-width spaces and joiners, the soft
// hyphen, the line and paragraph separators, the byte-order mark, word
// joiners and invisible operators, Hangul and Mongolian fillers,
// interlinear annotations, and the Unicode tag characters.
inline bool is_invisible(char32_t cp) {
  return cp == 0x00AD || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 ||
         cp == 0x17B5 || cp == 0x180E || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2028 ||
         cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2065) || (cp >= 0x206A && cp <= 0x206F) ||
         cp == 0x3164 || cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
         (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0xE0000 && cp <= 0xE007F);
}

}  // namespace aidecide
