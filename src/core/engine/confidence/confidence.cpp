// SPDX-License-Identifier: MIT
// Monte Carlo confidence (docs/scoring.md, "Confidence"): how often the
// recommendation survives plausible changes to the weights and to the
// answers the user was unsure of. Built to cost less than parsing the
// profile: a proof that no draw can change the winner skips the sampling
// altogether, and rivals that can never win are not checked; otherwise the
// rows a draw can move are computed once per combination of the uncertain
// answers they read and looked up, weight factors come from a table shared
// by every profile, and draws go 512 at a time.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <numeric>
#include <span>

#include "aidecide/engine.hpp"
#include "engine/cost_model.hpp"
#include "engine/scorer.hpp"

#include "engine/confidence/draws.hpp"
#include "engine/confidence/reach.hpp"
#include "engine/confidence/remembered.hpp"

namespace aidecide::confidence {
namespace {

// Everything confidence keeps from profile to profile on one thread: what
// every profile draws alike (weight factors, the answers' random stream,
// number levels) is drawn once, and the buffers keep their room. A batch
// scores thousands of profiles per thread.
struct Workspace {
  WeightBlocks weight_blocks;
  AnswerStream answer_stream;
  KeptLevels kept_levels;
  std::vector<Remembered> memories;
  Remembered vetoes;
  std::vector<std::uint32_t> outcome;
  std::vector<std::array<double, kNumberLevels>> levels;
  // Per draw of a block, the derived rows and the firm-budget test when
  // several are computed draw by draw (Sampler::fuse()): sized on first use,
  // so that a thread (and each process's start) does not clear 26 KiB of
  // thread-local storage that most profiles never touch.
  std::vector<PerOption> cost_rows;
  std::vector<PerOption> budget_rows;
  std::vector<std::array<bool, kOptionCount>> over;
  // Per combination, the rows remembered together (Sampler::pair()).
  std::vector<PerOption> pair_cost, pair_budget;
  std::vector<std::array<bool, kOptionCount>> pair_over;
  std::vector<std::uint8_t> pair_known;
};

// The answers a draw varies: unknown, missing or a range, of questions
// that apply.
std::vector<std::size_t> uncertain_answers(const Questionnaire& q, const Profile& profile,
                                           const Values& base) {
  std::vector<std::size_t> uncertain;
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    // A question that does not apply is not uncertain: it does not count.
    if (!q.criteria[i].answerable() || !applies(q.criteria[i], base)) continue;
    const auto kind = profile.answers[i].kind;
    if (kind == Answer::Kind::unknown || kind == Answer::Kind::missing ||
        kind == Answer::Kind::range)
      uncertain.push_back(i);
  }
  return uncertain;
}

// The draws of one profile. A draw keeps the recommendation when it is not
// vetoed and its weighted lead over every rival that is not vetoed stays
// positive (a tie is enough against a later rival: ties go to the earlier
// option). Leads are sums over the criteria of weight x factor x utility
// difference; the rows no draw can change are summed for a whole block at
// once, then each moving row adds its part to every draw of the block.
class Sampler {
 public:
  struct Inputs {
    const ScoringModel& model;
    const Profile& profile;
    const Values& base;
    const std::vector<double>& weights;
    std::optional<Option> recommendation;
    const EngineOptions& options;
    const std::vector<std::size_t>& uncertain;
    const std::vector<bool>& is_uncertain;
    bool apply_budgets;  // some draw may have a firm budget
    bool budgets_vary;   // the firm-budget test reads an uncertain answer
  };

  Sampler(Workspace& workspace, const Inputs& in, const UtilityMatrix& matrix,
          const Touched& touched, const Reach& can)
      : m_ws(workspace), m_in(in), m_values(in.base) {
    m_w = in.recommendation ? index(*in.recommendation) : 0;
    // kTieTolerance in weighted-utility units (at the unscaled total weight:
    // the tolerance only has to catch rounding, not to be exact).
    m_tie = kTieTolerance / 100 *
            std::accumulate(in.weights.begin(), in.weights.end(), 0.0,
                            [](double a, double x) { return x > 0 ? a + x : a; });
    // Only rivals that may beat the recommendation in some draw are checked.
    for (std::size_t o = 0; o < kOptionCount; ++o) {
      if (can.may_win[o]) m_rivals.push_back(o);
    }
    split_rows(matrix, touched);
    prepare_answers();  // before the vetoes: they need each answer's size
    prepare_cost_base();
    prepare_vetoes();
    fuse();
    pair();
  }

  // How many of the draws keep the recommendation; with wins() and
  // settlers() what they say about the other options.
  std::size_t kept();
  // Draws won by each option, and (last) by none.
  const std::array<std::size_t, kOptionCount + 1>& wins() const { return m_wins; }
  // Per uncertain answer, the draws the most frequent winner of each of its
  // values (number levels in four groups) wins, summed over its values.
  std::vector<std::size_t> settled() const;

 private:
  void split_rows(const UtilityMatrix& matrix, const Touched& touched);
  void prepare_cost_base();
  // The cost model's passes at the answers set: from the base when there
  // is one, or from the base of the answers set that no base allows to move.
  const CostBase* cost_base() const {
    if (m_cost_base) return &*m_cost_base;
    if (m_bases.empty()) return nullptr;
    std::size_t c = 0;
    for (std::size_t k = 0; k < m_base_reads.size(); ++k)
      c += m_digit[m_base_reads[k]] * m_base_strides[k];
    std::unique_ptr<CostBase>& b = m_bases[c];
    if (!b) b = std::make_unique<CostBase>(m_in.model.pricing, m_in.model.inputs, m_values);
    return b.get();
  }
  DerivedUtilities derived(bool cost, bool budget, std::array<bool, kOptionCount>* over) const {
    const ScoringModel& model = m_in.model;
    return derived_utilities(model.pricing, model.inputs, m_values, cost, budget, over,
                             cost_base());
  }
  std::array<bool, kOptionCount> over_firm() const {
    return over_firm_budget(m_in.model.pricing, m_in.model.inputs, m_values, cost_base());
  }
  bool over_firm(Option o) const {
    return over_firm_budget(m_in.model.pricing, m_in.model.inputs, m_values, o, cost_base());
  }
  void prepare_vetoes();
  void prepare_answers();
  void draw_answers(std::size_t first, std::size_t count);
  // Sets uncertain answer u to its answer (or level) k.
  void set_value(std::size_t u, std::uint32_t k) {
    m_digit[u] = k;
    Value& v = m_values[m_in.uncertain[u]];
    if (m_choices[u] != 0) {
      v.choice = k;
    } else {
      v.number = m_ws.levels[u][k];
    }
  }
  // Sets the answers `of` reads to those of draw j.
  void set_draw(const Remembered& of, std::size_t j) {
    for (std::size_t u : of.reads()) set_value(u, m_ws.outcome[u * kBlock + j]);
  }
  // Sets the answers `of` reads to those of its combination c.
  void set_combination(const Remembered& of, std::size_t c) {
    for (std::size_t k = 0; k < of.reads().size(); ++k) set_value(of.reads()[k], of.digit(k, c));
  }
  // What the vetoes and a moving row compute for the answers set.
  // `c`: the combination of the answers set, for the rows remembered
  // together (kNoIndex for any other).
  void veto_row(double* out, std::size_t c) const;
  void lead_row(const Remembered& m, double* out, std::size_t c) const;
  void lead_of(const Remembered& m, const PerOption& row, double* out) const;
  // When two or more of the cost row, the budget row and the firm-budget
  // test are computed draw by draw, they share one pass of the cost model
  // per draw (fused_block()): each pass was most of such a draw's time.
  void fuse();
  void fused_block(std::size_t count);
  // Draw j's row from the fused pass, or null when `m` is not fused.
  const PerOption* fused_row(const Remembered& m, std::size_t j) const;
  // Likewise, rows remembered per combination that read the same uncertain
  // answers (the cost row, the budget row, the firm budgets with the
  // vetoes) share one pass per combination.
  void pair();
  bool paired(const Remembered& m) const {
    return &m == m_pair_cost || &m == m_pair_budget || (&m == &m_ws.vetoes && m_pair_vetoes);
  }
  // The combination of draw j for `m` when it is paired, else kNoIndex.
  std::size_t pair_of(const Remembered& m, std::size_t j) const {
    return paired(m) ? m.combination_of(m_ws.outcome.data(), j) : kNoIndex;
  }
  // Computes combination c's shared pass once, the answers it reads set.
  void pair_pass(std::size_t c) const;
  // Per draw j of the block, the vetoed options at the returned values +
  // veto_index[j] x 3.
  const double* block_vetoes(std::size_t count);
  // Adds every moving row's part to the leads of the block's draws.
  void add_moving_rows(const WeightBlock& factors, std::size_t count);
  std::size_t count_kept(const double* vetoed, std::size_t count);
  // Who wins each draw the recommendation does not keep (m_winner).
  void rival_winners(const double* vetoed, std::size_t count);
  // With firm budgets that read uncertain answers: each draw's winner and
  // whether it is the recommendation, the budgets asked only of the option
  // that wins the draw on the scores unless it is over one.
  std::size_t kept_with_budgets(const double* vetoed, std::size_t count);
  // Adds the block's winners to the win and settler tallies.
  void record(std::size_t count);
  std::size_t bins(std::size_t u) const { return m_choices[u] != 0 ? m_choices[u] : 4; }

  Workspace& m_ws;
  const Inputs& m_in;
  Values m_values;      // the base values with the answers of the draw being computed
  std::size_t m_w = 0;  // the recommendation's index
  double m_tie = 0;     // the tie tolerance in weighted-utility units
  std::vector<std::size_t> m_rivals;
  FixedRows m_fixed;         // the rows no draw changes, with their leads per rival
  std::size_t m_moving = 0;  // active rows a draw can change: m_ws.memories[0, m_moving)
  std::array<bool, kOptionCount> m_fixed_vetoes{};
  std::vector<const Constraint*> m_varying_constraints;  // that read uncertain answers
  std::vector<std::uint32_t> m_choices;     // per uncertain answer: its answers, 0 for a number
  const std::uint64_t* m_stream = nullptr;  // the answers' stream, when kept
  Random m_rng{0};                          // otherwise
  BlockLeads m_lead{};
  std::array<std::uint32_t, kBlock> m_index{};  // per draw, where a row's numbers are
  std::array<std::uint32_t, kBlock> m_veto_index{};
  bool m_exclusions_vary = false;               // constraints or budgets read uncertain answers
  std::array<std::uint8_t, kBlock> m_keeps{};   // per draw of the block: the recommendation wins
  std::array<std::uint8_t, kBlock> m_winner{};  // per draw of the block: its winner, or none
  std::vector<std::size_t> m_budget_reads;      // uncertain answers the firm-budget rule reads
  bool m_budgets_per_draw = false;  // too many combinations of them to remember with the vetoes
  // What the fused pass computes, and the uncertain answers any of it reads.
  bool m_fused_cost = false, m_fused_budget = false, m_fused_over = false;
  std::vector<std::size_t> m_fused_reads;
  // The cost model at the base answers, when the only uncertain answers it
  // reads are ones a CostBase allows (the volume, the budgets and their
  // flexibility, the cache and batch shares).
  std::optional<CostBase> m_cost_base;
  // Otherwise, when the uncertain answers the cost model reads that a base
  // does not allow to move have few combinations: a base per combination,
  // made when first asked for (a pass then copies its basis and sets a few
  // answers, rather than reading every answer and looking up its ways),
  // with the uncertain answers they are (m_base_reads) and their strides
  // in the combination's number.
  std::vector<std::size_t> m_base_reads, m_base_strides;
  mutable std::vector<std::unique_ptr<CostBase>> m_bases;
  std::vector<std::uint32_t> m_digit;  // per uncertain answer: the answer (or level) set
  const Remembered* m_pair_cost = nullptr;
  const Remembered* m_pair_budget = nullptr;
  bool m_pair_vetoes = false;
  std::array<std::size_t, kOptionCount + 1> m_wins{};
  std::vector<std::size_t> m_settle_at;  // per uncertain answer: where its tallies start
  std::vector<std::uint32_t> m_settle;   // [value][winner or none] per uncertain answer
};

void Sampler::split_rows(const UtilityMatrix& matrix, const Touched& touched) {
  std::vector<bool> moves(m_in.model.questionnaire.criteria.size(), false);
  for (std::size_t i : touched.moving) moves[i] = true;
  const auto& weights = m_in.weights;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    if (m_rivals.empty()) continue;  // only vetoes decide
    if (moves[i]) {
      if (m_ws.memories.size() == m_moving) m_ws.memories.emplace_back();
      Remembered& m = m_ws.memories[m_moving++];
      m.reset(m_in.model, m_in.uncertain,
              [&](std::size_t u) { return row_reads(m_in.model, i, m_in.uncertain[u]); });
      m.criterion = i;
      continue;
    }
    std::array<double, kOptionCount - 1> d{};
    for (std::size_t r = 0; r < m_rivals.size(); ++r)
      d[r] = weights[i] * (matrix.row(i)[m_w] - matrix.row(i)[m_rivals[r]]);
    // A row that separates no rival adds nothing to any lead.
    if (std::all_of(d.begin(), d.end(), [](double x) { return x == 0; })) continue;
    m_fixed.rows.push_back(i);
    m_fixed.lead.push_back(d);
  }
}

void Sampler::prepare_cost_base() {
  const Dependencies& dep = m_in.model.dependencies();
  const CostInputs& in = m_in.model.inputs;
  std::size_t combinations = 1;
  for (std::size_t u = 0; u < m_in.uncertain.size(); ++u) {
    const std::size_t i = m_in.uncertain[u];
    const bool read = dep.cost_utility[i] || dep.budget_utility[i] || dep.budgets[i];
    if (!read || CostBase::allows(in, i)) continue;
    m_base_reads.push_back(u);
    m_base_strides.push_back(combinations);
    combinations *= m_choices[u] != 0 ? m_choices[u] : kNumberLevels;
    // A base is made at its combination's answers, and each used a few
    // times at least (four draws a base); otherwise a pass makes its own basis.
    if (combinations * 4 > m_in.options.samples) {
      m_base_reads.clear();
      m_base_strides.clear();
      return;
    }
  }
  if (m_base_reads.empty()) {
    m_cost_base.emplace(m_in.model.pricing, in, m_in.base);
    return;
  }
  // The answers set and m_digit agree from the start: a base is looked up
  // by the digits, made at the values.
  for (std::size_t u : m_base_reads) set_value(u, 0);
  m_bases.resize(combinations);
}

// The vetoes: those of constraints no draw can change, and a memory for the
// constraints that read uncertain answers.
void Sampler::prepare_vetoes() {
  const Questionnaire& q = m_in.model.questionnaire;
  m_fixed_vetoes = surely_vetoed(q, m_in.base, m_in.is_uncertain);
  for (const Constraint& k : q.constraints) {
    if (std::any_of(k.when.begin(), k.when.end(),
                    [&](const Condition& c) { return m_in.is_uncertain[c.criterion]; }))
      m_varying_constraints.push_back(&k);
  }
  m_exclusions_vary = !m_varying_constraints.empty() || m_in.budgets_vary;
  const Dependencies& dep = m_in.model.dependencies();
  const auto constraint_reads = [&](std::size_t u) {
    return std::any_of(
        m_varying_constraints.begin(), m_varying_constraints.end(), [&](const Constraint* k) {
          return std::any_of(k->when.begin(), k->when.end(),
                             [&](const Condition& c) { return c.criterion == m_in.uncertain[u]; });
        });
  };
  // Firm budgets that read uncertain answers are remembered with the
  // vetoes when all their combinations are few; otherwise they are applied
  // draw by draw, asked of the draw's winner on the scores first.
  m_budget_reads.clear();
  std::size_t combinations = 1;
  for (std::size_t u = 0; u < m_in.uncertain.size(); ++u) {
    const bool budget = m_in.budgets_vary && dep.budgets[m_in.uncertain[u]];
    if (budget) m_budget_reads.push_back(u);
    if (budget || constraint_reads(u)) {
      const Criterion& c = m_in.model.questionnaire.criteria[m_in.uncertain[u]];
      const std::size_t size = m_choices[u] != 0 ? c.answers.size() : kNumberLevels;
      combinations = std::min(combinations * size, kMaxRemembered + 1);
    }
  }
  m_budgets_per_draw = !m_budget_reads.empty() && combinations > kMaxRemembered;
  m_ws.vetoes.reset(m_in.model, m_in.uncertain, [&](std::size_t u) {
    return constraint_reads(u) ||
           (!m_budgets_per_draw &&
            std::find(m_budget_reads.begin(), m_budget_reads.end(), u) != m_budget_reads.end());
  });
}

void Sampler::prepare_answers() {
  const Questionnaire& q = m_in.model.questionnaire;
  const EngineOptions& options = m_in.options;
  const std::size_t count_uncertain = m_in.uncertain.size();
  m_rng = Random(options.seed ^ kAnswerStream);
  m_ws.levels.resize(count_uncertain);
  // Per uncertain answer: its number of answers (a choice) or 0 (a number,
  // drawn as one of kNumberLevels levels).
  m_choices.assign(count_uncertain, 0);
  m_digit.assign(count_uncertain, 0);
  for (std::size_t u = 0; u < count_uncertain; ++u) {
    const Criterion& c = q.criteria[m_in.uncertain[u]];
    if (c.kind == CriterionKind::number) {
      const auto [lo, hi] = sampled_range(c, m_in.profile.answers[m_in.uncertain[u]]);
      m_ws.levels[u] = m_ws.kept_levels.of(c, lo, hi);
    } else {
      m_choices[u] = static_cast<std::uint32_t>(c.answers.size());
    }
  }
  m_settle_at.assign(count_uncertain + 1, 0);
  for (std::size_t u = 0; u < count_uncertain; ++u)
    m_settle_at[u + 1] = m_settle_at[u] + bins(u) * (kOptionCount + 1);
  m_settle.assign(m_settle_at.back(), 0);
  // A block's drawn answers: outcome[u * kBlock + j] is the answer (or
  // level) of uncertain answer u in draw j; each draw's answers are drawn
  // before they are read.
  m_ws.outcome.resize(kBlock * count_uncertain);
  // The answers' stream is the same for every profile (seeded by the seed
  // alone): draw j takes its values number j x U to j x U + U - 1 (U
  // uncertain answers), from the thread's copy when it is long enough.
  m_stream =
      m_ws.answer_stream.get(options.seed ^ kAnswerStream, options.samples * count_uncertain);
}

void Sampler::draw_answers(std::size_t first, std::size_t count) {
  const std::size_t count_uncertain = m_in.uncertain.size();
  auto& outcome = m_ws.outcome;
  if (m_stream != nullptr) {
    for (std::size_t u = 0; u < count_uncertain; ++u) {
      const std::uint64_t* r = m_stream + first * count_uncertain + u;
      std::uint32_t* o = &outcome[u * kBlock];
      if (m_choices[u] != 0) {
        const auto n = static_cast<double>(m_choices[u]);
        for (std::size_t j = 0; j < count; ++j)
          o[j] = static_cast<std::uint32_t>(to_uniform(r[j * count_uncertain]) * n);
      } else {
        for (std::size_t j = 0; j < count; ++j)
          o[j] = static_cast<std::uint32_t>(r[j * count_uncertain] >> (64 - kNumberBits));
      }
    }
    return;
  }
  // The same values, drawn in the same order.
  for (std::size_t j = 0; j < count; ++j) {
    for (std::size_t u = 0; u < count_uncertain; ++u) {
      outcome[u * kBlock + j] =
          m_choices[u] != 0 ? m_rng.below(m_choices[u])
                            : static_cast<std::uint32_t>(m_rng.next() >> (64 - kNumberBits));
    }
  }
}

void Sampler::veto_row(double* out, std::size_t c) const {
  std::array<bool, kOptionCount> vetoed = m_fixed_vetoes;
  for (const Constraint* k : m_varying_constraints) {
    if (!k->holds(m_values)) continue;
    for (std::size_t o = 0; o < kOptionCount; ++o) vetoed[o] = vetoed[o] || k->forbids[o];
  }
  if (m_in.apply_budgets && !m_budgets_per_draw) {
    if (c != kNoIndex) {
      pair_pass(c);
      vetoed = rule_out_over_budget(vetoed, m_ws.pair_over[c]);
    } else {
      vetoed = rule_out_over_budget(vetoed, over_firm());
    }
  }
  for (std::size_t o = 0; o < kOptionCount; ++o) out[o] = vetoed[o] ? 1 : 0;
}

void Sampler::lead_row(const Remembered& m, double* out, std::size_t c) const {
  if (c != kNoIndex) {
    pair_pass(c);
    return lead_of(m, &m == m_pair_cost ? m_ws.pair_cost[c] : m_ws.pair_budget[c], out);
  }
  lead_of(m, row_utilities(m_in.model, m.criterion, m_values, cost_base()), out);
}

void Sampler::pair() {
  if (!m_in.recommendation) return;
  const Questionnaire& q = m_in.model.questionnaire;
  const Remembered* cost = nullptr;
  const Remembered* budget = nullptr;
  for (const Remembered& m : std::span<const Remembered>(m_ws.memories.data(), m_moving)) {
    const Criterion& c = q.criteria[m.criterion];
    if (c.answerable() || m.per_draw()) continue;
    const Remembered*& slot = c.signal == DerivedSignal::cost ? cost : budget;
    if (slot == nullptr) slot = &m;
  }
  const Remembered* vetoes = m_in.apply_budgets && !m_budgets_per_draw && m_exclusions_vary &&
                                     !m_ws.vetoes.per_draw() && !m_ws.vetoes.reads().empty()
                                 ? &m_ws.vetoes
                                 : nullptr;
  const auto same = [](const Remembered* a, const Remembered* b) {
    return a != nullptr && b != nullptr && a->reads() == b->reads();
  };
  const Remembered* first = nullptr;
  if (same(cost, budget)) {
    m_pair_cost = cost;
    m_pair_budget = budget;
    m_pair_vetoes = same(cost, vetoes);
    first = cost;
  } else if (same(cost, vetoes)) {
    m_pair_cost = cost;
    m_pair_vetoes = true;
    first = vetoes;
  } else if (same(budget, vetoes)) {
    m_pair_budget = budget;
    m_pair_vetoes = true;
    first = vetoes;
  } else {
    return;
  }
  const std::size_t n = first->combinations();
  m_ws.pair_cost.resize(n);
  m_ws.pair_budget.resize(n);
  m_ws.pair_over.resize(n);
  m_ws.pair_known.assign(n, 0);
}

void Sampler::pair_pass(std::size_t c) const {
  if (m_ws.pair_known[c] != 0) return;
  const DerivedUtilities d = derived(m_pair_cost != nullptr, m_pair_budget != nullptr,
                                     m_pair_vetoes ? &m_ws.pair_over[c] : nullptr);
  m_ws.pair_cost[c] = d.cost;
  m_ws.pair_budget[c] = d.budget;
  m_ws.pair_known[c] = 1;
}

void Sampler::lead_of(const Remembered& m, const PerOption& row, double* out) const {
  for (std::size_t r = 0; r < m_rivals.size(); ++r)
    out[r] = m_in.weights[m.criterion] * (row[m_w] - row[m_rivals[r]]);
}

void Sampler::fuse() {
  if (!m_in.recommendation) return;
  const Questionnaire& q = m_in.model.questionnaire;
  bool cost = false, budget = false;
  std::vector<bool> reads(m_in.uncertain.size(), false);
  for (const Remembered& m : std::span<const Remembered>(m_ws.memories.data(), m_moving)) {
    const Criterion& c = q.criteria[m.criterion];
    if (c.answerable() || !m.per_draw()) continue;
    (c.signal == DerivedSignal::cost ? cost : budget) = true;
    for (std::size_t u : m.reads()) reads[u] = true;
  }
  const bool over = m_budgets_per_draw;
  if (over) {
    for (std::size_t u : m_budget_reads) reads[u] = true;
  }
  if (cost + budget + over < 2) return;
  m_fused_cost = cost;
  m_fused_budget = budget;
  m_fused_over = over;
  if (m_ws.cost_rows.empty()) {
    m_ws.cost_rows.resize(kBlock);
    m_ws.budget_rows.resize(kBlock);
    m_ws.over.resize(kBlock);
  }
  for (std::size_t u = 0; u < reads.size(); ++u) {
    if (reads[u]) m_fused_reads.push_back(u);
  }
}

void Sampler::fused_block(std::size_t count) {
  for (std::size_t j = 0; j < count; ++j) {
    for (std::size_t u : m_fused_reads) set_value(u, m_ws.outcome[u * kBlock + j]);
    const DerivedUtilities d =
        derived(m_fused_cost, m_fused_budget, m_fused_over ? &m_ws.over[j] : nullptr);
    m_ws.cost_rows[j] = d.cost;
    m_ws.budget_rows[j] = d.budget;
  }
}

const PerOption* Sampler::fused_row(const Remembered& m, std::size_t j) const {
  const Criterion& c = m_in.model.questionnaire.criteria[m.criterion];
  if (c.answerable() || !m.per_draw()) return nullptr;
  if (c.signal == DerivedSignal::cost) return m_fused_cost ? &m_ws.cost_rows[j] : nullptr;
  return m_fused_budget ? &m_ws.budget_rows[j] : nullptr;
}

const double* Sampler::block_vetoes(std::size_t count) {
  // The same place for every draw when no constraint and no firm budget
  // reads an uncertain answer.
  const bool vary = m_exclusions_vary;
  Remembered& vetoes = m_ws.vetoes;
  const Remembered::Places places = vetoes.for_block(
      m_ws.outcome.data(), vary ? count : 1, kOptionCount, m_in.options.samples,
      [&](std::size_t j, double* out) {
        set_draw(vetoes, j);
        veto_row(out, pair_of(vetoes, j));
      },
      [&](std::size_t c, double* out) {
        set_combination(vetoes, c);
        veto_row(out, paired(vetoes) ? c : kNoIndex);
      },
      m_veto_index.data());
  if (!vary) {
    std::fill(m_veto_index.begin(), m_veto_index.end(), places.index[0]);
  } else if (places.index != m_veto_index.data()) {
    std::copy(places.index, places.index + count, m_veto_index.begin());
  }
  return places.values;
}

void Sampler::add_moving_rows(const WeightBlock& factors, std::size_t count) {
  // Row by row, in the criteria's order (each draw's sum adds its terms in
  // the same order as scoring the draw alone would).
  for (Remembered& m : std::span<Remembered>(m_ws.memories.data(), m_moving)) {
    const Remembered::Places at = m.for_block(
        m_ws.outcome.data(), count, m_rivals.size(), m_in.options.samples,
        [&](std::size_t j, double* out) {
          if (const PerOption* row = fused_row(m, j)) return lead_of(m, *row, out);
          set_draw(m, j);
          lead_row(m, out, pair_of(m, j));
        },
        [&](std::size_t c, double* out) {
          set_combination(m, c);
          lead_row(m, out, paired(m) ? c : kNoIndex);
        },
        m_index.data());
    const double* d = at.values;
    const std::uint32_t* place = at.index;
    const double* f = &factors.factor[m.criterion * kBlock];
    if (m_rivals.size() == 2) {
      for (std::size_t j = 0; j < count; ++j) {
        const double* e = d + 2 * std::size_t{place[j]};
        m_lead[0][j] += e[0] * f[j];
        m_lead[1][j] += e[1] * f[j];
      }
    } else {
      for (std::size_t j = 0; j < count; ++j) m_lead[0][j] += d[place[j]] * f[j];
    }
  }
}

std::size_t Sampler::count_kept(const double* vetoed, std::size_t count) {
  if (!m_in.recommendation) {
    // Nothing wins now: a draw keeps that when it vetoes every option.
    std::size_t kept = 0;
    for (std::size_t j = 0; j < count; ++j) {
      const double* v = vetoed + m_veto_index[j] * kOptionCount;
      m_keeps[j] = v[0] + v[1] + v[2] == 3;
      kept += m_keeps[j];
    }
    return kept;
  }
  // Against an earlier rival the lead must exceed the tie tolerance;
  // against a later one it may be a tie: lead >= -tie, that is lead > the
  // next double below -tie, so both are one comparison.
  std::array<double, kOptionCount - 1> above{};
  for (std::size_t r = 0; r < m_rivals.size(); ++r) {
    above[r] = m_rivals[r] < m_w ? m_tie : std::nextafter(-m_tie, -HUGE_VAL);
  }
  if (!m_exclusions_vary) {
    // The same vetoes in every draw: a vetoed rival needs no test, a
    // vetoed recommendation is never kept.
    if (vetoed[m_w] != 0) {
      m_keeps.fill(0);
      return 0;
    }
    std::array<double, kOptionCount - 1> bar = above;
    for (std::size_t r = 0; r < m_rivals.size(); ++r) {
      if (vetoed[m_rivals[r]] != 0) bar[r] = -HUGE_VAL;
    }
    if (m_rivals.size() == 2) {
      for (std::size_t j = 0; j < count; ++j)
        m_keeps[j] = static_cast<std::uint8_t>((m_lead[0][j] > bar[0]) & (m_lead[1][j] > bar[1]));
    } else if (m_rivals.size() == 1) {
      for (std::size_t j = 0; j < count; ++j)
        m_keeps[j] = static_cast<std::uint8_t>(m_lead[0][j] > bar[0]);
    } else {
      std::fill_n(m_keeps.begin(), count, 1);
    }
    return static_cast<std::size_t>(std::count(m_keeps.begin(), m_keeps.begin() + count, 1));
  }
  std::size_t kept = 0;
  for (std::size_t j = 0; j < count; ++j) {
    const double* v = vetoed + m_veto_index[j] * kOptionCount;
    bool keeps = v[m_w] == 0;
    for (std::size_t r = 0; r < m_rivals.size(); ++r)
      keeps &= (v[m_rivals[r]] != 0) | (m_lead[r][j] > above[r]);
    m_keeps[j] = keeps ? 1 : 0;
    kept += m_keeps[j];
  }
  return kept;
}

void Sampler::rival_winners(const double* vetoed, std::size_t count) {
  constexpr std::uint8_t kNone = kOptionCount;
  for (std::size_t j = 0; j < count; ++j) {
    if (!m_in.recommendation) {
      m_winner[j] = kNone;  // only "nothing wins" is counted without a recommendation
      continue;
    }
    if (m_keeps[j] != 0) {
      m_winner[j] = static_cast<std::uint8_t>(m_w);
      continue;
    }
    // The best rival left, by the tie rule of score_values(): an earlier
    // option keeps a tie. A rival's score is the recommendation's less its lead.
    const double* v = vetoed + m_veto_index[j] * kOptionCount;
    std::uint8_t best = kNone;
    double best_lead = 0;
    std::array<std::size_t, kOptionCount - 1> order{};
    for (std::size_t r = 0; r < m_rivals.size(); ++r) order[r] = r;
    if (m_rivals.size() == 2 && m_rivals[1] < m_rivals[0]) std::swap(order[0], order[1]);
    for (std::size_t k = 0; k < m_rivals.size(); ++k) {
      const std::size_t r = order[k];
      if (v[m_rivals[r]] != 0) continue;
      if (best == kNone || m_lead[r][j] < best_lead - m_tie) {
        best = static_cast<std::uint8_t>(m_rivals[r]);
        best_lead = m_lead[r][j];
      }
    }
    m_winner[j] = best;
  }
}

std::size_t Sampler::kept_with_budgets(const double* vetoed, std::size_t count) {
  constexpr std::uint8_t kNone = kOptionCount;
  // Each option's score less the recommendation's in draw j: 0 for the
  // recommendation, minus its lead for a rival, nothing for the others
  // (ruled out in every draw).
  std::array<int, kOptionCount> rival{-1, -1, -1};
  for (std::size_t r = 0; r < m_rivals.size(); ++r) rival[m_rivals[r]] = static_cast<int>(r);
  std::size_t kept = 0;
  for (std::size_t j = 0; j < count; ++j) {
    const double* v = vetoed + m_veto_index[j] * kOptionCount;
    std::array<bool, kOptionCount> out{};
    for (std::size_t o = 0; o < kOptionCount; ++o) out[o] = v[o] != 0 || (o != m_w && rival[o] < 0);
    const auto score = [&](std::size_t o) {
      return o == m_w ? 0.0 : -m_lead[static_cast<std::size_t>(rival[o])][j];
    };
    // best_of() of score_values(): in option order, a later option must win
    // by more than the tie tolerance.
    const auto best_of = [&](const std::array<bool, kOptionCount>& excluded) {
      std::uint8_t best = kNone;
      for (std::size_t o = 0; o < kOptionCount; ++o) {
        if (excluded[o]) continue;
        if (best == kNone || score(o) > score(best) + m_tie) best = static_cast<std::uint8_t>(o);
      }
      return best;
    };
    std::uint8_t winner = best_of(out);
    if (winner != kNone && m_fused_over) {
      // Over a firm budget, it wins only if no allowed option fits.
      if (m_ws.over[j][winner]) winner = best_of(rule_out_over_budget(out, m_ws.over[j]));
    } else if (winner != kNone) {
      for (std::size_t u : m_budget_reads) set_value(u, m_ws.outcome[u * kBlock + j]);
      if (over_firm(kOptions[winner])) winner = best_of(rule_out_over_budget(out, over_firm()));
    }
    m_winner[j] = winner;
    m_keeps[j] = winner == m_w ? 1 : 0;
    kept += m_keeps[j];
  }
  return kept;
}

void Sampler::record(std::size_t count) {
  for (std::size_t j = 0; j < count; ++j) ++m_wins[m_winner[j]];
  for (std::size_t u = 0; u < m_in.uncertain.size(); ++u) {
    std::uint32_t* t = &m_settle[m_settle_at[u]];
    const std::uint32_t* o = &m_ws.outcome[u * kBlock];
    const unsigned shift = m_choices[u] != 0 ? 0 : kNumberBits - 2;
    for (std::size_t j = 0; j < count; ++j) ++t[(o[j] >> shift) * (kOptionCount + 1) + m_winner[j]];
  }
}

std::vector<std::size_t> Sampler::settled() const {
  std::vector<std::size_t> out(m_in.uncertain.size(), 0);
  for (std::size_t u = 0; u < out.size(); ++u) {
    for (std::size_t b = 0; b < bins(u); ++b) {
      const std::uint32_t* t = &m_settle[m_settle_at[u] + b * (kOptionCount + 1)];
      out[u] += *std::max_element(t, t + kOptionCount);
    }
  }
  return out;
}

std::size_t Sampler::kept() {
  const EngineOptions& options = m_in.options;
  const std::size_t criteria = m_in.model.questionnaire.criteria.size();
  std::size_t kept = 0;
  for (std::size_t block = 0, first = 0; first < options.samples; ++block, first += kBlock) {
    const WeightBlock& factors =
        m_ws.weight_blocks.get(options.seed, options.weight_spread, criteria, block);
    sum_fixed(m_lead, m_fixed, factors.factor);
    const std::size_t count = std::min(kBlock, options.samples - first);
    draw_answers(first, count);
    const double* vetoed = block_vetoes(count);
    if (!m_fused_reads.empty()) fused_block(count);
    if (m_in.recommendation) add_moving_rows(factors, count);
    if (m_budgets_per_draw && m_in.recommendation) {
      kept += kept_with_budgets(vetoed, count);
    } else {
      kept += count_kept(vetoed, count);
      rival_winners(vetoed, count);
    }
    record(count);
  }
  return kept;
}

}  // namespace
}  // namespace aidecide::confidence

namespace aidecide {

namespace {

// The uncertain answers that would settle the most: the expected
// confidence once each is answered, kept when it rises by 5 points or more;
// the best two.
std::vector<Settler> best_settlers(const std::vector<std::size_t>& uncertain,
                                   const std::vector<std::size_t>& settled, double confidence,
                                   std::size_t samples) {
  std::vector<Settler> out;
  for (std::size_t u = 0; u < uncertain.size(); ++u) {
    const double expected = static_cast<double>(settled[u]) / static_cast<double>(samples);
    if (expected - confidence >= 0.05) out.push_back({uncertain[u], expected});
  }
  std::stable_sort(out.begin(), out.end(), [](const Settler& a, const Settler& b) {
    return a.expected_confidence > b.expected_confidence;
  });
  if (out.size() > 2) out.resize(2);
  return out;
}

}  // namespace

ConfidenceResult estimate_confidence(const ScoringModel& model, const Profile& profile,
                                     const Values& base, const CostEstimate& base_cost,
                                     const std::vector<double>& weights,
                                     std::optional<Option> recommendation,
                                     const EngineOptions& options) {
  using namespace confidence;  // NOLINT(google-build-using-namespace): its own driver
  ConfidenceResult result;
  if (options.samples == 0) return result;
  const auto settled_on = [&](Option o) {
    result.confidence = 1;
    result.win_shares[index(o)] = 1;
    return result;
  };
  const Questionnaire& q = model.questionnaire;
  const std::vector<std::size_t> uncertain = uncertain_answers(q, profile, base);
  std::vector<bool> is_uncertain(q.criteria.size(), false);
  for (std::size_t i : uncertain) is_uncertain[i] = true;
  // Firm budgets rule options out in some draw when a budget is firm in
  // some draw; the rule varies when it reads an uncertain answer.
  const Dependencies& dep = model.dependencies();
  const CostInputs& in = model.inputs;
  const bool flexibility_uncertain =
      in.budget_flexibility != kNoIndex && is_uncertain[in.budget_flexibility];
  const bool apply_budgets = flexibility_uncertain || base_cost.firm.any();
  const bool budgets_vary =
      apply_budgets && std::any_of(uncertain.begin(), uncertain.end(),
                                   [&](std::size_t i) { return dep.budgets[i]; });
  auto surely_out = surely_vetoed(q, base, is_uncertain);
  if (!recommendation) {
    // Nothing can win now; settled if that holds for every draw.
    if (std::all_of(surely_out.begin(), surely_out.end(), [](bool v) { return v; })) {
      result.confidence = 1;
      return result;
    }
  }
  UtilityMatrix matrix(model, base, base_cost);
  const Touched touched = touched_by(model, uncertain);
  Reach can{};
  if (recommendation) {
    const bool exclusions_fixed =
        !budgets_vary &&
        std::none_of(q.constraints.begin(), q.constraints.end(), [&](const Constraint& k) {
          return std::any_of(k.when.begin(), k.when.end(),
                             [&](const Condition& c) { return is_uncertain[c.criterion]; });
        });
    if (exclusions_fixed) surely_out = matrix.vetoed();
    const auto budgets = budgets_vary
                             ? budget_reach(model, profile, base, uncertain, *recommendation)
                             : std::nullopt;
    can = reach(model, profile, base, matrix, weights, is_uncertain, touched, *recommendation,
                options.weight_spread, surely_out, budgets_vary, budgets);
    if (can.settled()) return settled_on(*recommendation);
  }
  // The one per-thread workspace (see Workspace).
  thread_local Workspace workspace;
  const Sampler::Inputs inputs{model,   profile,   base,         weights,       recommendation,
                               options, uncertain, is_uncertain, apply_budgets, budgets_vary};
  Sampler sampler(workspace, inputs, matrix, touched, can);
  const auto samples = static_cast<double>(options.samples);
  result.confidence = static_cast<double>(sampler.kept()) / samples;
  if (recommendation) {
    for (Option o : kOptions)
      result.win_shares[index(o)] = static_cast<double>(sampler.wins()[index(o)]) / samples;
    // The recommendation's share is the confidence itself.
    result.win_shares[index(*recommendation)] = result.confidence;
    result.settlers =
        best_settlers(uncertain, sampler.settled(), result.confidence, options.samples);
  }
  return result;
}

}  // namespace aidecide
