// SPDX-License-Identifier: MIT
#pragma once
// Text helpers shared by loaders and renderers: UTF-8 checks, suggestions,
// joining words and dates. Escaping is in escape.hpp, numbers and money in
// number_format.hpp.

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/diagnostic.hpp"

namespace aidecide {

std::size_t count_code_points(std::string_view utf8);
std::string_view strip_bom(std::string_view text);
// True when every byte is below 0x80.
bool is_ascii(std::string_view text);

struct TextProblem {
  SourcePos pos;
  std::string message;
};
// The first invalid UTF-8 sequence or forbidden control character (anything
// below U+0020 but tab, LF and CR; DEL; C1 controls), with its position.
std::optional<TextProblem> find_invalid_text(std::string_view text);

// The closest candidate by edit distance, if close enough to be a likely typo.
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates);

// ASCII letters lowered (locale-free); other bytes as they are.
std::string ascii_lower(std::string_view text);
// `text` without spaces and tabs at either end.
std::string_view trim_blanks(std::string_view text);
bool equal_ignoring_case(std::string_view a, std::string_view b);

// An ISO 8601 calendar date, YYYY-MM-DD.
bool is_iso_date(std::string_view text);

// The lines of a text without their '\n' (a '\r' stays); a final '\n'
// adds no empty line: split_lines("a\nb\n") == {"a", "b"}.
std::vector<std::string> split_lines(std::string_view text);
// Joins with one separator throughout: join({"a","b"}, " | ") == "a | b".
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// The pieces one after the other: concat({"the curve of ", context}).
// Loaders name each part they read for messages that are seldom written;
// naming them with fmt::format was a fifth of loading the built-in data.
std::string concat(std::initializer_list<std::string_view> pieces);

// Joins words as "a, b and c".
std::string join_words(const std::vector<std::string>& words, std::string_view last = " and ");
// `text` cut to at most `cells` code points, the last one an ellipsis when
// anything was cut (cells >= 1).
std::string cut_with_ellipsis(std::string_view text, std::size_t cells);
// Greedy word wrap into lines of at most `width` code points: the first line
// indented by `indent`, the rest by `hang`. Words break only where one is
// longer than a whole line. Always at least one line.
std::vector<std::string> wrap_words(std::string_view text, std::size_t width, std::size_t indent,
                                    std::size_t hang);

}  // namespace aidecide
