// SPDX-License-Identifier: MIT
#pragma once
// Text helpers shared by loaders and renderers: UTF-8 checks, escaping of
// untrusted text, suggestions and number formatting.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/diagnostic.hpp"

namespace aidecide {

std::size_t count_code_points(std::string_view utf8);
std::string_view strip_bom(std::string_view text);

struct TextProblem {
  SourcePos pos;
  std::string message;
};
// The first invalid UTF-8 sequence or forbidden control character (anything
// below U+0020 but tab, LF and CR; DEL; C1 controls), with its position.
std::optional<TextProblem> find_invalid_text(std::string_view text);

// Untrusted text made safe for a terminal line: control characters (C0, DEL,
// C1) and bidirectional overrides become visible escapes such as \x1b or
// \u202e, so the text cannot move the cursor, change colours or reorder.
std::string escape_for_message(std::string_view text);

// Untrusted text for HTML text and attribute values: controls made visible
// (escape_for_message), then & < > " ' as entities.
std::string escape_html(std::string_view text);
// Untrusted text inline in Markdown: controls made visible, HTML
// metacharacters as entities, Markdown punctuation backslash-escaped, and @
// written as an entity so a profile name cannot mention (notify) people.
std::string escape_markdown(std::string_view text);
// One CSV cell (RFC 4180): controls made visible; a cell that a spreadsheet
// would read as a formula (= + - @ at the start) gets a leading apostrophe;
// quoted when it holds a comma, quote or space at either end.
std::string csv_cell(std::string_view text);
// A file name stem from untrusted text: lower-case ASCII letters, digits and
// '-', at most 60 characters, never empty, never '.' or '..'.
std::string safe_file_stem(std::string_view text);

// The closest candidate by edit distance, if close enough to be a likely typo.
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates);

// x with exactly `decimals` (1 or 2) places at `out` (room for 40 bytes),
// the bytes fmt's "{:.1f}" / "{:.2f}" write (the exact value correctly
// rounded, exact halves to even, "-0.0" for negative zero); returns the end.
char* write_decimals(char* out, double x, int decimals);

// Numbers for people: 1200000 -> "1,200,000"; 0.5 -> "0.5"; at most 2 decimals.
std::string format_number(double x);
// format_number(x) appended to `out`.
void append_number(std::string& out, double x);
// Money for people: 1234.5 -> "$1,235"; 0.25 -> "$0.25".
std::string format_usd(double x);
// Compact form for tables: 1200000 -> "1.2M", 250000 -> "250k".
std::string format_compact(double x);

// An ISO 8601 calendar date, YYYY-MM-DD.
bool is_iso_date(std::string_view text);

// Joins with one separator throughout: join({"a","b"}, " | ") == "a | b".
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// Joins words as "a, b and c".
std::string join_words(const std::vector<std::string>& words, std::string_view last = " and ");

}  // namespace aidecide
