// SPDX-License-Identifier: MIT
// The HTML report's charts (src/core/render/svg.cpp): the layout rules that
// keep them readable; tests/browser/check_html.sh measures them in Chromium.
#include <catch2/catch.hpp>

#include <regex>

#include "aidecide/files.hpp"
#include "aidecide/text.hpp"
#include "helpers.hpp"
#include "render/svg.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {

Decision scored(const std::string& file, const ScoringModel& model = default_model()) {
  EngineOptions options;
  options.cost_curve = true;
  return decide(model, load_profile(read_text_file(file), file, model.questionnaire), options);
}

std::vector<std::string> texts(const std::string& svg) {
  std::vector<std::string> out;
  const std::regex text("<text[^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1]);
  return out;
}

}  // namespace

TEST_CASE("the score chart's axis starts where a one-point margin shows", "[render][charts]") {
  Decision d = scored("profiles/support-bot-high-volume.yaml");
  d.scores = {94.0, 95.0, 93.6};
  d.recommendation = Option::local;
  const std::string s = svg::score_chart(d);
  CHECK(s.find("<title>Scores per option, axis from 90 to 100</title>") != std::string::npos);
  // 420 px for 10 points: a point is 42 px (on 0 to 100 it was 4.4).
  CHECK(s.find("<rect x=\"90\" y=\"8.0\" width=\"168.0\"") != std::string::npos);   // cloud, 94
  CHECK(s.find("<rect x=\"90\" y=\"42.0\" width=\"210.0\"") != std::string::npos);  // local, 95
  const std::vector<std::string> t = texts(s);
  CHECK(std::find(t.begin(), t.end(), "94.0 1.0 behind") != t.end());
  CHECK(std::find(t.begin(), t.end(), "95.0 recommended") != t.end());
  CHECK(std::find(t.begin(), t.end(), "93.6 1.4 behind") != t.end());
  CHECK(std::find(t.begin(), t.end(), "score (the axis starts at 90, not 0)") != t.end());
  d.scores = {20.0, 95.0, 60.0};
  CHECK(svg::score_chart(d).find("<title>Scores per option, 0 to 100</title>") !=
        std::string::npos);
}

TEST_CASE("weight factors past the chart's bound read more than xN", "[render][charts]") {
  Decision d = scored("profiles/code-assistant-enterprise.yaml");
  REQUIRE(!d.flips.weights.empty());
  d.flips.weights.resize(3);
  d.flips.weights[0].factor = 10.18;
  d.flips.weights[1].factor = 129.89;
  d.flips.weights[2].factor = 0.004;
  const std::string s = svg::flip_chart(default_model(), d);
  const std::vector<std::string> t = texts(s);
  const std::string w0 = std::string(to_string(d.flips.weights[0].winner));
  const std::string w1 = std::string(to_string(d.flips.weights[1].winner));
  const std::string w2 = std::string(to_string(d.flips.weights[2].winner));
  CHECK(std::find(t.begin(), t.end(), "more than x10: " + w0 + " wins") != t.end());
  CHECK(std::find(t.begin(), t.end(), "more than x10: " + w1 + " wins") != t.end());
  CHECK(std::find(t.begin(), t.end(), "less than x0.1: " + w2 + " wins") != t.end());
  // Each factor beyond the bound draws an arrow past the scale's end.
  CHECK(std::count(s.begin(), s.end(), 'Z') == 3);
}

TEST_CASE("long criterion titles are cut to their column, whole in a tooltip", "[render][charts]") {
  Questionnaire q = load_questionnaire(embedded_criteria_text(), "c.yaml");
  for (auto& c : q.criteria) c.title += std::string(120, 'x');
  Pricing p = load_pricing(embedded_pricing_text(), "p.yaml", q);
  const ScoringModel model(std::move(q), std::move(p));
  const Decision d = scored("profiles/bank-assistant-mixed.yaml", model);
  for (const std::string& s : {svg::contributions_chart(model, d), svg::flip_chart(model, d)}) {
    REQUIRE(!s.empty());
    const std::regex label("<text x=\"0\" y=\"[0-9.]+\"><title>[^<]*</title>([^<]*)</text>");
    std::size_t cut = 0;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), label); it != std::sregex_iterator();
         ++it, ++cut) {
      const std::string shown = (*it)[1];
      CHECK(shown.ends_with("\u2026"));
      // At 7.5 px a character the label column (228 or 198 px) holds 30 or 26.
      CHECK(count_code_points(shown) <= 30);
    }
    CHECK(cut > 0);
  }
}

TEST_CASE("values sit in their own column, never over a bar", "[render][charts]") {
  const Decision d = scored("profiles/bank-assistant-mixed.yaml");
  const std::string s = svg::contributions_chart(default_model(), d);
  // Every value label starts at x = 620, right of the widest bar (600).
  const std::regex value("<text x=\"([0-9.]+)\" y=\"[0-9.]+\" text-anchor=\"start\">[+-][0-9]");
  std::size_t n = 0;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), value); it != std::sregex_iterator();
       ++it, ++n)
    CHECK((*it)[1] == "620.0");
  CHECK(n > 0);
  const std::regex bar("<rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\"");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), bar); it != std::sregex_iterator(); ++it)
    CHECK(std::stod((*it)[1]) + std::stod((*it)[2]) <= 600.05);
}

TEST_CASE("the cost gap chart draws local and hybrid against cloud", "[render][charts]") {
  const Decision d = scored("profiles/support-bot-high-volume.yaml");
  const std::string s = svg::cost_gap_chart(d);
  REQUIRE(!s.empty());
  CHECK(s.find(">x1<") != std::string::npos);
  CHECK(std::count(s.begin(), s.end(), '\n') > 10);
  CHECK(s.find("<polyline") != std::string::npos);
  Decision flat = d;
  for (auto& p : flat.cost_curve) p.monthly_usd[index(Option::cloud)] = 0;
  CHECK(svg::cost_gap_chart(flat).empty());  // nothing to divide by
}

TEST_CASE("money on chart axes reads one way", "[render][charts]") {
  const Decision d = scored("profiles/support-bot-high-volume.yaml");
  const std::vector<std::string> t = texts(svg::cost_chart(d));
  for (const std::string& label : t) {
    if (!label.starts_with("$")) continue;
    INFO(label);
    CHECK(label.find(',') == std::string::npos);  // "$1k", never "$1,000" beside "$10k"
  }
}

TEST_CASE("the portfolio chart labels what has room and counts the rest", "[render][charts]") {
  std::vector<svg::PortfolioPoint> points;
  CHECK(svg::portfolio_chart(points).empty());
  for (std::size_t i = 1; i <= 12; ++i)
    points.push_back({i, "P" + std::to_string(i), Option::cloud, 5.0, 1.0, false});
  points.push_back({13, "<b>far</b>", Option::local, std::nullopt, 0.4, true});
  const std::string s = svg::portfolio_chart(points);
  const std::vector<std::string> t = texts(s);
  // Twelve marks on one spot at the right edge: left, above and below hold
  // three labels (the right is the legend's), nine are counted.
  CHECK(std::find(t.begin(), t.end(), "9 unlabelled") != t.end());
  CHECK(std::find(t.begin(), t.end(), "13") != t.end());
  CHECK(s.find("<title>#13 &lt;b&gt;far&lt;/b&gt;: local, the only option left, confidence 40%, "
               "over budget</title>") != std::string::npos);
  CHECK(s.find("<b>") == std::string::npos);
}
