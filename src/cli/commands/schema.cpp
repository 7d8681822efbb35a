// SPDX-License-Identifier: MIT
// `aidecide schema NAME`: JSON Schemas for editors and validators.
#include <fmt/format.h>

#include "aidecide/escape.hpp"
#include "aidecide/schema.hpp"
#include "aidecide/text.hpp"
#include "commands.hpp"

namespace aidecide::cli {
namespace {

struct SchemaOptions {
  std::string name;
  ModelPaths model;
};

int run_schema(const SchemaOptions& options, const Streams& io) {
  const std::vector<std::string> names = schema_names();
  if (std::find(names.begin(), names.end(), options.name) == names.end()) {
    const auto hint = did_you_mean(options.name, names);
    throw UsageError(fmt::format(
        "unknown schema '{}'{} (schemas: {})", escape_for_message(options.name),
        hint ? fmt::format("; did you mean '{}'?", *hint) : "", join_words(names, ", ")));
  }
  const auto model = load_model(options.model, io);
  io.out << *schema_text(options.name, model->questionnaire);
  return static_cast<int>(ExitCode::success);
}

}  // namespace

Runner setup_schema(CLI::App& app, Completions& completions) {
  auto options = std::make_shared<SchemaOptions>();
  app.add_option("name", options->name,
                 fmt::format("The schema: {} (config: .aidecide.yaml; output: score's JSON)",
                             join_words(schema_names(), " or ")))
      ->required()
      ->type_name("NAME");
  completions.operands.emplace_back(&app, &schema_names);
  add_model_options(app, options->model);
  app.footer(
      "The profile and record schemas list the answers of the criteria in use (--criteria).\n"
      "Examples:\n"
      "  aidecide schema profile > profile.schema.json\n"
      "  aidecide schema output | jq .definitions.result.required\n"
      "In a profile, for editors with the YAML language server:\n"
      "  # yaml-language-server: $schema=profile.schema.json");
  return [options](const Streams& io, const GlobalOptions&) { return run_schema(*options, io); };
}

}  // namespace aidecide::cli
