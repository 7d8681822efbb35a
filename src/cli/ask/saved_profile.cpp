// SPDX-License-Identifier: MIT
// A resumed profile written back line by line (saved_profile.hpp).
#include "ask/saved_profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "aidecide/text.hpp"
#include "ask/session.hpp"

namespace aidecide::cli {
namespace {

std::size_t indent_of(std::string_view line) {
  const std::size_t n = line.find_first_not_of(' ');
  return n == std::string_view::npos ? line.size() : n;
}

bool blank_or_comment(std::string_view line) {
  const std::size_t n = line.find_first_not_of(" \t");
  return n == std::string_view::npos || line[n] == '#';
}

// A top-level key's line ("answers:", "name: x"): its key, else nothing.
std::optional<std::string> top_level_key(std::string_view line) {
  if (line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-' ||
      line.starts_with("..."))
    return std::nullopt;
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return std::string(line.substr(0, colon));
}

// Where the comment after a value starts ("  # why", whitespace included),
// outside quotes and brackets; npos when there is none.
std::size_t comment_start(std::string_view value) {
  char quote = 0;
  for (std::size_t k = 0; k < value.size(); ++k) {
    const char ch = value[k];
    if (quote != 0) {
      if (ch == quote) quote = 0;
      continue;
    }
    if (ch == '"' || ch == '\'') {
      quote = ch;
    } else if (ch == '#' && k > 0 && (value[k - 1] == ' ' || value[k - 1] == '\t')) {
      std::size_t s = k;
      while (s > 0 && (value[s - 1] == ' ' || value[s - 1] == '\t')) --s;
      return s;
    }
  }
  return std::string_view::npos;
}

bool same_answer(const Answer& a, const Answer& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Answer::Kind::choice:
      return a.choice == b.choice;
    case Answer::Kind::number:
    case Answer::Kind::range:
      return a.low == b.low && a.high == b.high;
    default:
      return true;
  }
}

// Whether the session gave answer i anew or changed it (a session never
// takes an answer back).
bool answer_changed(const SavedProfile& saved, const Profile& p, const std::vector<bool>& answered,
                    std::size_t i) {
  return answered[i] &&
         (!saved.answered[i] || !same_answer(p.answers[i], saved.profile.answers[i]));
}

bool same_models(const NamedModels& a, const NamedModels& b) {
  const auto fa = named_model_fields(a);
  const auto fb = named_model_fields(b);
  for (std::size_t k = 0; k < fa.size(); ++k) {
    if (fa[k].second->id != fb[k].second->id) return false;
  }
  return true;
}

// The lines of a top-level block: its key's line and what follows up to the
// next top-level key.
struct Block {
  std::string key;  // empty: the lines before the first key
  std::vector<std::string> lines;
};

std::vector<Block> blocks_of(const std::vector<std::string>& lines) {
  std::vector<Block> blocks(1);
  for (const std::string& line : lines) {
    if (const auto key = top_level_key(line)) blocks.push_back({*key, {}});
    blocks.back().lines.push_back(line);
  }
  return blocks;
}

// The answers block with the session's changes written in.
std::vector<std::string> merge_answers(const Questionnaire& q, const SavedProfile& saved,
                                       const Profile& p, const std::vector<bool>& answered,
                                       const std::vector<std::string>& block) {
  const std::string& header = block.front();
  const std::size_t colon = header.find(':');
  const std::string after = header.substr(colon + 1);
  if (!blank_or_comment(after)) {
    // `answers: {...}` on one line: written out in full, as ask writes it.
    std::vector<std::string> out{"answers:"};
    for (const Criterion& c : q.criteria) {
      if (!c.answerable()) continue;
      const std::size_t i = c.index_in_questionnaire;
      out.push_back(fmt::format("  {}: {}", c.id, answer_yaml(c, p.answers[i], answered[i])));
    }
    return out;
  }
  std::size_t indent = 2;
  for (std::size_t k = 1; k < block.size(); ++k) {
    if (!blank_or_comment(block[k])) {
      indent = std::max<std::size_t>(1, indent_of(block[k]));
      break;
    }
  }
  std::vector<std::string> out{header};
  std::vector<bool> written(q.criteria.size(), false);
  std::size_t last_entry = 1;  // index in `out` after the last answer's lines
  bool skipping = false;       // continuation lines of a rewritten value
  for (std::size_t k = 1; k < block.size(); ++k) {
    const std::string& line = block[k];
    const std::size_t at = indent_of(line);
    if (blank_or_comment(line)) {
      out.push_back(line);  // blank lines and comments stay where they are
      continue;
    }
    if (at > indent) {  // the rest of the value above
      if (!skipping) out.push_back(line), last_entry = out.size();
      continue;
    }
    skipping = false;
    const std::size_t colon_at = line.find(':', at);
    const std::size_t i = at != indent || colon_at == std::string::npos
                              ? kNoIndex
                              : q.index_of(line.substr(at, colon_at - at));
    out.push_back(line);
    last_entry = out.size();
    if (i == kNoIndex || !q.criteria[i].answerable()) continue;
    written[i] = true;
    if (!answer_changed(saved, p, answered, i)) continue;
    // The new value on the same line, a comment after it kept; a value that
    // went on over more lines is replaced whole.
    const std::string value = line.substr(colon_at + 1);
    const std::size_t comment = comment_start(value);
    out.back() = fmt::format("{}: {}{}", line.substr(0, colon_at),
                             answer_yaml(q.criteria[i], p.answers[i], answered[i]),
                             comment == std::string::npos ? "" : value.substr(comment));
    skipping = true;
  }
  std::vector<std::string> added;
  for (const Criterion& c : q.criteria) {
    const std::size_t i = c.index_in_questionnaire;
    if (!c.answerable() || written[i] || !answered[i]) continue;
    added.push_back(fmt::format("{}{}: {}", std::string(indent, ' '), c.id,
                                answer_yaml(c, p.answers[i], answered[i])));
  }
  out.insert(out.begin() + static_cast<std::ptrdiff_t>(last_entry), added.begin(), added.end());
  return out;
}

}  // namespace

std::string merge_saved_profile(const Questionnaire& q, const SavedProfile& saved, const Profile& p,
                                const std::vector<bool>& answered) {
  bool any_change = p.name != saved.profile.name || !same_models(p.models, saved.profile.models);
  for (std::size_t i = 0; i < q.criteria.size() && !any_change; ++i)
    any_change = answer_changed(saved, p, answered, i);
  if (!any_change) return saved.text;
  std::vector<Block> blocks = blocks_of(split_lines(saved.text));
  const std::vector<std::string> open = open_questions(q, p, answered);
  const std::string unanswered =
      open.empty() ? std::string() : fmt::format("x-unanswered: [{}]", join_words(open, ", "));
  bool has_answers = false;
  bool has_unanswered = false;
  bool has_name = false;
  bool has_models = false;
  for (Block& b : blocks) {
    if (b.key == "answers") {
      has_answers = true;
      b.lines = merge_answers(q, saved, p, answered, b.lines);
    } else if (b.key == "x-unanswered") {
      has_unanswered = true;
      // Its own line and any continuation; comments after it stay.
      std::vector<std::string> kept;
      if (!unanswered.empty()) kept.push_back(unanswered);
      bool continuation = true;
      for (std::size_t k = 1; k < b.lines.size(); ++k) {
        if (continuation && !blank_or_comment(b.lines[k])) continue;
        continuation = false;
        kept.push_back(b.lines[k]);
      }
      b.lines = kept;
    } else if (b.key == "name") {
      has_name = true;
      if (p.name != saved.profile.name) b.lines = {name_yaml(p.name)};
    } else if (b.key == "models") {
      has_models = true;
      if (!same_models(p.models, saved.profile.models)) {
        b.lines.clear();
        if (p.models.any()) b.lines = split_lines(models_yaml(p.models));
      }
    }
  }
  std::vector<std::string> out;
  if (!has_name && p.name != saved.profile.name) out.push_back(name_yaml(p.name));
  for (const Block& b : blocks) {
    if (b.key == "answers" && !has_unanswered && !unanswered.empty()) out.push_back(unanswered);
    out.insert(out.end(), b.lines.begin(), b.lines.end());
  }
  if (!has_answers) {
    if (!has_unanswered && !unanswered.empty()) out.push_back(unanswered);
    out.push_back("answers:");
    for (const Criterion& c : q.criteria) {
      if (!c.answerable() || !answered[c.index_in_questionnaire]) continue;
      const std::size_t i = c.index_in_questionnaire;
      out.push_back(fmt::format("  {}: {}", c.id, answer_yaml(c, p.answers[i], answered[i])));
    }
  }
  if (!has_models && p.models.any() && !same_models(p.models, saved.profile.models)) {
    for (std::string& line : split_lines(models_yaml(p.models))) out.push_back(std::move(line));
  }
  std::string text = join(out, "\n");
  if (saved.text.empty() || saved.text.back() == '\n') text += '\n';
  return text;
}

}  // namespace aidecide::cli
