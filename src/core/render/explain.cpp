// SPDX-License-Identifier: MIT
// Sentences shared by every renderer, so they read the same everywhere.
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "aidecide/number_format.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"

namespace aidecide {

std::string describe_contribution(const ScoringModel& model, const Decision& d,
                                  const Contribution& c) {
  // Built piece by piece into one string: every driver of every result has
  // one, and two formatting passes with a temporary were a tenth of the
  // JSON output's time.
  const std::string_view title = model.questionnaire.criteria[c.criterion].title;
  const auto [first, second] = d.versus;
  const bool same = std::fabs(c.separation) < 0.05;
  std::string out;
  out.reserve(title.size() + c.value_text.size() + 96);
  out += title;
  switch (c.basis) {
    case AnswerBasis::computed:
      out += " (computed)";
      break;
    case AnswerBasis::assumed:
      out += " is unknown, assumed ";
      out += c.value_text;
      break;
    case AnswerBasis::range_middle:
      out += " is a range, scored at its middle (";
      out += c.value_text;
      out += ')';
      break;
    case AnswerBasis::given:
      out += " is ";
      out += c.value_text;
      break;
  }
  if (same) {
    out += ": no difference between ";
    out += to_string(first);
    out += " and ";
    out += to_string(second);
    return out;
  }
  out += ": favours ";
  out += to_string(c.separation > 0 ? first : second);
  out += ", +";
  out += format_fixed(std::fabs(c.separation), 1);
  out += " points over ";
  out += to_string(c.separation > 0 ? second : first);
  return out;
}

bool plain_weight_flip(const WeightFlip& f) {
  return f.factor <= kPlainWeightFactor && f.factor >= 1 / kPlainWeightFactor;
}

std::string describe_flip(const ScoringModel& model, const Decision& d, const WeightFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  const double now = d.weights[f.criterion];
  if (f.factor > kPlainWeightFactor) {
    return fmt::format(FMT_COMPILE("{} wins only if {} mattered more than five times as much"),
                       to_string(f.winner), c.title);
  }
  if (f.factor < 1 / kPlainWeightFactor) {
    return fmt::format(FMT_COMPILE("{} wins only if {} mattered less than a fifth as much"),
                       to_string(f.winner), c.title);
  }
  return fmt::format(FMT_COMPILE("{} wins if {} mattered {} as much (weight {} -> {})"),
                     to_string(f.winner), c.title,
                     f.factor >= 1 ? fmt::format("{:.1f} times", f.factor)
                                   : fmt::format("{:.0f}%", 100 * f.factor),
                     format_number(now), format_number(now * f.factor));
}

std::string describe_flip(const ScoringModel& model, const NumberFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  return fmt::format(FMT_COMPILE("{} wins with {} {} {}"), to_string(f.winner), c.title,
                     f.above ? "above" : "below", describe_value(c, f.value));
}

std::string describe_flip(const ScoringModel& model, const ChoiceFlip& f) {
  const Criterion& c = model.questionnaire.criteria[f.criterion];
  return fmt::format(FMT_COMPILE("{} wins if {} were {}"), to_string(f.winner), c.title,
                     c.answers[f.answer].id);
}

std::vector<CostTableRow> cost_table(const Decision& d) {
  std::vector<CostTableRow> rows;
  const auto row = [&](std::string_view label, auto cell) {
    CostTableRow r{label, {}};
    for (Option o : kOptions) r.cells[index(o)] = cell(d.cost.options[index(o)]);
    rows.push_back(std::move(r));
  };
  row("runs on", [](const OptionCost& o) { return std::string(deployment_label(o)); });
  row("upfront (to buy)", [](const OptionCost& o) { return format_usd(o.upfront_usd); });
  row("per month, all-in", [](const OptionCost& o) { return format_usd(o.monthly_usd); });
  row("  of which running", [](const OptionCost& o) { return format_usd(o.running_monthly_usd); });
  row("3-year total", [](const OptionCost& o) { return format_usd(o.tco_usd); });
  if (d.cost.hosted_price_change_per_year != 0 || d.cost.self_host_cost_change_per_year != 0)
    row("  with price trends",
        [](const OptionCost& o) { return format_usd(o.tco_with_trends_usd); });
  row("GPUs provisioned", [](const OptionCost& o) { return format_number(o.gpus); });
  row("operations staff, FTE", [](const OptionCost& o) { return format_number(o.ops_fte); });
  row("  their cost per month", [](const OptionCost& o) { return format_usd(o.ops_usd); });
  row("within budget", [](const OptionCost& o) {
    return std::string(o.fits_upfront && o.fits_monthly     ? "yes"
                       : !o.fits_upfront && !o.fits_monthly ? "no"
                       : o.fits_upfront                     ? "no (monthly)"
                                                            : "no (upfront)");
  });
  return rows;
}

namespace {

std::string gb(double x) {
  return fmt::format("{} GB", format_number(std::round(x * 10) / 10));
}

std::string way_phrase(const WayCost& w) {
  switch (w.way) {
    case Deployment::own:
      return "owning GPUs";
    case Deployment::rent:
      return w.reserved_term ? "renting reserved GPUs" : "renting GPUs on demand";
    case Deployment::edge:
      return "edge boxes";
    default:
      break;
  }
  return std::string(deployment_label(w.way, w.reserved_term));
}

}  // namespace

std::vector<std::string> sizing_sentences(const Decision& d) {
  std::vector<std::string> out;
  if (d.named_models.any()) {
    // Which model runs where is the profile's choice, not the tier's: say so.
    std::vector<std::string> named;
    for (const auto& [key, name] : named_model_fields(d.named_models)) {
      if (!name->id.empty()) named.push_back(fmt::format("{} {}", key, name->id));
    }
    std::string t = fmt::format("The profile names its models ({})", join_words(named));
    if (d.cost.cloud_model != nullptr)
      t += fmt::format("; cloud calls {}", d.cost.cloud_model->name);
    out.push_back(t + "; anything not named is the capability tier's default.");
  }
  for (Option o : {Option::local, Option::hybrid}) {
    const OptionCost& c = d.cost.options[index(o)];
    const Sizing& s = c.sizing;
    if (s.model == nullptr) continue;
    std::string t =
        fmt::format("{} runs {} at {} on {}: {} {} of {} x {}", to_string(o), s.model->name,
                    to_string(s.quantisation), deployment_label(c), format_number(s.replicas),
                    c.deployment == Deployment::edge ? (s.replicas == 1 ? "box" : "boxes")
                                                     : (s.replicas == 1 ? "replica" : "replicas"),
                    s.gpus_per_replica, s.gpu->name);
    if (o == Option::hybrid)
      t += fmt::format(", serving {:.0f}% of the traffic", 100 * c.local_share);
    if (c.hosted.reserved) {
      t += fmt::format(
          "; the cloud share runs on reserved capacity ({} units, {} a month against "
          "{} on the API)",
          format_number(c.hosted.units), format_usd(c.hosted.reserved_monthly_usd),
          format_usd(c.hosted.api_monthly_usd));
    }
    t += ".";
    if (s.larger_gpu && s.two_nodes)
      t += " No single server of the preferred GPU holds it, so each replica spans two servers.";
    else if (s.two_nodes)
      t += " No single server holds it, so each replica spans two servers.";
    else if (s.larger_gpu)
      t += fmt::format(" The tier's preferred GPU cannot hold it, so it runs on the {}.",
                       s.gpu->name);
    t += fmt::format(
        " Memory per {}: weights {}, KV cache {} ({} {} of {} tokens), overhead {}; {} of {} "
        "usable.",
        c.deployment == Deployment::edge ? "box" : "replica", gb(s.memory.weights),
        gb(s.memory.kv_cache), format_number(s.sequences),
        s.sequences == 1 ? "sequence" : "sequences", format_number(std::round(s.context)),
        gb(s.memory.overhead), gb(s.memory.total), gb(s.memory.available));
    t += fmt::format(" Throughput {} output tokens/s per {} ({}).",
                     format_number(std::round(s.output_tokens_per_second)),
                     c.deployment == Deployment::edge ? "box" : "replica",
                     to_string(s.throughput_kind));
    if (s.estimated_figure)
      t += " The confidence draws allow for it being a third lower or half again higher.";
    if (s.fewer_sequences)
      t += " Requests this long leave room for fewer sequences than a full batch.";
    if (s.context_clipped)
      t += fmt::format(" Requests are longer than the model's context of {} tokens.",
                       format_number(s.model->context));
    std::vector<std::string> others;
    // Renting on demand and reserved, not allowed for one reason, read as one.
    const WayCost& on_demand = c.ways[1];
    const WayCost& reserved = c.ways[2];
    const bool rent_as_one = !on_demand.allowed && !reserved.allowed &&
                             on_demand.why_not == reserved.why_not &&
                             c.deployment != Deployment::rent;
    for (const WayCost& w : c.ways) {
      if (w.way == c.deployment && w.reserved_term == c.reserved_term) continue;
      if (rent_as_one && w.way == Deployment::rent) {
        if (!w.reserved_term)
          others.push_back(fmt::format("renting GPUs not allowed ({})", w.why_not));
      } else if (!w.allowed) {
        others.push_back(fmt::format("{} not allowed ({})", way_phrase(w), w.why_not));
      } else {
        others.push_back(fmt::format(
            "{} {} a month all-in{}", way_phrase(w), format_usd(w.monthly_usd),
            w.upfront_usd > 0 ? fmt::format(" and {} up front", format_usd(w.upfront_usd))
                              : std::string()));
      }
    }
    if (!others.empty()) t += " Other ways: " + join(others, "; ") + ".";
    out.push_back(std::move(t));
  }
  return out;
}

namespace {

// How the yearly trends move the totals and the break-even (docs/cost-model.md,
// "Trends"); empty when they are off.
std::string trend_note(const CostEstimate& e) {
  if (e.hosted_price_change_per_year == 0 && e.self_host_cost_change_per_year == 0) return {};
  const auto pct = [](double r) { return fmt::format("{:+.0f}%", 100 * r); };
  std::string t = fmt::format(
      " Price trends (hosted {}, self-hosted cost per token {} a year; bought hardware keeps "
      "its price) give the \"with price trends\" row",
      pct(e.hosted_price_change_per_year), pct(e.self_host_cost_change_per_year));
  const double now = e.break_even_requests;
  const double end = e.break_even_end_requests;
  const std::string by = fmt::format("by month {:.0f}", e.horizon_months);
  if (now > 0 && end > 0 && format_compact(now) != format_compact(end)) {
    t += fmt::format("; with them local's break-even {} from about {} to {} requests/month {}",
                     end > now ? "rises" : "falls", format_compact(now), format_compact(end), by);
  } else if (now >= 0 && end < 0) {
    t += fmt::format("; with them, {} local no longer costs less than cloud at any volume", by);
  } else if (now < 0 && end >= 0) {
    t += fmt::format(
        "; with them, {} local would cost the same as cloud at about {} "
        "requests/month",
        by, format_compact(end));
  }
  return t + ".";
}

}  // namespace

namespace {

// Reserved hosted capacity for cloud, when the catalog offers it and it
// matters (cloud runs on it, or the API bill is at least half what the
// smallest deployment costs): what it costs against the API and from which
// volume it would pay.
std::string reserved_note(const CostEstimate& e) {
  const HostedCost& h = e.options[index(Option::cloud)].hosted;
  if (!h.offered || e.cloud_model == nullptr) return {};
  const ProvisionedCapacity& pc = e.cloud_model->provisioned;
  if (!h.reserved && h.api_monthly_usd < 0.5 * pc.min_units * pc.usd_per_unit_month) return {};
  const std::string units =
      fmt::format("{} {} at {} each a month", format_number(h.units),
                  h.units == 1 ? "unit" : "units", format_usd(pc.usd_per_unit_month));
  if (h.reserved) {
    return fmt::format(
        "Cloud runs {} on reserved capacity: {}, {} a month{} against {} on the API. ",
        e.cloud_model->name, units, format_usd(h.reserved_monthly_usd),
        e.batch_share > 0 ? " with the batch share still on the batch API" : "",
        format_usd(h.api_monthly_usd));
  }
  std::string t = fmt::format(
      "Reserved capacity for {} ({} for the peak, {} a month) would cost more than the API's {}",
      e.cloud_model->name, units, format_usd(h.reserved_monthly_usd),
      format_usd(h.api_monthly_usd));
  if (e.reserved_break_even_requests > 0)
    return t + fmt::format("; with this traffic it pays from about {} requests/month. ",
                           format_compact(e.reserved_break_even_requests));
  return t + "; with this traffic it never does at these prices. ";
}

}  // namespace

std::string cost_note(const Decision& d) {
  std::string note;
  const CostEstimate& e = d.cost;
  if (e.cached_input_share > 0 || e.batch_share > 0) {
    std::vector<std::string> how;
    if (e.cached_input_share > 0)
      how.push_back(
          fmt::format("{:.0f}% of input tokens from the prompt cache", 100 * e.cached_input_share));
    if (e.batch_share > 0)
      how.push_back(fmt::format("{:.0f}% of the work through the batch API", 100 * e.batch_share));
    note = fmt::format("The API bill counts {}: {} a month for cloud instead of {} at list price. ",
                       join_words(how),
                       format_usd(e.options[index(Option::cloud)].hosted.api_monthly_usd),
                       format_usd(e.cloud_list_usd));
  }
  note += reserved_note(e);
  const double horizon = e.horizon_months;
  // Never "pays for itself" next to "never costs less": when local never
  // costs less all-in, the hardware cannot pay back within the write-off.
  if (e.break_even_requests < 0) {
    note += "Local never costs less than cloud at these prices, at any volume.";
  } else {
    const double upfront = e.options[index(Option::local)].upfront_usd;
    if (upfront > 0 && e.payback_months > 0 && e.payback_months <= horizon) {
      note += fmt::format(
          "Local hardware pays for itself in about {:.0f} months, within the {:.0f}-month "
          "write-off. ",
          std::ceil(e.payback_months), horizon);
    } else if (upfront > 0) {
      note += fmt::format(
          "At this volume local hardware does not pay for itself within the {:.0f}-month "
          "write-off. ",
          horizon);
    }
    if (e.break_even_requests == 0) {
      note += "Local costs less than cloud at any volume.";
    } else {
      note += fmt::format("Break-even: local costs the same as cloud at about {} requests/month.",
                          format_compact(e.break_even_requests));
    }
  }
  return note + trend_note(e);
}

std::vector<std::string> budget_sentences(const Decision& d) {
  std::vector<std::string> out;
  for (const OverBudget& b : d.over_budget) {
    const std::string what = fmt::format(
        "{} is over the {} budget by {} (needs {}{}; the budget is {})", to_string(b.option),
        to_string(b.budget), format_usd(b.need_usd - b.limit_usd), format_usd(b.need_usd),
        b.budget == Budget::monthly ? " a month" : " up front", format_usd(b.limit_usd));
    if (b.ruled_out) {
      out.push_back(what + ": not recommended while another option fits.");
    } else if (!b.firm) {
      out.push_back(what + ": the budget is flexible, so only its score is lower.");
    } else {
      out.push_back(what + ".");
    }
  }
  return out;
}

std::string no_fit_sentence(const ScoringModel& model, const Decision& d) {
  if (!d.no_option_fits || !d.recommendation) return {};
  const OptionCost& rec = d.cost.options[index(*d.recommendation)];
  std::string s = fmt::format(
      "No option fits the budgets, so the scores decide. {} would need a budget of {} up front "
      "and {} a month.",
      to_string(*d.recommendation), format_usd(rec.upfront_usd),
      format_usd(rec.running_monthly_usd));
  if (d.cheapest) {
    const OptionCost& c = d.cost.options[index(*d.cheapest)];
    s += fmt::format(" The cheapest option over {:.0f} months is {}: {} up front, {} a month.",
                     d.cost.horizon_months, to_string(*d.cheapest), format_usd(c.upfront_usd),
                     format_usd(c.running_monthly_usd));
  }
  for (const BudgetVariant& v : d.fitting_variants) {
    const Criterion& c = model.questionnaire.criteria[v.criterion];
    s += fmt::format(" With {} {}, {} would fit: {} up front, {} a month.", c.title,
                     c.answers[v.answer].id, to_string(v.option), format_usd(v.upfront_usd),
                     format_usd(v.monthly_usd));
  }
  if (d.fitting_variants.empty())
    s += " No lower capability tier or fewer spares would fit either.";
  return s;
}

std::string_view only_option_text(const Decision& d) {
  for (Option o : kOptions) {
    if (d.ruled_out[index(o)] && !d.vetoed[index(o)])
      return ", the only option within the firm budgets";
  }
  return ", the only option not ruled out";
}

std::string assumed_sentence(const Decision& d) {
  if (d.assumed_answers == 0) return {};
  if (mostly_assumed(d)) {
    return fmt::format(
        "Most answers were assumed ({} of {}: unknown, left out or a range): read this as a first "
        "estimate and answer the questions below to firm it up.",
        d.assumed_answers, d.applicable_answers);
  }
  return fmt::format("{} of {} answers were assumed (unknown, left out or a range).",
                     d.assumed_answers, d.applicable_answers);
}

std::string confidence_sentence(const Decision& d) {
  std::string s =
      fmt::format("confidence {:.0f}% ({})", 100 * d.confidence, confidence_words(d.confidence));
  if (!d.recommendation) return s;
  std::array<Option, kOptionCount> order = kOptions;
  std::stable_sort(order.begin(), order.end(), [&](Option a, Option b) {
    return d.win_shares[index(a)] > d.win_shares[index(b)];
  });
  std::vector<std::string> others;
  for (Option o : order) {
    if (o == *d.recommendation || d.win_shares[index(o)] < 0.01) continue;  // under 1%: not shown
    others.push_back(fmt::format("{} {:.0f}%", to_string(o), 100 * d.win_shares[index(o)]));
  }
  if (others.empty()) return s;
  // "hybrid wins 38% of draws, local 18%"
  const std::size_t space = others[0].find(' ');
  s += fmt::format(": {} wins{} of draws", others[0].substr(0, space), others[0].substr(space));
  for (std::size_t k = 1; k < others.size(); ++k) s += ", " + others[k];
  return s;
}

std::string settler_sentence(const ScoringModel& model, const Decision& d) {
  if (d.settlers.empty()) return {};
  std::vector<std::string> names;
  for (const Settler& st : d.settlers)
    names.push_back(model.questionnaire.criteria[st.criterion].title);
  const double best = d.settlers[0].expected_confidence;
  return fmt::format("Answering {} would {} (expected confidence {:.0f}% once answered).",
                     join_words(names, " or "),
                     best >= 0.9 ? "settle most of it" : "narrow it down", 100 * best);
}

std::vector<std::string> flip_sentences(const ScoringModel& model, const Decision& d) {
  std::vector<std::string> out;
  const FlipPoints& f = d.flips;
  for (std::size_t i = 0; i < std::min<std::size_t>(4, f.numbers.size()); ++i)
    out.push_back(describe_flip(model, f.numbers[i]));
  for (std::size_t i = 0; i < std::min<std::size_t>(4, f.choices.size()); ++i)
    out.push_back(describe_flip(model, f.choices[i]));
  // Weights within a factor of five; past that, one plain sentence (the
  // factors stay in JSON).
  std::size_t weights = 0;
  for (const WeightFlip& w : f.weights) {
    if (weights == 3 || !plain_weight_flip(w)) continue;
    out.push_back(describe_flip(model, d, w));
    ++weights;
  }
  if (weights == 0 && !f.weights.empty())
    out.push_back("No weight changed within a factor of five changes the recommendation.");
  return out;
}

std::vector<std::string> stakeholder_lines(const ScoringModel& model, const Decision& d) {
  (void)model;
  std::vector<std::string> out;
  if (!d.group) return out;
  for (const StakeholderView& m : d.group->members) {
    std::string line = m.role.empty() ? m.name : fmt::format("{} ({})", m.name, m.role);
    line += ": ";
    line += m.recommendation ? std::string(to_string(*m.recommendation)) : std::string("none");
    line += fmt::format(", by {:.1f} points", m.margin);
    line += m.agrees ? ", agrees with the group" : ", differs from the group";
    if (m.influence != 1) line += fmt::format("; influence {}", format_number(m.influence));
    if (m.consistency_ratio) {
      line += fmt::format("; consistency ratio {:.2f}", *m.consistency_ratio);
      if (*m.consistency_ratio > kMaxConsistencyRatio)
        line += fmt::format(" (above {}: the judgements contradict each other; review them)",
                            format_number(kMaxConsistencyRatio));
    }
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> disagreement_sentences(const ScoringModel& model, const Decision& d) {
  std::vector<std::string> out;
  if (!d.group) return out;
  const Questionnaire& q = model.questionnaire;
  const GroupView& g = *d.group;
  const auto pct = [](double x) { return fmt::format("{:.0f}%", 100 * x); };
  for (const Separator& sep : g.separators) {
    // "Product (cloud) gives it 37% of their weight, Security (local) 3%".
    std::vector<std::string> camps;
    for (const auto& [o, w] : sep.camps) {
      std::vector<std::string> who;
      for (const auto& m : g.members)
        if (m.recommendation == o) who.push_back(m.name);
      camps.push_back(fmt::format("{} ({}) {}{}", join_words(who), to_string(o), pct(w),
                                  who.size() > 1 ? " on average" : ""));
    }
    camps.front().insert(camps.front().find(')') + 1, " gives it");
    out.push_back(fmt::format("{} separates the camps: {} of their weight.",
                              q.criteria[sep.criterion].title, join_words(camps, ", ")));
  }
  for (const StakeholderView& m : g.members) {
    if (m.agrees || !d.recommendation) continue;
    if (!m.to_agree) {
      out.push_back(
          fmt::format("No single weight brings {} to {}: it takes answers, not "
                      "priorities.",
                      m.name, to_string(*d.recommendation)));
      continue;
    }
    const double f = m.to_agree->factor;
    const std::string& title = q.criteria[m.to_agree->criterion].title;
    const std::string change =
        f < 1   ? fmt::format("{} mattered {:.0f}% less to them", title, 100 * (1 - f))
        : f < 2 ? fmt::format("{} mattered {:.0f}% more to them", title, 100 * (f - 1))
                : fmt::format("{} mattered {} times as much to them", title,
                              format_number(std::round(f * 10) / 10));
    out.push_back(
        fmt::format("{} would agree to {} if {}.", m.name, to_string(*d.recommendation), change));
  }
  if (g.draws > 0 && d.recommendation)
    out.push_back(fmt::format(
        "The group's {} holds for {} of {} weight sets drawn between the stakeholders' own.",
        to_string(*d.recommendation), pct(g.robustness), g.draws));
  return out;
}

std::string_view confidence_words(double confidence) {
  if (confidence >= 0.9) return "high";
  if (confidence >= kLowConfidence) return "moderate";
  if (confidence >= 0.5) return "low";
  return "very low";
}

}  // namespace aidecide
