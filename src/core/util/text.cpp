// SPDX-License-Identifier: MIT
// Suggestions, joining words and dates.
#include "aidecide/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <vector>

namespace aidecide {

namespace {
// Levenshtein distance over bytes (ids are ASCII), or `limit` when it is at
// least that: the length difference alone bounds it from below, so a long
// line typed at a prompt costs nothing.
std::size_t edit_distance_below(std::string_view word, std::string_view candidate,
                                std::size_t limit) {
  const std::size_t gap = word.size() > candidate.size() ? word.size() - candidate.size()
                                                         : candidate.size() - word.size();
  if (gap >= limit) return limit;
  std::vector<std::size_t> row(candidate.size() + 1);
  for (std::size_t j = 0; j <= candidate.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= word.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= candidate.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = word[i - 1] == candidate[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return std::min(row[candidate.size()], limit);
}
}  // namespace

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  bool best_by_prefix = false;
  for (const auto& candidate : candidates) {
    const bool prefix = candidate.size() > 3 && word.size() >= 3 &&
                        (candidate.starts_with(word) || word.starts_with(candidate));
    const std::size_t spelled = edit_distance_below(word, candidate, best_distance + 1);
    const bool by_prefix = prefix && spelled > 1;
    const std::size_t distance = by_prefix ? 1 : spelled;
    // On a tie a near spelling beats a mere prefix ('gpt-4o-mni': gpt-4o-mini, not gpt-4o).
    if (distance < best_distance || (distance == best_distance && best_by_prefix && !by_prefix)) {
      best_distance = distance;
      best_by_prefix = by_prefix;
      best = candidate;
    }
  }
  return best;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ascii_lower(a) == ascii_lower(b);
}

bool is_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  }
  const int year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  const int month = (t[5] - '0') * 10 + (t[6] - '0');
  const int day = (t[8] - '0') * 10 + (t[9] - '0');
  if (month < 1 || month > 12 || day < 1) return false;
  // A day the calendar has: no 2026-02-30 (Gregorian leap years).
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.emplace_back(text.substr(start));
      break;
    }
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string concat(std::initializer_list<std::string_view> pieces) {
  std::size_t size = 0;
  for (std::string_view piece : pieces) size += piece.size();
  std::string out;
  out.reserve(size);
  for (std::string_view piece : pieces) out += piece;
  return out;
}

std::string join_words(const std::vector<std::string>& words, std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += (i + 1 == words.size()) ? std::string(last) : std::string(", ");
    out += words[i];
  }
  return out;
}

}  // namespace aidecide

namespace aidecide {

std::string cut_with_ellipsis(std::string_view text, std::size_t cells) {
  if (count_code_points(text) <= cells) return std::string(text);
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size() && n + 1 < cells; ++i) {
    out += text[i];
    const bool next_starts =
        i + 1 >= text.size() || (static_cast<unsigned char>(text[i + 1]) & 0xC0) != 0x80;
    if (next_starts) ++n;
  }
  return out + "\u2026";
}

std::vector<std::string> wrap_words(std::string_view text, std::size_t width, std::size_t indent,
                                    std::size_t hang) {
  std::vector<std::string> lines;
  std::string line(indent, ' ');
  std::size_t used = indent;
  bool empty = true;  // no word on the line yet
  const auto new_line = [&] {
    lines.push_back(std::move(line));
    line.assign(hang, ' ');
    used = hang;
    empty = true;
  };
  // Line breaks and tabs in the text (YAML folds keep some) are spaces here.
  const auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && blank(text[i])) ++i;
    std::size_t end = i;
    while (end < text.size() && !blank(text[end])) ++end;
    if (i >= end) break;
    std::string_view word = text.substr(i, end - i);
    i = end;
    std::size_t len = count_code_points(word);
    if (!empty && used + 1 + len > width) new_line();
    // A word longer than a whole line: cut it at the line's end, as little as needed.
    while (used + (empty ? 0 : 1) + len > width && len > 0) {
      if (!empty) new_line();
      const std::size_t room = width > used ? width - used : 1;
      std::size_t bytes = 0;
      for (std::size_t n = 0; bytes < word.size() && n < room; ++n) {
        ++bytes;
        while (bytes < word.size() && (static_cast<unsigned char>(word[bytes]) & 0xC0) == 0x80)
          ++bytes;
      }
      line += word.substr(0, bytes);
      word.remove_prefix(bytes);
      len = count_code_points(word);
      empty = false;
      if (len > 0) new_line();
    }
    if (len == 0) continue;
    if (!empty) {
      line += ' ';
      ++used;
    }
    line += word;
    used += len;
    empty = false;
  }
  lines.push_back(std::move(line));
  return lines;
}

// Eight bytes at a time: every profile and record is scanned.
bool is_ascii(std::string_view text) {
  std::size_t i = 0;
  std::uint64_t high = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, text.data() + i, sizeof w);
    high |= w;
  }
  for (; i < text.size(); ++i) high |= static_cast<unsigned char>(text[i]);
  return (high & 0x8080808080808080ULL) == 0;
}

}  // namespace aidecide
