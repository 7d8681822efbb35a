// SPDX-License-Identifier: MIT
#pragma once
// The question-and-answer loop of `aidecide ask` in line mode: one question
// at a time, one answer per line, no cursor movement (also the accessible
// mode and the piped mode). Driven by streams, so tests feed it strings.

#include <csignal>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "aidecide/engine.hpp"

namespace aidecide::cli {

enum class AskOutcome { completed, incomplete, quit, invalid };

class RichTerminal;
struct Panel;

struct AskSessionOptions {
  bool interactive = false;  // a person at a terminal: re-prompt on a bad answer, offer a review
  const volatile std::sig_atomic_t* interrupted = nullptr;
  // The rich renderer: choices picked with arrow keys on a list redrawn in
  // place. Without it, line mode.
  RichTerminal* rich = nullptr;
};

class AskSession {
 public:
  AskSession(const ScoringModel& model, Profile start, std::vector<bool> answered, std::istream& in,
             std::ostream& prompts, AskSessionOptions options,
             std::function<void(const AskSession&)> autosave);

  AskOutcome run();
  // Asks for the project's name first (Enter keeps `suggested`); a person
  // at a terminal only. False when the input ended or the user quit.
  bool ask_name(const std::string& suggested);
  const Profile& profile() const { return m_profile; }
  const std::vector<bool>& answered() const { return m_answered; }
  std::vector<std::string> missing() const;
  const std::string& failure() const { return m_failure; }  // why the outcome is `invalid`

 private:
  enum class Step { answered, back, quit, eof, invalid };
  std::optional<AskOutcome> ask_open();
  // What the end of input means: incomplete unless only optional questions are open.
  AskOutcome end_of_input() const;
  bool has_open_question() const;
  bool applies_now(std::size_t criterion) const;
  Step ask(std::size_t criterion);
  Step ask_rich(std::size_t criterion, std::size_t number, std::size_t total);
  Panel question_panel(std::size_t criterion, std::size_t number, std::size_t total, bool help,
                       const std::string& leaning) const;
  std::string leaning_text() const;
  void review();
  void review_rich();
  void show_question(std::size_t criterion, std::size_t number, std::size_t total,
                     bool list_choices) const;
  std::optional<std::string> read_answer(std::size_t criterion, const Panel& panel);
  void show_help(std::size_t criterion) const;
  void show_leaning(const std::vector<Veto>& before);
  std::vector<std::string> new_veto_lines(const std::vector<Veto>& before) const;
  bool read_line(std::string& line);
  std::vector<Veto> current_vetoes() const;

  const ScoringModel& m_model;
  Profile m_profile;
  std::vector<bool> m_answered;
  std::vector<std::size_t> m_order;   // answerable criteria, in file order
  std::vector<std::size_t> m_to_ask;  // those open when the session began: the progress count
  std::istream& m_in;
  std::ostream& m_out;
  AskSessionOptions m_options;
  std::function<void(const AskSession&)> m_autosave;
  std::size_t m_line = 0;
  bool m_line_too_long = false;  // the last line read passed kMaxAnswerBytes
  std::string m_failure;
};

// The longest line ask reads as one answer; the rest of a longer line is
// read and dropped, and the answer refused (nothing unbounded is held).
inline constexpr std::size_t kMaxAnswerBytes = 4096;

std::string describe_number(const Criterion& c, double v);

// A profile with every answered question and `unknown` elsewhere, plus an
// `x-unanswered` list, so it is a valid profile and `--resume` knows where to
// go on.
// The first line of every file profile_yaml() writes: how `ask --save`
// knows a file is its own to replace.
inline constexpr std::string_view kSavedByAsk = "# Answers saved by aidecide ask; a valid profile.";
std::string profile_yaml(const Questionnaire& q, const Profile& p,
                         const std::vector<bool>& answered);
// Its pieces: `name: "..."`, one answer's value (`unknown` when not
// answered), the open questions that apply (x-unanswered) and `models:`.
std::string name_yaml(const std::string& name);
std::string answer_yaml(const Criterion& c, const Answer& a, bool answered);
std::vector<std::string> open_questions(const Questionnaire& q, const Profile& p,
                                        const std::vector<bool>& answered);
std::string models_yaml(const NamedModels& models);

// A commented profile to fill in (`ask --template`).
std::string answers_template(const Questionnaire& q, const std::string& name);

}  // namespace aidecide::cli
