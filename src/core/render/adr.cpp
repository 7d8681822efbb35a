// SPDX-License-Identifier: MIT
// A MADR-style architecture decision record for a scored profile, with the
// decision record filled in so `aidecide check` holds it at once.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "aidecide/adr.hpp"
#include "aidecide/escape.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

std::string adr_title(const Profile& profile, const AdrOptions& options) {
  return options.title.empty() ? fmt::format("Where to run {}", profile.name) : options.title;
}

std::string next_adr_file_name(const std::vector<std::string>& names, std::string_view title) {
  unsigned long long highest = 0;
  for (const std::string& name : names) {
    std::size_t digits = 0;
    while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') ++digits;
    if (digits == 0 || digits > 9 || digits >= name.size() || name[digits] != '-' ||
        !name.ends_with(".md"))
      continue;
    highest = std::max(highest, std::stoull(name.substr(0, digits)));
  }
  return fmt::format("{:04}-{}.md", highest + 1, safe_file_stem(title));
}

std::string stakeholders_yaml(const Questionnaire& q, const std::vector<Stakeholder>& people) {
  std::string out = "stakeholders:\n";
  for (const Stakeholder& s : people) {
    out += fmt::format("  - name: {}\n", yaml_quoted(s.name));
    if (!s.role.empty()) out += fmt::format("    role: {}\n", yaml_quoted(s.role));
    if (s.influence != 1) out += fmt::format("    influence: {:.15g}\n", s.influence);
    if (!s.pairwise.empty()) {
      out += "    pairwise:\n";
      for (const auto& j : s.pairwise)
        out += fmt::format("      - [{}, {}, {:.15g}]\n", q.criteria[j.more].id,
                           q.criteria[j.less].id, j.ratio);
      continue;
    }
    std::vector<std::string> points;
    for (std::size_t i = 0; i < s.weights.size(); ++i)
      if (s.weights[i])
        points.push_back(fmt::format("{}: {:.15g}", q.criteria[i].id, *s.weights[i]));
    out += fmt::format("    weights: {{{}}}\n", join(points, ", "));
  }
  return out;
}

std::string render_record_block(const ScoringModel& model, const Profile& profile,
                                const Decision& d) {
  const Questionnaire& q = model.questionnaire;
  std::string out;
  out += fmt::format("```yaml aidecide\ndecision: {}\ncriteria_version: {}\nanswers:\n",
                     d.recommendation ? to_string(*d.recommendation) : "none", q.version);
  for (const Criterion& c : q.criteria) {
    if (c.answerable())
      out += fmt::format("  {}: {}\n", c.id,
                         saved_answer_text(c, profile.answers[c.index_in_questionnaire]));
  }
  bool any_weight = false;
  for (const Criterion& c : q.criteria) {
    const auto& w = profile.weights[c.index_in_questionnaire];
    if (!w) continue;
    if (!any_weight) out += "weights:\n";
    any_weight = true;
    out += fmt::format("  {}: {:.15g}\n", c.id, *w);
  }
  if (profile.models.any()) {
    out += "models:\n";
    for (const auto& [key, name] : named_model_fields(profile.models)) {
      if (!name->id.empty()) out += fmt::format("  {}: {}\n", key, yaml_quoted(name->id));
    }
  }
  if (!profile.stakeholders.empty()) out += stakeholders_yaml(q, profile.stakeholders);
  // The result as it stands today, so check can say later what moved.
  const auto per_option = [&](auto value) {
    std::string text = "{";
    for (Option o : kOptions)
      text += fmt::format("{}{}: {}", o == Option::cloud ? "" : ", ", to_string(o), value(o));
    return text + "}";
  };
  out += fmt::format(
      "recorded:\n  aidecide: {}\n  criteria_version: {}\n  prices_as_of: {}\n  answers: "
      "\"{}\"\n  scores: {}\n  monthly_usd: {}\n",
      yaml_quoted(AIDECIDE_VERSION), q.version, model.pricing.newest_as_of(),
      answers_fingerprint(q, profile),
      per_option([&](Option o) { return fmt::format("{:.1f}", d.scores[index(o)]); }),
      per_option([&](Option o) {
        return fmt::format("{:.0f}", std::round(d.cost.options[index(o)].monthly_usd));
      }));
  out += "```\n";
  return out;
}

namespace {
// An ATX heading's level and text ("## Decision Outcome ##" -> 2,
// "Decision Outcome"); level 0 for any other line.
std::pair<int, std::string_view> heading(std::string_view line) {
  std::size_t level = 0;
  while (level < line.size() && level < 7 && line[level] == '#') ++level;
  if (level == 0 || level > 6 || level == line.size() ||
      (line[level] != ' ' && line[level] != '\t'))
    return {0, {}};
  std::string_view text = trim_blanks(line.substr(level));
  while (!text.empty() && text.back() == '#') text.remove_suffix(1);
  return {static_cast<int>(level), trim_blanks(text)};
}

bool is_decision_heading(std::string_view text) {
  const std::string lower = ascii_lower(std::string(text));
  return lower == "decision" || lower == "decision outcome";
}
}  // namespace

std::string insert_record(std::string_view document, std::string_view block) {
  // Lines with their offsets; headings inside code blocks do not count.
  std::size_t insert_at = document.size();
  int section = 0;  // the decision heading's level, once found
  std::string_view fence;
  for (std::size_t at = 0; at < document.size();) {
    const std::size_t end = std::min(document.find('\n', at), document.size());
    std::string_view line = document.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view bare = trim_blanks(line);
    if (!fence.empty()) {
      if (bare.starts_with(fence) && trim_blanks(bare.substr(fence.size())).empty()) fence = {};
    } else if (bare.starts_with("```") || bare.starts_with("~~~")) {
      std::size_t n = 0;
      while (n < bare.size() && bare[n] == bare[0]) ++n;
      fence = bare.substr(0, n);
    } else if (const auto [level, text] = heading(line); level > 0) {
      if (section > 0 && level <= section) {
        insert_at = at;
        break;
      }
      if (section == 0 && is_decision_heading(text)) section = level;
    }
    at = end + 1;
  }
  const bool crlf = document.find("\r\n") != std::string_view::npos;
  const std::string_view eol = crlf ? "\r\n" : "\n";
  // A blank line before the block (unless there is one) and before the
  // heading that follows it.
  const std::string_view before = document.substr(0, insert_at);
  const bool ends_line = before.empty() || before.back() == '\n';
  const bool blank =
      before.empty() || (ends_line && (before.ends_with("\n\n") || before.ends_with("\n\r\n")));
  std::string added;
  if (!ends_line) added += eol;
  if (!blank) added += eol;
  for (const char c : block) {
    if (c == '\n') {
      added += eol;
    } else {
      added += c;
    }
  }
  if (insert_at < document.size()) added += eol;
  std::string out(document.substr(0, insert_at));
  out += added;
  out += document.substr(insert_at);
  return out;
}

std::string render_adr(const ScoringModel& model, const Profile& profile, const Decision& d,
                       const AdrOptions& options) {
  const Questionnaire& q = model.questionnaire;
  const std::string title = escape_markdown(adr_title(profile, options));
  // Each layout's headings; the record sits in the decision section for
  // Nygard and log4brains (where --append would put it), in its own for MADR.
  struct Layout {
    std::string_view context, drivers, options, outcome, consequences;
  };
  const Layout layout =
      options.layout == AdrTemplate::nygard
          ? Layout{"## Context", "### Decision drivers", "### Considered options", "## Decision",
                   "## Consequences"}
      : options.layout == AdrTemplate::log4brains
          ? Layout{"## Context and Problem Statement", "## Decision Drivers",
                   "## Considered Options", "## Decision Outcome", "### Consequences"}
          : Layout{"## Context and problem statement", "## Decision drivers",
                   "## Considered options", "## Decision outcome", "### Consequences"};
  std::string out;
  switch (options.layout) {
    case AdrTemplate::madr:
      out = fmt::format("---\nstatus: proposed\ndate: {}\n---\n\n# {}\n\n", options.date, title);
      break;
    case AdrTemplate::nygard:
      out = fmt::format("# {}\n\nDate: {}\n\n## Status\n\nProposed\n\n", title, options.date);
      break;
    case AdrTemplate::log4brains:
      out = fmt::format("# {}\n\n- Status: proposed\n- Date: {}\n\n", title, options.date);
      break;
  }
  out += std::string(layout.context) + "\n\n";
  if (!profile.description.empty()) out += escape_markdown(profile.description) + "\n\n";
  out += fmt::format(
      "Where should the models of *{}* run: on hosted model APIs (cloud), on open-weight models we "
      "serve "
      "ourselves (local), or split between them (hybrid)? Scored with aidecide {} (criteria "
      "version {}).\n\n",
      escape_markdown(profile.name), AIDECIDE_VERSION, q.version);

  out += std::string(layout.drivers) + "\n\n";
  std::size_t shown = 0;
  for (const Contribution& c : d.contributions) {
    if (shown == 5 || std::fabs(c.separation) < 0.05) break;
    out += "- " + escape_markdown(describe_contribution(model, d, c)) + "\n";
    ++shown;
  }
  out += fmt::format(
      "\n{}\n\n| Option | Score | Monthly cost (all-in) | Notes |\n|---|---:|---:|---|\n",
      layout.options);
  for (Option o : kOptions) {
    std::string note;
    if (d.recommendation == o) note = "**chosen**";
    for (const Veto& v : d.vetoes) {
      if (v.option == o) note = "ruled out: " + escape_markdown(v.reason);
    }
    out += fmt::format("| {} | {:.1f} | {} | {} |\n", to_string(o), d.scores[index(o)],
                       format_usd(d.cost.options[index(o)].monthly_usd), note);
  }
  out += fmt::format("\n{}\n\n", layout.outcome);
  if (d.recommendation) {
    out += fmt::format("Chosen option: **{}**", to_string(*d.recommendation));
    if (d.runner_up)
      out += fmt::format(", {:.1f} points ahead of {}", d.margin, to_string(*d.runner_up));
    out += fmt::format(" (confidence {:.0f}%).", 100 * d.confidence);
    if (d.hybrid_pattern)
      out += fmt::format(" Pattern: {}.", escape_markdown(d.hybrid_pattern->title));
    out += "\n\n";
  } else {
    out += "No option is possible: every option is ruled out by a hard constraint.\n\n";
  }
  if (d.group) {
    // Who weighed what: each stakeholder's own call, where they part, and
    // what would bring a dissenter round.
    out += "Stakeholders (the group weighs by the geometric mean of their weights):\n\n";
    for (const std::string& line : stakeholder_lines(model, d))
      out += "- " + escape_markdown(line) + "\n";
    for (const std::string& line : disagreement_sentences(model, d))
      out += "- " + escape_markdown(line) + "\n";
    out += "\n";
  }
  if (!d.assumptions.empty()) {
    out += "Assumptions:\n\n";
    for (const Assumption& a : d.assumptions) {
      out += fmt::format("- `{}`: {}. {}\n", q.criteria[a.criterion].id,
                         escape_markdown(a.value_text), escape_markdown(a.note));
    }
    out += "\n";
  }
  if (options.layout != AdrTemplate::madr) {
    out += "Re-scored by `aidecide check` in CI; update the answers when the facts change.\n\n";
    out += render_record_block(model, profile, d) + "\n";
  }
  out += std::string(layout.consequences) + "\n\n";
  for (const std::string& item : d.checklist) out += "- [ ] " + escape_markdown(item) + "\n";
  if (options.layout != AdrTemplate::madr) return out;

  out +=
      "\n## Decision record\n\nRe-scored by `aidecide check` in CI; update the answers when the "
      "facts change.\n\n";
  out += render_record_block(model, profile, d);
  return out;
}

}  // namespace aidecide
