// SPDX-License-Identifier: MIT
// UTF-8 checks of untrusted text (docs/security.md).
#include <fmt/format.h>

#include "aidecide/text.hpp"
#include "util/utf8.hpp"

namespace aidecide {

std::size_t count_code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string_view strip_bom(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

namespace {
// Line and column (in code points) of byte `end`, for text before it that
// is known to be valid UTF-8.
SourcePos position_of(std::string_view text, std::size_t end) {
  SourcePos at{1, 1};
  for (std::size_t i = 0; i < end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // not a continuation byte: a new code point
      ++at.column;
    }
  }
  return at;
}
}  // namespace

std::optional<TextProblem> find_invalid_text(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // Printable ASCII, tabs and line ends: the bulk of any text, one compare each.
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte >= 0x20 && byte < 0x7F) || byte == '\n' || byte == '\t' || byte == '\r') {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      return TextProblem{position_of(text, i),
                         fmt::format("not UTF-8 text (byte 0x{:02x}); is this a binary file?",
                                     static_cast<unsigned char>(text[i]))};
    }
    const bool control = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ||
                         (cp >= 0x80 && cp <= 0x9F);
    if (control) {
      return TextProblem{position_of(text, i),
                         fmt::format("control character U+{:04X} is not allowed; is this a binary "
                                     "file?",
                                     static_cast<unsigned>(cp))};
    }
    i += len;
  }
  return std::nullopt;
}

}  // namespace aidecide
