// SPDX-License-Identifier: MIT
// JSON output (contract section 4), streamed: each result is written as soon
// as it is ready, one per line; errors follow the results. Written with
// JsonWriter (no document tree): this is the hot path of batch scoring.
#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <memory>

#include "aidecide/render.hpp"
#include "render/json_output.hpp"

namespace aidecide {
namespace {

void per_option(JsonWriter& w, const PerOption& values, int decimals) {
  static const std::array<std::string_view, kOptionCount> names{
      to_string(Option::cloud), to_string(Option::local), to_string(Option::hybrid)};
  w.number_object(names, values, decimals);
}

void option_or_null(JsonWriter& w, std::optional<Option> o) {
  if (o) {
    w.string(to_string(*o));
  } else {
    w.null();
  }
}

void number_or_null(JsonWriter& w, double x, int decimals) {
  if (x < 0) {
    w.null();
  } else {
    w.number(x, decimals);
  }
}

void write_sizing(JsonWriter& w, const Sizing& s) {
  w.key("sizing");
  w.begin_object();
  w.key("model");
  w.string(s.model->id);
  w.key("model_name");
  w.string(s.model->name);
  w.key("quantisation");
  w.string(to_string(s.quantisation));
  w.key("gpu");
  w.string(s.gpu->name);
  w.key("gpus_per_replica");
  w.number(s.gpus_per_replica);
  w.key("replicas");
  w.number(s.replicas);
  w.key("sequences");
  w.number(s.sequences);
  w.key("context_tokens");
  w.number(s.context, 0);
  w.key("output_tokens_per_second");
  w.number(s.output_tokens_per_second, 1);
  w.key("throughput_kind");
  w.string(to_string(s.throughput_kind));
  w.key("memory_gb");
  w.begin_object();
  for (const auto& [name, value] :
       {std::pair{"weights", s.memory.weights}, std::pair{"kv_cache", s.memory.kv_cache},
        std::pair{"overhead", s.memory.overhead}, std::pair{"total", s.memory.total},
        std::pair{"available", s.memory.available}}) {
    w.key(name);
    w.number(value, 2);
  }
  w.end_object();
  w.key("larger_gpu");
  w.boolean(s.larger_gpu);
  w.key("two_nodes");
  w.boolean(s.two_nodes);
  w.key("fewer_sequences");
  w.boolean(s.fewer_sequences);
  w.key("context_clipped");
  w.boolean(s.context_clipped);
  w.end_object();
}

void write_way(JsonWriter& w, const WayCost& c) {
  w.begin_object();
  w.key("deployment");
  w.string(to_string(c.way));
  if (c.way == Deployment::rent) {
    w.key("rent_term");
    w.string(c.reserved_term ? "reserved" : "on_demand");
  }
  w.key("allowed");
  w.boolean(c.allowed);
  if (!c.allowed) {
    w.key("why_not");
    w.string(c.why_not);
  } else {
    w.key("upfront_usd");
    w.number(c.upfront_usd, 2);
    w.key("monthly_usd");
    w.number(c.monthly_usd, 2);
    w.key("running_monthly_usd");
    w.number(c.running_monthly_usd, 2);
    w.key("gpus");
    w.number(c.gpus, 2);
    w.key("ops_fte");
    w.number(c.ops_fte, 2);
    w.key("within_upfront_budget");
    w.boolean(c.fits_upfront);
    w.key("within_monthly_budget");
    w.boolean(c.fits_monthly);
  }
  w.end_object();
}

// `prices_as_of`: the pricing's oldest date, worked out once by the caller.
void write_cost(JsonWriter& w, const ScoringModel& model, const Decision& d,
                std::string_view prices_as_of) {
  w.begin_object();
  w.key("currency");
  w.string("USD");
  w.key("horizon_months");
  w.number(model.pricing.horizon_months.value);
  w.key("options");
  w.begin_object();
  for (Option o : kOptions) {
    const OptionCost& c = d.cost.options[index(o)];
    w.key(to_string(o));
    w.begin_object();
    w.key("upfront_usd");
    w.number(c.upfront_usd, 2);
    w.key("monthly_usd");
    w.number(c.monthly_usd, 2);
    w.key("running_monthly_usd");
    w.number(c.running_monthly_usd, 2);
    w.key("tco_usd");
    w.number(c.tco_usd, 2);
    w.key("tco_with_trends_usd");
    w.number(c.tco_with_trends_usd, 2);
    w.key("gpus");
    w.number(c.gpus, 2);
    w.key("local_share");
    w.number(c.local_share, 3);
    w.key("within_upfront_budget");
    w.boolean(c.fits_upfront);
    w.key("within_monthly_budget");
    w.boolean(c.fits_monthly);
    w.key("ops_fte");
    w.number(c.ops_fte, 2);
    w.key("ops_usd_per_month");
    w.number(c.ops_usd, 2);
    w.key("deployment");
    w.string(to_string(c.deployment));
    if (c.deployment == Deployment::rent) {
      w.key("rent_term");
      w.string(c.reserved_term ? "reserved" : "on_demand");
    }
    if (o != Option::local) {
      // The hosted part: on the API or on reserved capacity.
      w.key("hosted_deployment");
      w.string(c.hosted.reserved ? "reserved" : "api");
      if (c.hosted.offered) {
        w.key("reserved_capacity");
        w.begin_object();
        w.key("units");
        w.number(c.hosted.units, 0);
        w.key("usd_per_month");
        w.number(c.hosted.reserved_monthly_usd, 2);
        w.key("api_usd_per_month");
        w.number(c.hosted.api_monthly_usd, 2);
        w.end_object();
      }
    }
    if (c.sizing.model != nullptr) {
      write_sizing(w, c.sizing);
      w.key("ways");
      w.begin_array();
      for (const WayCost& way : c.ways) write_way(w, way);
      w.end_array();
    }
    w.end_object();
  }
  w.end_object();
  if (d.cost.cloud_model != nullptr) {
    w.key("cloud_model");
    w.begin_object();
    w.key("id");
    w.string(d.cost.cloud_model->id);
    w.key("name");
    w.string(d.cost.cloud_model->name);
    w.key("cached_input_share");
    w.number(d.cost.cached_input_share, 3);
    w.key("batch_share");
    w.number(d.cost.batch_share, 3);
    w.key("list_usd_per_month");
    w.number(d.cost.cloud_list_usd, 2);
    if (const ProvisionedCapacity& pc = d.cost.cloud_model->provisioned; pc.offered()) {
      w.key("provisioned");
      w.begin_object();
      w.key("input_tpm_per_unit");
      w.number(pc.input_tpm_per_unit);
      w.key("output_token_weight");
      w.number(pc.output_token_weight);
      w.key("min_units");
      w.number(pc.min_units);
      w.key("unit_increment");
      w.number(pc.unit_increment);
      w.key("usd_per_unit_month");
      w.number(pc.usd_per_unit_month, 2);
      w.key("break_even_requests_per_month");
      number_or_null(w, d.cost.reserved_break_even_requests, 0);
      w.end_object();
    }
    w.end_object();
  }
  if (d.named_models.any()) {
    w.key("named_models");
    w.begin_object();
    for (const auto& [key, name] : named_model_fields(d.named_models)) {
      if (name->id.empty()) continue;
      w.key(key);
      w.string(name->id);
    }
    w.end_object();
  }
  w.key("monthly_tokens_in");
  w.number(d.cost.monthly_tokens_in, 0);
  w.key("monthly_tokens_out");
  w.number(d.cost.monthly_tokens_out, 0);
  w.key("payback_months");
  number_or_null(w, d.cost.payback_months, 1);
  w.key("break_even_requests_per_month");
  number_or_null(w, d.cost.break_even_requests, 0);
  w.key("trends");
  w.begin_object();
  w.key("hosted_price_change_per_year");
  w.number(d.cost.hosted_price_change_per_year, 3);
  w.key("self_host_cost_change_per_year");
  w.number(d.cost.self_host_cost_change_per_year, 3);
  w.key("break_even_end_requests_per_month");
  number_or_null(w, d.cost.break_even_end_requests, 0);
  w.end_object();
  w.key("note");
  w.string(cost_note(d));
  w.key("prices_as_of");
  w.string(prices_as_of);
  w.end_object();
}

void write_flips(JsonWriter& w, const ScoringModel& model, const Decision& d) {
  const Questionnaire& q = model.questionnaire;
  w.begin_object();
  w.key("weights");
  w.begin_array();
  for (const WeightFlip& f : d.flips.weights) {
    w.begin_object();
    w.key("criterion");
    w.string(q.criteria[f.criterion].id);
    w.key("factor");
    w.number(f.factor, 3);
    w.key("weight");
    w.number(d.weights[f.criterion] * f.factor, 3);
    w.key("winner");
    w.string(to_string(f.winner));
    w.key("sentence");
    w.string(describe_flip(model, d, f));
    w.end_object();
  }
  w.end_array();
  w.key("answers");
  w.begin_array();
  for (const NumberFlip& f : d.flips.numbers) {
    w.begin_object();
    w.key("criterion");
    w.string(q.criteria[f.criterion].id);
    w.key("above");
    f.above ? w.number(f.value, 2) : w.null();
    w.key("below");
    f.above ? w.null() : w.number(f.value, 2);
    w.key("winner");
    w.string(to_string(f.winner));
    w.key("sentence");
    w.string(describe_flip(model, f));
    w.end_object();
  }
  for (const ChoiceFlip& f : d.flips.choices) {
    w.begin_object();
    w.key("criterion");
    w.string(q.criteria[f.criterion].id);
    w.key("answer");
    w.string(q.criteria[f.criterion].answers[f.answer].id);
    w.key("winner");
    w.string(to_string(f.winner));
    w.key("sentence");
    w.string(describe_flip(model, f));
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_what_if(JsonWriter& w, const ScoringModel& model, const WhatIf& what_if) {
  w.begin_object();
  w.key("changes");
  w.begin_array();
  for (const auto& c : what_if.changes) {
    w.begin_object();
    w.key("criterion");
    w.string(model.questionnaire.criteria[c.criterion].id);
    w.key("from");
    w.string(c.before);
    w.key("to");
    w.string(c.after);
    w.end_object();
  }
  w.end_array();
  w.key("before");
  w.begin_object();
  w.key("recommendation");
  option_or_null(w, what_if.recommendation);
  w.key("scores");
  per_option(w, what_if.scores, 1);
  w.key("confidence");
  w.number(what_if.confidence, 3);
  w.key("margin");
  w.number(what_if.margin, 1);
  w.key("monthly_usd");
  per_option(w, what_if.monthly_usd, 2);
  w.end_object();
  w.end_object();
}

}  // namespace

// docs/formats.md, "stakeholders".
void write_group(JsonWriter& w, const ScoringModel& model, const GroupView& g, const Decision& d) {
  const Questionnaire& q = model.questionnaire;
  const auto weights = [&](const std::vector<double>& ws) {
    w.begin_object();
    for (std::size_t i = 0; i < ws.size(); ++i) {
      if (ws[i] <= 0) continue;
      w.key(q.criteria[i].id);
      w.number(ws[i], 4);
    }
    w.end_object();
  };
  w.key("stakeholders");
  w.begin_object();
  w.key("group_weights");
  weights(g.weights);
  w.key("members");
  w.begin_array();
  for (const StakeholderView& m : g.members) {
    w.begin_object();
    w.key("name");
    w.string(m.name);
    w.key("role");
    w.string(m.role);
    w.key("influence");
    w.number(m.influence, 3);
    w.key("weights");
    weights(m.weights);
    w.key("consistency_ratio");
    if (m.consistency_ratio) {
      w.number(*m.consistency_ratio, 4);
    } else {
      w.null();
    }
    w.key("scores");
    per_option(w, m.scores, 1);
    w.key("recommendation");
    option_or_null(w, m.recommendation);
    w.key("margin");
    w.number(m.margin, 1);
    w.key("agrees");
    w.boolean(m.agrees);
    w.key("to_agree");
    if (m.to_agree) {
      w.begin_object();
      w.key("criterion");
      w.string(q.criteria[m.to_agree->criterion].id);
      w.key("factor");
      w.number(m.to_agree->factor, 3);
      w.end_object();
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array();
  w.key("separators");
  w.begin_array();
  for (const Separator& sep : g.separators) {
    w.begin_object();
    w.key("criterion");
    w.string(q.criteria[sep.criterion].id);
    w.key("camps");
    w.begin_object();
    for (const auto& [o, weight] : sep.camps) {
      w.key(to_string(o));
      w.number(weight, 4);
    }
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("robustness");
  if (g.draws > 0) {
    w.number(g.robustness, 3);
  } else {
    w.null();
  }
  (void)d;
  w.end_object();
}

void write_decision_members(JsonWriter& w, const ScoringModel& model, const Decision& d,
                            std::string_view prices_as_of) {
  const Questionnaire& q = model.questionnaire;
  w.key("file");
  w.string(d.source);
  w.key("name");
  w.string(d.name);
  w.key("recommendation");
  option_or_null(w, d.recommendation);
  w.key("scores");
  per_option(w, d.scores, 1);
  w.key("vetoed");
  w.begin_array();
  for (const Veto& v : d.vetoes) {
    w.begin_object();
    w.key("option");
    w.string(to_string(v.option));
    w.key("rule");
    w.string(v.rule);
    w.key("reason");
    w.string(v.reason);
    w.end_object();
  }
  w.end_array();
  w.key("over_budget");
  w.begin_array();
  for (const OverBudget& b : d.over_budget) {
    w.begin_object();
    w.key("option");
    w.string(to_string(b.option));
    w.key("budget");
    w.string(to_string(b.budget));
    w.key("need");
    w.number(b.need_usd, 2);
    w.key("limit");
    w.number(b.limit_usd, 2);
    w.key("firm");
    w.boolean(b.firm);
    w.key("ruled_out");
    w.boolean(b.ruled_out);
    w.end_object();
  }
  w.end_array();
  w.key("budgets");
  w.begin_object();
  w.key("upfront_firm");
  w.boolean(d.cost.firm.upfront);
  w.key("monthly_firm");
  w.boolean(d.cost.firm.monthly);
  w.key("no_option_fits");
  w.boolean(d.no_option_fits);
  w.key("cheapest");
  option_or_null(w, d.cheapest);
  w.key("fitting_variants");
  w.begin_array();
  for (const BudgetVariant& v : d.fitting_variants) {
    const Criterion& c = q.criteria[v.criterion];
    w.begin_object();
    w.key("criterion");
    w.string(c.id);
    w.key("answer");
    w.string(c.answers[v.answer].id);
    w.key("option");
    w.string(to_string(v.option));
    w.key("upfront_usd");
    w.number(v.upfront_usd, 2);
    w.key("running_monthly_usd");
    w.number(v.monthly_usd, 2);
    w.end_object();
  }
  w.end_array();
  w.key("sentence");
  if (const std::string s = no_fit_sentence(model, d); s.empty()) {
    w.null();
  } else {
    w.string(s);
  }
  w.end_object();
  w.key("confidence");
  w.number(d.confidence, 3);
  w.key("win_shares");
  per_option(w, d.win_shares, 3);
  w.key("settlers");
  w.begin_array();
  for (const Settler& st : d.settlers) {
    w.begin_object();
    w.key("criterion");
    w.string(q.criteria[st.criterion].id);
    w.key("expected_confidence");
    w.number(st.expected_confidence, 3);
    w.end_object();
  }
  w.end_array();
  w.key("assumed_answers");
  w.integer(d.assumed_answers);
  w.key("applicable_answers");
  w.integer(d.applicable_answers);
  w.key("runner_up");
  option_or_null(w, d.runner_up);
  w.key("margin");
  w.number(d.margin, 1);
  w.key("samples");
  w.integer(d.samples);
  w.key("drivers");
  w.begin_array();
  for (const Contribution& c : d.contributions) {
    w.begin_object();
    w.key("criterion");
    w.string(q.criteria[c.criterion].id);
    w.key("answer");
    w.string(c.value_text);
    w.key("assumed");
    w.boolean(c.basis == AnswerBasis::assumed || c.basis == AnswerBasis::range_middle);
    w.key("weight");
    w.number(c.weight, 3);
    w.key("utility");
    per_option(w, c.utility, 3);
    w.key("points");
    per_option(w, c.points, 2);
    w.key("separation");
    w.number(c.separation, 2);
    w.key("sentence");
    w.string(describe_contribution(model, d, c));
    w.end_object();
  }
  w.end_array();
  w.key("assumptions");
  w.begin_array();
  for (const Assumption& a : d.assumptions) {
    w.begin_object();
    w.key("criterion");
    w.string(q.criteria[a.criterion].id);
    w.key("value");
    w.string(a.value_text);
    w.key("note");
    w.string(a.note);
    w.key("kind");
    w.string(a.basis == AnswerBasis::assumed        ? "assumed"
             : a.basis == AnswerBasis::range_middle ? "range_middle"
                                                    : "not_applicable");
    w.end_object();
  }
  w.end_array();
  w.key("cost");
  write_cost(w, model, d, prices_as_of);
  w.key("flip_points");
  write_flips(w, model, d);
  w.key("hybrid_pattern");
  if (d.hybrid_pattern) {
    w.begin_object();
    w.key("id");
    w.string(d.hybrid_pattern->id);
    w.key("title");
    w.string(d.hybrid_pattern->title);
    w.key("why");
    w.string(d.hybrid_pattern->why);
    w.end_object();
  } else {
    w.null();
  }
  w.key("checklist");
  w.begin_array();
  for (const std::string& item : d.checklist) w.string(item);
  w.end_array();
  w.key("what_if");
  if (d.what_if) {
    write_what_if(w, model, *d.what_if);
  } else {
    w.null();
  }
  // Only with stakeholders: results without them keep their bytes.
  if (d.group) write_group(w, model, *d.group, d);
}

void write_diagnostic(JsonWriter& w, const Diagnostic& d) {
  w.begin_object();
  w.key("file");
  w.string(d.source);
  w.key("line");
  d.pos.line > 0 ? w.integer(d.pos.line) : w.null();
  w.key("column");
  d.pos.line > 0 ? w.integer(d.pos.column) : w.null();
  w.key("message");
  w.string(d.message);
  w.end_object();
}

namespace {

// Errors come after the results in the document but arrive between them;
// they wait in an anonymous temporary file, so memory stays bounded however
// many files fail.
class ErrorSpool {
 public:
  void add(const std::string& text) {
    if (m_count++ == 0) m_file.reset(std::tmpfile());
    if (!m_file) {
      m_memory += text;  // no temporary directory: keep them in memory
    } else if (std::fwrite(text.data(), 1, text.size(), m_file.get()) != text.size()) {
      throw IoError("cannot keep the error list in a temporary file: the disk is full");
    }
  }
  std::size_t count() const { return m_count; }
  void copy_to(std::ostream& out) {
    if (m_file) {
      std::fflush(m_file.get());
      std::rewind(m_file.get());
      std::array<char, 1 << 14> buffer{};
      for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), m_file.get())) > 0;)
        out.write(buffer.data(), static_cast<std::streamsize>(n));
    }
    out << m_memory;
  }

 private:
  struct Close {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Close> m_file;
  std::string m_memory;
  std::size_t m_count = 0;
};

class JsonRenderer : public BatchRenderer {
 public:
  JsonRenderer(std::ostream& out, const ScoringModel& model)
      : m_out(out), m_model(model), m_prices_as_of(model.pricing.oldest_as_of()) {
    m_out << fmt::format(R"({{"tool":"aidecide","version":"{}","criteria_version":{},"results":[)",
                         AIDECIDE_VERSION, model.questionnaire.version);
  }
  void result(const Decision& d) override { result_text(prerender(d)); }
  std::string prerender(const Decision& d) const override {
    std::string text;
    text.reserve(std::size_t{16} * 1024);  // a result is about 9 KB: no regrowing on the way
    JsonWriter w(text);
    w.begin_object();
    write_decision_members(w, m_model, d, m_prices_as_of);
    w.end_object();
    w.finish();
    return text;
  }
  void result_text(const std::string& text) override {
    // Results leave in writes of kChunk bytes or more, not one write per
    // result: at thousands of results a second the system calls add up.
    m_pending += m_results++ == 0 ? "\n" : ",\n";
    m_pending += text;
    if (m_pending.size() >= kChunk) flush();
  }
  void error(const Diagnostic& d) override {
    std::string text(m_errors.count() == 0 ? "\n" : ",\n");
    JsonWriter w(text);
    write_diagnostic(w, d);
    w.finish();
    m_errors.add(text);
  }
  void finish() override {
    flush();
    m_out << (m_results > 0 ? "\n" : "") << "],\"errors\":[";
    m_errors.copy_to(m_out);
    m_out << (m_errors.count() == 0 ? "" : "\n") << "]}\n";
  }

 private:
  static constexpr std::size_t kChunk = std::size_t{64} * 1024;

  void flush() {
    m_out.write(m_pending.data(), static_cast<std::streamsize>(m_pending.size()));
    m_pending.clear();
  }

  std::ostream& m_out;
  const ScoringModel& m_model;
  const std::string m_prices_as_of;  // the same in every result
  std::size_t m_results = 0;
  std::string m_pending;  // results not written yet: less than kChunk bytes
  ErrorSpool m_errors;
};

}  // namespace

std::unique_ptr<BatchRenderer> make_json_renderer(std::ostream& out, const ScoringModel& model,
                                                  const RenderOptions&) {
  return std::make_unique<JsonRenderer>(out, model);
}

}  // namespace aidecide
