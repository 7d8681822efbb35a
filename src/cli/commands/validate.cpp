// SPDX-License-Identifier: MIT
// `aidecide validate FILE...`: checks profiles, criteria, pricing, presets,
// `.aidecide.yaml` and ADRs without scoring; every problem listed, exit 0 or 2.
#include <fmt/format.h>

#include <filesystem>

#include "aidecide/config.hpp"
#include "aidecide/file_kind.hpp"
#include "aidecide/files.hpp"
#include "aidecide/presets.hpp"
#include "aidecide/record.hpp"
#include "commands.hpp"

namespace aidecide::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> paths;
  ModelPaths model;
};

int run_validate(const ValidateOptions& options, const Streams& io) {
  const auto model = load_model(options.model, io);
  bool failed = false;
  std::size_t checked = 0;
  for (const InputFile& file : expand_inputs(options.paths)) {
    if (file.error) {
      print_diagnostics(io.err, {*file.error});
      failed = true;
      continue;
    }
    ++checked;
    try {
      const std::string text = read_input(file, io.in);
      std::string_view kind;
      if (file.name.ends_with(".md")) {
        kind = "decision records";
        const RecordScan scan = scan_markdown(text, file.name, model->questionnaire);
        if (!scan.problems.empty()) throw InputError(scan.problems);
        if (scan.records.empty()) throw InputError({{file.name, {}, "no decision record found"}});
        for (const DecisionRecord& r : scan.records) {
          if (r.profile.models.any())
            (void)with_named_models(model->pricing, r.profile.models, file.name);
        }
      } else {
        kind = yaml_file_kind(text, file.name);
        if (kind == "criteria") {
          const Questionnaire q = load_questionnaire(text, file.name);
          (void)CostInputs::resolve(q);
        } else if (kind == "pricing") {
          (void)load_pricing(text, file.name, model->questionnaire);
        } else if (kind == "pricing overlay") {
          (void)load_pricing_files({{file.name, text}}, model->questionnaire);
        } else if (kind == "presets") {
          (void)load_presets(text, file.name, model->questionnaire);
        } else if (kind == "configuration") {
          (void)load_config(text, file.name,
                            std::filesystem::path(file.name).parent_path().string());
        } else {
          const Profile profile = load_profile(text, file.name, model->questionnaire);
          if (profile.models.any())
            (void)with_named_models(model->pricing, profile.models, file.name);
        }
      }
      io.out << fmt::format("{}: valid {}\n", file.name, kind);
    } catch (const InputError& e) {
      print_diagnostics(io.err, e.diagnostics());
      failed = true;
    }
  }
  if (checked == 0 && !failed) {
    io.err << "aidecide: error: nothing to validate\n";
    failed = true;
  }
  return static_cast<int>(failed ? ExitCode::invalid_input : ExitCode::success);
}

}  // namespace

Runner setup_validate(CLI::App& app, Completions& /*completions*/) {
  auto options = std::make_shared<ValidateOptions>();
  app.add_option("paths", options->paths,
                 "Profiles, criteria, pricing or presets files, .aidecide.yaml, ADRs (.md), or "
                 "folders of .yaml files")
      ->required()
      ->type_name("FILE|DIR|-");
  add_model_options(app, options->model);
  app.footer(
      "Examples:\n  aidecide validate profiles/\n  aidecide validate criteria/default.yaml "
      "criteria/pricing.yaml\n"
      "  aidecide validate docs/adr/0001-clinical-notes-local.md");
  return [options](const Streams& io, const GlobalOptions&) { return run_validate(*options, io); };
}

}  // namespace aidecide::cli
