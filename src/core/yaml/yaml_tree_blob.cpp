// SPDX-License-Identifier: MIT
// A compact binary form of a parsed YAML tree, positions included. The
// build parses the embedded criteria and prices once and compiles this form
// into the binary, so start-up skips yaml-cpp (about 2 ms of a 5 ms run).
//
//   node  := kind:u8 plain:u8 line:varint column:varint body
//   body  := scalar: length:varint bytes | sequence: count:varint node*
//          | mapping: count:varint (node node)* | null: nothing
#include <cstdint>

#include "yaml/yaml_tree.hpp"

namespace aidecide {
namespace {

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_node(std::string& out, const YamlNode& n) {
  out += static_cast<char>(n.kind);
  out += static_cast<char>(n.plain ? 1 : 0);
  put_varint(out, static_cast<std::uint64_t>(n.pos.line));
  put_varint(out, static_cast<std::uint64_t>(n.pos.column));
  switch (n.kind) {
    case YamlNode::Kind::scalar:
      put_varint(out, n.value.size());
      out += n.value;
      break;
    case YamlNode::Kind::sequence:
      put_varint(out, n.items.size());
      for (const YamlNode& item : n.items) put_node(out, item);
      break;
    case YamlNode::Kind::mapping:
      put_varint(out, n.entries.size());
      for (const YamlEntry& e : n.entries) {
        put_node(out, e.first);
        put_node(out, e.second);
      }
      break;
    case YamlNode::Kind::null:
      break;
  }
}

class Reader {
 public:
  explicit Reader(std::string_view blob) : m_blob(blob) {}

  // Fills `n` in place: children are made where they will stay, not
  // built apart and moved in.
  void node(YamlNode& n, int depth) {
    if (depth > 64) fail();
    const auto kind = byte();
    if (kind > static_cast<std::uint8_t>(YamlNode::Kind::mapping)) fail();
    n.kind = static_cast<YamlNode::Kind>(kind);
    n.plain = byte() != 0;
    n.pos.line = static_cast<int>(varint());
    n.pos.column = static_cast<int>(varint());
    switch (n.kind) {
      case YamlNode::Kind::scalar: {
        const auto size = varint();
        if (size > m_blob.size() - m_at) fail();
        n.value.assign(m_blob.substr(m_at, size));
        m_at += size;
        break;
      }
      case YamlNode::Kind::sequence: {
        const auto count = varint();
        if (count > m_blob.size() - m_at) fail();  // every node takes a byte or more
        n.items.resize(count);
        for (YamlNode& item : n.items) node(item, depth + 1);
        break;
      }
      case YamlNode::Kind::mapping: {
        const auto count = varint();
        if (count > m_blob.size() - m_at) fail();
        n.entries.resize(count);
        for (YamlEntry& e : n.entries) {
          node(e.first, depth + 1);
          node(e.second, depth + 1);
        }
        break;
      }
      case YamlNode::Kind::null:
        break;
    }
  }

  bool done() const { return m_at == m_blob.size(); }

 private:
  [[noreturn]] static void fail() { throw Error("the embedded data is damaged; rebuild aidecide"); }
  std::uint8_t byte() {
    if (m_at >= m_blob.size()) fail();
    return static_cast<std::uint8_t>(m_blob[m_at++]);
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const std::uint8_t b = byte();
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (v > (std::uint64_t{1} << 31)) fail();
        return v;
      }
    }
    fail();
  }

  std::string_view m_blob;
  std::size_t m_at = 0;
};

}  // namespace

std::string serialize_yaml_tree(const YamlNode& root) {
  std::string out;
  put_node(out, root);
  return out;
}

YamlNode deserialize_yaml_tree(std::string_view blob) {
  Reader reader(blob);
  YamlNode root;
  reader.node(root, 0);
  if (!reader.done()) throw Error("the embedded data is damaged; rebuild aidecide");
  return root;
}

}  // namespace aidecide
