// SPDX-License-Identifier: MIT
// `aidecide ask`: the questionnaire for people (line mode) and for pipes.
#include <fmt/format.h>

#include <csignal>
#include <filesystem>
#include <sstream>

#include "aidecide/adr.hpp"
#include "aidecide/escape.hpp"
#include "aidecide/files.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"
#include "ask/rich_terminal.hpp"
#include "ask/saved_profile.hpp"
#include "ask/session.hpp"
#include "ask/stakeholder_round.hpp"
#include "commands.hpp"

namespace aidecide::cli {
namespace {

constexpr const char* kUntitled = "Untitled project";

volatile std::sig_atomic_t g_interrupted = 0;
void on_interrupt(int) {
  g_interrupted = 1;
}

struct AskCliOptions {
  std::string name;
  std::string answers_file;
  std::vector<std::string> set;
  bool defaults = false;
  bool template_only = false;
  std::string save;
  std::string resume;
  std::string format = "text";
  std::string adr;
  bool plain = false;
  bool force = false;
  std::string stakeholder;
  std::vector<std::string> pairwise;
  ModelPaths model;
};

// --save never replaces a file that ask did not write (a hand-written
// profile): the user continues from it with --resume, or says --force.
void refuse_foreign_save(const AskCliOptions& options) {
  if (options.save.empty() || options.force || options.save == options.resume) return;
  std::error_code ec;
  if (!std::filesystem::exists(options.save, ec)) return;
  bool ours = false;
  try {
    ours = read_text_file(options.save).starts_with(kSavedByAsk);
  } catch (const Error&) {
    ours = false;  // unreadable or too large: not ours to replace either
  }
  if (ours) return;
  const std::string path = escape_for_message(options.save);
  throw UsageError(fmt::format(
      "{} exists and was not written by aidecide ask; continue from it with --resume {}, or "
      "add --force to replace it",
      path, path));
}

// Loads a profile that may be incomplete. Answers that no longer fit the
// criteria are reported and left to be asked again.
// `saved`, when given, keeps what the file said (for writing it back).
void prefill(const ScoringModel& model, const std::string& path, bool resuming, Profile& profile,
             std::vector<bool>& answered, const Streams& io, SavedProfile* saved = nullptr) {
  std::string text = read_text_file(path);
  const PartialProfile partial = load_partial_profile(text, path, model.questionnaire);
  const Profile& loaded = partial.profile;
  if (profile.name.empty()) profile.name = loaded.name;
  if (!loaded.description.empty()) profile.description = loaded.description;
  const auto& open = partial.unanswered;
  std::vector<bool> given(model.questionnaire.criteria.size(), false);
  for (std::size_t i = 0; i < model.questionnaire.criteria.size(); ++i) {
    const Criterion& c = model.questionnaire.criteria[i];
    if (!c.answerable() || loaded.answers[i].kind == Answer::Kind::missing) continue;
    if (std::find(open.begin(), open.end(), c.id) != open.end()) continue;
    profile.answers[i] = loaded.answers[i];
    answered[i] = true;
    given[i] = true;
  }
  if (saved != nullptr) *saved = SavedProfile{std::move(text), loaded, std::move(given)};
  for (std::size_t i = 0; i < loaded.weights.size(); ++i) {
    if (loaded.weights[i]) profile.weights[i] = loaded.weights[i];
  }
  if (loaded.models.any()) profile.models = loaded.models;
  if (partial.problems.empty()) return;
  if (!resuming) throw InputError(partial.problems);
  for (const auto& d : partial.problems) {
    io.err << fmt::format(
        "aidecide: note: {} (this answer no longer fits the criteria and will be asked again)\n",
        d.to_string());
  }
}

// The answers the questionnaire starts from: --resume, --answers, --set
// and --defaults, in that order; `answered` marks them.
Profile starting_profile(const ScoringModel& model, const AskCliOptions& options,
                         std::vector<bool>& answered, const Streams& io, SavedProfile& saved) {
  const Questionnaire& q = model.questionnaire;
  Profile profile;
  profile.name = options.name;
  profile.answers.assign(q.criteria.size(), Answer{});
  profile.weights.assign(q.criteria.size(), std::nullopt);
  if (!options.resume.empty()) prefill(model, options.resume, true, profile, answered, io, &saved);
  if (!options.answers_file.empty())
    prefill(model, options.answers_file, false, profile, answered, io);
  for (const std::string& pair : options.set) {
    const auto eq = pair.find('=');
    const std::size_t i = eq == std::string::npos ? kNoIndex : q.index_of(pair.substr(0, eq));
    if (i == kNoIndex || !q.criteria[i].answerable()) {
      throw UsageError(fmt::format("--set {}: expected KEY=VALUE with a criterion id",
                                   escape_for_message(pair)));
    }
    profile.answers[i] = parse_answer_text(q.criteria[i], pair.substr(eq + 1));
    answered[i] = true;
  }
  if (profile.name.empty()) profile.name = kUntitled;
  profile.source = "<ask>";
  if (options.defaults) {
    for (std::size_t i = 0; i < q.criteria.size(); ++i) {
      if (q.criteria[i].answerable() && !answered[i]) {
        profile.answers[i].kind = Answer::Kind::unknown;
        answered[i] = true;
      }
    }
  }
  return profile;
}

int run_ask(const AskCliOptions& options, const Streams& io, const GlobalOptions& global) {
  const auto model = load_model(options.model, io);
  const Questionnaire& q = model->questionnaire;
  if (options.template_only) {
    io.out << answers_template(q, options.name.empty() ? "My project" : options.name);
    return static_cast<int>(ExitCode::success);
  }
  if (!options.pairwise.empty() && options.stakeholder.empty())
    throw UsageError("--pairwise needs --stakeholder NAME");
  if (!options.stakeholder.empty()) {
    if (options.resume.empty())
      throw UsageError("--stakeholder needs --resume FILE: the profile to add their priorities to");
    if (trim_blanks(options.stakeholder).empty())
      throw UsageError("--stakeholder: the name must not be empty");
    const StakeholderRoundResult r =
        ask_stakeholder_round(*model, options.resume, std::string(trim_blanks(options.stakeholder)),
                              io.in, io.err, io.env.stdin_is_terminal, options.pairwise);
    switch (r.outcome) {
      case StakeholderRoundResult::Outcome::written:
        io.err << "aidecide: " << r.message << '\n';
        return static_cast<int>(ExitCode::success);
      case StakeholderRoundResult::Outcome::quit:
        io.err << "\naidecide: stopped; " << r.message << '\n';
        return static_cast<int>(ExitCode::interrupted);
      case StakeholderRoundResult::Outcome::invalid:
        io.err << "\naidecide: error: " << r.message << '\n';
        return static_cast<int>(ExitCode::invalid_input);
    }
  }
  const auto format = parse_format(options.format);
  refuse_foreign_save(options);
  std::vector<bool> answered(q.criteria.size(), false);
  SavedProfile resumed;  // the file --resume names, as it was
  Profile profile = starting_profile(*model, options, answered, io, resumed);

  // Progress is saved after every answer: to --save, the file being resumed,
  // or the state folder.
  std::string save_path = !options.save.empty() ? options.save : options.resume;
  bool state_file = false;
  if (save_path.empty() && !io.env.state_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(io.env.state_dir, ec);
    if (!ec) save_path = io.env.state_dir + "/last-answers.yaml", state_file = true;
  }
  // The file being resumed is written back with everything ask does not own
  // kept; nothing is written while nothing changed. The state file is only
  // written once this session has an answer of its own, and the previous
  // run's is kept beside it as .prev.
  const bool merge = !options.resume.empty() && save_path == options.resume;
  std::string last_written = merge ? resumed.text : std::string();
  bool wrote = false;
  const auto save = [&](const AskSession& s) {
    if (save_path.empty()) return;
    const std::string text = merge ? merge_saved_profile(q, resumed, s.profile(), s.answered())
                                   : profile_yaml(q, s.profile(), s.answered());
    if (text == last_written) return;
    if (state_file && !wrote) {
      std::error_code ec;
      if (std::filesystem::exists(save_path, ec))
        std::filesystem::rename(save_path, save_path + ".prev", ec);
    }
    write_file_atomically(save_path, text);
    last_written = text;
    wrote = true;
  };

  const bool interactive = io.env.stdin_is_terminal && !io.env.ci;
  // Ctrl-C stops the session the same way at a terminal and on a pipe:
  // answers saved, a resume hint, exit 130.
  struct sigaction previous {};
  {
    struct sigaction action {};
    action.sa_handler = on_interrupt;  // no SA_RESTART: a blocked read returns
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous);
  }
  g_interrupted = 0;
  // The rich renderer needs a person at a real terminal on every stream and
  // gives way to line mode for --plain, ACCESSIBLE and TERM=dumb.
  std::unique_ptr<RichTerminal> rich;
  if (interactive && io.env.stdout_is_terminal && io.env.stderr_is_terminal &&
      !io.env.dumb_terminal && !io.env.accessible && !options.plain) {
    try {
      rich = std::make_unique<RichTerminal>(io.err, &g_interrupted);
      rich->set_color(!io.env.no_color);
    } catch (const std::runtime_error&) {
      rich.reset();  // not a terminal after all: line mode
    }
  }
  AskSession session(*model, profile, answered, io.in, io.err,
                     {interactive, &g_interrupted, rich.get()}, save);
  // A person names the project first (default: the folder's name); a pipe
  // keeps --name, the resumed file's or "Untitled project".
  bool named = true;
  if (interactive && profile.name == kUntitled) {
    std::error_code ec;
    const std::string folder = std::filesystem::current_path(ec).filename().string();
    named = session.ask_name(folder.empty() || ec ? std::string(kUntitled) : folder);
  }
  const AskOutcome outcome = named ? session.run() : AskOutcome::quit;
  rich.reset();  // the terminal as it was, before any result is printed
  sigaction(SIGINT, &previous, nullptr);

  const auto resume_hint = [&] {
    if (save_path.empty() || (state_file && !wrote)) return std::string();
    save(session);
    return fmt::format(
        "Your answers so far are saved in {}; continue with: aidecide ask --resume {}\n", save_path,
        save_path);
  };
  switch (outcome) {
    case AskOutcome::quit:
      io.err << "\naidecide: stopped. " << resume_hint();
      return static_cast<int>(ExitCode::interrupted);
    case AskOutcome::invalid:
      io.err << "\naidecide: error: " << escape_for_message(session.failure()) << '\n'
             << resume_hint();
      return static_cast<int>(ExitCode::invalid_input);
    case AskOutcome::incomplete: {
      const auto missing = session.missing();
      io.err << fmt::format("\naidecide: error: the input ended with {} {} unanswered: {}\n",
                            missing.size(), missing.size() == 1 ? "question" : "questions",
                            join_words(missing, ", "))
             << "A profile with your answers so far (unknown where unanswered) follows on standard "
                "output; fill it "
                "in and run: aidecide score FILE\n"
             << resume_hint();
      io.out << profile_yaml(q, session.profile(), session.answered());
      return static_cast<int>(ExitCode::invalid_input);
    }
    case AskOutcome::completed:
      break;
  }
  if (!save_path.empty()) save(session);
  const Decision d = decide(*model, session.profile(), EngineOptions{});
  RenderOptions render;
  render.color = use_color(global, io.env);
  render.width = io.env.width;
  render.single = true;
  const auto renderer = make_renderer(*format, io.out, *model, render);
  renderer->result(d);
  renderer->finish();
  if (!options.adr.empty()) {
    if (std::filesystem::exists(options.adr)) {
      throw UsageError(fmt::format("--adr {}: the file exists; choose another name",
                                   escape_for_message(options.adr)));
    }
    write_file_atomically(options.adr,
                          render_adr(*model, session.profile(), d, {"", io.env.today}));
    io.err << fmt::format("aidecide: wrote {}\n", options.adr);
  }
  return static_cast<int>(ExitCode::success);
}

}  // namespace

Runner setup_ask(CLI::App& app, Completions& completions) {
  auto options = std::make_shared<AskCliOptions>();
  app.add_option("--name", options->name,
                 "Project name (default: from --answers, else \"Untitled project\")");
  app.add_option("--answers", options->answers_file,
                 "Pre-fill answers from a profile; only the rest are asked")
      ->type_name("FILE");
  add_set_option(app, completions, options->set, "Pre-fill one answer (repeatable)");
  app.add_flag("--defaults", options->defaults,
               "Answer every remaining question with its documented assumption");
  app.add_flag("--template", options->template_only,
               "Print a commented profile to fill in, and exit");
  app.add_option("--save", options->save,
                 "Save the answers as a profile (after every answer, atomically)")
      ->type_name("FILE");
  app.add_flag("--force", options->force,
               "Let --save replace a file that aidecide ask did not write");
  app.add_option("--resume", options->resume,
                 "Continue from saved answers; asks what is still open")
      ->type_name("FILE");
  add_choice(app, completions, "-f,--format", options->format, names_of(formats()),
             "Format of the result")
      ->capture_default_str();
  app.add_option("--adr", options->adr, "Also write a decision record (Markdown) for the result")
      ->type_name("FILE");
  app.add_flag("--plain", options->plain,
               "Line mode: numbered prompts, one answer per line (the default for now)");
  app.add_option("--stakeholder", options->stakeholder,
                 "Ask one person's priorities (points per criterion) into the --resume profile")
      ->type_name("NAME");
  app.add_option("--pairwise", options->pairwise,
                 "With --stakeholder: a pairwise round over these criteria (2 to 10) instead of "
                 "points")
      ->delimiter(',')
      ->type_name("ID,ID,...");
  add_model_options(app, options->model);
  app.footer(
      "Examples:\n"
      "  aidecide ask --save my-project.yaml\n"
      "  aidecide ask --resume my-project.yaml --stakeholder Finance\n"
      "  aidecide ask --answers draft.yaml --set monthly_requests=2M\n"
      "  printf '2\\n1\\n...' | aidecide ask --format json      one line per question\n"
      "  aidecide ask --template > my-project.yaml");
  return [options](const Streams& io, const GlobalOptions& global) {
    return run_ask(*options, io, global);
  };
}

}  // namespace aidecide::cli
