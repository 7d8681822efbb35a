// SPDX-License-Identifier: MIT
#include "render/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "aidecide/escape.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"

namespace aidecide::svg {
namespace {

// One colour per option, also told apart by labels (never by colour alone).
constexpr std::array<std::string_view, kOptionCount> kColours{"#2563eb", "#059669", "#d97706"};

std::string open_svg(int width, int height, std::string_view title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "role=\"img\" "
      "class=\"chart\"><title>{}</title>\n",
      width, height, width, height, escape_html(title));
}

std::string text_at(double x, double y, std::string_view text, std::string_view anchor = "start",
                    std::string_view extra = "") {
  return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\" {}>{}</text>\n", x, y,
                     anchor, extra, escape_html(text));
}

}  // namespace

std::string score_chart(const Decision& d) {
  const int width = 640, row = 34, left = 90, bar_max = 440;
  std::string s = open_svg(width, row * 3 + 10, "Scores per option, 0 to 100");
  for (Option o : kOptions) {
    const double y = 8 + row * static_cast<double>(index(o));
    const double w = bar_max * d.scores[index(o)] / 100;
    const bool vetoed = d.vetoed[index(o)];
    const bool over_budget = d.ruled_out[index(o)] && !vetoed;  // by a firm budget
    s += text_at(0, y + 18, to_string(o));
    s += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"22\" fill=\"{}\"{}/>\n",
                     left, y, w, kColours[index(o)],
                     vetoed || over_budget
                         ? " fill-opacity=\"0.3\" stroke=\"#b91c1c\" stroke-dasharray=\"4 2\""
                         : "");
    std::string label = fmt::format("{:.1f}", d.scores[index(o)]);
    if (vetoed) label += " ruled out";
    if (over_budget) label += " over budget";
    if (d.recommendation == o) label += " recommended";
    s += text_at(left + w + 6, y + 16, label);
  }
  return s + "</svg>\n";
}

std::string contributions_chart(const ScoringModel& model, const Decision& d) {
  std::vector<const Contribution*> rows;
  for (const Contribution& c : d.contributions) {
    if (std::fabs(c.separation) >= 0.05) rows.push_back(&c);
    if (rows.size() == 10) break;
  }
  if (rows.empty()) return {};
  double largest = 0;
  for (const auto* c : rows) largest = std::max(largest, std::fabs(c->separation));
  const int width = 640, row = 24, label_width = 200, half = 200;
  const int centre = label_width + half;
  const auto [first, second] = d.versus;
  std::string s = open_svg(width, row * static_cast<int>(rows.size()) + 40,
                           fmt::format("Which answers pushed toward {} (right) or {} (left)",
                                       to_string(first), to_string(second)));
  s += text_at(centre + 4, 14, fmt::format("favours {} \u2192", to_string(first)), "start",
               "class=\"axis\"");
  s += text_at(centre - 4, 14, fmt::format("\u2190 favours {}", to_string(second)), "end",
               "class=\"axis\"");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Contribution& c = *rows[i];
    const double y = 24 + row * static_cast<double>(i);
    const double w = half * std::fabs(c.separation) / largest;
    const bool right = c.separation > 0;
    s += text_at(0, y + 15, model.questionnaire.criteria[c.criterion].title);
    s += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"18\" fill=\"{}\"/>\n",
        right ? centre : centre - w, y, w, kColours[index(right ? first : second)]);
    s += text_at(right ? centre + w + 4 : centre - w - 4, y + 14,
                 fmt::format("{:+.1f}", c.separation), right ? "start" : "end");
  }
  s += fmt::format("<line x1=\"{}\" y1=\"20\" x2=\"{}\" y2=\"{}\" stroke=\"#111\"/>\n", centre,
                   centre, 24 + row * static_cast<int>(rows.size()));
  return s + "</svg>\n";
}

std::string cost_chart(const Decision& d) {
  if (d.cost_curve.size() < 2) return {};
  const int width = 640, height = 300, left = 70, right = 110, top = 20, bottom = 40;
  const double x0 = std::log10(d.cost_curve.front().requests),
               x1 = std::log10(d.cost_curve.back().requests);
  double y_min = 1e300, y_max = 0;
  for (const auto& p : d.cost_curve) {
    for (double v : p.monthly_usd) {
      y_min = std::min(y_min, std::max(v, 1.0));
      y_max = std::max(y_max, std::max(v, 1.0));
    }
  }
  const double l0 = std::floor(std::log10(y_min)),
               l1 = std::max(l0 + 1, std::ceil(std::log10(y_max)));
  const auto px = [&](double requests) {
    return left + (std::log10(requests) - x0) / (x1 - x0) * (width - left - right);
  };
  const auto py = [&](double usd) {
    return top + (l1 - std::log10(std::max(usd, 1.0))) / (l1 - l0) * (height - top - bottom);
  };
  std::string s =
      open_svg(width, height, "Monthly cost (all-in) against monthly requests, both on log scales");
  for (double l = l0; l <= l1; ++l) {
    const double y = py(std::pow(10.0, l));
    s += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" class=\"grid\"/>\n",
                     left, y, width - right, y);
    s += text_at(left - 6, y + 4, "$" + format_compact(std::pow(10.0, l)), "end", "class=\"axis\"");
  }
  for (double l = std::ceil(x0); l <= x1; ++l) {
    const double x = px(std::pow(10.0, l));
    s += text_at(x, height - bottom + 16, format_compact(std::pow(10.0, l)), "middle",
                 "class=\"axis\"");
  }
  s += text_at((left + width - right) / 2.0, height - 6, "requests per month", "middle",
               "class=\"axis\"");
  for (Option o : kOptions) {
    std::string points;
    for (const auto& p : d.cost_curve)
      points += fmt::format("{:.1f},{:.1f} ", px(p.requests), py(p.monthly_usd[index(o)]));
    s += fmt::format(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n", points,
        kColours[index(o)], o == Option::hybrid ? " stroke-dasharray=\"6 3\"" : "");
    // Legend in the right margin (line style and name, not colour alone).
    const double ly = top + 10 + 18 * static_cast<double>(index(o));
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"2.5\"{}/>\n",
        width - right + 8, ly, width - right + 30, ly, kColours[index(o)],
        o == Option::hybrid ? " stroke-dasharray=\"6 3\"" : "");
    s += text_at(width - right + 34, ly + 4, to_string(o));
  }
  const double now = d.cost_curve[d.cost_curve.size() / 2].requests;
  s += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" class=\"marker\"/>\n",
                   px(now), top, height - bottom);
  s += text_at(px(now) + 4, top + 12, "today", "start", "class=\"axis\"");
  const double be = d.cost.break_even_requests;
  if (be > d.cost_curve.front().requests && be < d.cost_curve.back().requests) {
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" class=\"breakeven\"/>\n", px(be),
        top, height - bottom);
    s += text_at(px(be) + 4, top + 26, "break-even " + format_compact(be), "start",
                 "class=\"axis\"");
  }
  return s + "</svg>\n";
}

std::string flip_chart(const ScoringModel& model, const Decision& d) {
  std::vector<const WeightFlip*> rows;
  for (const auto& f : d.flips.weights) {
    rows.push_back(&f);
    if (rows.size() == 8) break;
  }
  if (rows.empty()) return {};
  // Log scale from x1/10 to x10, centred on x1 (today's weights).
  const int width = 640, row = 24, label_width = 170, half = 150;
  const int centre = label_width + half;
  std::string s =
      open_svg(width, row * static_cast<int>(rows.size()) + 36,
               "How far each weight must move for another option to win (log scale, x0.1 to x10)");
  s += text_at(centre, 14, "x1 (today)", "middle", "class=\"axis\"");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const WeightFlip& f = *rows[i];
    const double y = 22 + row * static_cast<double>(i);
    const double t = std::clamp(std::log10(f.factor), -1.0, 1.0);
    const double w = std::fabs(t) * half;
    s += text_at(0, y + 15, model.questionnaire.criteria[f.criterion].title);
    s += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"18\" fill=\"{}\"/>\n",
        t < 0 ? centre - w : centre, y, std::max(w, 1.0), kColours[index(f.winner)]);
    s += text_at(t < 0 ? centre - w - 4 : centre + w + 4, y + 14,
                 fmt::format("x{:.2f}: {} wins", f.factor, to_string(f.winner)),
                 t < 0 ? "end" : "start");
  }
  s += fmt::format("<line x1=\"{}\" y1=\"18\" x2=\"{}\" y2=\"{}\" stroke=\"#111\"/>\n", centre,
                   centre, 22 + row * static_cast<int>(rows.size()));
  return s + "</svg>\n";
}

}  // namespace aidecide::svg
