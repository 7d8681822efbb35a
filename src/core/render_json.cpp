// SPDX-License-Identifier: MIT
// JSON output (contract section 4), streamed: each result is written as soon
// as it is ready, one per line; errors follow the results.
#include <fmt/format.h>

#include <cmath>

#include "aidecide/json_output.hpp"
#include "aidecide/render.hpp"

namespace aidecide {
namespace {

using Json = nlohmann::ordered_json;

double round_to(double x, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double r = std::round(x * scale) / scale;
  return r == 0 ? 0 : r;  // no "-0"
}

Json per_option(const PerOption& values, int decimals) {
  Json j = Json::object();
  for (Option o : kOptions) j[std::string(to_string(o))] = round_to(values[index(o)], decimals);
  return j;
}

Json cost_json(const ScoringModel& model, const Decision& d) {
  Json options = Json::object();
  for (Option o : kOptions) {
    const OptionCost& c = d.cost.options[index(o)];
    options[std::string(to_string(o))] = {
        {"upfront_usd", round_to(c.upfront_usd, 2)},
        {"monthly_usd", round_to(c.monthly_usd, 2)},
        {"running_monthly_usd", round_to(c.running_monthly_usd, 2)},
        {"tco_usd", round_to(c.tco_usd, 2)},
        {"gpus", round_to(c.gpus, 2)},
        {"local_share", round_to(c.local_share, 3)},
        {"within_upfront_budget", c.fits_upfront},
        {"within_monthly_budget", c.fits_monthly},
    };
  }
  Json j = {
      {"currency", "USD"},
      {"horizon_months", model.pricing.horizon_months.value},
      {"options", options},
      {"monthly_tokens_in", round_to(d.cost.monthly_tokens_in, 0)},
      {"monthly_tokens_out", round_to(d.cost.monthly_tokens_out, 0)},
      {"payback_months",
       d.cost.payback_months < 0 ? Json(nullptr) : Json(round_to(d.cost.payback_months, 1))},
      {"break_even_requests_per_month", d.cost.break_even_requests < 0
                                            ? Json(nullptr)
                                            : Json(round_to(d.cost.break_even_requests, 0))},
      {"prices_as_of", model.pricing.oldest_as_of()},
  };
  return j;
}

}  // namespace

Json decision_to_json(const ScoringModel& model, const Decision& d) {
  const Questionnaire& q = model.questionnaire;
  Json vetoed = Json::array();
  for (const Veto& v : d.vetoes)
    vetoed.push_back({{"option", to_string(v.option)}, {"rule", v.rule}, {"reason", v.reason}});
  Json drivers = Json::array();
  for (const Contribution& c : d.contributions) {
    drivers.push_back({
        {"criterion", q.criteria[c.criterion].id},
        {"answer", c.value_text},
        {"weight", round_to(c.weight, 3)},
        {"utility", per_option(c.utility, 3)},
        {"points", per_option(c.points, 2)},
        {"separation", round_to(c.separation, 2)},
        {"sentence", describe_contribution(model, d, c)},
    });
  }
  Json assumptions = Json::array();
  for (const Assumption& a : d.assumptions) {
    assumptions.push_back(
        {{"criterion", q.criteria[a.criterion].id}, {"value", a.value_text}, {"note", a.note}});
  }
  const auto option_or_null = [](std::optional<Option> o) {
    return o ? Json(to_string(*o)) : Json(nullptr);
  };
  Json flips = {{"weights", Json::array()}, {"answers", Json::array()}};
  for (const WeightFlip& f : d.flips.weights) {
    flips["weights"].push_back({{"criterion", q.criteria[f.criterion].id},
                                {"factor", round_to(f.factor, 3)},
                                {"weight", round_to(d.weights[f.criterion] * f.factor, 3)},
                                {"winner", to_string(f.winner)},
                                {"sentence", describe_flip(model, d, f)}});
  }
  for (const NumberFlip& f : d.flips.numbers) {
    flips["answers"].push_back({{"criterion", q.criteria[f.criterion].id},
                                {"above", f.above ? Json(round_to(f.value, 2)) : Json(nullptr)},
                                {"below", f.above ? Json(nullptr) : Json(round_to(f.value, 2))},
                                {"winner", to_string(f.winner)},
                                {"sentence", describe_flip(model, f)}});
  }
  for (const ChoiceFlip& f : d.flips.choices) {
    flips["answers"].push_back({{"criterion", q.criteria[f.criterion].id},
                                {"answer", q.criteria[f.criterion].answers[f.answer].id},
                                {"winner", to_string(f.winner)},
                                {"sentence", describe_flip(model, f)}});
  }
  Json what_if = nullptr;
  if (d.what_if) {
    Json changes = Json::array();
    for (const auto& c : d.what_if->changes) {
      changes.push_back(
          {{"criterion", q.criteria[c.criterion].id}, {"from", c.before}, {"to", c.after}});
    }
    what_if = {{"changes", changes},
               {"before",
                {{"recommendation", option_or_null(d.what_if->recommendation)},
                 {"scores", per_option(d.what_if->scores, 1)},
                 {"confidence", round_to(d.what_if->confidence, 3)},
                 {"margin", round_to(d.what_if->margin, 1)},
                 {"monthly_usd", per_option(d.what_if->monthly_usd, 2)}}}};
  }
  Json pattern = nullptr;
  if (d.hybrid_pattern)
    pattern = {{"id", d.hybrid_pattern->id},
               {"title", d.hybrid_pattern->title},
               {"why", d.hybrid_pattern->why}};
  return {
      {"file", d.source},
      {"name", d.name},
      {"recommendation", option_or_null(d.recommendation)},
      {"scores", per_option(d.scores, 1)},
      {"vetoed", vetoed},
      {"confidence", round_to(d.confidence, 3)},
      {"runner_up", option_or_null(d.runner_up)},
      {"margin", round_to(d.margin, 1)},
      {"samples", d.samples},
      {"drivers", drivers},
      {"assumptions", assumptions},
      {"cost", cost_json(model, d)},
      {"flip_points", flips},
      {"hybrid_pattern", pattern},
      {"checklist", d.checklist},
      {"what_if", what_if},
  };
}

Json diagnostic_to_json(const Diagnostic& d) {
  Json j = {{"file", d.source}};
  j["line"] = d.pos.line > 0 ? Json(d.pos.line) : Json(nullptr);
  j["column"] = d.pos.line > 0 ? Json(d.pos.column) : Json(nullptr);
  j["message"] = d.message;
  return j;
}

namespace {

class JsonRenderer : public BatchRenderer {
 public:
  JsonRenderer(std::ostream& out, const ScoringModel& model) : m_out(out), m_model(model) {
    m_out << fmt::format(R"({{"tool":"aidecide","version":"{}","criteria_version":{},"results":[)",
                         AIDECIDE_VERSION, model.questionnaire.version);
  }
  void result(const Decision& d) override {
    m_out << (m_results++ == 0 ? "\n" : ",\n")
          << decision_to_json(m_model, d).dump(-1, ' ', true, Json::error_handler_t::replace);
  }
  void error(const Diagnostic& d) override { m_errors.push_back(diagnostic_to_json(d)); }
  void finish() override {
    m_out << (m_results > 0 ? "\n" : "") << "],\"errors\":[";
    for (std::size_t i = 0; i < m_errors.size(); ++i) {
      m_out << (i == 0 ? "\n" : ",\n")
            << m_errors[i].dump(-1, ' ', true, Json::error_handler_t::replace);
    }
    m_out << (m_errors.empty() ? "" : "\n") << "]}\n";
  }

 private:
  std::ostream& m_out;
  const ScoringModel& m_model;
  std::size_t m_results = 0;
  std::vector<Json> m_errors;
};

}  // namespace

std::unique_ptr<BatchRenderer> make_json_renderer(std::ostream& out, const ScoringModel& model,
                                                  const RenderOptions&) {
  return std::make_unique<JsonRenderer>(out, model);
}

}  // namespace aidecide
