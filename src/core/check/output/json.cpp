// SPDX-License-Identifier: MIT
// `check --format json`: the decisions re-scored, findings and errors, for scripts.
#include <fmt/format.h>

#include <algorithm>

#include "aidecide/escape.hpp"
#include "check/output/common.hpp"
#include "render/json_output.hpp"

namespace aidecide {
namespace {

void write_recorded(JsonWriter& w, const RecordedResult& r) {
  constexpr std::array<std::string_view, kOptionCount> kKeys{"cloud", "local", "hybrid"};
  w.begin_object();
  w.key("aidecide");
  w.string(r.aidecide);
  w.key("criteria_version");
  w.integer(static_cast<std::uint64_t>(r.criteria_version));
  w.key("prices_as_of");
  w.string(r.prices_as_of);
  w.key("answers");
  w.string(r.answers);
  w.key("scores");
  w.number_object(kKeys, r.scores, 1);
  w.key("monthly_usd");
  w.number_object(kKeys, r.monthly_usd, 0);
  w.end_object();
}

// `drift`: the result the record was written with, today's, and what moved.
void write_drift(JsonWriter& w, const Drift& d) {
  w.begin_object();
  w.key("recorded");
  write_recorded(w, d.recorded);
  w.key("current");
  write_recorded(w, d.current);
  w.key("changes");
  w.begin_array();
  for (const std::string& c : d.changes) w.string(c);
  w.end_array();
  w.end_object();
}

class JsonCheckRenderer : public CheckRenderer {
 public:
  JsonCheckRenderer(std::ostream& out, const ScoringModel& model) : m_out(out), m_model(model) {}
  void file(const FileCheck& check) override { m_files.push_back(check); }
  void error(const Diagnostic& d) override { m_errors.push_back(d); }
  void finish(const CheckSummary& s) override {
    // Indented, one member per line: the document people open in CI artefacts.
    std::string text;
    JsonWriter w(text, 2);
    w.begin_object();
    w.key("tool");
    w.string("aidecide");
    w.key("version");
    w.string(AIDECIDE_VERSION);
    w.key("criteria_version");
    w.integer(static_cast<std::uint64_t>(m_model.questionnaire.version));
    w.key("results");
    w.begin_array();
    const std::string prices_as_of = m_model.pricing.oldest_as_of();
    for (const FileCheck& check : m_files) {
      for (const CheckedRecord& r : check.records) {
        if (!r.decision) continue;
        w.begin_object();
        write_decision_members(w, m_model, *r.decision, prices_as_of);
        w.key("declared");
        r.record.decision ? w.string(to_string(*r.record.decision)) : w.null();
        w.key("status");
        w.string(r.record.status);
        w.key("held");
        w.boolean(r.record.held);
        w.end_object();
      }
    }
    w.end_array();
    w.key("findings");
    w.begin_array();
    for (const FileCheck& check : m_files) {
      for (const Finding& f : check.findings) {
        w.begin_object();
        w.key("rule");
        w.string(f.rule);
        w.key("level");
        w.string(to_string(f.level));
        w.key("file");
        w.string(f.file);
        w.key("line");
        w.integer(static_cast<std::uint64_t>(f.pos.line));
        w.key("column");
        w.integer(static_cast<std::uint64_t>(f.pos.column));
        w.key("message");
        w.string(f.message);
        if (f.drift) {
          w.key("drift");
          write_drift(w, *f.drift);
        }
        w.end_object();
      }
    }
    w.end_array();
    w.key("errors");
    w.begin_array();
    for (const Diagnostic& d : m_errors) write_diagnostic(w, d);
    w.end_array();
    w.key("summary");
    w.begin_object();
    const std::array<std::pair<std::string_view, std::size_t>, 5> counts{
        {{"files", s.files},
         {"records", s.records},
         {"errors", s.by_level[0]},
         {"warnings", s.by_level[1]},
         {"notes", s.by_level[2]}}};
    for (const auto& [name, n] : counts) {
      w.key(name);
      w.integer(n);
    }
    w.end_object();
    w.end_object();
    w.finish();
    m_out << text << '\n';
  }

 private:
  std::ostream& m_out;
  const ScoringModel& m_model;
  std::vector<FileCheck> m_files;  // every file's records and findings, written at the end
  std::vector<Diagnostic> m_errors;
};

}  // namespace

CheckRendererPtr make_json_check_renderer(std::ostream& out, const ScoringModel& model,
                                          const CheckRenderOptions& options) {
  (void)model, (void)options;
  return std::make_unique<JsonCheckRenderer>(out, model);
}

}  // namespace aidecide
