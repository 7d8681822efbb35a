// SPDX-License-Identifier: MIT
// The common-shape reader against yaml-cpp: whatever it accepts must be the
// tree yaml-cpp builds, positions and quoting included.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../yaml_difference.hpp"
#include "aidecide/text.hpp"
#include "yaml/yaml_common.hpp"

using namespace aidecide;

namespace {

// "" when the common reader declines `text` or builds yaml-cpp's tree;
// otherwise what differs (yaml-cpp refusing what it accepted included).
std::string compare(std::string_view text, const YamlLimits& limits = {}) {
  const std::optional<YamlNode> common = parse_common_yaml(text, limits);
  if (!common) return {};
  try {
    return test::yaml_difference(*common, parse_yaml_events(text, "f.yaml", limits));
  } catch (const InputError& e) {
    return std::string("yaml-cpp refused it: ") + e.what();
  }
}

bool accepted(std::string_view text) {
  return parse_common_yaml(text, {}).has_value();
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* const kProfile =
    "# a profile\n"
    "name: Project 3\n"
    "description: Synthetic project 3 of the benchmark.  # why\n"
    "owner: team-3\n"
    "tags: [bench, group-3, two words]\n"
    "\n"
    "answers:\n"
    "  # the answers\n"
    "  data_sensitivity: confidential\n"
    "  monthly_requests: 1395\n"
    "  tokens_in_per_request: [840, 2218]\n"
    "  latency_budget_ms: -3.5e2\n"
    "  note: \"quoted: # not a comment\"\n"
    "  other: 'single'\n"
    "  url: http://example.com/a#b\n"
    "  cached_input_percent: unknown\n"
    "  empty_list: []\n"
    "  nested:\n"
    "    deeper:\n"
    "      x: 1\n"
    "    y: O'Brien, Jr. (C#)\n"
    "last: yes\n";

}  // namespace

TEST_CASE("the common reader builds yaml-cpp's tree for the common shape", "[yaml]") {
  const std::optional<YamlNode> tree = parse_common_yaml(kProfile, {});
  REQUIRE(tree.has_value());
  CHECK(compare(kProfile) == "");
  const YamlNode* answers = tree->find("answers");
  REQUIRE(answers != nullptr);
  CHECK(answers->pos.line == 9);
  CHECK(answers->pos.column == 3);
  const YamlNode* note = answers->find("note");
  REQUIRE(note != nullptr);
  CHECK(note->value == "quoted: # not a comment");
  CHECK_FALSE(note->plain);
  CHECK(tree->find("description")->value == "Synthetic project 3 of the benchmark.");
  CHECK(tree->find("tags")->items[2].value == "two words");
  CHECK(tree->find("tags")->items[2].pos.column == 24);
  for (const char* text : {"a: 1\n", "a: 1", "a: 1\na: 2\n", "a:\n  b: c\nd: e\n", "k: v  \n",
                           "a: [x]\n", "a: [ x , y ]\n", "a: ''\n", "a: \"\"\n", "a: -1\n",
                           "a: .5\n", "a: 1:30\n", "a_b.c-d: x\n", "1: one\n", "a: b\n\n\n"}) {
    INFO(text);
    CHECK(accepted(text));
    CHECK(compare(text) == "");
  }
}

TEST_CASE("the common reader leaves everything else to yaml-cpp", "[yaml]") {
  for (const char* text : {
           "",                        // empty: yaml-cpp's null document
           "# only a comment\n",      //
           "a:\n",                    // null value
           "a: null\n",               // null words
           "a: ~\n",                  //
           "null: 1\n",               //
           "a:\n  - x\n",             // block sequence
           "- a\n",                   //
           "a: >-\n  text\n",         // block scalars
           "a: |\n  text\n",          //
           "a: &x 1\n",               // anchors, aliases, tags
           "a: *x\n",                 //
           "a: !t 1\n",               //
           "a: \"x\\ty\"\n",          // escapes
           "a: 'it''s'\n",            //
           "a: \"open\n",             // unclosed
           "a: 1\n  more\n",          // a continued plain value
           "a: 1\n\n  more\n",        //
           "a: 1\n  # deeper\n",      //
           "a: b: c\n",               // a mapping in a value
           "a: b:\n",                 //
           "a:b\n",                   //
           "a : b\n",                 //
           "\"a\": b\n",              // quoted key
           "a: {b: c}\n",             // flow mapping
           "a: [b, [c]]\n",           // nested, empty, trailing, quoted list items
           "a: [b, , c]\n",           //
           "a: [b,]\n",               //
           "a: [\"b\"]\n",            //
           "a: [b\n",                 //
           "a: [b: c]\n",             //
           "a: [null]\n",             //
           "a: [b] x\n",              // text after a value
           "a: 'b' x\n",              //
           "a: 'b'#c\n",              //
           "---\na: 1\n",             // document markers
           "a: 1\n...\n",             //
           "  a: 1\n",                // an indented root
           "a:\n  b: 1\n c: 2\n",     // uneven indentation
           "a:\n    b: 1\n  c: 2\n",  //
           "a: 1\r\n",                // CR, tab, non-ASCII
           "a:\t1\n",                 //
           "a: caf\xC3\xA9\n",        //
           "a: -\n",                  // indicators
           "a: ?b\n",                 //
           "a: %b\n",                 //
           "a: @b\n",                 //
           "a: `b\n",                 //
           "a: #c\n",                 // (a null value and a comment)
       }) {
    INFO(text);
    CHECK_FALSE(accepted(text));
  }
}

TEST_CASE(
    "the common reader declines each indicator inside a list word, and tabs and CRs "
    "anywhere",
    "[yaml]") {
  CHECK(accepted("a: [b-d, e.f, g_h, 1/2, $3, (x)]\n"));
  for (const char c : std::string_view("[{}#:\"'?&*!|>%@`")) {
    const std::string text = std::string("a: [b, x") + c + "y]\n";
    INFO(text);
    CHECK_FALSE(accepted(text.c_str()));
  }
  CHECK(accepted("a: 1\nb: text with words\nc: [x, y]\n"));
  CHECK_FALSE(accepted("a: 1\nb: text with\twords\nc: [x, y]\n"));
  CHECK_FALSE(accepted("a: 1\nb: text with words\rc: [x, y]\n"));
  CHECK_FALSE(accepted("a: 1\nb: text with words\nc: [x, y]\n\t"));
}

TEST_CASE("the common reader declines what would pass a limit", "[yaml]") {
  YamlLimits limits;
  limits.max_nodes = 4;
  CHECK(parse_common_yaml("a: 1\n", limits).has_value());  // mapping, key, value
  CHECK_FALSE(parse_common_yaml("a: 1\nb: 2\n", limits).has_value());
  limits = {};
  limits.max_depth = 2;
  CHECK(parse_common_yaml("a:\n  b: 1\n", limits).has_value());
  CHECK_FALSE(parse_common_yaml("a:\n  b:\n    c: 1\n", limits).has_value());
  CHECK_FALSE(parse_common_yaml("a:\n  b: [1]\n", limits).has_value());
  limits = {};
  limits.max_scalar_bytes = 3;
  CHECK(parse_common_yaml("a: abc\n", limits).has_value());
  CHECK_FALSE(parse_common_yaml("a: abcd\n", limits).has_value());
  // And parse_yaml still reports the limit, through yaml-cpp.
  limits = {};
  limits.max_nodes = 4;
  CHECK_THROWS_WITH(parse_yaml("a: 1\nb: 2\n", "f.yaml", limits),
                    Catch::Contains("too many values"));
}

TEST_CASE("the common reader agrees with yaml-cpp on every YAML file of the project", "[yaml]") {
  namespace fs = std::filesystem;
  const fs::path root = AIDECIDE_SOURCE_DIR;
  int files = 0, taken = 0;
  for (const char* dir : {"profiles", "docs", "tests/fuzz/corpus", "criteria", "tests/cli"}) {
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      if (!e.is_regular_file()) continue;
      const std::string text = read_all(e.path());
      const std::string_view body = strip_bom(text);
      if (find_invalid_text(body)) continue;
      ++files;
      if (accepted(body)) ++taken;
      INFO(e.path().string());
      CHECK(compare(body) == "");
    }
  }
  CHECK(files > 90);
  CHECK(taken >= 4);  // the fuzz seeds written for it, `ask`'s saved answers
}

// Every one-byte change of a profile (a byte inserted, replaced or removed
// anywhere): the common reader either declines or builds yaml-cpp's tree.
TEST_CASE("the common reader agrees with yaml-cpp on every one-byte change of a profile",
          "[yaml]") {
  const std::string base = kProfile;
  const std::string bytes = " \n#:-[],'\"a1.{}?&*!|>%@~\\_/";
  int checked = 0, taken = 0;
  const auto check = [&](const std::string& text) {
    if (find_invalid_text(text)) return;
    ++checked;
    if (accepted(text)) ++taken;
    const std::string d = compare(text);
    if (!d.empty()) FAIL_CHECK(d << "\n--- text:\n" << text);
  };
  for (std::size_t i = 0; i <= base.size(); ++i) {
    for (char c : bytes) {
      check(base.substr(0, i) + c + base.substr(i));
      if (i < base.size()) check(base.substr(0, i) + c + base.substr(i + 1));
    }
    if (i < base.size()) check(base.substr(0, i) + base.substr(i + 1));
  }
  CHECK(checked > 20000);
  CHECK(taken > 1000);
}
