// SPDX-License-Identifier: MIT
// CSV (RFC 4180): one row per profile, for spreadsheets and scripts. Text
// cells go through csv_cell, which also defuses spreadsheet formulas.
#include <fmt/format.h>

#include "aidecide/escape.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"

namespace aidecide {
namespace {

class CsvRenderer : public BatchRenderer {
 public:
  explicit CsvRenderer(std::ostream& out) : m_out(out) {
    m_out << "file,name,recommendation,score_cloud,score_local,score_hybrid,margin,confidence,"
             "monthly_usd_cloud,monthly_usd_local,monthly_usd_hybrid,vetoed,over_budget,"
             "stakeholders_agree,stakeholders_differ\r\n";
  }

  void result(const Decision& d) override {
    std::string vetoed;
    for (const Veto& v : d.vetoes) {
      if (vetoed.find(to_string(v.option)) != std::string::npos) continue;
      vetoed += (vetoed.empty() ? "" : ";") + std::string(to_string(v.option));
    }
    std::string over;  // ruled out by a firm budget
    for (Option o : kOptions) {
      if (d.ruled_out[index(o)] && !d.vetoed[index(o)])
        over += (over.empty() ? "" : ";") + std::string(to_string(o));
    }
    // With stakeholders: who agrees, and who differs with their own call
    // ("Security:local;Product:cloud"); empty without.
    std::vector<std::string> agree, differ;
    if (d.group) {
      for (const StakeholderView& m : d.group->members) {
        if (m.agrees) {
          agree.push_back(m.name);
        } else {
          differ.push_back(m.name + ":" +
                           (m.recommendation ? std::string(to_string(*m.recommendation)) : "none"));
        }
      }
    }
    const auto& c = d.cost.options;
    m_out << fmt::format(
        "{},{},{},{:.1f},{:.1f},{:.1f},{:.1f},{:.3f},{:.2f},{:.2f},{:.2f},{},{},{},{}\r\n",
        csv_cell(d.source), csv_cell(d.name), d.recommendation ? to_string(*d.recommendation) : "",
        d.scores[0], d.scores[1], d.scores[2], d.margin, d.confidence, c[0].monthly_usd,
        c[1].monthly_usd, c[2].monthly_usd, vetoed, over, csv_cell(join(agree, ";")),
        csv_cell(join(differ, ";")));
  }
  void error(const Diagnostic&) override {}
  void finish() override {}

 private:
  std::ostream& m_out;
};

}  // namespace

std::unique_ptr<BatchRenderer> make_csv_renderer(std::ostream& out, const ScoringModel&,
                                                 const RenderOptions&) {
  return std::make_unique<CsvRenderer>(out);
}

}  // namespace aidecide
