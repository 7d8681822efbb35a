// SPDX-License-Identifier: MIT
// Every output format with hostile profile text, the portfolio views and --out.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include <fmt/format.h>

#include "aidecide/escape.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"
#include "helpers.hpp"
#include "run.hpp"

using namespace aidecide;
using namespace aidecide::test;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kHostile{
    "tests/data/hostile/script-name.yaml", "tests/data/hostile/formula-name.yaml",
    "tests/data/hostile/control-name.yaml", "tests/data/hostile/traversal-name.yaml"};

std::string render(Format format, const std::vector<std::string>& files,
                   RenderOptions options = {}) {
  std::ostringstream out;
  auto renderer = make_renderer(format, out, default_model(), options);
  EngineOptions engine;
  engine.samples = 50;
  engine.cost_curve = format == Format::html;
  for (const auto& f : files) {
    renderer->result(decide(default_model(),
                            load_profile(read_text_file(f), f, default_model().questionnaire),
                            engine));
  }
  renderer->finish();
  return out.str();
}

bool has_control_characters(const std::string& s, bool allow_newlines) {
  for (unsigned char c : s) {
    if (c == '\n' && allow_newlines) continue;
    if (c == '\r' && allow_newlines) continue;
    if (c < 0x20 && c != '\t' && !(allow_newlines && c == '\n')) return true;
    if (c == 0x7f) return true;
  }
  return s.find("\u202e") != std::string::npos;
}

// Splits RFC 4180 CSV into rows of cells.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(cell);
      cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
      ++i;
    } else {
      cell += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace

TEST_CASE("text neutralises control and bidirectional characters", "[render][escaping]") {
  for (const auto& f : kHostile) {
    RenderOptions single;
    single.single = true;
    const std::string out = render(Format::text, {f}, single);
    CHECK_FALSE(has_control_characters(out, true));
  }
  const std::string control = render(Format::text, {kHostile[2]}, RenderOptions{.single = true});
  CHECK(control.starts_with(
      "red \\x1b[31mALERT\\x1b[0m\\nsecond line\\r::error file=x::forged %0A \\u202eevil  "));
  CHECK_FALSE(has_control_characters(render(Format::text, kHostile), true));
}

TEST_CASE("HTML escapes every user string", "[render][escaping]") {
  RenderOptions single;
  single.single = true;
  const std::string out = render(Format::html, {kHostile[0]}, single);
  CHECK(out.find("<script>") == std::string::npos);
  CHECK(out.find("<img") == std::string::npos);
  CHECK(out.find("&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot;") != std::string::npos);
  CHECK(out.find(
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; \\u202ereversed\\u202c") !=
        std::string::npos);
  // Self-contained: no external resources.
  CHECK(out.find(" src=\"") == std::string::npos);
  CHECK(out.find("href=\"http") == std::string::npos);
  CHECK(out.find("url(") == std::string::npos);
  CHECK(out.find("@import") == std::string::npos);
  CHECK(out.find("<script") == std::string::npos);
  CHECK(out.find("<link") == std::string::npos);
  const std::string controls = render(Format::html, {kHostile[2]}, single);
  CHECK_FALSE(has_control_characters(controls, true));
  const std::string portfolio = render(Format::html, kHostile);
  // One script, the table sorter's, written by the page itself; no user text runs.
  CHECK(portfolio.find("<script>alert") == std::string::npos);
  CHECK(portfolio.find("<script") == portfolio.rfind("<script"));
  CHECK(
      portfolio.find("<script>(function(){\nvar t=document.getElementById(\"portfolio-table\")") !=
      std::string::npos);
  CHECK(portfolio.find("<table id=\"portfolio-table\">") != std::string::npos);
}

TEST_CASE("HTML holds the five charts", "[render]") {
  RenderOptions single;
  single.single = true;
  const std::string out = render(Format::html, {"profiles/support-bot-high-volume.yaml"}, single);
  for (const char* id :
       {"score-chart", "contributions-chart", "cost-chart", "cost-gap-chart", "flip-chart"}) {
    INFO(id);
    CHECK(out.find(fmt::format("<figure id=\"{}\"><svg", id)) != std::string::npos);
  }
  CHECK(out.starts_with("<!DOCTYPE html>"));
  CHECK(out.ends_with("</html>\n"));
}

TEST_CASE("the HTML portfolio puts the overview first", "[render][portfolio]") {
  RenderOptions options;
  options.sort = SortKey::input;
  const std::string out =
      render(Format::html,
             {"profiles/code-assistant-enterprise.yaml", "profiles/insurance-claims-unsure.yaml",
              "profiles/hospital-clinical-notes.yaml"},
             options);
  const std::size_t totals = out.find("<table id=\"portfolio-totals\">");
  const std::size_t chart = out.find("<figure id=\"portfolio-chart\"><svg");
  const std::size_t table = out.find("<table id=\"portfolio-table\">");
  REQUIRE(totals != std::string::npos);
  REQUIRE(chart != std::string::npos);
  REQUIRE(table != std::string::npos);
  CHECK(totals < chart);
  CHECK(chart < table);
  CHECK(out.find("<p class=\"headline\">3 profiles: 1 cloud, 1 local, 1 hybrid.</p>") !=
        std::string::npos);
  CHECK(out.find(
            "<li><strong>Flagged: 1 over a budget, 1 with confidence under 70%.</strong></li>") !=
        std::string::npos);
  // Over a budget: flagged in the row, ringed in the chart.
  CHECK(out.find("<tr data-i=\"1\" class=\"flagged\">") != std::string::npos);
  CHECK(out.find("<td data-v=\"over budget\">over budget</td></tr>") != std::string::npos);
  CHECK(out.find("stroke=\"#b91c1c\" stroke-width=\"2\"/><path") != std::string::npos);
  // Sortable: every heading a button with its key.
  for (const char* key : {"number", "name", "recommended", "margin", "confidence", "monthly",
                          "upfront", "cloud", "local", "hybrid", "flags"}) {
    INFO(key);
    CHECK(out.find(fmt::format("<th data-key=\"{}\"", key)) != std::string::npos);
  }
  CHECK(out.find("#sort=(-?)([a-z]+)") != std::string::npos);
}

TEST_CASE("the HTML score chart marks an option over a firm budget", "[render][budgets]") {
  RenderOptions single;
  single.single = true;
  const std::string out = render(Format::html, {"profiles/insurance-claims-unsure.yaml"}, single);
  CHECK(out.find(">80.3 over budget, 6.7 behind<") != std::string::npos);
  CHECK(out.find(">80.1 over budget, 6.9 behind<") != std::string::npos);
  CHECK(out.find(">87.0 recommended<") != std::string::npos);
  CHECK(out.find("<h2>Over budget</h2>") != std::string::npos);
}

TEST_CASE("Markdown escapes user text and cannot mention people", "[render][escaping]") {
  RenderOptions single;
  single.single = true;
  const std::string out = render(Format::markdown, {kHostile[0]}, single);
  CHECK(
      out.starts_with("## &lt;script&gt;alert(1)&lt;/script&gt; \"q\" a \\| pipe \\| &#64;team "
                      "\\#1 \\*bold\\* \\[link\\](x) "
                      "\\`code\\`: **cloud**\n"));
  CHECK(out.find("@team") == std::string::npos);
  const std::string portfolio = render(Format::markdown, kHostile);
  // Every table row keeps its nine cells: escaped pipes do not split cells.
  std::istringstream lines(portfolio);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (!line.starts_with("| ")) continue;
    ++rows;
    int cells = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++cells;
    }
    CHECK(cells == 10);
  }
  CHECK(rows == 5);
  CHECK_FALSE(has_control_characters(render(Format::markdown, {kHostile[2]}, single), true));
}

TEST_CASE("CSV quotes per RFC 4180 and defuses formulas", "[render][escaping]") {
  const std::string out = render(Format::csv, kHostile);
  const auto rows = parse_csv(out);
  REQUIRE(rows.size() == 5);
  for (const auto& row : rows) CHECK(row.size() == 15);
  CHECK(rows[0][0] == "file");
  CHECK(rows[0][11] == "vetoed");
  CHECK(rows[0][12] == "over_budget");
  CHECK(rows[0][13] == "stakeholders_agree");
  CHECK(rows[0][14] == "stakeholders_differ");
  CHECK(rows[1][13].empty());  // no stakeholders: empty
  const auto group =
      parse_csv(render(Format::csv, {"docs/examples/stakeholders-code-assistant.yaml"}));
  REQUIRE(group.size() == 2);
  CHECK(group[1][13] == "Finance");
  CHECK(group[1][14] == "Security:local;Product:cloud");
  CHECK(rows[1][1] ==
        "<script>alert(1)</script> \"q\" a | pipe | @team #1 *bold* [link](x) `code`");
  CHECK(rows[2][1] == "'=HYPERLINK(\"http://evil.example\",\"click\")");
  CHECK(rows[3][1] ==
        "red \\x1b[31mALERT\\x1b[0m\\nsecond line\\r::error file=x::forged %0A \\u202eevil");
  CHECK(rows[1][2] == "cloud");
  CHECK(csv_cell("-1+2") == "'-1+2");
  CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_cell("+1") == "'+1");
  CHECK(csv_cell("plain") == "plain");
}

TEST_CASE("JSON stays valid with hostile text", "[render][escaping]") {
  const std::string out = render(Format::json, kHostile);
  const auto doc = nlohmann::json::parse(out);
  REQUIRE(doc["results"].size() == 4);
  CHECK(doc["results"][2]["name"] ==
        "red \x1b[31mALERT\x1b[0m\nsecond line\r::error file=x::forged %0A \u202e"
        "evil");
  // Machine output is ASCII: controls and bidirectional overrides are \u escapes.
  CHECK(out.find("\\u001b[31mALERT") != std::string::npos);
  CHECK(out.find("\\u202eevil") != std::string::npos);
  CHECK_FALSE(has_control_characters(out, true));
}

TEST_CASE("portfolio tables sort by score, name or confidence", "[render][portfolio]") {
  const std::vector<std::string> files{"profiles/insurance-claims-unsure.yaml",
                                       "profiles/hospital-clinical-notes.yaml",
                                       "profiles/startup-prototype.yaml"};
  RenderOptions by_name;
  by_name.sort = SortKey::name;
  const std::string named = render(Format::text, files, by_name);
  CHECK(named.find("Hospital") < named.find("Insurance"));
  CHECK(named.find("Insurance") < named.find("Startup"));
  RenderOptions by_confidence;
  by_confidence.sort = SortKey::confidence;
  const std::string sure = render(Format::markdown, files, by_confidence);
  CHECK(sure.find("Insurance") < sure.find("Hospital"));  // least certain first
  RenderOptions by_score;
  by_score.sort = SortKey::score;
  const std::string scored = render(Format::text, files, by_score);
  CHECK(scored.find("Startup") < scored.find("Hospital"));  // 98.1 before 88.6
  CHECK(scored.find("3 profiles: 2 cloud, 1 local, 0 hybrid.") != std::string::npos);
}

TEST_CASE("the out option writes one report per profile and an index, inside the directory",
          "[render][out]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-out-test";
  fs::remove_all(dir);
  std::vector<std::string> args{"aidecide", "score", "--format", "html", "--out", dir.string()};
  args.insert(args.end(), kHostile.begin(), kHostile.end());
  args.push_back("tests/data/hostile/traversal-name.yaml");  // the same name twice
  std::istringstream in;
  std::ostringstream out, err;
  cli::Environment env;
  env.today = "2026-11-23";
  CHECK(cli::run(args, in, out, err, env) == 0);
  CHECK(out.str().empty());
  CHECK(err.str() == "aidecide: wrote 5 reports and " + (dir / "index.html").string() + "\n");
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names ==
        std::vector<std::string>{"etc-passwd-2.html", "etc-passwd.html",
                                 "hyperlink-http-evil-example-click.html", "index.html",
                                 "red-31malert-0m-second-line-error-file-x-forged-0a-evil.html",
                                 "script-alert-1-script-q-a-pipe-team-1-bold-link-x-code.html"});
  std::ifstream index(dir / "index.html");
  const std::string text{std::istreambuf_iterator<char>(index), {}};
  CHECK(text.find("<a href=\"etc-passwd.html\">../../etc/passwd</a>") != std::string::npos);
  CHECK(text.find("<a href=\"etc-passwd-2.html\">") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("the out option fails cleanly on a path that cannot be a directory", "[render][out]") {
  std::istringstream in;
  std::ostringstream out, err;
  const int code =
      cli::run({"aidecide", "score", "--out", "profiles/startup-prototype.yaml", "profiles"}, in,
               out, err, cli::Environment{});
  CHECK(code == 2);
  CHECK(err.str().starts_with(
      "aidecide: error: --out profiles/startup-prototype.yaml: cannot create the directory: "));
}

TEST_CASE("atomic writes replace files whole and report failures", "[render][out]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-atomic-test";
  fs::create_directories(dir);
  const std::string path = (dir / "report.txt").string();
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  std::ifstream in(path);
  CHECK(std::string{std::istreambuf_iterator<char>(in), {}} == "second");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}) == 1);
  CHECK_THROWS_WITH(
      write_file_atomically((dir / "missing" / "x.txt").string(), "x"),
      "cannot write " + (dir / "missing" / "x.txt").string() + ": No such file or directory");
  if (fs::exists("/dev/full")) {
    // A device is never replaced, and a full disk is reported.
    CHECK_THROWS_WITH(write_file_atomically("/dev/full", "x"),
                      "cannot write /dev/full: it exists and is not a regular file");
    CHECK(fs::is_character_file("/dev/full"));
  }
  CHECK_THROWS_WITH(write_file_atomically(dir.string(), "x"),
                    "cannot write " + dir.string() + ": it exists and is not a regular file");
  fs::remove_all(dir);
}
