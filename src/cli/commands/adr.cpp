// SPDX-License-Identifier: MIT
// `aidecide adr PROFILE`: writes a decision record that `check` holds at once.
#include <fmt/format.h>

#include <filesystem>

#include "aidecide/adr.hpp"
#include "aidecide/escape.hpp"
#include "aidecide/files.hpp"
#include "aidecide/text.hpp"
#include "commands.hpp"

namespace aidecide::cli {
namespace {

struct AdrCliOptions {
  std::string profile;
  std::string title;
  std::string out;
  bool force = false;
  std::string date;  // default: today
  ModelPaths model;
};

int run_adr(const AdrCliOptions& options, const Streams& io) {
  if (!options.date.empty() && !is_iso_date(options.date)) {
    throw UsageError(fmt::format("--date {}: expected a date written YYYY-MM-DD",
                                 escape_for_message(options.date)));
  }
  if (!options.out.empty() && !options.force && std::filesystem::exists(options.out)) {
    throw UsageError(
        fmt::format("{} exists; add --force to replace it", escape_for_message(options.out)));
  }
  const auto model = load_model(options.model, io);
  const InputFile input{options.profile == "-" ? "<stdin>" : options.profile,
                        options.profile == "-", nullptr};
  const Profile profile = load_profile(read_input(input, io.in), input.name, model->questionnaire);
  const Decision d = decide(*model, profile, EngineOptions{});
  const std::string text = render_adr(
      *model, profile, d, {options.title, options.date.empty() ? io.env.today : options.date});
  if (options.out.empty()) {
    io.out << text;
  } else {
    write_file_atomically(options.out, text);
    io.err << fmt::format("aidecide: wrote {}\n", options.out);
  }
  return static_cast<int>(ExitCode::success);
}

}  // namespace

Runner setup_adr(CLI::App& app, Completions& /*completions*/) {
  auto options = std::make_shared<AdrCliOptions>();
  app.add_option("profile", options->profile, "The profile to decide (- for stdin)")
      ->required()
      ->type_name("PROFILE");
  app.add_option("--title", options->title, "Title of the record (default: Where to run <name>)");
  app.add_option("-o,--out", options->out, "Write the record to FILE instead of standard output")
      ->type_name("FILE");
  app.add_flag("--force", options->force, "Replace FILE if it exists");
  app.add_option("--date", options->date, "Date in the record's front matter (default: today)")
      ->type_name("YYYY-MM-DD");
  add_model_options(app, options->model);
  app.footer(
      "Examples:\n"
      "  aidecide adr profiles/hospital-clinical-notes.yaml --out docs/adr/0005-clinical-notes.md\n"
      "  aidecide adr my-project.yaml --title \"Serve the assistant on our own GPUs\"");
  return [options](const Streams& io, const GlobalOptions&) { return run_adr(*options, io); };
}

}  // namespace aidecide::cli
