// SPDX-License-Identifier: MIT
#include "ask/session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <istream>
#include <ostream>

#include "aidecide/escape.hpp"
#include "aidecide/human_input.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"
#include "ask/rich_terminal.hpp"

namespace aidecide::cli {

namespace {

std::string first_sentence(std::string_view text) {
  const std::size_t end = text.find(". ");
  return std::string(end == std::string_view::npos ? text : text.substr(0, end + 1));
}

std::string answer_words(const Criterion& c, const Answer& a) {
  switch (a.kind) {
    case Answer::Kind::choice:
      return c.answers[a.choice].id;
    case Answer::Kind::number:
      return describe_number(c, a.low);
    case Answer::Kind::range:
      return fmt::format("{} to {}", describe_number(c, a.low), describe_number(c, a.high));
    case Answer::Kind::unknown:
      return fmt::format("not sure (assumed {})", c.value_text(c.assumption));
    case Answer::Kind::missing:
      return "not answered";
  }
  return "";
}

}  // namespace

std::string describe_number(const Criterion& c, double v) {
  std::string text = format_number(v);
  return c.unit.empty() ? text : text + " " + c.unit;
}

AskSession::AskSession(const ScoringModel& model, Profile start, std::vector<bool> answered,
                       std::istream& in, std::ostream& prompts, AskSessionOptions options,
                       std::function<void(const AskSession&)> autosave)
    : m_model(model),
      m_profile(std::move(start)),
      m_answered(std::move(answered)),
      m_in(in),
      m_out(prompts),
      m_options(options),
      m_autosave(std::move(autosave)) {
  for (const Criterion& c : model.questionnaire.criteria) {
    if (!c.answerable()) continue;
    m_order.push_back(c.index_in_questionnaire);
    if (!m_answered[c.index_in_questionnaire]) m_to_ask.push_back(c.index_in_questionnaire);
  }
}

std::vector<std::string> AskSession::missing() const {
  std::vector<std::string> ids;
  for (std::size_t i : m_order) {
    if (!m_answered[i] && applies_now(i)) ids.push_back(m_model.questionnaire.criteria[i].id);
  }
  return ids;
}

bool AskSession::read_line(std::string& line) {
  if (m_options.interrupted && *m_options.interrupted) return false;
  if (m_options.rich) {
    auto read = m_options.rich->edit(Panel{}, "", kMaxAnswerBytes + 1);
    if (!read) return false;
    line = std::move(*read);
  } else {
    // std::getline, bounded: past kMaxAnswerBytes + 1 the bytes are dropped.
    line.clear();
    bool any = false;
    for (int ch; (ch = m_in.get()) != std::char_traits<char>::eof();) {
      any = true;
      if (ch == '\n') break;
      if (line.size() <= kMaxAnswerBytes) line.push_back(static_cast<char>(ch));
    }
    if (!any) return false;
  }
  ++m_line;
  m_line_too_long = line.size() > kMaxAnswerBytes;
  if (m_line_too_long) line.resize(kMaxAnswerBytes);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

std::vector<Veto> AskSession::current_vetoes() const {
  EngineOptions quick;
  quick.samples = 0;
  quick.flip_points = false;
  return decide(m_model, m_profile, quick).vetoes;
}

// Rich mode picks a choice on a list under the question's panel.
std::optional<std::string> AskSession::read_answer(std::size_t criterion, const Panel& panel) {
  const Criterion& c = m_model.questionnaire.criteria[criterion];
  std::vector<std::string> labels;
  for (const ChoiceAnswer& a : c.answers) labels.push_back(escape_for_message(a.label));
  labels.push_back(
      fmt::format("Not sure (then: {})", escape_for_message(c.value_text(c.assumption))));
  const std::size_t initial =
      m_answered[criterion] && m_profile.answers[criterion].kind == Answer::Kind::choice
          ? m_profile.answers[criterion].choice
          : 0;
  auto picked = m_options.rich->choose(panel, labels, initial, "?<rq");
  if (picked && *picked == std::to_string(labels.size())) return std::string("not sure");
  return picked;
}

void AskSession::show_question(std::size_t criterion, std::size_t number, std::size_t total,
                               bool /*list_choices*/) const {
  const Criterion& c = m_model.questionnaire.criteria[criterion];
  // A question answered before this session (pre-filled) has no number in its count.
  const std::string progress =
      number == 0 ? std::string("[answered before]") : fmt::format("[{}/{}]", number, total);
  m_out << fmt::format("\n{} {} · {}\n", progress, escape_for_message(c.title),
                       escape_for_message(c.question));
  if (!c.help.empty())
    m_out << "  Why we ask: " << escape_for_message(first_sentence(c.help)) << '\n';
  if (c.kind == CriterionKind::choice) {
    for (std::size_t i = 0; i < c.answers.size(); ++i) {
      m_out << fmt::format("  {}) {}\n", i + 1, escape_for_message(c.answers[i].label));
    }
    m_out << fmt::format("  Type a number from 1 to {}, or \"not sure\" (then: {}).\n",
                         c.answers.size(), escape_for_message(c.value_text(c.assumption)));
  } else {
    m_out << fmt::format(
        "  Type a number in {} (like {}), a range like {}-{}, or \"not sure\" (then: {}).\n",
        c.unit.empty() ? "units" : escape_for_message(c.unit),
        c.unit == "ms"              ? "800, 1.5s or 1500ms"
        : c.unit.starts_with("USD") ? "$250k or 250,000"
                                    : "1.2M or 250k",
        format_compact(c.plausible.first), format_compact(c.plausible.second),
        escape_for_message(c.value_text(c.assumption)));
  }
  if (m_answered[criterion]) {
    m_out << "  Current answer: "
          << escape_for_message(answer_words(c, m_profile.answers[criterion]))
          << " (press Enter to keep it)\n";
  }
  m_out << "  Keys: ? more help, < back, r review, q quit\n> " << std::flush;
}

void AskSession::show_help(std::size_t criterion) const {
  const Criterion& c = m_model.questionnaire.criteria[criterion];
  m_out << "\n  " << escape_for_message(c.help) << '\n';
  for (std::size_t i = 0; i < c.answers.size(); ++i) {
    m_out << fmt::format("  {}) {}: {}\n", i + 1, escape_for_message(c.answers[i].label),
                         escape_for_message(c.answers[i].why));
  }
  if (!c.assumption_note.empty())
    m_out << "  If not sure: " << escape_for_message(c.assumption_note) << '\n';
}

// "This rules out cloud: ..." for each veto the last answer added.
std::vector<std::string> AskSession::new_veto_lines(const std::vector<Veto>& before) const {
  std::vector<std::string> lines;
  for (const Veto& v : current_vetoes()) {
    const bool is_new = std::none_of(before.begin(), before.end(), [&](const Veto& b) {
      return b.rule == v.rule && b.option == v.option;
    });
    if (is_new)
      lines.push_back(fmt::format("! This rules out {}: {}", to_string(v.option),
                                  escape_for_message(v.reason)));
  }
  return lines;
}

void AskSession::show_leaning(const std::vector<Veto>& before) {
  m_out << "  " << leaning_text() << '\n';
  for (const std::string& line : new_veto_lines(before)) m_out << "  " << line << '\n';
}

std::string AskSession::leaning_text() const {
  EngineOptions quick;
  quick.samples = 0;
  quick.flip_points = false;
  const Decision d = decide(m_model, m_profile, quick);
  std::vector<std::pair<double, Option>> ranked;
  ranked.reserve(kOptionCount);
  for (Option o : kOptions) ranked.emplace_back(d.scores[index(o)], o);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> parts;
  parts.reserve(ranked.size());
  for (const auto& [score, o] : ranked) {
    parts.push_back(fmt::format("{} {:.0f}{}", to_string(o), score,
                                d.vetoed[index(o)]      ? " (ruled out)"
                                : d.ruled_out[index(o)] ? " (over budget)"
                                                        : ""));
  }
  return "Leaning: " + join(parts, " \u00b7 ");
}

// The rich panel of one question: progress, the question, why we ask (or
// the whole help), the leaning; keys below. Paragraphs that may give way
// in a short window say so by their `drop` (the highest goes first).
Panel AskSession::question_panel(std::size_t criterion, std::size_t number, std::size_t total,
                                 bool help, const std::string& leaning) const {
  const Criterion& c = m_model.questionnaire.criteria[criterion];
  Panel panel;
  if (number > 0) {
    const std::size_t cells = 20, done = (number - 1) * cells / std::max<std::size_t>(total, 1);
    std::string bar;
    for (std::size_t i = 0; i < cells; ++i) bar += i < done ? "\u2501" : "\u2500";
    panel.header.push_back(
        {fmt::format("{} {} of {}", bar, number, total), 0, 0, Paragraph::Style::dim, 3});
  } else {
    panel.header.push_back({"Answered before", 0, 0, Paragraph::Style::dim, 3});
  }
  panel.header.push_back(
      {fmt::format("{} \u00b7 {}", escape_for_message(c.title), escape_for_message(c.question)), 0,
       2, Paragraph::Style::bold, 0});
  if (help) {
    panel.header.push_back({escape_for_message(c.help), 2, 2, Paragraph::Style::plain, 2});
    for (std::size_t i = 0; i < c.answers.size(); ++i) {
      panel.header.push_back(
          {fmt::format("{}) {}: {}", i + 1, escape_for_message(c.answers[i].label),
                       escape_for_message(c.answers[i].why)),
           2, 5, Paragraph::Style::plain, 2});
    }
    if (!c.assumption_note.empty())
      panel.header.push_back({"If not sure: " + escape_for_message(c.assumption_note), 2, 4,
                              Paragraph::Style::plain, 2});
  } else if (!c.help.empty()) {
    panel.header.push_back({"Why we ask: " + escape_for_message(first_sentence(c.help)), 2, 4,
                            Paragraph::Style::dim, 4});
  }
  panel.header.push_back({leaning, 2, 4, Paragraph::Style::dim, 5});
  if (c.kind != CriterionKind::choice) {
    panel.footer.push_back(
        {fmt::format("A number in {} (like {}), a range like {}-{}, or \"not sure\" (then: {}).",
                     c.unit.empty() ? "units" : escape_for_message(c.unit),
                     c.unit == "ms"              ? "800, 1.5s or 1500ms"
                     : c.unit.starts_with("USD") ? "$250k or 250,000"
                                                 : "1.2M or 250k",
                     format_compact(c.plausible.first), format_compact(c.plausible.second),
                     escape_for_message(c.value_text(c.assumption))),
         2, 4, Paragraph::Style::dim, 4});
    if (m_answered[criterion]) {
      panel.footer.push_back(
          {"Enter keeps: " + escape_for_message(answer_words(c, m_profile.answers[criterion])), 2,
           4, Paragraph::Style::plain, 3});
    }
    panel.footer.push_back(
        {"Enter to answer \u00b7 ? help \u00b7 < back \u00b7 r review "
         "\u00b7 q quit",
         2, 4, Paragraph::Style::dim, 1});
  } else {
    panel.footer.push_back({fmt::format("\u2191\u2193 Enter or 1-{} \u00b7 ? help \u00b7 < back "
                                        "\u00b7 r review \u00b7 q quit{}",
                                        std::min<std::size_t>(c.answers.size() + 1, 9),
                                        c.answers.size() + 1 > 6 ? " \u00b7 / filter" : ""),
                            2, 4, Paragraph::Style::dim, 1});
  }
  return panel;
}

AskSession::Step AskSession::ask_rich(std::size_t criterion, std::size_t number,
                                      std::size_t total) {
  const Criterion& c = m_model.questionnaire.criteria[criterion];
  RichTerminal& rich = *m_options.rich;
  const std::string leaning = leaning_text();
  bool help = false;
  std::string message, refused;  // a refused answer stays in the input to correct
  for (;;) {
    Panel panel = question_panel(criterion, number, total, help, leaning);
    panel.message = message;
    std::optional<std::string> read;
    if (c.kind == CriterionKind::choice) {
      read = read_answer(criterion, panel);
    } else {
      read = rich.edit(panel, "?<rq", kMaxAnswerBytes + 1, refused);
    }
    if (!read) return (m_options.interrupted && *m_options.interrupted) ? Step::quit : Step::eof;
    const std::string line(trim_blanks(*read));
    if (line == "?") {
      help = !help;
      continue;
    }
    if (line == "<") return Step::back;
    if (line == "q") return Step::quit;
    if (line == "r") {
      review();
      continue;
    }
    if (line.empty() && m_answered[criterion]) {
      rich.commit({{fmt::format("\u2713 {}: {}", escape_for_message(c.title),
                                escape_for_message(answer_words(c, m_profile.answers[criterion]))),
                    0, 4, Paragraph::Style::plain, 0}});
      return Step::answered;
    }
    const HumanAnswer parsed =
        read->size() > kMaxAnswerBytes
            ? HumanAnswer{std::nullopt,
                          fmt::format("the answer is too long (the limit is {} bytes)",
                                      kMaxAnswerBytes)}
            : parse_human_answer(line, c);
    if (!parsed.answer) {
      message = "\u2717 " + escape_for_message(parsed.error);  // inline, under the input
      if (c.kind != CriterionKind::choice) refused = *read;
      continue;
    }
    const std::vector<Veto> before = current_vetoes();
    m_profile.answers[criterion] = *parsed.answer;
    m_answered[criterion] = true;
    std::vector<Paragraph> done{{fmt::format("\u2713 {}: {}", escape_for_message(c.title),
                                             escape_for_message(answer_words(c, *parsed.answer))),
                                 0, 4, Paragraph::Style::plain, 0}};
    for (std::string& veto : new_veto_lines(before))
      done.push_back({std::move(veto), 2, 4, Paragraph::Style::alert, 0});
    rich.commit(done);
    if (m_autosave) m_autosave(*this);
    return Step::answered;
  }
}

AskSession::Step AskSession::ask(std::size_t criterion) {
  const Criterion& c = m_model.questionnaire.criteria[criterion];
  // Progress counts only the questions this session asks; a pre-filled
  // answer changed from the review shows as an edit.
  // Conditional questions that do not apply (now) are not counted.
  const Values values = resolve_values(m_model.questionnaire, m_profile);
  std::size_t number = 0, total = 0;
  for (std::size_t i : m_to_ask) {
    if (i != criterion && !applies(m_model.questionnaire.criteria[i], values)) continue;
    ++total;
    if (i == criterion) number = total;
  }
  if (m_options.rich) return ask_rich(criterion, number, total);
  while (true) {
    show_question(criterion, number, total, true);
    std::optional<std::string> read;
    if (std::string text; read_line(text)) read = std::move(text);
    if (!read) return (m_options.interrupted && *m_options.interrupted) ? Step::quit : Step::eof;
    const std::string& line = *read;
    // The transcript shows what was read, control characters made visible.
    if (!m_options.interactive) m_out << escape_for_message(line) << '\n';
    const std::string trimmed(line.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                 line.find_first_not_of(' '), line.size())),
                              line.end());
    if (trimmed == "?") {
      show_help(criterion);
      continue;
    }
    if (trimmed == "<") return Step::back;
    if (trimmed == "q") return Step::quit;
    if (trimmed == "r") {
      review();
      continue;
    }
    if (trimmed.empty() && m_answered[criterion]) return Step::answered;
    const HumanAnswer parsed =
        m_line_too_long ? HumanAnswer{std::nullopt,
                                      fmt::format("the answer is too long (the limit is {} bytes)",
                                                  kMaxAnswerBytes)}
                        : parse_human_answer(trimmed, c);
    if (!parsed.answer) {
      if (!m_options.interactive) {
        m_failure = fmt::format("<stdin>:{}: {}: {}", m_line, c.id, parsed.error);
        return Step::invalid;
      }
      m_out << "  " << parsed.error << '\n';
      continue;
    }
    const std::vector<Veto> before = current_vetoes();
    m_profile.answers[criterion] = *parsed.answer;
    m_answered[criterion] = true;
    m_out << "  = " << escape_for_message(answer_words(c, *parsed.answer)) << '\n';
    show_leaning(before);
    if (m_autosave) m_autosave(*this);
    return Step::answered;
  }
}

// Rich: the answers as a list; Enter on one asks it again in place, then
// the list comes back on the same row; "Done" (or q) goes on.
void AskSession::review_rich() {
  std::size_t at = 0;
  for (;;) {
    std::vector<std::string> labels;
    for (std::size_t i : m_order) {
      const Criterion& c = m_model.questionnaire.criteria[i];
      const std::string shown = !applies_now(i) ? "does not apply"
                                : m_answered[i]
                                    ? escape_for_message(answer_words(c, m_profile.answers[i]))
                                    : "not answered yet";
      labels.push_back(fmt::format("{}: {}", escape_for_message(c.title), shown));
    }
    labels.emplace_back("Done");
    Panel panel;
    panel.header.push_back(
        {"Review your answers: pick one to change it, or Done.", 0, 2, Paragraph::Style::bold, 0});
    panel.footer.push_back(
        {"\u2191\u2193 Enter \u00b7 / filter \u00b7 q done", 2, 4, Paragraph::Style::dim, 1});
    const auto picked = m_options.rich->choose(panel, labels, at, "q");
    if (!picked || *picked == "q") return;
    const auto n = static_cast<std::size_t>(std::atoi(picked->c_str()));
    if (n < 1 || n > m_order.size()) return;  // Done
    at = n - 1;
    if (!applies_now(m_order[at])) continue;
    const Step step = ask(m_order[at]);
    if (step == Step::quit || step == Step::eof) return;
  }
}

void AskSession::review() {
  if (m_options.rich) {
    review_rich();
    return;
  }
  m_out << "\nReview your answers:\n";
  for (std::size_t k = 0; k < m_order.size(); ++k) {
    const Criterion& c = m_model.questionnaire.criteria[m_order[k]];
    const std::string shown =
        !applies_now(m_order[k]) ? "does not apply"
        : m_answered[m_order[k]]
            ? escape_for_message(answer_words(c, m_profile.answers[m_order[k]]))
            : "not answered yet";
    m_out << fmt::format("  {:>2}) {}: {}\n", k + 1, escape_for_message(c.title), shown);
  }
  m_out << "Type a number to change that answer, or press Enter to go on.\n> " << std::flush;
  std::string line;
  if (!read_line(line)) return;
  if (!m_options.interactive) m_out << escape_for_message(line) << '\n';
  const auto n = line.empty() ? 0 : std::atoi(line.c_str());
  if (n >= 1 && static_cast<std::size_t>(n) <= m_order.size())
    ask(m_order[static_cast<std::size_t>(n) - 1]);
}

bool AskSession::applies_now(std::size_t criterion) const {
  // Unanswered questions count at their assumptions, as in the leaning.
  return applies(m_model.questionnaire.criteria[criterion],
                 resolve_values(m_model.questionnaire, m_profile));
}

std::optional<AskOutcome> AskSession::ask_open() {
  // Questions that apply and are open, in order; whether one applies is
  // decided when it comes up, from the answers given so far. `<` steps back
  // one question that applies (answered or not, pre-filled ones too) each
  // time it is pressed; from there an answer, or Enter to keep it, steps
  // forward one question at a time until the open question `<` left.
  std::size_t k = 0;
  std::size_t left = 0;  // where `<` was first pressed: questions before it are stepped through
  while (k < m_order.size()) {
    const bool stepping = k < left;
    if (!applies_now(m_order[k]) || (!stepping && m_answered[m_order[k]])) {
      ++k;
      continue;
    }
    switch (ask(m_order[k])) {
      case Step::answered:
        ++k;
        break;
      case Step::back:
        left = std::max(left, k);
        // The previous question that applies; at the first, the first again.
        for (std::size_t j = k; j > 0;) {
          --j;
          if (applies_now(m_order[j])) {
            k = j;
            break;
          }
        }
        if (k == left) left = k + 1;  // nothing before it: ask it again
        break;
      case Step::quit:
        return AskOutcome::quit;
      case Step::eof:
        return end_of_input();
      case Step::invalid:
        return AskOutcome::invalid;
    }
  }
  return std::nullopt;
}

AskOutcome AskSession::end_of_input() const {
  // Optional questions (added after a profile was written) may stay open:
  // their assumption is used and listed, as for a profile that leaves them out.
  for (const std::string& id : missing()) {
    if (!m_model.questionnaire.at(id).optional) return AskOutcome::incomplete;
  }
  return AskOutcome::completed;
}

bool AskSession::has_open_question() const {
  return std::any_of(m_order.begin(), m_order.end(),
                     [&](std::size_t i) { return !m_answered[i] && applies_now(i); });
}

bool AskSession::ask_name(const std::string& suggested) {
  if (m_options.rich) {
    Panel panel;
    panel.header.push_back({"Project name", 0, 2, Paragraph::Style::bold, 0});
    panel.footer.push_back({fmt::format("Enter keeps \"{}\"", escape_for_message(suggested)), 2, 4,
                            Paragraph::Style::dim, 1});
    const auto read = m_options.rich->edit(panel, "", kMaxAnswerBytes);
    if (!read) return false;
    const std::string line(trim_blanks(*read));
    m_profile.name = line.empty() ? suggested : line;
    m_options.rich->commit({{"\u2713 Project name: " + escape_for_message(m_profile.name), 0, 4,
                             Paragraph::Style::plain, 0}});
    return true;
  }
  m_out << fmt::format("\nProject name (Enter for \"{}\"): ", escape_for_message(suggested))
        << std::flush;
  std::string line;
  if (!read_line(line) || line == "q") return false;
  const std::size_t first = line.find_first_not_of(" \t");
  const std::size_t last = line.find_last_not_of(" \t");
  m_profile.name = first == std::string::npos ? suggested : line.substr(first, last - first + 1);
  m_out << "  = " << escape_for_message(m_profile.name) << '\n';
  return true;
}

AskOutcome AskSession::run() {
  for (;;) {
    if (const auto stopped = ask_open()) return *stopped;
    if (!m_options.interactive) return AskOutcome::completed;
    // A last look before the result; Enter (or the end of input) finishes.
    // An edit that makes a conditional question apply asks it next.
    bool reopened = false;
    while (!reopened && m_options.rich) {
      Panel panel;
      panel.header.push_back({"All questions answered.", 0, 2, Paragraph::Style::bold, 0});
      const auto picked =
          m_options.rich->choose(panel, {"Show the result", "Review and change answers"}, 0, "rq");
      if (!picked)
        return (m_options.interrupted && *m_options.interrupted) ? AskOutcome::quit
                                                                 : AskOutcome::completed;
      if (*picked == "q") return AskOutcome::quit;
      if (*picked == "1") return AskOutcome::completed;
      review();
      reopened = has_open_question();
    }
    while (!reopened) {
      m_out << "\nAll questions answered. Type r to review and change answers, or press Enter for "
               "the result.\n> "
            << std::flush;
      std::string line;
      if (!read_line(line) || line.empty()) return AskOutcome::completed;
      if (line == "q") return AskOutcome::quit;
      if (line == "r") review();
      reopened = has_open_question();
    }
  }
}

std::string name_yaml(const std::string& name) {
  std::string escaped;
  for (char ch : name) {
    if (ch == '"' || ch == '\\') escaped += '\\';
    escaped += ch;
  }
  return fmt::format("name: \"{}\"", escape_for_message(escaped));
}

std::string answer_yaml(const Criterion& c, const Answer& a, bool answered) {
  return answered ? saved_answer_text(c, a) : "unknown";
}

std::vector<std::string> open_questions(const Questionnaire& q, const Profile& p,
                                        const std::vector<bool>& answered) {
  std::vector<std::string> open;
  const Values values = resolve_values(q, p);
  for (const Criterion& c : q.criteria) {
    if (c.answerable() && !answered[c.index_in_questionnaire] && applies(c, values))
      open.push_back(c.id);
  }
  return open;
}

std::string models_yaml(const NamedModels& models) {
  std::string out = "models:\n";
  for (const auto& [key, name] : named_model_fields(models)) {
    if (!name->id.empty()) out += fmt::format("  {}: {}\n", key, yaml_quoted(name->id));
  }
  return out;
}

std::string profile_yaml(const Questionnaire& q, const Profile& p,
                         const std::vector<bool>& answered) {
  std::string out = fmt::format("{}\n{}\n", kSavedByAsk, name_yaml(p.name));
  const std::vector<std::string> open = open_questions(q, p, answered);
  if (!open.empty()) out += fmt::format("x-unanswered: [{}]\n", join_words(open, ", "));
  out += "answers:\n";
  for (const Criterion& c : q.criteria) {
    if (!c.answerable()) continue;
    const std::size_t i = c.index_in_questionnaire;
    out += fmt::format("  {}: {}\n", c.id, answer_yaml(c, p.answers[i], answered[i]));
  }
  if (p.models.any()) out += models_yaml(p.models);
  return out;
}

std::string answers_template(const Questionnaire& q, const std::string& name) {
  std::string out = "# A project profile for aidecide: replace each answer, or write unknown.\n";
  out += fmt::format(
      "name: {}\ndescription: What the project does and why it needs a model.\nanswers:\n", name);
  for (const Criterion& c : q.criteria) {
    if (!c.answerable()) continue;
    out += fmt::format("  # {}\n", c.question);
    if (c.kind == CriterionKind::choice) {
      std::vector<std::string> ids;
      for (const auto& a : c.answers) ids.push_back(a.id);
      out += fmt::format("  # one of: {}\n", join(ids, " | "));
    } else {
      out += fmt::format("  # a number in {}, a range [low, high], or unknown\n",
                         c.unit.empty() ? "units" : c.unit);
    }
    out += fmt::format("  {}: unknown\n", c.id);
  }
  return out;
}

}  // namespace aidecide::cli
