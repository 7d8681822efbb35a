// SPDX-License-Identifier: MIT
#include "yaml/yaml_tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <iterator>
#include <sstream>

#include "aidecide/escape.hpp"
#include "aidecide/text.hpp"
#include "yaml/yaml_common.hpp"

namespace aidecide {
namespace {

// Thrown inside the event handler to stop yaml-cpp at once; turned into an
// InputError with the position it carries.
struct StopParsing {
  SourcePos pos;
  std::string message;
};

class PositionMap {
 public:
  explicit PositionMap(std::string_view text) : m_text(text), m_ascii(is_ascii(text)) {}
  // yaml-cpp marks are 0-based with byte columns; people count code points
  // from 1 (in ASCII text, the same as bytes: most files).
  SourcePos at(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.line < 0) return {1, 1};
    if (m_ascii) return {mark.line + 1, std::max(mark.column, 0) + 1};
    const auto pos = static_cast<std::size_t>(std::max(mark.pos, 0));
    const auto col = static_cast<std::size_t>(std::max(mark.column, 0));
    const std::size_t line_start = pos >= col ? pos - col : 0;
    const std::size_t end = std::min(pos, m_text.size());
    const std::size_t start = std::min(line_start, end);
    return {mark.line + 1,
            static_cast<int>(count_code_points(m_text.substr(start, end - start))) + 1};
  }

 private:
  std::string_view m_text;
  bool m_ascii;
};

class TreeBuilder : public YAML::EventHandler {
 public:
  // `pending` holds the children of the open containers (a buffer the
  // caller may reuse from parse to parse; it is cleared here).
  TreeBuilder(const PositionMap& positions, const YamlLimits& limits,
              std::vector<YamlNode>& pending)
      : m_positions(positions), m_limits(limits), m_pending(pending) {
    m_pending.clear();
  }

  YamlNode take_root() { return std::move(m_root); }
  bool has_root() const { return m_has_root; }

  // Where the document starts (1:1 when yaml-cpp gives no mark).
  SourcePos first_position() const { return m_start; }

  void OnDocumentStart(const YAML::Mark& mark) override { m_start = m_positions.at(mark); }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    refuse_anchor(mark, anchor);
    YamlNode node;
    node.pos = m_positions.at(mark);
    add(std::move(node));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw StopParsing{m_positions.at(mark),
                      "YAML aliases (*name) are not allowed; write the value out"};
  }

  void OnAnchor(const YAML::Mark& mark, const std::string&) override {
    throw StopParsing{m_positions.at(mark),
                      "YAML anchors (&name) are not allowed; write the value out"};
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    refuse_anchor(mark, anchor);
    refuse_tag(mark, tag);
    if (value.size() > m_limits.max_scalar_bytes) {
      throw StopParsing{m_positions.at(mark),
                        fmt::format("value is too long ({} bytes; the limit is {})", value.size(),
                                    m_limits.max_scalar_bytes)};
    }
    YamlNode node;
    node.kind = YamlNode::Kind::scalar;
    node.value = value;
    node.plain = tag == "?";
    node.pos = m_positions.at(mark);
    add(std::move(node));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, YamlNode::Kind::sequence);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, YamlNode::Kind::mapping);
  }
  void OnMapEnd() override { close(); }

 private:
  // An open container; its children so far are m_pending[first...] (keys
  // and values alternating in a mapping), moved into it in one go when it
  // closes, so no container grows one child at a time.
  struct Frame {
    YamlNode node;
    std::size_t first = 0;
  };

  void refuse_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) const {
    if (anchor != YAML::NullAnchor) {
      throw StopParsing{m_positions.at(mark),
                        "YAML anchors (&name) are not allowed; write the value out"};
    }
  }

  void refuse_tag(const YAML::Mark& mark, const std::string& tag) const {
    if (!tag.empty() && tag != "?" && tag != "!") {
      throw StopParsing{m_positions.at(mark),
                        fmt::format("YAML tags ({}) are not allowed", escape_for_message(tag))};
    }
  }

  void count_node(const YAML::Mark& mark) {
    if (++m_nodes > m_limits.max_nodes) {
      throw StopParsing{m_positions.at(mark),
                        fmt::format("too many values (the limit is {})", m_limits.max_nodes)};
    }
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            YamlNode::Kind kind) {
    refuse_anchor(mark, anchor);
    refuse_tag(mark, tag);
    count_node(mark);
    if (static_cast<int>(m_stack.size()) >= m_limits.max_depth) {
      throw StopParsing{
          m_positions.at(mark),
          fmt::format("nesting is too deep (the limit is {} levels)", m_limits.max_depth)};
    }
    Frame frame;
    frame.node.kind = kind;
    frame.node.pos = m_positions.at(mark);
    frame.first = m_pending.size();
    m_stack.push_back(std::move(frame));
  }

  void close() {
    const std::size_t first = m_stack.back().first;
    YamlNode node = std::move(m_stack.back().node);
    m_stack.pop_back();
    const auto children = m_pending.begin() + static_cast<std::ptrdiff_t>(first);
    const std::size_t count = m_pending.size() - first;
    if (node.kind == YamlNode::Kind::sequence) {
      node.items.reserve(count);
      std::move(children, m_pending.end(), std::back_inserter(node.items));
    } else {
      // yaml-cpp gives every key a value (a null one at least).
      node.entries.reserve(count / 2);
      for (std::size_t k = 0; k + 1 < count; k += 2)
        node.entries.push_back(YamlEntry{std::move(children[static_cast<std::ptrdiff_t>(k)]),
                                         std::move(children[static_cast<std::ptrdiff_t>(k + 1)])});
    }
    m_pending.erase(children, m_pending.end());
    add(std::move(node));
  }

  void add(YamlNode node) {
    if (node.kind == YamlNode::Kind::scalar || node.kind == YamlNode::Kind::null) {
      if (++m_nodes > m_limits.max_nodes) {
        throw StopParsing{node.pos,
                          fmt::format("too many values (the limit is {})", m_limits.max_nodes)};
      }
    }
    if (m_stack.empty()) {
      m_root = std::move(node);
      m_has_root = true;
      return;
    }
    const Frame& parent = m_stack.back();
    const bool is_key =
        parent.node.kind == YamlNode::Kind::mapping && (m_pending.size() - parent.first) % 2 == 0;
    if (is_key && node.kind != YamlNode::Kind::scalar) {
      throw StopParsing{node.pos, "a key must be plain text"};
    }
    m_pending.push_back(std::move(node));
  }

  const PositionMap& m_positions;
  const YamlLimits& m_limits;
  std::vector<YamlNode>& m_pending;
  std::vector<Frame> m_stack;
  YamlNode m_root;
  bool m_has_root = false;
  std::size_t m_nodes = 0;
  SourcePos m_start{1, 1};
};

// Text checks yaml-cpp does not make: UTF-8 validity and control characters,
// which would otherwise reach terminals and reports.
void check_text(std::string_view text, const std::string& source) {
  const auto bad = find_invalid_text(text);
  if (!bad) return;
  throw InputError({{source, bad->pos, bad->message}});
}

// yaml-cpp reads a run of flow openers ('[' and '{') into tokens before
// its handler sees the first (a 1 MiB "[[[[..." took 245 MB), so the depth
// limit is applied to them first. Every opener counts, in quotes and
// comments too: no sensible file leaves that many open.
void check_flow_depth(std::string_view text, const std::string& source, int max_depth) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '[' || c == '{') {
      if (++depth > max_depth)
        throw InputError(
            {{source, position_at(text, i),
              fmt::format("nesting is too deep (the limit is {} levels)", max_depth)}});
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

}  // namespace

const YamlNode* YamlNode::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.value == key) return &v;
  }
  return nullptr;
}

std::string_view describe(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::null:
      return "empty";
    case YamlNode::Kind::scalar:
      return "a single value";
    case YamlNode::Kind::sequence:
      return "a list";
    case YamlNode::Kind::mapping:
      return "a mapping";
  }
  return "a value";
}

YamlNode parse_yaml(std::string_view text, const std::string& source, const YamlLimits& limits) {
  if (text.size() > limits.max_bytes) {
    throw InputError({{source, position_at(text, limits.max_bytes),
                       fmt::format("file is too large ({} bytes; the limit is {} bytes)",
                                   text.size(), limits.max_bytes)}});
  }
  text = strip_bom(text);
  check_text(text, source);
  check_flow_depth(text, source, limits.max_depth);
  if (std::optional<YamlNode> common = parse_common_yaml(text, limits)) return std::move(*common);
  return parse_yaml_events(text, source, limits);
}

YamlNode parse_yaml_events(std::string_view text, const std::string& source,
                           const YamlLimits& limits) {
  const PositionMap positions(text);
  std::istringstream stream{std::string(text)};
  try {
    YAML::Parser parser(stream);
    std::vector<YamlNode> pending;  // children waiting for their container to close
    TreeBuilder builder(positions, limits, pending);
    parser.HandleNextDocument(builder);
    YamlNode root = builder.take_root();
    TreeBuilder extra(positions, limits, pending);
    if (parser.HandleNextDocument(extra)) {
      throw InputError(
          {{source, extra.first_position(), "only one YAML document is allowed per file"}});
    }
    return root;
  } catch (const StopParsing& stop) {
    throw InputError({{source, stop.pos, stop.message}});
  } catch (const YAML::Exception& e) {
    throw InputError({{source, positions.at(e.mark), fmt::format("invalid YAML: {}", e.msg)}});
  }
}

}  // namespace aidecide
