// SPDX-License-Identifier: MIT
// `aidecide score FILE|DIR|-...`: batch scoring of profile files.
#include <fmt/format.h>

#include <chrono>

#include <filesystem>
#include <set>
#include <sstream>

#include "aidecide/escape.hpp"
#include "aidecide/files.hpp"
#include "aidecide/presets.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"
#include "commands.hpp"
#include "io/parallel.hpp"
#include "io/progress.hpp"
#include "io/unique_names.hpp"

namespace aidecide::cli {
namespace {

struct ScoreOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  ModelPaths model;
  bool explain = false;
  std::size_t samples = EngineOptions{}.samples;
  std::vector<std::string> set;  // what-if: key=value
  std::string preset;
  std::string presets_file;
  std::string sort = "input";
  std::string out_dir;
  std::size_t jobs = 0;  // 0: every available core
};

// What a worker hands back for one input file.
struct Scored {
  std::optional<Decision> decision;  // unless rendered already
  std::string rendered;              // the result's text, when the format renders ahead
  std::vector<Diagnostic> diagnostics;
};

// --out DIR: one report per profile plus an index, each written atomically.
class ReportDirectory {
 public:
  ReportDirectory(std::string dir, Format format, const ScoringModel& model,
                  const RenderOptions& options)
      : m_dir(std::move(dir)), m_format(format), m_model(model), m_options(options) {
    std::error_code ec;
    std::filesystem::create_directories(m_dir, ec);
    if (ec || !std::filesystem::is_directory(m_dir)) {
      throw UsageError(fmt::format("--out {}: cannot create the directory: {}", m_dir,
                                   ec ? ec.message() : "not a directory"));
    }
    RenderOptions index_options = options;
    index_options.single = false;
    m_index = make_renderer(format, m_index_text, model, index_options);
  }

  void result(const Decision& d) {
    const std::string file = unique_name(d.name);
    std::ostringstream report;
    RenderOptions single = m_options;
    single.single = true;
    single.color = false;
    const auto renderer = make_renderer(m_format, report, m_model, single);
    renderer->result(d);
    renderer->finish();
    write_file_atomically((std::filesystem::path(m_dir) / file).string(), report.str());
    m_index->link_next(file);
    m_index->result(d);
    ++m_written;
  }

  void error(const Diagnostic& d) { m_index->error(d); }

  std::string finish() {
    m_index->finish();
    const std::string index =
        (std::filesystem::path(m_dir) / fmt::format("index.{}", format_info(m_format).extension))
            .string();
    write_file_atomically(index, m_index_text.str());
    return fmt::format("aidecide: wrote {} {} and {}\n", m_written,
                       m_written == 1 ? "report" : "reports", index);
  }

 private:
  // A file name from the profile name that stays inside the directory and
  // is unique in this run ("index" is the index's).
  std::string unique_name(const std::string& profile_name) {
    return fmt::format("{}.{}", m_names.take(profile_name), format_info(m_format).extension);
  }

  std::string m_dir;
  Format m_format;
  const ScoringModel& m_model;
  RenderOptions m_options;
  std::ostringstream m_index_text;
  std::unique_ptr<BatchRenderer> m_index;
  UniqueNames m_names{{"index"}};
  std::size_t m_written = 0;
};

// Parses --set key=value pairs against the questionnaire; UsageError on a bad one.
std::vector<std::pair<std::size_t, Answer>> parse_what_if(const Questionnaire& q,
                                                          const std::vector<std::string>& pairs) {
  std::vector<std::pair<std::size_t, Answer>> changes;
  std::vector<std::string> ids;
  for (const auto& c : q.criteria) {
    if (c.answerable()) ids.push_back(c.id);
  }
  for (const std::string& pair : pairs) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos) {
      throw UsageError(
          fmt::format("--set {}: expected KEY=VALUE, for example --set monthly_requests=5000000",
                      escape_for_message(pair)));
    }
    const std::string key = pair.substr(0, eq);
    const std::size_t i = q.index_of(key);
    if (i == kNoIndex || !q.criteria[i].answerable()) {
      const auto hint = did_you_mean(key, ids);
      throw UsageError(fmt::format("--set: unknown criterion '{}'{}", escape_for_message(key),
                                   hint ? fmt::format("; did you mean '{}'?", *hint) : ""));
    }
    for (const auto& [existing, answer] : changes) {
      if (existing == i) throw UsageError(fmt::format("--set: '{}' is given twice", key));
    }
    changes.emplace_back(i, parse_answer_text(q.criteria[i], pair.substr(eq + 1)));
  }
  return changes;
}

std::vector<std::optional<double>> preset_weights(const ScoringModel& model,
                                                  const ScoreOptions& options) {
  if (options.preset.empty()) return {};
  const std::string source =
      options.presets_file.empty() ? "<embedded criteria/presets.yaml>" : options.presets_file;
  const std::string text = options.presets_file.empty() ? std::string(embedded_presets_text())
                                                        : read_text_file(options.presets_file);
  const auto presets = load_presets(text, source, model.questionnaire);
  std::vector<std::string> names;
  for (const auto& p : presets) {
    if (p.name == options.preset) return p.weights;
    names.push_back(p.name);
  }
  const auto hint = did_you_mean(options.preset, names);
  throw UsageError(fmt::format(
      "--preset: unknown preset '{}'{} (presets: {})", escape_for_message(options.preset),
      hint ? fmt::format("; did you mean '{}'?", *hint) : "", join_words(names, ", ")));
}

// The built-in presets' names, for completion.
std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  for (const auto& p : load_presets(embedded_presets_text(), "<embedded criteria/presets.yaml>",
                                    embedded_questionnaire()))
    names.push_back(p.name);
  return names;
}

int run_score(const ScoreOptions& options, const Streams& io, const GlobalOptions& global) {
  const auto model = load_model(options.model, io);
  const ExpandedInputs inputs = expand_inputs(options.paths);
  RenderOptions render;
  render.color = use_color(global, io.env);
  render.width = io.env.width;
  render.explain_all = options.explain;
  render.single = inputs.size() == 1;
  render.sort = *parse_sort_key(options.sort);
  const Format format = *parse_format(options.format);
  std::unique_ptr<ReportDirectory> directory;
  std::unique_ptr<BatchRenderer> renderer;
  if (options.out_dir.empty()) {
    renderer = make_renderer(format, io.out, *model, render);
  } else {
    directory = std::make_unique<ReportDirectory>(options.out_dir, format, *model, render);
  }
  EngineOptions engine;
  engine.samples = options.samples;
  engine.cost_curve = format_info(format).cost_curve;
  engine.preset_weights = preset_weights(*model, options);
  const auto what_if = parse_what_if(model->questionnaire, options.set);

  bool failed = false;
  const auto report = [&](const std::vector<Diagnostic>& diagnostics) {
    failed = true;
    print_diagnostics(io.err, diagnostics);
    for (const auto& d : diagnostics) {
      if (directory) {
        directory->error(d);
      } else {
        renderer->error(d);
      }
    }
  };
  // Workers read, parse, score and (JSON) render; results are written in
  // input order.
  const auto score_one = [&](std::size_t i) {
    const InputFile& file = inputs[i];
    Scored scored;
    if (file.error) {
      scored.diagnostics.push_back(*file.error);
      return scored;
    }
    try {
      const std::string text = read_input(file, io.in);
      const Profile profile = load_profile(text, file.name, model->questionnaire);
      scored.decision.emplace(what_if.empty() ? decide(*model, profile, engine)
                                              : decide_what_if(*model, profile, what_if, engine));
      if (!directory) {
        // Rendering in the worker keeps it off the one thread that writes.
        scored.rendered = renderer->prerender(*scored.decision);
        if (!scored.rendered.empty()) scored.decision.reset();
      }
    } catch (const InputError& e) {
      scored.diagnostics = e.diagnostics();
    }
    return scored;
  };
  const auto started = std::chrono::steady_clock::now();
  Progress progress(io.err, io.env.stderr_is_terminal && !io.quiet, inputs.size(), "profiles");
  const std::size_t jobs = options.jobs == 0 ? available_cores() : options.jobs;
  ordered_parallel<Scored>(inputs.size(), jobs, score_one, [&](std::size_t, Scored& scored) {
    if (!scored.rendered.empty()) {
      renderer->result_text(scored.rendered);
    } else if (scored.decision) {
      if (directory) {
        directory->result(*scored.decision);
      } else {
        renderer->result(*scored.decision);
      }
    } else {
      report(scored.diagnostics);
    }
    progress.tick();
  });
  progress.finish();
  if (io.verbose) {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    io.err << verbose_summary("profiles", inputs.size(), jobs, took.count());
  }
  if (directory) {
    io.err << directory->finish();
  } else {
    renderer->finish();
  }
  return static_cast<int>(failed ? ExitCode::invalid_input : ExitCode::success);
}

}  // namespace

Runner setup_score(CLI::App& app, Completions& completions) {
  auto options = std::make_shared<ScoreOptions>();
  app.add_option("paths", options->paths,
                 "Profile files, directories (every .yaml/.yml inside, sorted) or - for stdin")
      ->required()
      ->type_name("FILE|DIR|-");
  add_choice(app, completions, "-f,--format", options->format, names_of(formats()), "Output format")
      ->capture_default_str();
  add_model_options(app, options->model);
  add_set_option(app, completions, options->set,
                 "What-if: score with an answer changed, shown next to the original (repeatable)");
  completions.options.emplace_back(
      app.add_option("--preset", options->preset,
                     "Weight preset for a typical organisation, by its name in the presets "
                     "file (built in: criteria/presets.yaml)")
          ->type_name("NAME"),
      &preset_names);
  app.add_option("--presets", options->presets_file,
                 "Presets file to use instead of the built-in one")
      ->type_name("FILE");
  add_choice(app, completions, "--sort", options->sort, names_of(sort_keys()),
             "Order of summary tables (score: high first; confidence: low first)")
      ->capture_default_str();
  app.add_option("-o,--out", options->out_dir, "Write one report per profile and an index into DIR")
      ->type_name("DIR");
  app.add_option("-j,--jobs", options->jobs,
                 "Score on N threads (0: every available core); the output is the same for any N")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  app.add_flag("--explain", options->explain,
               "Explain every profile in full instead of a summary table");
  app.add_option("--samples", options->samples,
                 "Monte Carlo draws for the confidence figure (0 turns it off)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  app.footer(
      "Examples:\n"
      "  aidecide score profiles/\n"
      "  aidecide score profiles/clinical-notes.yaml\n"
      "  aidecide score --format json profiles/ > results.json\n"
      "  aidecide score profiles/startup-prototype.yaml --set monthly_requests=50000000\n"
      "  aidecide score --preset regulated profiles/\n"
      "  aidecide score --format html --out reports/ profiles/\n"
      "  aidecide score --format csv profiles/ > portfolio.csv\n"
      "  cat profile.yaml | aidecide score -");
  return [options](const Streams& io, const GlobalOptions& global) {
    return run_score(*options, io, global);
  };
}

}  // namespace aidecide::cli
