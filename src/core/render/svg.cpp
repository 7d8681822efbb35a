// SPDX-License-Identifier: MIT
#include "render/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "aidecide/escape.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"

namespace aidecide::svg {
namespace {

// One colour per option, also told apart by labels and shapes (never by
// colour alone).
constexpr std::array<std::string_view, kOptionCount> kColours{"#2563eb", "#059669", "#d97706"};
constexpr std::string_view kAlert = "#b91c1c";

// Every chart is this wide in its own units; the page scales it to the
// column (docs/reports.md, "HTML").
constexpr int kWidth = 760;
// Layout budgets text by a generous average advance per character (12 px
// system-ui is about 6.6 px; 11 px axis text about 6.1 px), so an estimate
// never undercounts what the browser draws. The browser test measures.
constexpr double kCharPx = 7.5;
constexpr double kAxisCharPx = 7.0;

double text_width(std::string_view text, double char_px = kCharPx) {
  return static_cast<double>(count_code_points(text)) * char_px;
}

// `text` cut with an ellipsis to fit `px`.
std::string clip(std::string_view text, double px) {
  return cut_with_ellipsis(text, static_cast<std::size_t>(std::max(1.0, std::floor(px / kCharPx))));
}

std::string open_svg(int height, std::string_view title, std::string_view id = "") {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "class=\"chart\"{}><title>{}</title>\n",
      kWidth, height, id.empty() ? std::string() : fmt::format(" id=\"{}\"", id),
      escape_html(title));
}

std::string text_at(double x, double y, std::string_view text, std::string_view anchor = "start",
                    std::string_view extra = "") {
  return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\"{}{}>{}</text>\n", x, y,
                     anchor, extra.empty() ? "" : " ", extra, escape_html(text));
}

// A row label cut to its column, the whole text as a tooltip.
std::string row_label(double y, std::string_view text, double px) {
  const std::string shown = clip(text, px);
  if (shown == text) return text_at(0, y, text);
  return fmt::format("<text x=\"0\" y=\"{:.1f}\"><title>{}</title>{}</text>\n", y,
                     escape_html(text), escape_html(shown));
}

std::string line(double x1, double y1, double x2, double y2, std::string_view extra) {
  return fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" {}/>\n", x1, y1,
                     x2, y2, extra);
}

// A tick step of 1, 2 or 5 times a power of ten giving at most `ticks` steps.
double nice_step(double span, int ticks) {
  const double raw = span / ticks;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * power >= raw) return m * power;
  }
  return 10 * power;
}

// The marker of an option: circle (cloud), square (local), diamond (hybrid).
std::string marker(Option o, double x, double y, double r, std::string_view extra = "") {
  const std::string_view fill = kColours[index(o)];
  switch (o) {
    case Option::cloud:
      return fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"{}\"{}/>", x, y,
                         r, fill, extra);
    case Option::local:
      return fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"{}/>",
          x - r, y - r, 2 * r, 2 * r, fill, extra);
    case Option::hybrid:
      return fmt::format(
          "<path d=\"M{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}Z\" fill=\"{}\"{}/>",
          x, y - r - 1, x + r + 1, y, x, y + r + 1, x - r - 1, y, fill, extra);
  }
  return {};
}

// The line legend of the cost charts, in the right margin.
std::string line_legend(double x, double y, Option o) {
  return line(x, y, x + 22, y,
              fmt::format("stroke=\"{}\" stroke-width=\"2.5\"{}", kColours[index(o)],
                          o == Option::hybrid ? " stroke-dasharray=\"6 3\"" : "")) +
         text_at(x + 26, y + 4, to_string(o));
}

// A vertical marker with its label beside it, turned to the left where it
// would run past `right`.
std::string vertical_marker(double x, double top, double bottom, double label_y,
                            std::string_view label, std::string_view cls, double right) {
  std::string s = line(x, top, x, bottom, fmt::format("class=\"{}\"", cls));
  const bool fits = x + 4 + text_width(label, kAxisCharPx) <= right;
  return s +
         text_at(fits ? x + 4 : x - 4, label_y, label, fits ? "start" : "end", "class=\"axis\"");
}

}  // namespace

std::string score_chart(const Decision& d) {
  const int row = 34, left = 90, bar_max = 420;
  // The axis starts below the lowest score so a one-point margin shows:
  // on 0 to 100 at this width a point is 4 px, from 80 it is 21 px.
  double lowest = 100;
  for (double s : d.scores) lowest = std::min(lowest, s);
  const double span = std::max(100 - (lowest - 2), 10.0);
  const double step = span <= 25 ? 5 : span <= 60 ? 10 : 20;
  const double lo = std::clamp(std::floor((lowest - 2) / step) * step, 0.0, 100 - step);
  const auto px = [&](double score) {
    return left + std::max(score - lo, 0.0) / (100 - lo) * bar_max;
  };
  const int axis_y = 8 + row * kOptionCount;
  std::string s = open_svg(axis_y + 36, lo > 0 ? fmt::format("Scores per option, axis from {:.0f} "
                                                             "to 100",
                                                             lo)
                                               : std::string("Scores per option, 0 to 100"));
  for (double t = lo; t <= 100 + 1e-9; t += step) {
    s += line(px(t), 4, px(t), axis_y, "class=\"grid\"");
    s += text_at(px(t), axis_y + 14, fmt::format("{:.0f}", t), "middle", "class=\"axis\"");
  }
  s += text_at(
      left + bar_max / 2.0, axis_y + 30,
      lo > 0 ? fmt::format("score (the axis starts at {:.0f}, not 0)", lo) : std::string("score"),
      "middle", "class=\"axis\"");
  const double best = d.recommendation ? d.scores[index(*d.recommendation)] : -1;
  for (Option o : kOptions) {
    const double y = 8 + row * static_cast<double>(index(o));
    const double w = std::max(px(d.scores[index(o)]) - left, 1.0);
    const bool vetoed = d.vetoed[index(o)];
    const bool over_budget = d.ruled_out[index(o)] && !vetoed;  // by a firm budget
    s += text_at(0, y + 18, to_string(o));
    s += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"22\" fill=\"{}\"{}/>\n",
                     left, y, w, kColours[index(o)],
                     vetoed || over_budget
                         ? " fill-opacity=\"0.3\" stroke=\"#b91c1c\" stroke-dasharray=\"4 2\""
                         : "");
    std::vector<std::string> notes;
    if (vetoed) notes.emplace_back("ruled out");
    if (over_budget) notes.emplace_back("over budget");
    if (d.recommendation == o) {
      notes.emplace_back("recommended");
    } else if (best >= 0) {
      // From the scores as shown, so the figures add up on the page.
      const auto shown = [](double x) { return std::round(x * 10) / 10; };
      notes.push_back(fmt::format("{:.1f} behind", shown(best) - shown(d.scores[index(o)])));
    }
    std::string label = fmt::format("{:.1f}", d.scores[index(o)]);
    if (!notes.empty()) label += " " + join(notes, ", ");
    s += text_at(left + w + 6, y + 16, label);
  }
  // The recommendation's score across every row: the gaps are the margins.
  if (best >= 0) s += line(px(best), 4, px(best), axis_y, "class=\"marker\"");
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
  // Columns: the answer's title, the bars either side of the centre, the
  // value; no text ever shares a column with a bar.
  const int row = 24, label_width = 240, half = 180, values = label_width + 2 * half + 20;
  const int centre = label_width + half;
  const auto [first, second] = d.versus;
  std::string s = open_svg(row * static_cast<int>(rows.size()) + 40,
                           fmt::format("Which answers pushed toward {} (right) or {} (left)",
                                       to_string(first), to_string(second)));
  s += text_at(centre + 4, 14, fmt::format("favours {} \u2192", to_string(first)), "start",
               "class=\"axis\"");
  s += text_at(centre - 4, 14, fmt::format("\u2190 favours {}", to_string(second)), "end",
               "class=\"axis\"");
  s += text_at(values, 14, "points", "start", "class=\"axis\"");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Contribution& c = *rows[i];
    const double y = 24 + row * static_cast<double>(i);
    const double w = std::max(half * std::fabs(c.separation) / largest, 1.0);
    const bool right = c.separation > 0;
    s += row_label(y + 15, model.questionnaire.criteria[c.criterion].title, label_width - 12);
    s += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"18\" fill=\"{}\"/>\n",
        right ? centre : centre - w, y, w, kColours[index(right ? first : second)]);
    s += text_at(values, y + 14, fmt::format("{:+.1f}", c.separation));
  }
  s += line(centre, 20, centre, 24 + row * static_cast<double>(rows.size()), "stroke=\"#111\"");
  return s + "</svg>\n";
}

std::string cost_chart(const Decision& d) {
  if (d.cost_curve.size() < 2) return {};
  const int height = 300, left = 70, right = 110, top = 20, bottom = 40;
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
    return left + (std::log10(requests) - x0) / (x1 - x0) * (kWidth - left - right);
  };
  const auto py = [&](double usd) {
    return top + (l1 - std::log10(std::max(usd, 1.0))) / (l1 - l0) * (height - top - bottom);
  };
  std::string s =
      open_svg(height, "Monthly cost (all-in) against monthly requests, both on log scales");
  for (double l = l0; l <= l1; ++l) {
    const double y = py(std::pow(10.0, l));
    s += line(left, y, kWidth - right, y, "class=\"grid\"");
    s += text_at(left - 6, y + 4, format_usd_short(std::pow(10.0, l)), "end", "class=\"axis\"");
  }
  for (double l = std::ceil(x0); l <= x1; ++l) {
    const double x = px(std::pow(10.0, l));
    s += text_at(x, height - bottom + 16, format_short(std::pow(10.0, l)), "middle",
                 "class=\"axis\"");
  }
  s += text_at((left + kWidth - right) / 2.0, height - 6, "requests per month", "middle",
               "class=\"axis\"");
  for (Option o : kOptions) {
    std::string points;
    for (const auto& p : d.cost_curve)
      points += fmt::format("{:.1f},{:.1f} ", px(p.requests), py(p.monthly_usd[index(o)]));
    s += fmt::format(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n", points,
        kColours[index(o)], o == Option::hybrid ? " stroke-dasharray=\"6 3\"" : "");
    s += line_legend(kWidth - right + 8, top + 10 + 18 * static_cast<double>(index(o)), o);
  }
  const double now = d.cost_curve[d.cost_curve.size() / 2].requests;
  s += vertical_marker(px(now), top, height - bottom, top + 12, "today", "marker", kWidth - right);
  const double be = d.cost.break_even_requests;
  if (be > d.cost_curve.front().requests && be < d.cost_curve.back().requests) {
    s += vertical_marker(px(be), top, height - bottom, top + 26, "break-even " + format_short(be),
                         "breakeven", kWidth - right);
  }
  return s + "</svg>\n";
}

std::string cost_gap_chart(const Decision& d) {
  if (d.cost_curve.size() < 2) return {};
  const std::size_t cloud = index(Option::cloud);
  for (const auto& p : d.cost_curve) {
    if (!(p.monthly_usd[cloud] > 0)) return {};  // nothing to compare with
  }
  const int height = 260, left = 100, right = 110, top = 20, bottom = 40;
  // Multiples of cloud's cost on a log scale, 1 (cloud itself) always shown,
  // bounded to x0.01 .. x100 (beyond, the line runs along the edge).
  double r_min = 1, r_max = 1;
  for (const auto& p : d.cost_curve) {
    for (Option o : {Option::local, Option::hybrid}) {
      const double r = std::clamp(p.monthly_usd[index(o)] / p.monthly_usd[cloud], 0.01, 100.0);
      r_min = std::min(r_min, r);
      r_max = std::max(r_max, r);
    }
  }
  const double l0 = std::log10(r_min) - 0.05, l1 = std::log10(r_max) + 0.05;
  const double x0 = std::log10(d.cost_curve.front().requests),
               x1 = std::log10(d.cost_curve.back().requests);
  const auto px = [&](double requests) {
    return left + (std::log10(requests) - x0) / (x1 - x0) * (kWidth - left - right);
  };
  const auto py = [&](double ratio) {
    return top +
           (l1 - std::log10(std::clamp(ratio, 0.01, 100.0))) / (l1 - l0) * (height - top - bottom);
  };
  std::string s = open_svg(
      height,
      "Monthly cost of local and hybrid as a multiple of cloud's, against monthly requests");
  // Ticks at 1, 2 and 5 times powers of ten that fall inside, at most eight.
  std::vector<double> ticks;
  for (int e = -2; e <= 2; ++e) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double t = m * std::pow(10.0, e);
      if (std::log10(t) >= l0 && std::log10(t) <= l1) ticks.push_back(t);
    }
  }
  if (ticks.size() > 8) {
    std::erase_if(ticks, [](double t) {
      const double m = t / std::pow(10.0, std::floor(std::log10(t) + 1e-9));
      return std::fabs(m - 1) > 1e-6 && std::fabs(m - 5) > 1e-6;
    });
  }
  for (double t : ticks) {
    s += line(left, py(t), kWidth - right, py(t), "class=\"grid\"");
    // A line along the bound may stand for more (or less) than it shows.
    const std::string beyond = t >= 100 ? " or more" : t <= 0.01 ? " or less" : "";
    s += text_at(left - 6, py(t) + 4, "x" + format_number(t) + beyond, "end", "class=\"axis\"");
  }
  for (double l = std::ceil(x0); l <= x1; ++l) {
    s += text_at(px(std::pow(10.0, l)), height - bottom + 16, format_short(std::pow(10.0, l)),
                 "middle", "class=\"axis\"");
  }
  s += text_at((left + kWidth - right) / 2.0, height - 6,
               "requests per month (below x1: cheaper than cloud)", "middle", "class=\"axis\"");
  s += line(left, py(1), kWidth - right, py(1),
            fmt::format("stroke=\"{}\" stroke-width=\"2.5\"", kColours[cloud]));
  s += line_legend(kWidth - right + 8, top + 10, Option::cloud);
  for (Option o : {Option::local, Option::hybrid}) {
    std::string points;
    for (const auto& p : d.cost_curve)
      points += fmt::format("{:.1f},{:.1f} ", px(p.requests),
                            py(p.monthly_usd[index(o)] / p.monthly_usd[cloud]));
    s += fmt::format(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}/>\n", points,
        kColours[index(o)], o == Option::hybrid ? " stroke-dasharray=\"6 3\"" : "");
    s += line_legend(kWidth - right + 8, top + 10 + 18 * static_cast<double>(index(o)), o);
  }
  const double now = d.cost_curve[d.cost_curve.size() / 2].requests;
  s += vertical_marker(px(now), top, height - bottom, top + 12, "today", "marker", kWidth - right);
  return s + "</svg>\n";
}

std::string flip_chart(const ScoringModel& model, const Decision& d) {
  std::vector<const WeightFlip*> rows;
  for (const auto& f : d.flips.weights) {
    rows.push_back(&f);
    if (rows.size() == 8) break;
  }
  if (rows.empty()) return {};
  // Log scale from x1/N to xN, centred on x1 (today's weights); factors
  // beyond run to the edge with an arrow and read "more than xN".
  const int row = 24, label_width = 210, half = 150, values = label_width + 2 * half + 16;
  const int centre = label_width + half;
  const double bound = kFlipChartBound;
  std::string s = open_svg(
      row * static_cast<int>(rows.size()) + 48,
      fmt::format("How far each weight must move for another option to win (log scale, x{} to x{})",
                  format_number(1 / bound), format_number(bound)));
  s += text_at(centre, 14, "x1 (today)", "middle", "class=\"axis\"");
  const double bottom = 22 + row * static_cast<double>(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const WeightFlip& f = *rows[i];
    const double y = 22 + row * static_cast<double>(i);
    const double t = std::clamp(std::log10(f.factor) / std::log10(bound), -1.0, 1.0);
    const bool beyond = f.factor > bound || f.factor < 1 / bound;
    const double w = std::max(std::fabs(t) * half, 1.0);
    const double x = t < 0 ? centre - w : centre;
    s += row_label(y + 15, model.questionnaire.criteria[f.criterion].title, label_width - 12);
    s += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"18\" fill=\"{}\"/>\n", x, y, w,
        kColours[index(f.winner)]);
    if (beyond) {  // an arrow head past the end of the scale
      const double tip = t < 0 ? centre - half - 8 : centre + half + 8;
      const double base = t < 0 ? centre - half : centre + half;
      s += fmt::format("<path d=\"M{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}Z\" fill=\"{}\"/>\n",
                       base, y - 2, tip, y + 9, base, y + 20, kColours[index(f.winner)]);
    }
    const std::string value = f.factor > bound ? fmt::format("more than x{}", format_number(bound))
                              : f.factor < 1 / bound
                                  ? fmt::format("less than x{}", format_number(1 / bound))
                                  : fmt::format("x{:.2f}", f.factor);
    s += text_at(values, y + 14, fmt::format("{}: {} wins", value, to_string(f.winner)));
  }
  s += line(centre, 18, centre, bottom, "stroke=\"#111\"");
  s += text_at(centre - half, bottom + 16, "x" + format_number(1 / bound), "middle",
               "class=\"axis\"");
  s += text_at(centre + half, bottom + 16, "x" + format_number(bound), "middle", "class=\"axis\"");
  return s + "</svg>\n";
}

std::string portfolio_chart(const std::vector<PortfolioPoint>& points) {
  if (points.empty()) return {};
  const int height = 380, left = 90, right = 130, top = 40, bottom = 44;
  const double plot_w = kWidth - left - right, plot_h = height - top - bottom;
  double largest = 1;
  for (const auto& p : points) {
    if (p.margin) largest = std::max(largest, *p.margin);
  }
  const double step = nice_step(largest, 5);
  const double y_max = std::ceil(largest / step - 1e-9) * step;
  const auto px = [&](double confidence) { return left + confidence * plot_w; };
  const auto py = [&](std::optional<double> margin) {
    // Without a runner-up there is no margin: a strip above the plot.
    return margin ? top + (1 - *margin / y_max) * plot_h : top - 22;
  };
  std::string s = open_svg(height,
                           "Each profile's margin (points ahead of the runner-up) against its "
                           "confidence, by recommendation",
                           "portfolio-scatter");
  // Low confidence, shaded.
  s += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{:.1f}\" class=\"lowband\"/>\n", left, top,
      kLowConfidence * plot_w, plot_h);
  s += text_at(left + 4, top + 14, fmt::format("confidence under {:.0f}%", 100 * kLowConfidence),
               "start", "class=\"axis\"");
  for (int c = 0; c <= 10; c += 2) {
    const double x = px(c / 10.0);
    s += line(x, top, x, top + plot_h, "class=\"grid\"");
    s += text_at(x, top + plot_h + 18, fmt::format("{}%", 10 * c), "middle", "class=\"axis\"");
  }
  for (double m = 0; m <= y_max + 1e-9; m += step) {
    s += line(left, py(m), left + plot_w, py(m), "class=\"grid\"");
    s += text_at(left - 6, py(m) + 4, format_number(m), "end", "class=\"axis\"");
  }
  s += text_at(left - 6, top - 18, "only option", "end", "class=\"axis\"");
  s += text_at(left + plot_w / 2, height - 8, "confidence", "middle", "class=\"axis\"");
  s += fmt::format(
      "<text x=\"40\" y=\"{:.1f}\" text-anchor=\"middle\" class=\"axis\" "
      "transform=\"rotate(-90 40 {:.1f})\">margin (points)</text>\n",
      top + plot_h / 2, top + plot_h / 2);
  // Labels (the table's row numbers) beside their points where there is
  // room; a label that would touch another label or point is left out (the
  // point keeps its tooltip).
  struct Box {
    double x0, y0, x1, y1;
    bool hits(const Box& b) const { return x0 < b.x1 && b.x0 < x1 && y0 < b.y1 && b.y0 < y1; }
  };
  std::vector<Box> taken;
  for (const auto& p : points) {
    const double x = px(p.confidence), y = py(p.margin);
    const double r = p.over_budget ? 11 : 7;  // the ring, or the marker
    taken.push_back({x - r, y - r, x + r, y + r});
  }
  const Box plot{0, 0, static_cast<double>(kWidth - right + 4), static_cast<double>(height)};
  std::string marks, labels;
  std::size_t unlabelled = 0;
  for (const auto& p : points) {
    const double x = px(p.confidence), y = py(p.margin);
    std::string tip = fmt::format("#{} {}: {}", p.number, p.name, to_string(p.option));
    tip += p.margin ? fmt::format(", {:.1f} points ahead", *p.margin) : ", the only option left";
    tip += fmt::format(", confidence {:.0f}%", 100 * p.confidence);
    if (p.over_budget) tip += ", over budget";
    marks += fmt::format("<g><title>{}</title>", escape_html(tip));
    if (p.over_budget)
      marks += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"9\" fill=\"none\" stroke=\"{}\" "
          "stroke-width=\"2\"/>",
          x, y, kAlert);
    marks += marker(p.option, x, y, 5, " fill-opacity=\"0.85\"") + "</g>\n";
    const std::string label = std::to_string(p.number);
    const double w = text_width(label, kAxisCharPx), h = 11, gap = p.over_budget ? 12 : 8;
    const std::array<Box, 4> tries{Box{x + gap, y - h / 2, x + gap + w, y + h / 2},
                                   Box{x - gap - w, y - h / 2, x - gap, y + h / 2},
                                   Box{x - w / 2, y - gap - h, x + w / 2, y - gap},
                                   Box{x - w / 2, y + gap, x + w / 2, y + gap + h}};
    bool placed = false;
    for (const Box& b : tries) {
      if (b.x0 < plot.x0 || b.x1 > plot.x1 || b.y0 < plot.y0 || b.y1 > plot.y1) continue;
      if (std::any_of(taken.begin(), taken.end(), [&](const Box& t) { return t.hits(b); }))
        continue;
      labels += text_at(b.x0, b.y1 - 1.5, label, "start", "class=\"axis\"");
      taken.push_back(b);
      placed = true;
      break;
    }
    if (!placed) ++unlabelled;
  }
  s += marks + labels;
  // Legend: shape and name per option, and the over-budget ring.
  double ly = top + 6;
  for (Option o : kOptions) {
    s += marker(o, kWidth - right + 20, ly, 5) + "\n";
    s += text_at(kWidth - right + 32, ly + 4, to_string(o));
    ly += 20;
  }
  s += fmt::format(
      "<circle cx=\"{}\" cy=\"{:.1f}\" r=\"9\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n",
      kWidth - right + 20, ly + 4, kAlert);
  s += text_at(kWidth - right + 32, ly + 8, "over budget");
  if (unlabelled > 0) {
    s += text_at(kWidth - right + 10, ly + 34, fmt::format("{} unlabelled", unlabelled), "start",
                 "class=\"axis\"");
    s += text_at(kWidth - right + 10, ly + 48, "(crowded; hover)", "start", "class=\"axis\"");
  }
  return s + "</svg>\n";
}

}  // namespace aidecide::svg
