// SPDX-License-Identifier: MIT
// Escaping of untrusted text, one function per sink (docs/security.md):
// terminals and logs, HTML and XML, Markdown, CSV, GitHub workflow commands,
// file names. Every renderer escapes through these and nothing else.
#include "aidecide/escape.hpp"

#include <fmt/format.h>

#include <cctype>

#include "util/utf8.hpp"

namespace aidecide {

std::string escape_for_message(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    } else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp) || is_invisible(cp)) {
      out += cp > 0xFFFF ? fmt::format("\\U{:08x}", static_cast<unsigned>(cp))
                         : fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

namespace {

// `text` with each byte that `replacement` names replaced (an empty
// replacement keeps the byte): the shape the escapers below share.
template <class Replacement>
std::string replace_bytes(std::string_view text, Replacement replacement) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const std::string_view r = replacement(c);
    if (r.empty()) {
      out += c;
    } else {
      out += r;
    }
  }
  return out;
}

// The entities HTML and Markdown both need.
std::string_view markup_entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    default:
      return {};
  }
}

std::string_view html_entity(char c) {
  switch (c) {
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return markup_entity(c);
  }
}

std::string_view markdown_escape(char c) {
  switch (c) {
    case '@':
      return "&#64;";
    case '\\':
      return "\\\\";
    case '`':
      return "\\`";
    case '*':
      return "\\*";
    case '_':
      return "\\_";
    case '[':
      return "\\[";
    case ']':
      return "\\]";
    case '|':
      return "\\|";
    case '#':
      return "\\#";
    case '~':
      return "\\~";
    default:
      return markup_entity(c);
  }
}

std::string_view github_message_escape(char c) {
  switch (c) {
    case '%':
      return "%25";
    case '\r':
      return "%0D";
    case '\n':
      return "%0A";
    default:
      return {};
  }
}

std::string_view github_property_escape(char c) {
  switch (c) {
    case ':':
      return "%3A";
    case ',':
      return "%2C";
    default:
      return github_message_escape(c);
  }
}

}  // namespace

std::string escape_html(std::string_view text) {
  return replace_bytes(escape_for_message(text), html_entity);
}

std::string escape_xml(std::string_view text) {
  return escape_html(text);
}

namespace {
// A URL written out stays text: GitHub's Markdown links every "scheme://"
// and "www." it sees, so they are written defanged, "https[:]//" and
// "www[.]", the way security advisories quote hostile addresses.
std::string defang_urls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "://") == 0) {
      out += "[:]";
      continue;
    }
    const bool word_start = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
    if (word_start && (text.compare(i, 4, "www.") == 0 || text.compare(i, 4, "WWW.") == 0)) {
      out.append(text.substr(i, 3)).append("[.]");
      i += 3;
      continue;
    }
    out += text[i];
  }
  return out;
}
}  // namespace

std::string escape_markdown(std::string_view text) {
  return replace_bytes(defang_urls(escape_for_message(text)), markdown_escape);
}

std::string csv_cell(std::string_view text) {
  const std::string visible = escape_for_message(text);
  const bool formula = !visible.empty() && (visible[0] == '=' || visible[0] == '+' ||
                                            visible[0] == '-' || visible[0] == '@');
  const std::string cell = formula ? "'" + visible : visible;
  const bool quote = cell.find_first_of(",\"") != std::string::npos ||
                     (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!quote) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  return out + '"';
}

std::string safe_file_stem(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 60) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "profile" : out;
}

std::string github_escape_message(std::string_view text) {
  return replace_bytes(text, github_message_escape);
}

std::string github_escape_property(std::string_view text) {
  return replace_bytes(text, github_property_escape);
}

std::string github_log_text(std::string_view text) {
  return github_escape_message(escape_for_message(text));
}

std::string github_log_property(std::string_view text) {
  return github_escape_property(escape_for_message(text));
}

std::string github_log_line(std::string_view text) {
  std::string line = github_log_text(text);
  // A line the runner would read as a command ("::stop-commands::...") is
  // one no more: a path that starts with ':' is written "./:...".
  if (line.starts_with(':')) line.insert(0, "./");
  return line;
}

}  // namespace aidecide
