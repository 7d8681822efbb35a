// SPDX-License-Identifier: MIT
// `aidecide adr PROFILE`: writes a decision record that `check` holds at once.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "aidecide/adr.hpp"
#include "aidecide/escape.hpp"
#include "aidecide/files.hpp"
#include "aidecide/record.hpp"
#include "aidecide/text.hpp"
#include "commands.hpp"

namespace aidecide::cli {
namespace {
namespace fs = std::filesystem;

struct AdrCliOptions {
  std::string profile;
  std::string title;
  std::string out;
  std::string append;  // an existing ADR to add the record to
  std::string layout = "madr";
  bool force = false;
  std::string date;  // default: today
  ModelPaths model;
};

int run_adr(const AdrCliOptions& options, const Streams& io) {
  if (!options.date.empty() && !is_iso_date(options.date)) {
    throw UsageError(fmt::format("--date {}: expected a date written YYYY-MM-DD",
                                 escape_for_message(options.date)));
  }
  std::error_code ec;
  const bool into_folder = !options.out.empty() && fs::is_directory(options.out, ec);
  if (!options.out.empty() && !into_folder && !options.force && fs::exists(options.out, ec)) {
    throw UsageError(
        fmt::format("{} exists; add --force to replace it", escape_for_message(options.out)));
  }
  const auto model = load_model(options.model, io);
  const InputFile input{options.profile == "-" ? "<stdin>" : options.profile,
                        options.profile == "-", nullptr};
  const Profile profile = load_profile(read_input(input, io.in), input.name, model->questionnaire);
  const Decision d = decide(*model, profile, EngineOptions{});
  const auto layout = static_cast<AdrTemplate>(
      std::find(kAdrTemplates.begin(), kAdrTemplates.end(), options.layout) -
      kAdrTemplates.begin());
  const AdrOptions adr{options.title, options.date.empty() ? io.env.today : options.date, layout};
  if (!options.append.empty()) {
    // Into an existing ADR: the record block alone, in its decision section.
    const std::string document = read_text_file(options.append);
    const RecordScan scan = scan_markdown(document, options.append, model->questionnaire);
    if (!scan.records.empty()) {
      throw InputError({{options.append, scan.records[0].pos,
                         "already holds a decision record; edit it, or remove it and append "
                         "again"}});
    }
    write_file_atomically(options.append,
                          insert_record(document, render_record_block(*model, profile, d)));
    io.err << fmt::format("aidecide: added the decision record to {}\n",
                          escape_for_message(options.append));
    return static_cast<int>(ExitCode::success);
  }
  const std::string text = render_adr(*model, profile, d, adr);
  if (options.out.empty()) {
    io.out << text;
    return static_cast<int>(ExitCode::success);
  }
  std::string path = options.out;
  if (into_folder) {
    // In an ADR folder: the next number and a name from the title, as
    // adr-tools picks them.
    std::vector<std::string> names;
    for (fs::directory_iterator it(options.out, ec), end; !ec && it != end; it.increment(ec))
      names.push_back(it->path().filename().string());
    if (ec) throw IoError(fmt::format("cannot list {}: {}", options.out, ec.message()));
    path = (fs::path(options.out) / next_adr_file_name(names, adr_title(profile, adr))).string();
    if (fs::exists(fs::symlink_status(path, ec)))
      throw UsageError(fmt::format("{} exists; name the file with --out", path));
  }
  write_file_atomically(path, text);
  io.err << fmt::format("aidecide: wrote {}\n", escape_for_message(path));
  return static_cast<int>(ExitCode::success);
}

}  // namespace

Runner setup_adr(CLI::App& app, Completions& completions) {
  auto options = std::make_shared<AdrCliOptions>();
  app.add_option("profile", options->profile, "The profile to decide (- for stdin)")
      ->required()
      ->type_name("PROFILE");
  app.add_option("--title", options->title, "Title of the record (default: Where to run <name>)");
  app.add_option("-o,--out", options->out,
                 "Write the record to FILE instead of standard output; to a FOLDER, as its next "
                 "record (NNNN-title.md, numbered as adr-tools does)")
      ->type_name("FILE|FOLDER");
  app.add_option("--append", options->append,
                 "Add the record block to an existing ADR (Nygard, adr-tools, MADR, log4brains): "
                 "at the end of its Decision section, else at its end; nothing else changes")
      ->type_name("ADR.md")
      ->excludes(app.get_option("--out"));
  add_choice(app, completions, "--template", options->layout,
             std::vector<std::string>(kAdrTemplates.begin(), kAdrTemplates.end()),
             "The layout: MADR (front matter), Nygard's as adr-tools writes it, or log4brains'")
      ->capture_default_str();
  app.add_flag("--force", options->force, "Replace FILE if it exists");
  app.add_option("--date", options->date, "Date in the record's front matter (default: today)")
      ->type_name("YYYY-MM-DD");
  add_model_options(app, options->model);
  app.footer(
      "Examples:\n"
      "  aidecide adr profiles/hospital-clinical-notes.yaml --out docs/adr/0005-clinical-notes.md\n"
      "  aidecide adr my-project.yaml --title \"Serve the assistant on our own GPUs\"\n"
      "  aidecide adr my-project.yaml --out docs/adr/\n"
      "  aidecide adr my-project.yaml --append docs/adr/0007-serving.md");
  return [options](const Streams& io, const GlobalOptions&) { return run_adr(*options, io); };
}

}  // namespace aidecide::cli
