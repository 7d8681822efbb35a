// SPDX-License-Identifier: MIT
#pragma once
// A project profile: the answers to the questionnaire plus optional weights.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "aidecide/diagnostic.hpp"
#include "aidecide/questionnaire.hpp"

namespace aidecide {

struct Answer {
  enum class Kind { missing, unknown, choice, number, range };
  Kind kind = Kind::missing;
  std::size_t choice = 0;
  double low = 0;   // number, or the range's low end
  double high = 0;  // the range's high end (== low for a number)
  SourcePos pos;    // of the value
};

// A profile's `models:` (docs/cost-model.md, "Named models"): catalog
// entries that replace the capability tier's defaults. An empty id keeps
// the tier's.
struct NamedModels {
  struct Name {
    std::string id;
    SourcePos pos;  // of the value
  };
  Name cloud;         // hosted model
  Name local;         // open model served when self-hosting the whole workload
  Name hybrid_local;  // open model of hybrid's local part (default: `local`)
  Name quantisation;  // 16bit, 8bit or 4bit, for the datacentre GPUs
  Name gpu;           // preferred datacentre GPU
  bool any() const {
    return !(cloud.id.empty() && local.id.empty() && hybrid_local.id.empty() &&
             quantisation.id.empty() && gpu.id.empty());
  }
};

// The fields of NamedModels (const or not) with their keys in a profile.
template <typename Models>
auto named_model_fields(Models& m) {
  using Name =
      std::conditional_t<std::is_const_v<Models>, const NamedModels::Name, NamedModels::Name>;
  return std::array<std::pair<const char*, Name*>, 5>{{{"cloud", &m.cloud},
                                                       {"local", &m.local},
                                                       {"hybrid_local", &m.hybrid_local},
                                                       {"quantisation", &m.quantisation},
                                                       {"gpu", &m.gpu}}};
}

// One person's priorities (docs/stakeholders.md): points per criterion, as
// a profile's `weights`, or pairwise judgements on Saaty's 1-9 scale turned
// into weights by the principal eigenvector. Answers stay the profile's.
struct Stakeholder {
  struct Judgement {
    std::size_t more = 0;  // criterion index: matters `ratio` times as much as
    std::size_t less = 0;  // this one
    double ratio = 1;      // 1 to 9
    SourcePos pos;
  };
  std::string name;
  std::string role;
  double influence = 1;                        // its exponent in the group's geometric mean
  std::vector<std::optional<double>> weights;  // points, indexed like the criteria
  std::vector<Judgement> pairwise;
  SourcePos pos;
};

struct Profile {
  std::string source;
  std::string name;
  std::string description;
  std::string owner;
  std::vector<std::string> tags;
  std::vector<Answer> answers;                 // indexed like Questionnaire::criteria
  std::vector<std::optional<double>> weights;  // overrides, same index
  NamedModels models;
  std::vector<Stakeholder> stakeholders;
  SourcePos name_pos;
};

// Options for loading the `answers`/`weights` body shared by profiles and
// decision records.
struct AnswerBodyOptions {
  bool require_all = true;  // a missing answer is an error
};

// Parses and validates a profile file. Reports every problem at once.
// Resolves a profile's answers into values (unknown or missing -> the
// assumption, a range -> its midpoint, geometric for log-scale criteria).
Values resolve_values(const Questionnaire& q, const Profile& profile);

Profile load_profile(std::string_view text, const std::string& source, const Questionnaire& q);

// Parses one answer from text as typed after `--set key=value`: a choice id,
// a number, `unknown`, or `[low, high]`. Throws UsageError with a clear message.
Answer parse_answer_text(const Criterion& c, std::string_view text);
// An answer as saved files write it, which the loaders read back exactly: a
// choice id, a number (15 significant digits), [low, high], or unknown.
std::string saved_answer_text(const Criterion& c, const Answer& a);

// Sixteen hex digits that change when any answer or weight of `profile`
// does (FNV-1a over the answers as saved): what `adr` records so `check`
// can say whether the answers moved since.
std::string answers_fingerprint(const Questionnaire& q, const Profile& profile);

// A profile that may be incomplete (`ask --resume`): missing answers stay
// missing, the ids listed under `x-unanswered` are left to be asked again,
// and problems with single answers are listed instead of thrown. A file
// that is not YAML or not a mapping throws InputError.
struct PartialProfile {
  Profile profile;
  std::vector<std::string> unanswered;  // x-unanswered
  std::vector<Diagnostic> problems;
};
PartialProfile load_partial_profile(std::string_view text, const std::string& source,
                                    const Questionnaire& q);

}  // namespace aidecide
