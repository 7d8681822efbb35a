// SPDX-License-Identifier: MIT
// The check rules (docs/check.md).
#include "aidecide/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "aidecide/escape.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

Drift drift_since(const RecordedResult& recorded, const RecordedResult& current) {
  Drift drift{recorded, current, {}};
  struct Move {
    double size;  // relative, for ordering
    std::string words;
  };
  std::vector<Move> moves;
  for (Option o : kOptions) {
    const double then = recorded.monthly_usd[index(o)], now = current.monthly_usd[index(o)];
    const double change = std::fabs(now - then) / std::max(1.0, std::fabs(then));
    if (change >= 0.05 && std::fabs(now - then) >= 1) {
      moves.push_back(
          {change, fmt::format("{}'s monthly cost {} from {} to {}", to_string(o),
                               now > then ? "rose" : "fell", format_usd(then), format_usd(now))});
    }
  }
  for (Option o : kOptions) {
    const double then = recorded.scores[index(o)], now = current.scores[index(o)];
    if (std::fabs(now - then) >= 0.5) {
      moves.push_back({std::fabs(now - then) / 100,
                       fmt::format("{}'s score {} from {:.1f} to {:.1f}", to_string(o),
                                   now > then ? "rose" : "fell", then, now)});
    }
  }
  std::stable_sort(moves.begin(), moves.end(),
                   [](const Move& a, const Move& b) { return a.size > b.size; });
  for (std::size_t k = 0; k < moves.size() && k < 4; ++k)
    drift.changes.push_back(std::move(moves[k].words));
  if (!recorded.prices_as_of.empty() && recorded.prices_as_of != current.prices_as_of)
    drift.changes.push_back(fmt::format("prices of {} (recorded with prices of {})",
                                        current.prices_as_of, recorded.prices_as_of));
  if (recorded.criteria_version != 0 && recorded.criteria_version != current.criteria_version)
    drift.changes.push_back(fmt::format("criteria version {} (recorded with {})",
                                        current.criteria_version, recorded.criteria_version));
  if (!recorded.answers.empty())
    drift.changes.push_back(recorded.answers == current.answers ? "answers unchanged"
                                                                : "answers changed");
  return drift;
}

Level effective_level(std::string_view rule, const CheckOptions& options) {
  Level level = find_rule(rule) ? find_rule(rule)->level : Level::error;
  for (const auto& [id, l] : options.rule_levels) {
    if (id == rule) level = l;
  }
  return level;
}

FileCheck check_markdown(const ScoringModel& model, std::string_view text,
                         const std::string& source, const CheckOptions& options) {
  FileCheck result;
  result.file = source;
  RecordScan scan = scan_markdown(text, source, model.questionnaire);
  const auto add = [&](std::string rule, SourcePos pos, std::string message,
                       std::shared_ptr<const Drift> drift = {}) {
    const Level level = effective_level(rule, options);
    if (level == Level::off) return;
    result.findings.push_back(
        {std::move(rule), level, source, pos, std::move(message), std::move(drift)});
  };
  for (const Diagnostic& d : scan.problems)
    add(d.code.empty() ? "malformed-record" : d.code, d.pos, d.message);

  // Records with problems of their own are reported, not re-scored; only the
  // first record of a document is held to its decision.
  const bool broken = std::any_of(scan.problems.begin(), scan.problems.end(),
                                  [](const Diagnostic& d) { return d.code != "multiple-records"; });
  for (std::size_t i = 0; i < scan.records.size(); ++i) {
    CheckedRecord checked{std::move(scan.records[i]), std::nullopt};
    const DecisionRecord& r = checked.record;
    bool bad_models = false;
    if (i == 0 && r.profile.models.any()) {
      // Names the catalog lacks are the record's problem, reported like one.
      try {
        (void)with_named_models(model.pricing, r.profile.models, r.source);
      } catch (const InputError& e) {
        for (const Diagnostic& d : e.diagnostics()) add("malformed-record", d.pos, d.message);
        bad_models = true;
      }
    }
    if (i == 0 && !broken && !bad_models && r.decision) {
      const Decision d = decide(model, r.profile, options.engine);
      const Option declared = *r.decision;
      const std::string scores = fmt::format("cloud {:.1f}, local {:.1f}, hybrid {:.1f}",
                                             d.scores[0], d.scores[1], d.scores[2]);
      // What moved since `adr` recorded the result, when it did.
      std::shared_ptr<const Drift> drift;
      std::string since;
      if (r.recorded.present) {
        RecordedResult now;
        now.present = true;
        now.aidecide = AIDECIDE_VERSION;
        now.criteria_version = model.questionnaire.version;
        now.prices_as_of = model.pricing.newest_as_of();
        now.scores = d.scores;
        for (Option o : kOptions) now.monthly_usd[index(o)] = d.cost.options[index(o)].monthly_usd;
        now.answers = answers_fingerprint(model.questionnaire, r.profile);
        drift = std::make_shared<const Drift>(drift_since(r.recorded, now));
        for (std::size_t k = 0; k < drift->changes.size(); ++k)
          since += (k == 0 ? "; since it was recorded: " : "; ") + drift->changes[k];
      }
      if (r.criteria_version && *r.criteria_version != model.questionnaire.version) {
        add("stale-criteria", r.criteria_version_pos,
            fmt::format("scored with criteria version {}, the current one is {}; re-check the "
                        "record and update "
                        "criteria_version",
                        *r.criteria_version, model.questionnaire.version));
      }
      if (r.override_.present && r.override_.reason.empty()) {
        add("override-without-reason", r.override_.pos,
            "override has no reason; say why the deviation is accepted");
      }
      const bool expired =
          r.override_.until && !options.today.empty() && *r.override_.until < options.today;
      if (expired && r.held) {  // a decision that no longer holds needs no renewal
        add("override-expired", r.override_.until_pos,
            fmt::format("override expired on {}; revisit the decision, or renew the override with "
                        "a new date",
                        *r.override_.until));
      }
      if (!r.held) {
        add("not-held", r.decision_pos,
            fmt::format("status '{}': the decision no longer holds, so it is not checked against "
                        "the criteria",
                        escape_for_message(r.status)));
      }
      if (r.held) {
        const bool excused = r.override_.present && !r.override_.reason.empty() && !expired;
        if (d.vetoed[index(declared)]) {
          std::string reason;
          for (const Veto& v : d.vetoes) {
            if (v.option == declared) reason = fmt::format("{} ({})", v.reason, v.rule);
          }
          add("vetoed-decision", r.decision_pos,
              fmt::format("declared {}, which a hard constraint rules out: {}; change the decision",
                          to_string(declared), reason));
        } else if (d.recommendation != declared) {
          const std::string rec =
              d.recommendation ? std::string(to_string(*d.recommendation)) : "nothing";
          std::string message =
              fmt::format("declared {}, but the criteria now recommend {} ({}{}); ",
                          to_string(declared), rec, scores, since);
          if (excused) {
            message +=
                fmt::format("accepted by override: {}", escape_for_message(r.override_.reason));
            const std::string rule = "decision-mismatch";
            const Level level =
                effective_level(rule, options) == Level::off ? Level::off : Level::note;
            if (level != Level::off)
              result.findings.push_back(
                  {rule, level, source, r.decision_pos, std::move(message), drift});
          } else {
            message += "update the decision, or record an override with a reason";
            add("decision-mismatch", r.decision_pos, std::move(message), drift);
          }
        } else if (d.runner_up && (d.margin < options.low_margin_points ||
                                   d.confidence < options.low_confidence)) {
          add("low-margin", r.decision_pos,
              fmt::format("declared {} holds by only {:.1f} points (confidence {:.0f}%); review "
                          "the flip points and "
                          "unknown answers",
                          to_string(declared), d.margin, 100 * d.confidence));
        }
        if (drift && d.recommendation == declared && d.runner_up) {
          // The margin the record was written with: declared over the best other.
          double best_other = -1;
          for (Option o : kOptions)
            if (o != declared) best_other = std::max(best_other, r.recorded.scores[index(o)]);
          const double then = r.recorded.scores[index(declared)] - best_other;
          if (then > 0 && d.margin < then / 2) {
            add("drifted", r.decision_pos,
                fmt::format("declared {} still holds, but its margin fell from {:.1f} to {:.1f} "
                            "points{}",
                            to_string(declared), then, d.margin, since),
                drift);
          }
        }
      }
      checked.decision = d;
    }
    result.records.push_back(std::move(checked));
  }
  std::stable_sort(
      result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
        return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
      });
  return result;
}

}  // namespace aidecide
