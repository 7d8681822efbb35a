// SPDX-License-Identifier: MIT
#pragma once
// A small terminal for tests: it plays what the rich renderer writes (text,
// CR, LF, cursor up/right, erase below, clear, reverse video) onto a grid of
// `width` x `height` cells that scrolls like a terminal, and remembers
// whether anything ever reached the last column (a terminal would have
// wrapped it) or asked for a sequence it does not know.

#include <string>
#include <vector>

namespace aidecide::test {

class VtScreen {
 public:
  VtScreen(int width, int height)
      : m_width(width), m_height(height), m_rows(static_cast<std::size_t>(height)) {}

  void play(const std::string& bytes) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      const char c = bytes[i];
      if (c == '\r') {
        m_col = 0;
      } else if (c == '\n') {
        line_feed();
      } else if (c == '\x1b') {
        i = escape(bytes, i);
      } else {
        std::size_t len = 1;  // one UTF-8 code point, one cell
        while (i + len < bytes.size() &&
               (static_cast<unsigned char>(bytes[i + len]) & 0xC0) == 0x80)
          ++len;
        put(bytes.substr(i, len));
        i += len - 1;
      }
    }
  }

  // The visible rows, trailing blanks cut.
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const Row& r : m_rows) {
      std::string line;
      for (const Cell& cell : r) line += cell.text.empty() ? " " : cell.text;
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out.push_back(line);
    }
    return out;
  }
  // Runs of consecutive rows holding reverse-video text: one per highlighted
  // entry, however many lines it wraps to.
  std::size_t highlighted_blocks() const {
    std::size_t n = 0;
    bool previous = false;
    for (const Row& r : m_rows) {
      bool lit = false;
      for (const Cell& cell : r)
        lit = lit || (cell.reverse && !cell.text.empty() && cell.text != " ");
      if (lit && !previous) ++n;
      previous = lit;
    }
    return n;
  }
  std::string text() const {
    std::string out;
    for (const auto& l : lines()) out += l + "\n";
    return out;
  }
  bool reached_last_column() const { return m_overflow; }
  const std::string& unknown() const { return m_unknown; }
  int cursor_row() const { return m_row; }

 private:
  struct Cell {
    std::string text;
    bool reverse = false;
  };
  using Row = std::vector<Cell>;

  void put(const std::string& glyph) {
    if (m_col >= m_width - 1) m_overflow = true;  // the renderer keeps one column free
    if (m_col >= m_width) {
      m_col = 0;
      line_feed();
    }
    Row& r = m_rows[static_cast<std::size_t>(m_row)];
    if (r.size() <= static_cast<std::size_t>(m_col)) r.resize(static_cast<std::size_t>(m_col) + 1);
    r[static_cast<std::size_t>(m_col)] = {glyph, m_reverse};
    ++m_col;
  }
  void line_feed() {
    if (m_row + 1 < m_height) {
      ++m_row;
    } else {
      m_rows.erase(m_rows.begin());
      m_rows.emplace_back();
    }
  }
  std::size_t escape(const std::string& b, std::size_t i) {
    if (i + 1 >= b.size() || b[i + 1] != '[') {
      m_unknown += "ESC?";
      return i;
    }
    std::size_t j = i + 2;
    std::string params;
    while (j < b.size() && !(b[j] >= 0x40 && b[j] <= 0x7e)) params += b[j++];
    const char final = j < b.size() ? b[j] : '?';
    const int n = params.empty() || params[0] == '?' ? 1 : std::atoi(params.c_str());
    switch (final) {
      case 'A':
        m_row = std::max(0, m_row - n);
        break;
      case 'C':
        m_col = std::min(m_width - 1, m_col + n);
        break;
      case 'J':
        if (params == "2") {
          for (Row& r : m_rows) r.clear();
        } else {
          Row& r = m_rows[static_cast<std::size_t>(m_row)];
          if (r.size() > static_cast<std::size_t>(m_col)) r.resize(static_cast<std::size_t>(m_col));
          for (std::size_t k = static_cast<std::size_t>(m_row) + 1; k < m_rows.size(); ++k)
            m_rows[k].clear();
        }
        break;
      case 'K': {
        Row& r = m_rows[static_cast<std::size_t>(m_row)];
        if (r.size() > static_cast<std::size_t>(m_col)) r.resize(static_cast<std::size_t>(m_col));
        break;
      }
      case 'H':
        m_row = 0;
        m_col = 0;
        break;
      case 'm':
        if (params == "7") m_reverse = true;
        if (params == "0" || params.empty()) m_reverse = false;
        break;
      case 'h':
      case 'l':
        if (params != "?25") m_unknown += "ESC[" + params + final;
        break;
      default:
        m_unknown += "ESC[" + params + final;
    }
    return j;
  }

  int m_width, m_height;
  std::vector<Row> m_rows;
  int m_row = 0, m_col = 0;
  bool m_reverse = false;
  bool m_overflow = false;
  std::string m_unknown;
};

}  // namespace aidecide::test
