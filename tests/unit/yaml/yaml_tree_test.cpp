// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "load/loaders.hpp"
#include "yaml/yaml_tree.hpp"

using namespace aidecide;
using aidecide::test::first_error;

namespace {
std::string yaml_error(const std::string& text, const YamlLimits& limits = {}) {
  return first_error([&] { parse_yaml(text, "f.yaml", limits); });
}
}  // namespace

TEST_CASE("yaml tree keeps keys, values and their positions", "[yaml]") {
  const YamlNode root = parse_yaml("a: 1\nb:\n  - x\n  - 'y'\n", "f.yaml");
  REQUIRE(root.is_mapping());
  REQUIRE(root.entries.size() == 2);
  CHECK(root.entries[0].first.value == "a");
  CHECK(root.entries[0].second.value == "1");
  CHECK(root.entries[0].second.pos.line == 1);
  CHECK(root.entries[0].second.pos.column == 4);
  const YamlNode* b = root.find("b");
  REQUIRE(b != nullptr);
  REQUIRE(b->items.size() == 2);
  CHECK(b->items[0].plain);
  CHECK_FALSE(b->items[1].plain);
  CHECK(b->items[1].pos.line == 4);
  CHECK(b->items[1].pos.column == 5);
}

TEST_CASE("yaml tree keeps both copies of a duplicate key", "[yaml]") {
  const YamlNode root = parse_yaml("a: 1\na: 2\n", "f.yaml");
  REQUIRE(root.entries.size() == 2);
  CHECK(root.entries[1].second.value == "2");
}

TEST_CASE("yaml columns count code points, not bytes", "[yaml]") {
  const YamlNode root = parse_yaml("name: \"Zürich café\"\nx: [é, z]\n", "f.yaml");
  const YamlNode* x = root.find("x");
  REQUIRE(x != nullptr);
  CHECK(x->items[1].pos.column == 8);
}

TEST_CASE("yaml tree handles a byte-order mark and CRLF line ends", "[yaml]") {
  const YamlNode root = parse_yaml(
      "\xEF\xBB\xBF"
      "a: 1\r\nb: 2\r\n",
      "f.yaml");
  REQUIRE(root.entries.size() == 2);
  CHECK(root.entries[1].second.value == "2");
  CHECK(root.entries[1].second.pos.line == 2);
  CHECK(root.entries[1].second.pos.column == 4);
}

TEST_CASE("an empty document is a null node", "[yaml]") {
  CHECK(parse_yaml("", "f.yaml").is_null());
  CHECK(parse_yaml("# only a comment\n", "f.yaml").is_null());
}

TEST_CASE("yaml tree refuses what could hurt or mislead", "[yaml]") {
  SECTION("anchors") {
    CHECK(yaml_error("a: &x 1\n") ==
          "1:4: YAML anchors (&name) are not allowed; write the value out");
  }
  SECTION("aliases") {
    CHECK(yaml_error("a: [1]\nb: *x\n") ==
          "2:4: invalid YAML: the referenced anchor is not defined");
  }
  SECTION("tags") {
    CHECK(yaml_error("a: !!binary aGk=\n") ==
          "1:4: YAML tags (tag:yaml.org,2002:binary) are not allowed");
  }
  SECTION("deep nesting") {
    CHECK(yaml_error(std::string(40, '[') + std::string(40, ']')) ==
          "1:33: nesting is too deep (the limit is 32 levels)");
  }
  SECTION("too many values") {
    YamlLimits limits;
    limits.max_nodes = 10;
    CHECK(yaml_error("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]", limits) ==
          "1:29: too many values (the limit is 10)");
  }
  SECTION("long values") {
    YamlLimits limits;
    limits.max_scalar_bytes = 8;
    CHECK(yaml_error("a: 123456789\n", limits) ==
          "1:4: value is too long (9 bytes; the limit is 8)");
  }
  SECTION("large files") {
    YamlLimits limits;
    limits.max_bytes = 4;
    CHECK(yaml_error("a: 12\n", limits) ==
          "1:5: file is too large (6 bytes; the limit is 4 bytes)");
  }
  SECTION("invalid UTF-8") {
    CHECK(yaml_error("a: \xff\n") == "1:4: not UTF-8 text (byte 0xff); is this a binary file?");
  }
  SECTION("control characters") {
    CHECK(yaml_error("a: b\x1b[31m\n") ==
          "1:5: control character U+001B is not allowed; is this a binary file?");
  }
  SECTION("two documents") {
    CHECK(yaml_error("a: 1\n---\nb: 2\n") == "2:1: only one YAML document is allowed per file");
  }
  SECTION("syntax errors") {
    CHECK(yaml_error("a: [1, 2\n") == "2:1: invalid YAML: end of sequence flow not found");
  }
  SECTION("complex keys") {
    CHECK(yaml_error("? [a]\n: 1\n") == "1:3: a key must be plain text");
  }
}

TEST_CASE("the binary tree form keeps every value and position", "[yaml][tree]") {
  const std::string text = "a: 1\nb:\n  - x\n  - 'yes'\n  - ~\nc: {d: caf\xc3\xa9}\n";
  const YamlNode parsed = parse_yaml(text, "t.yaml");
  const YamlNode back = deserialize_yaml_tree(serialize_yaml_tree(parsed));
  CHECK(serialize_yaml_tree(back) == serialize_yaml_tree(parsed));
  REQUIRE(back.entries.size() == 3);
  CHECK(back.entries[1].second.items[1].value == "yes");
  CHECK(back.entries[1].second.items[1].plain == false);
  CHECK(back.entries[1].second.items[2].is_null());
  CHECK(back.entries[2].second.entries[0].second.pos.line == 6);
  CHECK(back.entries[2].second.entries[0].second.pos.column == 8);
  // Damaged data is an error, never a crash.
  const std::string blob = serialize_yaml_tree(parsed);
  for (std::size_t cut = 0; cut < blob.size(); ++cut) {
    CHECK_THROWS_AS(deserialize_yaml_tree(blob.substr(0, cut)), Error);
  }
  // A count of children larger than the bytes left is damage, refused
  // before any room is made for them: a sequence (kind 2) of 2^31 items
  // at line 1, column 1, in 9 bytes.
  const std::string huge{"\x02\x00\x01\x01\x80\x80\x80\x80\x08", 9};
  CHECK_THROWS_WITH(deserialize_yaml_tree(huge), "the embedded data is damaged; rebuild aidecide");
}

TEST_CASE("the embedded trees hold exactly the embedded files", "[yaml][tree]") {
  CHECK(serialize_yaml_tree(parse_yaml(embedded_criteria_text(), "c")) ==
        std::string(embedded_criteria_tree()));
  CHECK(serialize_yaml_tree(parse_yaml(embedded_pricing_text(), "p")) ==
        std::string(embedded_pricing_tree()));
}
