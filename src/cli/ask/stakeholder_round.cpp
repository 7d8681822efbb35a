// SPDX-License-Identifier: MIT
#include "ask/stakeholder_round.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <istream>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <vector>

#include "aidecide/adr.hpp"
#include "aidecide/escape.hpp"
#include "aidecide/files.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/stakeholders.hpp"
#include "aidecide/text.hpp"
#include "ask/session.hpp"

namespace aidecide::cli {
namespace {

bool top_level_key(const std::string& line) {
  return !line.empty() && line[0] != ' ' && line[0] != '#' && line[0] != '\r';
}

bool blank_or_comment(const std::string& line) {
  const std::string_view t = trim_blanks(line);
  return t.empty() || t.front() == '#';
}

}  // namespace

std::string with_stakeholder(std::string_view text, const Profile& loaded, const std::string& name,
                             const std::string& entry) {
  // Lines without their '\n', joined with one again; the result ends with one.
  std::vector<std::string> lines = split_lines(text);
  const auto joined = [&] { return join(lines, "\n") + "\n"; };
  const auto& people = loaded.stakeholders;
  const auto line_of = [&](std::size_t k) { return static_cast<std::size_t>(people[k].pos.line); };
  // The end of the entry that starts at line `first` (0-based): the next
  // entry, or the end of the block; comments and blank lines just before
  // it belong to what follows.
  const auto end_of = [&](std::size_t k) {
    std::size_t end = lines.size();
    if (k + 1 < people.size()) {
      end = line_of(k + 1) - 1;
    } else {
      for (std::size_t i = line_of(k); i < lines.size(); ++i) {
        if (top_level_key(lines[i])) {
          end = i;
          break;
        }
      }
    }
    while (end > line_of(k) && blank_or_comment(lines[end - 1])) --end;
    return end;
  };
  std::vector<std::string> entry_lines = split_lines(entry);
  for (std::size_t k = 0; k < people.size(); ++k) {
    if (people[k].name != name) continue;
    const std::size_t first = line_of(k) - 1;
    const std::size_t end = end_of(k);
    lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(first),
                lines.begin() + static_cast<std::ptrdiff_t>(end));
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(first), entry_lines.begin(),
                 entry_lines.end());
    return joined();
  }
  if (!people.empty()) {
    const std::size_t end = end_of(people.size() - 1);
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(end), entry_lines.begin(),
                 entry_lines.end());
    return joined();
  }
  for (const std::string& line : lines) {
    if (line.starts_with("stakeholders:"))
      throw std::runtime_error(
          "its 'stakeholders:' holds no entry in block form; write the list as '  - name: ...' "
          "entries (or remove the key) and run this again");
  }
  lines.emplace_back("stakeholders:");
  lines.insert(lines.end(), entry_lines.begin(), entry_lines.end());
  return joined();
}

namespace {

// One judgement typed as "a 3", "b 5", "=" or "1": which of the pair and
// the ratio, or why it cannot be read.
struct Judged {
  bool first = true;
  double ratio = 1;
  std::string error;
};
Judged read_judgement(std::string_view t) {
  if (t == "=" || t == "1") return {};
  const std::string lower = ascii_lower(t);
  if (lower.size() >= 3 && (lower[0] == 'a' || lower[0] == 'b') && lower[1] == ' ') {
    const std::string_view n = trim_blanks(std::string_view(lower).substr(2));
    double v = 0;
    const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), v);
    if (ec == std::errc() && end == n.data() + n.size() && v >= 1 && v <= 9)
      return {lower[0] == 'a', v, ""};
  }
  return {true, 1,
          fmt::format("'{}' is not a judgement: type a or b and how many times as much (1 to 9), "
                      "like 'a 3', or = for equal",
                      escape_for_message(t))};
}

// The answer lines of a round: at most kMaxAnswerBytes kept of each (the
// rest read and dropped, nothing unbounded held), trimmed, and echoed to the
// transcript when piped; nothing at the end of input.
class AnswerLines {
 public:
  AnswerLines(std::istream& in, std::ostream& err, bool interactive)
      : m_in(in), m_err(err), m_interactive(interactive) {}
  std::optional<std::string> next() {
    std::string line;
    bool any = false;
    for (int ch; (ch = m_in.get()) != std::char_traits<char>::eof();) {
      any = true;
      if (ch == '\n') break;
      if (line.size() < kMaxAnswerBytes) line.push_back(static_cast<char>(ch));
    }
    if (!any) return std::nullopt;
    ++m_number;
    std::string t(trim_blanks(line));
    if (!m_interactive) m_err << escape_for_message(t) << '\n';
    return t;
  }
  std::size_t number() const { return m_number; }  // of the last line read

 private:
  std::istream& m_in;
  std::ostream& m_err;
  bool m_interactive;
  std::size_t m_number = 0;
};

// `person`'s entry written into the profile at `path` (read as `text`).
StakeholderRoundResult write_person(const Questionnaire& q, const std::string& text,
                                    const Profile& profile, const Stakeholder& person,
                                    const std::string& path) {
  std::string entry = stakeholders_yaml(q, {person});
  entry.erase(0, entry.find('\n') + 1);  // the entry without the block's key
  const std::string updated = with_stakeholder(text, profile, person.name, entry);
  // What is written must load: never leave a profile that no longer scores.
  load_profile(updated, path, q);
  write_file_atomically(path, updated);
  return {StakeholderRoundResult::Outcome::written,
          fmt::format("wrote {}'s priorities into {} (everything else unchanged); score it with: "
                      "aidecide score {}",
                      escape_for_message(person.name), path, path)};
}

}  // namespace

StakeholderRoundResult ask_stakeholder_round(const ScoringModel& model, const std::string& path,
                                             const std::string& name, std::istream& in,
                                             std::ostream& err, bool interactive,
                                             const std::vector<std::string>& pairwise) {
  const Questionnaire& q = model.questionnaire;
  const std::string text = read_text_file(path);
  const Profile profile = load_profile(text, path, q);
  const Values values = resolve_values(q, profile);
  Stakeholder person;
  person.name = name;
  for (const Stakeholder& s : profile.stakeholders) {
    if (s.name == name) person = s;
  }
  const bool had_pairwise = !person.pairwise.empty();
  person.pairwise.clear();
  AnswerLines answers(in, err, interactive);
  if (!pairwise.empty()) {
    std::vector<std::size_t> ids;
    for (const std::string& id : pairwise) {
      const std::size_t i = q.index_of(id);
      if (i == kNoIndex || !q.criteria[i].scored) {
        std::vector<std::string> scored;
        for (const Criterion& c : q.criteria)
          if (c.scored) scored.push_back(c.id);
        std::string message = fmt::format("--pairwise: '{}' is not a criterion with a weight",
                                          escape_for_message(id));
        if (auto hint = did_you_mean(id, scored))
          message += fmt::format("; did you mean '{}'?", *hint);
        return {StakeholderRoundResult::Outcome::invalid, message};
      }
      if (std::find(ids.begin(), ids.end(), i) == ids.end()) ids.push_back(i);
    }
    if (ids.size() < 2 || ids.size() > 10)
      return {StakeholderRoundResult::Outcome::invalid,
              fmt::format("--pairwise takes 2 to 10 different criteria, not {}", ids.size())};
    const std::size_t pairs = ids.size() * (ids.size() - 1) / 2;
    err << fmt::format(
        "Priorities of {} for {}, pair by pair: which matters more to them, and how many times "
        "as much (Saaty's 1-9: 3 moderately, 5 strongly, 7 very strongly, 9 extremely)? Type 'a "
        "3', 'b 5', or = for equal; q stops without writing.\n",
        escape_for_message(name), escape_for_message(profile.name));
    std::size_t k = 0;
    for (std::size_t x = 0; x < ids.size(); ++x) {
      for (std::size_t y = x + 1; y < ids.size(); ++y) {
        ++k;
        const Criterion& a = q.criteria[ids[x]];
        const Criterion& b = q.criteria[ids[y]];
        for (;;) {
          err << fmt::format("[{}/{}] a: {}  or  b: {}? ", k, pairs, escape_for_message(a.title),
                             escape_for_message(b.title))
              << std::flush;
          const std::optional<std::string> t = answers.next();
          if (!t)
            return {StakeholderRoundResult::Outcome::invalid,
                    fmt::format("the input ended with {} of {} pairs unjudged; nothing written",
                                pairs - k + 1, pairs)};
          if (*t == "q") return {StakeholderRoundResult::Outcome::quit, "nothing written"};
          const Judged j = read_judgement(*t);
          if (j.error.empty()) {
            person.pairwise.push_back(
                {j.first ? ids[x] : ids[y], j.first ? ids[y] : ids[x], j.ratio, {}});
            break;
          }
          if (!interactive)
            return {StakeholderRoundResult::Outcome::invalid,
                    fmt::format("<stdin>:{}: {}; nothing written", answers.number(), j.error)};
          err << "  " << j.error << '\n';
        }
      }
    }
    person.weights.assign(q.criteria.size(), std::nullopt);
    // The consistency of what was said, before it is written.
    const PairwiseResult p = pairwise_priorities(person.pairwise);
    const AhpResult& r = p.ahp;
    std::vector<std::string> shares;  // in the order asked
    for (std::size_t id : ids) {
      const auto at = static_cast<std::size_t>(std::find(p.criteria.begin(), p.criteria.end(), id) -
                                               p.criteria.begin());
      shares.push_back(fmt::format("{} {:.0f}%", q.criteria[id].title, 100 * r.priorities[at]));
    }
    err << "  Their shares: " << join(shares, ", ") << ".\n";
    if (r.consistency_ratio) {
      err << fmt::format("  Consistency ratio {:.2f}{}\n", *r.consistency_ratio,
                         *r.consistency_ratio > kMaxConsistencyRatio
                             ? ": above 0.1, the judgements contradict each other; consider "
                               "running the round again"
                             : "");
    }
    return write_person(q, text, profile, person, path);
  }
  if (person.weights.size() != q.criteria.size())
    person.weights.assign(q.criteria.size(), std::nullopt);
  std::vector<std::size_t> asked;
  for (const Criterion& c : q.criteria) {
    if (c.scored && applies(c, values)) asked.push_back(c.index_in_questionnaire);
  }
  err << fmt::format(
      "Priorities of {} for {}: how much each criterion matters to them, in points (0: not at "
      "all; shown: {}). Enter keeps the value shown; q stops without writing.\n",
      escape_for_message(name), escape_for_message(profile.name),
      had_pairwise || !person.weights.empty() ? "their points, else the profile's weights"
                                              : "the profile's weights");
  if (had_pairwise) err << "  (their pairwise judgements are replaced by the points given here)\n";
  for (std::size_t k = 0; k < asked.size(); ++k) {
    const Criterion& c = q.criteria[asked[k]];
    const double shown =
        person.weights[asked[k]].value_or(profile.weights[asked[k]].value_or(c.weight));
    for (;;) {
      err << fmt::format("[{}/{}] {} ({}): ", k + 1, asked.size(), escape_for_message(c.title),
                         format_number(shown))
          << std::flush;
      const std::optional<std::string> answer = answers.next();
      if (!answer) {
        return {StakeholderRoundResult::Outcome::invalid,
                fmt::format("the input ended with {} of {} criteria unanswered; nothing written",
                            asked.size() - k, asked.size())};
      }
      const std::string_view t = *answer;
      if (t == "q") return {StakeholderRoundResult::Outcome::quit, "nothing written"};
      if (t.empty()) {
        person.weights[asked[k]] = shown;
        break;
      }
      double v = 0;
      const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec == std::errc() && end == t.data() + t.size() && valid_weight(v)) {
        person.weights[asked[k]] = v;
        break;
      }
      const std::string problem = fmt::format(
          "'{}' is not a weight: type 0, or a number from {} to {}", escape_for_message(t),
          fmt::format("{:g}", kMinWeight), format_number(kMaxWeight));
      if (!interactive) {
        return {
            StakeholderRoundResult::Outcome::invalid,
            fmt::format("<stdin>:{}: {}: {}; nothing written", answers.number(), c.id, problem)};
      }
      err << "  " << problem << '\n';
    }
  }
  const bool any = std::any_of(asked.begin(), asked.end(), [&](std::size_t i) {
    return person.weights[i] && *person.weights[i] > 0;
  });
  if (!any)
    return {StakeholderRoundResult::Outcome::invalid,
            "every weight is 0; at least one criterion must count; nothing written"};
  return write_person(q, text, profile, person, path);
}

}  // namespace aidecide::cli
