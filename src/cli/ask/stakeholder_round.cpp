// SPDX-License-Identifier: MIT
#include "ask/stakeholder_round.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <vector>

#include "aidecide/adr.hpp"
#include "aidecide/escape.hpp"
#include "aidecide/files.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"
#include "ask/session.hpp"

namespace aidecide::cli {
namespace {

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
    lines.emplace_back(text.substr(at, stop - at));
    at = stop;
  }
  return lines;
}

bool top_level_key(const std::string& line) {
  return !line.empty() && line[0] != ' ' && line[0] != '#' && line[0] != '\n' && line[0] != '\r';
}

bool blank_or_comment(const std::string& line) {
  const std::string_view t = trim_blanks(line);
  return t.empty() || t.front() == '#';
}

}  // namespace

std::string with_stakeholder(std::string_view text, const Profile& loaded, const std::string& name,
                             const std::string& entry) {
  std::vector<std::string> lines = split_lines(text);
  if (!lines.empty() && !lines.back().ends_with('\n')) lines.back() += '\n';
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
    return join(lines, "");
  }
  if (!people.empty()) {
    const std::size_t end = end_of(people.size() - 1);
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(end), entry_lines.begin(),
                 entry_lines.end());
    return join(lines, "");
  }
  for (const std::string& line : lines) {
    if (line.starts_with("stakeholders:"))
      throw std::runtime_error(
          "its 'stakeholders:' holds no entry in block form; write the list as '  - name: ...' "
          "entries (or remove the key) and run this again");
  }
  lines.emplace_back("stakeholders:\n");
  lines.insert(lines.end(), entry_lines.begin(), entry_lines.end());
  return join(lines, "");
}

StakeholderRoundResult ask_stakeholder_round(const ScoringModel& model, const std::string& path,
                                             const std::string& name, std::istream& in,
                                             std::ostream& err, bool interactive) {
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
  std::size_t line_number = 0;
  for (std::size_t k = 0; k < asked.size(); ++k) {
    const Criterion& c = q.criteria[asked[k]];
    const double shown =
        person.weights[asked[k]].value_or(profile.weights[asked[k]].value_or(c.weight));
    for (;;) {
      err << fmt::format("[{}/{}] {} ({}): ", k + 1, asked.size(), escape_for_message(c.title),
                         format_number(shown))
          << std::flush;
      std::string line;
      if (!std::getline(in, line)) {
        return {StakeholderRoundResult::Outcome::invalid,
                fmt::format("the input ended with {} of {} criteria unanswered; nothing written",
                            asked.size() - k, asked.size())};
      }
      ++line_number;
      if (line.size() > kMaxAnswerBytes) line.resize(kMaxAnswerBytes);
      const std::string_view t = trim_blanks(line);
      if (!interactive) err << escape_for_message(t) << '\n';
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
        return {StakeholderRoundResult::Outcome::invalid,
                fmt::format("<stdin>:{}: {}: {}; nothing written", line_number, c.id, problem)};
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
  std::string entry = stakeholders_yaml(q, {person});
  entry.erase(0, entry.find('\n') + 1);  // the entry without the block's key
  const std::string updated = with_stakeholder(text, profile, name, entry);
  // What is written must load: never leave a profile that no longer scores.
  load_profile(updated, path, q);
  write_file_atomically(path, updated);
  return {StakeholderRoundResult::Outcome::written,
          fmt::format("wrote {}'s priorities into {} (everything else unchanged); score it with: "
                      "aidecide score {}",
                      escape_for_message(name), path, path)};
}

}  // namespace aidecide::cli
