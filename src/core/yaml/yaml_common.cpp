// SPDX-License-Identifier: MIT
#include "yaml/yaml_common.hpp"

#include <utility>
#include <vector>

#include "aidecide/text.hpp"

namespace aidecide {
namespace {

// Nothing here reports an error: whatever is not plainly the common shape
// makes run() return nullopt, and yaml-cpp then parses the text and reports
// whatever is wrong with it, with its own position.

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_key_char(char c) {
  return is_alnum(c) || c == '_' || c == '-' || c == '.';
}

// What yaml-cpp reads as null rather than as text (YAML::IsNullString).
bool is_null_word(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// A plain value starts with a letter, a digit or a number's sign or point;
// every YAML indicator that could start something else is left to yaml-cpp.
bool is_plain_start(std::string_view line, std::size_t i) {
  const char c = line[i];
  if (is_alnum(c) || c == '_' || c == '/' || c == '$' || c == '(') return true;
  return (c == '-' || c == '+' || c == '.') && i + 1 < line.size() && is_digit(line[i + 1]);
}

// Characters that would make a list item more than a plain word.
bool not_in_list_word(char c) {
  switch (c) {
    case '[':
    case '{':
    case '}':
    case '#':
    case ':':
    case '"':
    case '\'':
    case '?':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '%':
    case '@':
    case '`':
      return true;
    default:
      return false;
  }
}

class Reader {
 public:
  Reader(std::string_view text, const YamlLimits& limits) : m_text(text), m_limits(limits) {}

  std::optional<YamlNode> run() {
    // Two scans of the whole text for a tab or a carriage return:
    // find_first_of() looks each character up in the set with a call of its own.
    if (!is_ascii(m_text) || m_text.find('\t') != std::string_view::npos ||
        m_text.find('\r') != std::string_view::npos)
      return {};
    std::size_t start = 0;
    while (start < m_text.size() || m_line == 0) {
      std::size_t end = m_text.find('\n', start);
      if (end == std::string_view::npos) end = m_text.size();
      ++m_line;
      if (!line(m_text.substr(start, end - start))) return {};
      if (end == m_text.size()) break;
      start = end + 1;
    }
    if (m_frames.empty() || m_opener) return {};  // empty, or a key without a value
    while (m_frames.size() > 1) close();
    return std::move(m_frames.front().node);
  }

 private:
  // An open block mapping: its indentation and the key waiting for the
  // nested mapping that is its value.
  struct Frame {
    YamlNode node;
    std::size_t indent = 0;
    YamlNode key;
  };

  SourcePos pos(std::size_t offset) const { return {m_line, static_cast<int>(offset) + 1}; }

  bool count() { return ++m_nodes <= m_limits.max_nodes; }

  // Room for one more mapping or list inside the open mappings.
  bool container() {
    return m_frames.size() < static_cast<std::size_t>(m_limits.max_depth) && count();
  }

  bool open(std::size_t indent) {
    if (!container()) return false;
    Frame f;
    f.node.kind = YamlNode::Kind::mapping;
    f.node.pos = pos(indent);
    f.indent = indent;
    m_frames.push_back(std::move(f));
    return true;
  }

  void close() {
    Frame child = std::move(m_frames.back());
    m_frames.pop_back();
    Frame& parent = m_frames.back();
    parent.node.entries.push_back(YamlEntry{std::move(parent.key), std::move(child.node)});
  }

  bool scalar(YamlNode& node, std::string_view value, std::size_t at, bool plain) {
    if (value.size() > m_limits.max_scalar_bytes || (plain && is_null_word(value)) || !count())
      return false;
    node.kind = YamlNode::Kind::scalar;
    node.value.assign(value);
    node.plain = plain;
    node.pos = pos(at);
    return true;
  }

  // One line; false when it is not in the common shape.
  bool line(std::string_view text) {
    std::size_t i = text.find_first_not_of(' ');
    if (i == std::string_view::npos) return true;  // blank
    if (text[i] == '#') {
      // A comment deeper than the last value might continue it; yaml-cpp decides.
      return m_value_indent < 0 || i <= static_cast<std::size_t>(m_value_indent);
    }
    if (m_opener) {
      if (i <= m_frames.back().indent || !open(i)) return false;
      m_opener = false;
    } else if (m_frames.empty()) {
      if (i != 0 || !open(0)) return false;
    } else {
      if (m_value_indent >= 0 && i > static_cast<std::size_t>(m_value_indent)) return false;
      while (m_frames.size() > 1 && i < m_frames.back().indent) close();
      if (i != m_frames.back().indent) return false;
    }
    return entry(text, i);
  }

  // `key: value`, `key:` before a nested mapping, an optional comment after.
  bool entry(std::string_view text, std::size_t i) {
    const std::size_t key_at = i;
    if (!is_alnum(text[i]) && text[i] != '_') return false;
    while (i < text.size() && is_key_char(text[i])) ++i;
    if (i == text.size() || text[i] != ':') return false;
    YamlNode key;
    if (!scalar(key, text.substr(key_at, i - key_at), key_at, true)) return false;
    ++i;
    if (i < text.size() && text[i] != ' ') return false;
    i = text.find_first_not_of(' ', i);
    if (i == std::string_view::npos || text[i] == '#') {
      m_frames.back().key = std::move(key);
      m_opener = true;
      m_value_indent = -1;
      return true;
    }
    YamlNode value;
    std::size_t end = 0;
    if (text[i] == '[') {
      end = list(text, i, value);
    } else if (text[i] == '"' || text[i] == '\'') {
      end = quoted(text, i, value);
    } else if (is_plain_start(text, i)) {
      end = plain(text, i, value);
    }
    if (end == 0 || !after_value(text, end)) return false;
    m_frames.back().node.entries.push_back(YamlEntry{std::move(key), std::move(value)});
    m_value_indent = static_cast<int>(key_at);
    return true;
  }

  // Only blanks or a comment may follow a value.
  static bool after_value(std::string_view text, std::size_t end) {
    const std::size_t k = text.find_first_not_of(' ', end);
    return k == std::string_view::npos || (text[k] == '#' && k > end);
  }

  // A plain value to the end of the line or a comment; 0 when yaml-cpp
  // would read more into it (": " starts a mapping, a null word is null).
  std::size_t plain(std::string_view text, std::size_t i, YamlNode& node) {
    std::size_t end = text.size();
    for (std::size_t k = i; k < text.size(); ++k) {
      const char c = text[k];
      if (c == ':' && (k + 1 == text.size() || text[k + 1] == ' ')) return 0;
      if (c == '#' && text[k - 1] == ' ') {
        end = k;
        break;
      }
    }
    while (end > i && text[end - 1] == ' ') --end;
    return scalar(node, text.substr(i, end - i), i, true) ? end : 0;
  }

  // A quoted value without escapes ("\", '') on one line.
  std::size_t quoted(std::string_view text, std::size_t i, YamlNode& node) {
    const char q = text[i];
    const std::size_t close = text.find(q, i + 1);
    if (close == std::string_view::npos) return 0;
    const std::string_view inside = text.substr(i + 1, close - i - 1);
    if (q == '"' && inside.find('\\') != std::string_view::npos) return 0;
    if (q == '\'' && close + 1 < text.size() && text[close + 1] == '\'') return 0;
    return scalar(node, inside, i, false) ? close + 1 : 0;
  }

  // `[a, b c, 1.5]` on one line: plain words only, no empty or trailing item.
  std::size_t list(std::string_view text, std::size_t i, YamlNode& node) {
    if (!container()) return 0;
    node.kind = YamlNode::Kind::sequence;
    node.pos = pos(i);
    std::size_t k = text.find_first_not_of(' ', i + 1);
    if (k == std::string_view::npos) return 0;
    if (text[k] == ']') return k + 1;
    while (true) {
      const std::size_t start = k;
      if (!is_plain_start(text, start)) return 0;
      while (k < text.size() && text[k] != ',' && text[k] != ']') {
        if (not_in_list_word(text[k])) return 0;
        ++k;
      }
      if (k == text.size()) return 0;
      std::size_t end = k;
      while (text[end - 1] == ' ') --end;
      YamlNode item;
      if (!scalar(item, text.substr(start, end - start), start, true)) return 0;
      node.items.push_back(std::move(item));
      if (text[k] == ']') return k + 1;
      k = text.find_first_not_of(' ', k + 1);
      if (k == std::string_view::npos || text[k] == ']' || text[k] == ',') return 0;
    }
  }

  std::string_view m_text;
  const YamlLimits& m_limits;
  std::vector<Frame> m_frames;
  int m_line = 0;
  std::size_t m_nodes = 0;
  bool m_opener = false;    // the last key waits for a nested mapping
  int m_value_indent = -1;  // indentation of the key whose value ended the last line
};

}  // namespace

std::optional<YamlNode> parse_common_yaml(std::string_view text, const YamlLimits& limits) {
  return Reader(text, limits).run();
}

}  // namespace aidecide
