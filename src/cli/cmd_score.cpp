// SPDX-License-Identifier: MIT
// `aidecide score FILE|DIR|-...`: batch scoring of profile files.
#include <fmt/format.h>

#include "aidecide/files.hpp"
#include "aidecide/presets.hpp"
#include "aidecide/render.hpp"
#include "aidecide/text.hpp"
#include "commands.hpp"

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

int run_score(const ScoreOptions& options, const Streams& io, const GlobalOptions& global) {
  const auto model = load_model(options.model, io);
  const ExpandedInputs inputs = expand_inputs(options.paths);
  RenderOptions render;
  render.color = use_color(global, io.env);
  render.width = io.env.width;
  render.explain_all = options.explain;
  render.single = inputs.size() == 1;
  const auto renderer = make_renderer(*parse_format(options.format), io.out, *model, render);
  EngineOptions engine;
  engine.samples = options.samples;
  engine.preset_weights = preset_weights(*model, options);
  const auto what_if = parse_what_if(model->questionnaire, options.set);

  bool failed = false;
  const auto report = [&](const std::vector<Diagnostic>& diagnostics) {
    failed = true;
    print_diagnostics(io.err, diagnostics);
    for (const auto& d : diagnostics) renderer->error(d);
  };
  for (const InputFile& file : inputs) {
    if (file.error) {
      report({*file.error});
      continue;
    }
    try {
      const std::string text = read_input(file, io.in);
      const Profile profile = load_profile(text, file.name, model->questionnaire);
      renderer->result(what_if.empty() ? decide(*model, profile, engine)
                                       : decide_what_if(*model, profile, what_if, engine));
    } catch (const InputError& e) {
      report(e.diagnostics());
    }
  }
  renderer->finish();
  return static_cast<int>(failed ? ExitCode::invalid_input : ExitCode::success);
}

}  // namespace

Runner setup_score(CLI::App& app) {
  auto options = std::make_shared<ScoreOptions>();
  app.add_option("paths", options->paths,
                 "Profile files, directories (every .yaml/.yml inside, sorted) or - for stdin")
      ->required()
      ->type_name("FILE|DIR|-");
  app.add_option("-f,--format", options->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--criteria", options->model.criteria,
                 "Criteria file to use instead of the built-in one")
      ->type_name("FILE");
  app.add_option("--pricing", options->model.pricing,
                 "Pricing file to use instead of the built-in one")
      ->type_name("FILE");
  app.add_option("--set", options->set,
                 "What-if: score with an answer changed, shown next to the original (repeatable)")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  app.add_option("--preset", options->preset,
                 "Weight preset for a typical organisation: startup, enterprise, regulated")
      ->type_name("NAME");
  app.add_option("--presets", options->presets_file,
                 "Presets file to use instead of the built-in one")
      ->type_name("FILE");
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
      "  cat profile.yaml | aidecide score -");
  return [options](const Streams& io, const GlobalOptions& global) {
    return run_score(*options, io, global);
  };
}

}  // namespace aidecide::cli
