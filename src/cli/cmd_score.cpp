// SPDX-License-Identifier: MIT
// `aidecide score FILE|DIR|-...`: batch scoring of profile files.
#include <fmt/format.h>

#include "aidecide/files.hpp"
#include "aidecide/render.hpp"
#include "commands.hpp"

namespace aidecide::cli {
namespace {

struct ScoreOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  ModelPaths model;
  bool explain = false;
  std::size_t samples = EngineOptions{}.samples;
};

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
      renderer->result(decide(*model, profile, engine));
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
  app.add_option("paths", options->paths, "Profile files, directories (every .yaml/.yml inside, sorted) or - for stdin")
      ->required()
      ->type_name("FILE|DIR|-");
  app.add_option("-f,--format", options->format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--criteria", options->model.criteria, "Criteria file to use instead of the built-in one")
      ->type_name("FILE");
  app.add_option("--pricing", options->model.pricing, "Pricing file to use instead of the built-in one")
      ->type_name("FILE");
  app.add_flag("--explain", options->explain, "Explain every profile in full instead of a summary table");
  app.add_option("--samples", options->samples, "Monte Carlo draws for the confidence figure (0 turns it off)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  app.footer(
      "Examples:\n"
      "  aidecide score profiles/\n"
      "  aidecide score profiles/clinical-notes.yaml\n"
      "  aidecide score --format json profiles/ > results.json\n"
      "  cat profile.yaml | aidecide score -");
  return [options](const Streams& io, const GlobalOptions& global) { return run_score(*options, io, global); };
}

}  // namespace aidecide::cli
