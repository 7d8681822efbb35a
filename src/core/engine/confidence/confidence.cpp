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
#include <numeric>
#include <span>

#include "aidecide/engine.hpp"
#include "engine/scorer.hpp"

namespace aidecide {
namespace {

static_assert(kOptionCount - 1 == 2, "BlockLeads holds two rivals");

// Draws go this many at a time.
constexpr std::size_t kBlock = 512;

// Per rival, per draw of a block.
using BlockLeads = std::array<std::array<double, kBlock>, 2>;

// The rows no draw changes, with their lead contributions per rival
// (weight x utility difference).
struct FixedRows {
  std::vector<std::size_t> rows;
  std::vector<std::array<double, 2>> lead;
};

// lead[r][j] = the sum over the fixed rows k, in their order, of
// fixed.lead[k][r] x factor[fixed.rows[k] x kBlock + j].
void sum_fixed(BlockLeads& lead, const FixedRows& fixed, std::span<const double> factor) {
  for (auto& l : lead) l.fill(0);
  for (std::size_t k = 0; k < fixed.rows.size(); ++k) {
    const double* f = &factor[fixed.rows[k] * kBlock];
    const auto [a, b] = fixed.lead[k];
    for (std::size_t j = 0; j < kBlock; ++j) {
      lead[0][j] += a * f[j];
      lead[1][j] += b * f[j];
    }
  }
}

// The top 53 bits of a random value as a double uniform in [0, 1).
inline double to_uniform(std::uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// xoshiro256** seeded through splitmix64: small, fast and identical on every
// platform, unlike the standard library's distributions.
class Random {
 public:
  explicit Random(std::uint64_t seed) {
    for (auto& s : m_state) {
      seed += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      s = z ^ (z >> 31);
    }
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
  }
  // Uniform in [0, 1).
  double uniform() { return to_uniform(next()); }
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(uniform() * static_cast<double>(n));
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t m_state[4]{};
};

// Weight factors: log-uniform in [1/spread, spread], discretised to 1024
// equally likely levels (the midpoints of 1024 equal slices of the log
// range), so a draw is 10 random bits and a table lookup.
constexpr int kFactorBits = 10;
constexpr std::size_t kFactorLevels = std::size_t{1} << kFactorBits;

// Uncertain numbers are drawn as one of 128 equally likely levels: the
// midpoints of 128 equal slices of their range (log slices on log-scale
// criteria). The share of draws past any threshold is then off by at most
// half a slice, 0.4 %, well inside the sampling error of 1,000 draws (about
// 1.6 %), and a draw can reuse what an earlier draw of the same level
// computed.
constexpr int kNumberBits = 7;
constexpr std::size_t kNumberLevels = std::size_t{1} << kNumberBits;

// A row (or the vetoes) whose uncertain answers have at most this many
// combinations (choice answers and number levels) is computed once per
// combination.
constexpr std::size_t kMaxRemembered = 1024;

// The levels of an uncertain number between lo and hi, on a log scale for
// log-scale criteria.
std::array<double, kNumberLevels> number_levels(const Criterion& c, double lo, double hi) {
  std::array<double, kNumberLevels> levels{};
  const bool log = c.scale == Scale::log && lo > 0;
  const double span = log ? std::log(hi / lo) : hi - lo;
  for (std::size_t k = 0; k < kNumberLevels; ++k) {
    const double u = (static_cast<double>(k) + 0.5) / static_cast<double>(kNumberLevels);
    levels[k] = log ? lo * std::exp(span * u) : lo + span * u;
  }
  return levels;
}

// number_levels() of the last few ranges asked for: an unknown number
// draws from its criterion's plausible range in every profile, and 128
// exponentials are dear next to looking them up. The levels depend on the
// range and the scale alone.
class KeptLevels {
 public:
  const std::array<double, kNumberLevels>& of(const Criterion& c, double lo, double hi) {
    for (const Kept& k : m_kept) {
      if (k.used && k.scale == c.scale && k.lo == lo && k.hi == hi) return k.levels;
    }
    Kept& k = m_kept[m_next];
    m_next = (m_next + 1) % m_kept.size();
    k = {true, c.scale, lo, hi, number_levels(c, lo, hi)};
    return k.levels;
  }

 private:
  struct Kept {
    bool used = false;
    Scale scale = Scale::linear;
    double lo = 0, hi = 0;
    std::array<double, kNumberLevels> levels{};
  };
  std::array<Kept, 8> m_kept;
  std::size_t m_next = 0;  // the one to replace
};

struct FactorTable {
  std::array<double, kFactorLevels> factor{};
  double spread = 0;

  void set(double s) {
    if (spread == s) return;
    const double log_spread = std::log(s);
    for (std::size_t k = 0; k < kFactorLevels; ++k) {
      const double u = (static_cast<double>(k) + 0.5) / static_cast<double>(kFactorLevels);
      factor[k] = std::exp(log_spread * (2 * u - 1));
    }
    spread = s;
  }
};

// Draws are processed in blocks; the weight factors of a block are drawn
// from their own stream, seeded by the seed and the block's number, so they
// are the same for every profile of a run and are drawn once per thread.
constexpr std::size_t kCachedBlocks = 2;                    // the default 1,000 draws
constexpr std::uint64_t kAnswerStream = 0x5EED0F0A45E7ULL;  // answers draw from seed ^ this

// Weight factors of draws [block * kBlock, +kBlock), criterion-major:
// factor[k * kBlock + j] scales criterion k in draw j of the block.
struct WeightBlock {
  std::uint64_t seed = 0;
  double spread = 0;
  std::size_t criteria = 0;
  std::size_t block = 0;
  std::vector<double> factor;
};

void draw_weight_block(WeightBlock& b, const FactorTable& table, std::uint64_t seed,
                       std::size_t criteria, std::size_t block) {
  Random rng(seed + 0x9E3779B97F4A7C15ULL * (block + 1));
  b.factor.resize(criteria * kBlock);
  for (std::size_t j = 0; j < kBlock; ++j) {
    std::uint64_t bits = 0;
    int left = 0;
    for (std::size_t k = 0; k < criteria; ++k) {
      if (left < kFactorBits) {
        bits = rng.next();
        left = 64;
      }
      b.factor[k * kBlock + j] = table.factor[bits & (kFactorLevels - 1)];
      bits >>= kFactorBits;
      left -= kFactorBits;
    }
  }
  b.seed = seed, b.spread = table.spread, b.criteria = criteria, b.block = block;
}

// The weight factors of the first kCachedBlocks blocks, kept: every
// profile of a run draws the same ones.
class WeightBlocks {
 public:
  const WeightBlock& get(std::uint64_t seed, double spread, std::size_t criteria,
                         std::size_t block) {
    m_table.set(spread);
    WeightBlock& b = m_cache[std::min(block, kCachedBlocks)];  // the last: uncached blocks
    if (b.factor.empty() || b.seed != seed || b.spread != spread || b.criteria != criteria ||
        b.block != block)
      draw_weight_block(b, m_table, seed, criteria, block);
    return b;
  }

 private:
  FactorTable m_table;
  std::array<WeightBlock, kCachedBlocks + 1> m_cache;
};

// The first `count` values of the generator seeded with `seed`, kept
// (every profile of a run draws its answers from the same stream); nothing
// past kMaxKept values, where the caller draws them itself.
class AnswerStream {
 public:
  static constexpr std::size_t kMaxKept = std::size_t{1} << 16;  // 512 KiB

  const std::uint64_t* get(std::uint64_t seed, std::size_t count) {
    if (count > kMaxKept) return nullptr;
    if (m_values.empty() || m_seed != seed) {
      m_seed = seed;
      m_rng = Random(seed);
      m_values.clear();
    }
    while (m_values.size() < count) m_values.push_back(m_rng.next());
    return m_values.data();
  }

 private:
  std::uint64_t m_seed = 0;
  Random m_rng{0};
  std::vector<std::uint64_t> m_values;
};

// The sampled range of an uncertain number: the user's range, or the
// criterion's plausible range for "unknown".
std::pair<double, double> sampled_range(const Criterion& c, const Answer& a) {
  return a.kind == Answer::Kind::range ? std::pair{a.low, a.high} : c.plausible;
}

// Lowest and highest utility each option can take in row `i` while the
// uncertain answers vary (conservative: every adjustment may or may not apply).
std::pair<PerOption, PerOption> row_bounds(const ScoringModel& model, const Profile& profile,
                                           const std::vector<bool>& is_uncertain,
                                           const Values& base, std::size_t i) {
  const Criterion& c = model.questionnaire.criteria[i];
  PerOption lo, hi;
  lo.fill(1e300);
  hi.fill(-1e300);
  const auto take = [&](Option o, double u) {
    lo[index(o)] = std::min(lo[index(o)], u);
    hi[index(o)] = std::max(hi[index(o)], u);
  };
  if (!c.answerable()) {
    // Cost-model utilities: anything in [0, 1].
    for (Option o : kOptions) take(o, 0), take(o, 1);
  } else if (c.kind == CriterionKind::number) {
    const auto [a, b] = sampled_range(c, profile.answers[i]);
    for (Option o : kOptions) {
      take(o, c.curve.eval(o, a));
      take(o, c.curve.eval(o, b));
      for (const auto& [x, u] : c.curve.points[index(o)]) {
        if (x > a && x < b) take(o, u);
      }
    }
  } else {
    for (std::size_t answer = 0; answer < c.answers.size(); ++answer) {
      if (!is_uncertain[i] && answer != base[i].choice) continue;
      for (Option o : kOptions) take(o, c.answers[answer].utility[index(o)]);
      for (const Adjustment& adj : c.adjustments) {
        for (const auto& [which, overrides] : adj.utilities) {
          if (which != answer) continue;
          for (Option o : kOptions) {
            if (overrides[index(o)]) take(o, *overrides[index(o)]);
          }
        }
      }
    }
  }
  return {lo, hi};
}

// What the draws can do to the recommendation, from bounds: each weight at
// the end of its range that hurts most and each uncertain utility at its
// worst. A rival outside `may_win` loses to the recommendation in every
// draw; with no such rival and no veto that may come, no draw can change
// the winner.
struct Reach {
  bool may_be_vetoed = false;                // by a constraint that reads uncertain answers
  std::array<bool, kOptionCount> may_win{};  // rivals that may beat it in some draw
  bool settled() const {
    return !may_be_vetoed && std::none_of(may_win.begin(), may_win.end(), [](bool b) { return b; });
  }
};

// Options vetoed in every draw: by a constraint that reads no uncertain
// answer and holds.
std::array<bool, kOptionCount> surely_vetoed(const Questionnaire& q, const Values& base,
                                             const std::vector<bool>& is_uncertain) {
  std::array<bool, kOptionCount> vetoed{};
  for (const Constraint& k : q.constraints) {
    const bool varies = std::any_of(k.when.begin(), k.when.end(),
                                    [&](const Condition& c) { return is_uncertain[c.criterion]; });
    if (varies || !k.holds(base)) continue;
    for (Option o : kOptions) vetoed[index(o)] = vetoed[index(o)] || k.forbids[index(o)];
  }
  return vetoed;
}

Reach reach(const ScoringModel& model, const Profile& profile, const Values& base,
            const UtilityMatrix& matrix, const std::vector<double>& weights,
            const std::vector<bool>& is_uncertain, const Touched& touched, Option recommendation,
            double spread) {
  const Questionnaire& q = model.questionnaire;
  const std::size_t w = index(recommendation);
  Reach r;
  for (const Constraint& k : q.constraints) {
    r.may_be_vetoed =
        r.may_be_vetoed ||
        (k.forbids[w] && std::any_of(k.when.begin(), k.when.end(), [&](const Condition& c) {
           return is_uncertain[c.criterion];
         }));
  }
  std::vector<bool> varies(q.criteria.size(), false);
  for (std::size_t i : touched.moving) varies[i] = true;
  PerOption worst_lead{};  // per rival, in weighted-utility units
  double scale = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    scale += weights[i];
    PerOption lo = matrix.row(i), hi = matrix.row(i);
    if (varies[i]) std::tie(lo, hi) = row_bounds(model, profile, is_uncertain, base, i);
    for (std::size_t o = 0; o < kOptionCount; ++o) {
      const double d = lo[w] - hi[o];  // the smallest lead this row can give
      worst_lead[o] += weights[i] * (d >= 0 ? d / spread : d * spread);
    }
  }
  const auto vetoed = surely_vetoed(q, base, is_uncertain);
  for (std::size_t o = 0; o < kOptionCount; ++o) {
    // Ties go to the earlier option, and rounding must not matter.
    r.may_win[o] = o != w && !vetoed[o] && !(worst_lead[o] > 1e-9 * scale);
  }
  return r;
}

// True when row `row` reads answer `answer`: the row's own answer and the
// adjustments' conditions, or the cost model's inputs for a derived row.
bool row_reads(const ScoringModel& model, std::size_t row, std::size_t answer) {
  const Criterion& c = model.questionnaire.criteria[row];
  const Dependencies& d = model.dependencies();
  if (c.answerable())
    return std::find(d.rows[answer].begin(), d.rows[answer].end(), row) != d.rows[answer].end();
  return c.signal == DerivedSignal::cost ? d.cost_utility[answer] : d.budget_utility[answer];
}

// Row `row`'s utilities for `values`, computed afresh.
PerOption row_utilities(const ScoringModel& model, std::size_t row, const Values& values) {
  const Criterion& c = model.questionnaire.criteria[row];
  if (c.answerable()) return c.utilities(values);
  return c.signal == DerivedSignal::cost ? cost_utility(model.pricing, model.inputs, values)
                                         : budget_utility(model.pricing, model.inputs, values);
}

// What a draw computes for one moving row (or for the vetoes), remembered
// per combination of the uncertain answers it reads when those have at
// most kMaxRemembered combinations: a row that reads one uncertain number
// is computed at most 128 times, not once per draw, however many other
// answers are uncertain.
class Remembered {
 public:
  std::size_t criterion = 0;

  // Starts afresh (keeping its buffers) for a row that reads uncertain
  // answer number u when `reads(u)`.
  template <class Reads>
  void reset(const ScoringModel& model, const std::vector<std::size_t>& uncertain, Reads reads) {
    m_reads.clear();
    m_strides.clear();
    m_sizes.clear();
    m_ready = false;
    m_all_known = false;
    std::size_t combinations = 1;
    for (std::size_t u = 0; u < uncertain.size(); ++u) {
      if (!reads(u)) continue;
      const Criterion& c = model.questionnaire.criteria[uncertain[u]];
      const std::size_t size = c.kind == CriterionKind::choice ? c.answers.size() : kNumberLevels;
      m_reads.push_back(u);
      m_strides.push_back(combinations);
      m_sizes.push_back(size);
      // Saturates past the limit: only "too many" matters then.
      combinations = std::min(combinations * size, kMaxRemembered + 1);
    }
    m_combinations = combinations <= kMaxRemembered ? combinations : 0;
  }

  // The answer (or level) of the k-th answer it reads in combination `c`.
  std::uint32_t digit(std::size_t k, std::size_t c) const {
    return static_cast<std::uint32_t>((c / m_strides[k]) % m_sizes[k]);
  }

  // The uncertain answers it reads (positions in the uncertain list).
  const std::vector<std::size_t>& reads() const { return m_reads; }

  // Where each draw's numbers are: draw j's `width` numbers start at
  // values + index[j] x width.
  struct Places {
    const double* values;
    const std::uint32_t* index;
  };

  // For each draw j < count of a block, whose answers are
  // outcome[u * kBlock + j] (answer or level of uncertain answer u): where
  // its numbers are, from `fill_draw(j, out)` when not remembered yet. When
  // the draws (`draws` in all) will meet nearly every combination anyway,
  // all are computed at once the first time, with `fill_combination(c,
  // out)`, and no draw needs checking. `index` is room for kBlock places.
  template <class FillDraw, class FillCombination>
  Places for_block(const std::uint32_t* outcome, std::size_t count, std::size_t width,
                   std::size_t draws, FillDraw fill_draw, FillCombination fill_combination,
                   std::uint32_t* index) {
    if (m_combinations == 0) {
      m_scratch.resize(kBlock * width);
      for (std::size_t j = 0; j < count; ++j) {
        index[j] = static_cast<std::uint32_t>(j);
        fill_draw(j, &m_scratch[j * width]);
      }
      return {m_scratch.data(), index};
    }
    if (!m_ready) {
      m_values.resize(m_combinations * width);  // read only where known
      // Four draws a combination miss about one combination in fifty.
      m_all_known = m_combinations * 4 <= draws;
      if (m_all_known) {
        for (std::size_t c = 0; c < m_combinations; ++c) fill_combination(c, &m_values[c * width]);
      } else {
        m_known.assign(m_combinations, 0);
      }
      m_ready = true;
    }
    const std::uint32_t* places = index;
    if (m_reads.size() == 1) {
      places = outcome + m_reads[0] * kBlock;  // the answer is the place
    } else {
      std::fill(index, index + count, 0);
      for (std::size_t k = 0; k < m_reads.size(); ++k) {
        const std::uint32_t* o = outcome + m_reads[k] * kBlock;
        const auto s = static_cast<std::uint32_t>(m_strides[k]);
        for (std::size_t j = 0; j < count; ++j) index[j] += o[j] * s;
      }
    }
    if (!m_all_known) {
      for (std::size_t j = 0; j < count; ++j) {
        if (m_known[places[j]]) continue;
        fill_draw(j, &m_values[places[j] * width]);
        m_known[places[j]] = 1;
      }
    }
    return {m_values.data(), places};
  }

 private:
  std::vector<std::size_t> m_reads;    // positions in the uncertain answers
  std::vector<std::size_t> m_strides;  // of each in the combination's number
  std::vector<std::size_t> m_sizes;    // of each: its number of answers or levels
  std::size_t m_combinations = 0;      // 0: too many to remember
  bool m_ready = false;                // m_values sized, and m_known clear or all filled
  bool m_all_known = false;            // every combination was computed at the start
  std::vector<double> m_values;
  std::vector<unsigned char> m_known;
  std::vector<double> m_scratch;
};

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
};

}  // namespace

double estimate_confidence(const ScoringModel& model, const Profile& profile, const Values& base,
                           const CostEstimate& base_cost, const std::vector<double>& weights,
                           std::optional<Option> recommendation, const EngineOptions& options) {
  if (options.samples == 0) return 0;
  const Questionnaire& q = model.questionnaire;
  std::vector<std::size_t> uncertain;
  for (std::size_t i = 0; i < q.criteria.size(); ++i) {
    // A question that does not apply is not uncertain: it does not count.
    if (!q.criteria[i].answerable() || !applies(q.criteria[i], base)) continue;
    const auto kind = profile.answers[i].kind;
    if (kind == Answer::Kind::unknown || kind == Answer::Kind::missing ||
        kind == Answer::Kind::range)
      uncertain.push_back(i);
  }
  std::vector<bool> is_uncertain(q.criteria.size(), false);
  for (std::size_t i : uncertain) is_uncertain[i] = true;
  if (!recommendation) {
    // Nothing can win now; settled if that holds for every draw.
    const auto vetoed = surely_vetoed(q, base, is_uncertain);
    if (std::all_of(vetoed.begin(), vetoed.end(), [](bool v) { return v; })) return 1;
  }
  UtilityMatrix matrix(model, base, base_cost);
  const Touched touched = touched_by(model, uncertain);
  Reach can{};
  if (recommendation) {
    can = reach(model, profile, base, matrix, weights, is_uncertain, touched, *recommendation,
                options.weight_spread);
    if (can.settled()) return 1;
  }

  // A draw keeps the recommendation when it is not vetoed and its weighted
  // lead over every rival that is not vetoed stays positive (a tie is enough
  // against a later rival: ties go to the earlier option). Leads are sums over the
  // criteria of weight x factor x utility difference; the rows no draw can
  // change are summed for a whole block at once, then each moving row adds
  // its part to every draw of the block.
  std::vector<bool> moves(q.criteria.size(), false);
  for (std::size_t i : touched.moving) moves[i] = true;
  const std::size_t w = recommendation ? index(*recommendation) : 0;
  // Only rivals that may beat the recommendation in some draw are checked.
  std::vector<std::size_t> rivals;
  for (std::size_t o = 0; o < kOptionCount; ++o) {
    if (can.may_win[o]) rivals.push_back(o);
  }
  // The fixed rows and their lead contributions per rival (weight x difference).
  FixedRows fixed;
  // The one per-thread workspace (see Workspace).
  thread_local Workspace workspace;
  auto& [weight_blocks, answer_stream, kept_levels, memories, vetoes, outcome, levels] = workspace;
  std::size_t moving_rows = 0;  // active rows a draw can change (none without rivals)
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    if (rivals.empty()) continue;  // only vetoes decide
    if (moves[i]) {
      if (memories.size() == moving_rows) memories.emplace_back();
      Remembered& m = memories[moving_rows++];
      m.reset(model, uncertain, [&](std::size_t u) { return row_reads(model, i, uncertain[u]); });
      m.criterion = i;
      continue;
    }
    std::array<double, kOptionCount - 1> d{};
    for (std::size_t r = 0; r < rivals.size(); ++r)
      d[r] = weights[i] * (matrix.row(i)[w] - matrix.row(i)[rivals[r]]);
    // A row that separates no rival adds nothing to any lead.
    if (std::all_of(d.begin(), d.end(), [](double x) { return x == 0; })) continue;
    fixed.rows.push_back(i);
    fixed.lead.push_back(d);
  }
  // The vetoes: those of constraints no draw can change, and a memory for
  // the constraints that read uncertain answers.
  const std::array<bool, kOptionCount> fixed_vetoes = surely_vetoed(q, base, is_uncertain);
  std::vector<const Constraint*> varying_constraints;
  for (const Constraint& k : q.constraints) {
    if (std::any_of(k.when.begin(), k.when.end(),
                    [&](const Condition& c) { return is_uncertain[c.criterion]; }))
      varying_constraints.push_back(&k);
  }
  const std::span<Remembered> moving(memories.data(), moving_rows);
  vetoes.reset(model, uncertain, [&](std::size_t u) {
    return std::any_of(
        varying_constraints.begin(), varying_constraints.end(), [&](const Constraint* k) {
          return std::any_of(k->when.begin(), k->when.end(),
                             [&](const Condition& c) { return c.criterion == uncertain[u]; });
        });
  });

  Random rng(options.seed ^ kAnswerStream);
  Values values = base;
  levels.resize(uncertain.size());
  for (std::size_t u = 0; u < uncertain.size(); ++u) {
    const Criterion& c = q.criteria[uncertain[u]];
    if (c.kind == CriterionKind::number) {
      const auto [lo, hi] = sampled_range(c, profile.answers[uncertain[u]]);
      levels[u] = kept_levels.of(c, lo, hi);
    }
  }
  // A block's drawn answers: outcome[u * kBlock + j] is the answer (or
  // level) of uncertain answer u in draw j, drawn draw by draw.
  const std::size_t count_uncertain = uncertain.size();
  outcome.resize(kBlock * count_uncertain);  // each draw's answers are drawn before they are read
  // Per uncertain answer: its number of answers (a choice) or 0 (a number,
  // drawn as one of kNumberLevels levels).
  std::vector<std::uint32_t> choices(count_uncertain, 0);
  for (std::size_t u = 0; u < count_uncertain; ++u) {
    const Criterion& c = q.criteria[uncertain[u]];
    if (c.kind == CriterionKind::choice) choices[u] = static_cast<std::uint32_t>(c.answers.size());
  }
  // The answers' stream is the same for every profile (seeded by the seed
  // alone): draw j takes its values number j x U to j x U + U - 1 (U
  // uncertain answers), from the thread's copy when it is long enough.
  const std::uint64_t* const stream =
      answer_stream.get(options.seed ^ kAnswerStream, options.samples * count_uncertain);
  const auto draw_answers = [&](std::size_t first, std::size_t count) {
    if (stream != nullptr) {
      for (std::size_t u = 0; u < count_uncertain; ++u) {
        const std::uint64_t* r = stream + first * count_uncertain + u;
        std::uint32_t* o = &outcome[u * kBlock];
        if (choices[u] != 0) {
          const auto n = static_cast<double>(choices[u]);
          for (std::size_t j = 0; j < count; ++j)
            o[j] = static_cast<std::uint32_t>(to_uniform(r[j * count_uncertain]) * n);
        } else {
          for (std::size_t j = 0; j < count; ++j)
            o[j] = static_cast<std::uint32_t>(r[j * count_uncertain] >> (64 - kNumberBits));
        }
      }
      return;
    }
    Random local = rng;  // the generator's state stays in registers
    for (std::size_t j = 0; j < count; ++j) {
      for (std::size_t u = 0; u < count_uncertain; ++u) {
        outcome[u * kBlock + j] =
            choices[u] != 0 ? local.below(choices[u])
                            : static_cast<std::uint32_t>(local.next() >> (64 - kNumberBits));
      }
    }
    rng = local;
  };
  // Sets uncertain answer u to its answer (or level) k.
  const auto set_value = [&](std::size_t u, std::uint32_t k) {
    Value& v = values[uncertain[u]];
    if (choices[u] != 0) {
      v.choice = k;
    } else {
      v.number = levels[u][k];
    }
  };
  // Sets the answers `of` reads to those of draw j.
  const auto set_values = [&](const Remembered& of, std::size_t j) {
    for (std::size_t u : of.reads()) set_value(u, outcome[u * kBlock + j]);
  };
  // Sets the answers `of` reads to those of its combination c.
  const auto set_combination = [&](const Remembered& of, std::size_t c) {
    for (std::size_t k = 0; k < of.reads().size(); ++k) set_value(of.reads()[k], of.digit(k, c));
  };
  // What the vetoes and each moving row compute for the answers set.
  const auto veto_row = [&](double* out) {
    for (std::size_t o = 0; o < kOptionCount; ++o) out[o] = fixed_vetoes[o] ? 1 : 0;
    for (const Constraint* k : varying_constraints) {
      if (!k->holds(values)) continue;
      for (std::size_t o = 0; o < kOptionCount; ++o) {
        if (k->forbids[o]) out[o] = 1;
      }
    }
  };
  const auto lead_row = [&](const Remembered& m, double* out) {
    const PerOption row = row_utilities(model, m.criterion, values);
    for (std::size_t r = 0; r < rivals.size(); ++r)
      out[r] = weights[m.criterion] * (row[w] - row[rivals[r]]);
  };

  // kTieTolerance in weighted-utility units (at the unscaled total weight:
  // the tolerance only has to catch rounding, not to be exact).
  const double tie = kTieTolerance / 100 *
                     std::accumulate(weights.begin(), weights.end(), 0.0,
                                     [](double a, double x) { return x > 0 ? a + x : a; });
  BlockLeads lead;
  std::array<std::uint32_t, kBlock> index{};  // per draw, where a row's numbers are
  std::array<std::uint32_t, kBlock> veto_index{};
  std::size_t kept = 0;
  for (std::size_t block = 0, first = 0; first < options.samples; ++block, first += kBlock) {
    const WeightBlock& factors =
        weight_blocks.get(options.seed, options.weight_spread, q.criteria.size(), block);
    sum_fixed(lead, fixed, factors.factor);
    const std::size_t count = std::min(kBlock, options.samples - first);
    draw_answers(first, count);
    // Per draw, 1 for each vetoed option at vetoed + veto_index[j] x 3 (the
    // same place for every draw when no constraint reads an uncertain answer).
    const bool vetoes_vary = !varying_constraints.empty();
    const Remembered::Places veto_places = vetoes.for_block(
        outcome.data(), vetoes_vary ? count : 1, kOptionCount, options.samples,
        [&](std::size_t j, double* out) {
          set_values(vetoes, j);
          veto_row(out);
        },
        [&](std::size_t c, double* out) {
          set_combination(vetoes, c);
          veto_row(out);
        },
        veto_index.data());
    const double* vetoed = veto_places.values;
    if (!vetoes_vary) {
      std::fill(veto_index.begin(), veto_index.end(), veto_places.index[0]);
    } else if (veto_places.index != veto_index.data()) {
      std::copy(veto_places.index, veto_places.index + count, veto_index.begin());
    }
    if (!recommendation) {
      for (std::size_t j = 0; j < count; ++j) {
        const double* v = vetoed + veto_index[j] * kOptionCount;
        kept += v[0] + v[1] + v[2] == 3;
      }
      continue;
    }
    // Row by row, in the criteria's order (each draw's sum adds its terms
    // in the same order as scoring the draw alone would).
    for (Remembered& m : moving) {
      const Remembered::Places at = m.for_block(
          outcome.data(), count, rivals.size(), options.samples,
          [&](std::size_t j, double* out) {
            set_values(m, j);
            lead_row(m, out);
          },
          [&](std::size_t c, double* out) {
            set_combination(m, c);
            lead_row(m, out);
          },
          index.data());
      const double* d = at.values;
      const std::uint32_t* place = at.index;
      const double* f = &factors.factor[m.criterion * kBlock];
      if (rivals.size() == 2) {
        for (std::size_t j = 0; j < count; ++j) {
          const double* e = d + 2 * std::size_t{place[j]};
          lead[0][j] += e[0] * f[j];
          lead[1][j] += e[1] * f[j];
        }
      } else {
        for (std::size_t j = 0; j < count; ++j) lead[0][j] += d[place[j]] * f[j];
      }
    }
    // Without branches: draws keep or lose the recommendation at random.
    // Against an earlier rival the lead must exceed the tie tolerance;
    // against a later one it may be a tie: lead >= -tie, that is lead > the
    // next double below -tie, so both are one comparison.
    std::array<double, kOptionCount - 1> above{};
    for (std::size_t r = 0; r < rivals.size(); ++r) {
      above[r] = rivals[r] < w ? tie : std::nextafter(-tie, -HUGE_VAL);
    }
    if (!vetoes_vary) {
      // The same vetoes in every draw: a vetoed rival needs no test, a
      // vetoed recommendation is never kept.
      if (vetoed[w] != 0) continue;
      std::array<double, kOptionCount - 1> bar = above;
      for (std::size_t r = 0; r < rivals.size(); ++r) {
        if (vetoed[rivals[r]] != 0) bar[r] = -HUGE_VAL;
      }
      std::size_t keeps = 0;
      if (rivals.size() == 2) {
        for (std::size_t j = 0; j < count; ++j)
          keeps += static_cast<std::size_t>((lead[0][j] > bar[0]) & (lead[1][j] > bar[1]));
      } else if (rivals.size() == 1) {
        for (std::size_t j = 0; j < count; ++j)
          keeps += static_cast<std::size_t>(lead[0][j] > bar[0]);
      } else {
        keeps = count;
      }
      kept += keeps;
      continue;
    }
    for (std::size_t j = 0; j < count; ++j) {
      const double* v = vetoed + veto_index[j] * kOptionCount;
      bool keeps = v[w] == 0;
      for (std::size_t r = 0; r < rivals.size(); ++r)
        keeps &= (v[rivals[r]] != 0) | (lead[r][j] > above[r]);
      kept += keeps ? 1 : 0;
    }
  }
  return static_cast<double>(kept) / static_cast<double>(options.samples);
}

}  // namespace aidecide
