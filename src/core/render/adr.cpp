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

std::string render_adr(const ScoringModel& model, const Profile& profile, const Decision& d,
                       const AdrOptions& options) {
  const Questionnaire& q = model.questionnaire;
  const std::string title = adr_title(profile, options);
  std::string out = fmt::format("---\nstatus: proposed\ndate: {}\n---\n\n# {}\n\n", options.date,
                                escape_markdown(title));
  out += "## Context and problem statement\n\n";
  if (!profile.description.empty()) out += escape_markdown(profile.description) + "\n\n";
  out += fmt::format(
      "Where should the models of *{}* run: on hosted model APIs (cloud), on open-weight models we "
      "serve "
      "ourselves (local), or split between them (hybrid)? Scored with aidecide {} (criteria "
      "version {}).\n\n",
      escape_markdown(profile.name), AIDECIDE_VERSION, q.version);

  out += "## Decision drivers\n\n";
  std::size_t shown = 0;
  for (const Contribution& c : d.contributions) {
    if (shown == 5 || std::fabs(c.separation) < 0.05) break;
    out += "- " + escape_markdown(describe_contribution(model, d, c)) + "\n";
    ++shown;
  }
  out +=
      "\n## Considered options\n\n| Option | Score | Monthly cost (all-in) | Notes "
      "|\n|---|---:|---:|---|\n";
  for (Option o : kOptions) {
    std::string note;
    if (d.recommendation == o) note = "**chosen**";
    for (const Veto& v : d.vetoes) {
      if (v.option == o) note = "ruled out: " + escape_markdown(v.reason);
    }
    out += fmt::format("| {} | {:.1f} | {} | {} |\n", to_string(o), d.scores[index(o)],
                       format_usd(d.cost.options[index(o)].monthly_usd), note);
  }
  out += "\n## Decision outcome\n\n";
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
  if (!d.assumptions.empty()) {
    out += "Assumptions:\n\n";
    for (const Assumption& a : d.assumptions) {
      out += fmt::format("- `{}`: {}. {}\n", q.criteria[a.criterion].id,
                         escape_markdown(a.value_text), escape_markdown(a.note));
    }
    out += "\n";
  }
  out += "### Consequences\n\n";
  for (const std::string& item : d.checklist) out += "- [ ] " + escape_markdown(item) + "\n";

  out +=
      "\n## Decision record\n\nRe-scored by `aidecide check` in CI; update the answers when the "
      "facts change.\n\n";
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

}  // namespace aidecide
