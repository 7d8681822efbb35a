// SPDX-License-Identifier: MIT
// The same hostile strings through every output format: each stays
// well-formed and inert (docs/security.md).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "aidecide/check_output.hpp"
#include "aidecide/escape.hpp"
#include "aidecide/render.hpp"
#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {

// YAML double-quoted spellings of hostile text.
const std::vector<std::string> kHostile{
    R"(<script>alert(1)</script>)",
    R"(\"quotes\" & 'apostrophes')",
    R"(line one\nline two\r\n)",
    R"(::error file=x,line=1::forged %0A %25)",
    R"(::stop-commands::TOKEN)",
    R"(\e[31mred\e[0m \x07 \x7f)",
    R"(\u0085 \u009b C1 controls)",
    R"(\u202Eevil\u202C \u2066isolate\u2069)",
    R"(=HYPERLINK(\"http://x\",\"y\"))",
    R"(+cmd|' /C calc'!A0)",
    R"(@SUM(A1) -2+3)",
    R"(../../etc/passwd)",
    R"(| pipe | *bold* _it_ [l](x) # h ~s~ `c` @user)",
    R"(zero\u200Bwidth \u200C\u200D joiners \u2028 LS \u2029 PS \uFEFF bom \u00AD shy \u2060 wj)",
    R"(tags \U000E0041\U000E0042 \U000E007F hidden)",
    R"(see https://evil.example/x and www.evil.example and HTTP://y.example)",
};

// Characters that draw nothing: none may reach an output raw.
const std::vector<std::string> kInvisible{"\u200b", "\u200c", "\u200d", "\u2028",     "\u2029",
                                          "\ufeff", "\u00ad", "\u2060", "\U000E0041", "\U000E007F"};

bool inert_terminal_text(const std::string& s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return false;
  }
  for (const std::string& invisible : kInvisible) {
    if (s.find(invisible) != std::string::npos) return false;
  }
  return s.find("\u202e") == std::string::npos && s.find("\u2066") == std::string::npos &&
         s.find("\xc2\x85") == std::string::npos && s.find("\xc2\x9b") == std::string::npos;
}

}  // namespace

TEST_CASE("hostile names stay inert in every score format", "[escaping]") {
  for (const std::string& name : kHostile) {
    INFO(name);
    const Profile p = make_profile({}, "");
    Profile hostile =
        load_profile("name: \"" + name + "\"\n" + profile_yaml(baseline_answers()).substr(18),
                     "h.yaml", default_model().questionnaire);
    EngineOptions engine;
    engine.samples = 20;
    engine.cost_curve = true;
    const Decision d = decide(default_model(), hostile, engine);
    for (Format f : {Format::text, Format::markdown, Format::html, Format::csv, Format::json}) {
      for (bool single : {true, false}) {
        std::ostringstream out;
        RenderOptions options;
        options.single = single;
        auto r = make_renderer(f, out, default_model(), options);
        r->result(d);
        r->finish();
        const std::string s = out.str();
        INFO(to_string(f) << (single ? " single" : " table"));
        CHECK(inert_terminal_text(s));
        switch (f) {
          case Format::html:
            // The one script a table page has is its own sorter.
            CHECK(s.find("<script>alert") == std::string::npos);
            CHECK(s.find("<script") == s.rfind("<script"));
            CHECK(s.find("\"quotes\"") == std::string::npos);
            break;
          case Format::markdown:
            CHECK(s.find("<script>") == std::string::npos);
            CHECK(s.find("@user") == std::string::npos);
            // No address stays live: GitHub links every scheme:// and www.
            CHECK(s.find("://") == std::string::npos);
            CHECK(s.find("www.evil") == std::string::npos);
            break;
          case Format::csv:
            for (const char* formula : {"\n=", ",=", "\n+", ",+", "\n@", ",@"})
              CHECK(s.find(formula) == std::string::npos);
            break;
          case Format::json: {
            const auto doc = nlohmann::json::parse(s);
            CHECK(doc["results"][0]["name"].get<std::string>() == hostile.name);
            CHECK(std::all_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x80; }));
            break;
          }
          case Format::text:
            break;
        }
      }
    }
  }
}

TEST_CASE("invisible characters and addresses are shown, not hidden or linked", "[escaping]") {
  CHECK(escape_for_message("a\u200bb\u2028c\ufeffd\U000E0041e") ==
        "a\\u200bb\\u2028c\\ufeffd\\U000e0041e");
  CHECK(escape_for_message("caf\u00e9 \u4e2d\u6587 \U0001F600") ==
        "caf\u00e9 \u4e2d\u6587 \U0001F600");  // visible text stays as it is
  CHECK(escape_markdown("https://x.example/a www.y.example awww.z") ==
        "https\\[:\\]//x.example/a www\\[.\\]y.example awww.z");
  CHECK(escape_html("https://x.example") == "https://x.example");  // HTML links nothing itself
}

TEST_CASE("a GitHub log line never starts a workflow command", "[escaping][github]") {
  CHECK(github_log_line("::stop-commands::x.md:1:1: error: m [r]") ==
        "./::stop-commands::x.md:1:1: error: m [r]");
  CHECK(github_log_property("docs/\x1b]52;c;eA==\x07"
                            "a,b:c.md") == "docs/\\x1b]52;c;eA==\\x07a%2Cb%3Ac.md");
  CHECK(github_log_text("a\nb%\u2028") == "a\\nb%25\\u2028");
}

TEST_CASE("hostile record values stay inert in every check format", "[escaping]") {
  for (const std::string& text : kHostile) {
    INFO(text);
    std::string doc = "# Title " + std::string("x") +
                      "\n\n```aidecide\ndecision: cloud\noverride:\n  reason: \"" + text +
                      "\"\nanswers:\n";
    for (const auto& [k, v] : baseline_answers())
      doc += "  " + k + ": " + (k == "connectivity" ? "offline" : v) + "\n";
    doc += "```\n";
    CheckOptions options;
    options.today = "2026-11-23";
    options.engine.samples = 10;
    const FileCheck c =
        check_markdown(default_model(), doc, "docs/" + std::string("a,b::c%.md"), options);
    REQUIRE_FALSE(c.findings.empty());
    for (CheckFormat f : {CheckFormat::text, CheckFormat::json, CheckFormat::github,
                          CheckFormat::junit, CheckFormat::sarif, CheckFormat::gitlab}) {
      std::ostringstream out;
      auto r = make_check_renderer(f, out, default_model(), {});
      r->file(c);
      r->finish({1, 1, {1, 0, 0}});
      const std::string s = out.str();
      CHECK(inert_terminal_text(s));
      if (f == CheckFormat::github) {
        std::istringstream lines(s);
        for (std::string line; std::getline(lines, line);) {
          if (line.starts_with("::")) {
            const bool allowed = line.starts_with("::error ") || line.starts_with("::warning ") ||
                                 line.starts_with("::notice ") || line.starts_with("::group::") ||
                                 line == "::endgroup::";
            CHECK(allowed);
          }
        }
      }
      if (f == CheckFormat::json || f == CheckFormat::sarif || f == CheckFormat::gitlab) {
        CHECK_NOTHROW(nlohmann::json::parse(s));
      }
      if (f == CheckFormat::junit) CHECK(s.find("<script>") == std::string::npos);
    }
  }
}
