// SPDX-License-Identifier: MIT
// `aidecide prices import FORMAT FILE`: a pricing overlay from a price list
// teams already keep (docs/cost-model.md, "Refreshing prices").
#include <fmt/format.h>

#include <filesystem>

#include "aidecide/escape.hpp"
#include "aidecide/files.hpp"
#include "aidecide/price_import.hpp"
#include "aidecide/text.hpp"
#include "commands.hpp"

namespace aidecide::cli {
namespace {

const std::vector<std::string> kImportFormats{"litellm", "skypilot"};

struct PricesOptions {
  std::string action;
  std::string format;
  std::string file;
  std::string out;
  bool force = false;
  std::string as_of;  // default: today
  std::vector<std::string> providers;
  std::vector<std::string> aliases;  // NAME=GPU
  ModelPaths model;
};

int run_prices(const PricesOptions& options, const Streams& io) {
  if (!options.as_of.empty() && !is_iso_date(options.as_of)) {
    throw UsageError(fmt::format("--as-of {}: expected a date written YYYY-MM-DD",
                                 escape_for_message(options.as_of)));
  }
  if (options.format != "litellm" && !options.providers.empty())
    throw UsageError("--provider applies to litellm imports");
  if (options.format != "skypilot" && !options.aliases.empty())
    throw UsageError("--as applies to skypilot imports");
  if (!options.out.empty() && !options.force && std::filesystem::exists(options.out)) {
    throw UsageError(
        fmt::format("{} exists; add --force to replace it", escape_for_message(options.out)));
  }
  PriceImportOptions import;
  import.source = options.file == "-" ? "<stdin>" : options.file;
  import.as_of = options.as_of.empty() ? io.env.today : options.as_of;
  import.providers = options.providers;
  for (const std::string& a : options.aliases) {
    const std::size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == a.size())
      throw UsageError(fmt::format("--as {}: expected NAME=GPU", escape_for_message(a)));
    import.aliases.emplace_back(a.substr(0, eq), a.substr(eq + 1));
  }
  const InputFile input{import.source, options.file == "-", nullptr};
  const std::string text = read_input(input, io.in, kMaxPriceListBytes);
  PriceImport result;
  if (options.format == "litellm") {
    result = import_litellm(text, import);
  } else {
    const auto model = load_model(options.model, io);
    result = import_skypilot(text, import, model->pricing);
  }
  if (!io.quiet) {
    for (const Diagnostic& d : result.left_out)
      io.err << "aidecide: warning: " << escape_for_message(d.to_string()) << '\n';
  }
  if (options.out.empty()) {
    io.out << result.overlay;
  } else {
    write_file_atomically(options.out, result.overlay);
  }
  if (!io.quiet) {
    for (const std::string& s : result.summaries)
      io.err << fmt::format("aidecide: {}: {}\n", escape_for_message(import.source), s);
    if (!options.out.empty())
      io.err << fmt::format("aidecide: wrote {}\n", escape_for_message(options.out));
  }
  return static_cast<int>(ExitCode::success);
}

}  // namespace

Runner setup_prices(CLI::App& app, Completions& completions) {
  auto options = std::make_shared<PricesOptions>();
  app.add_option("action", options->action, "What to do: import")
      ->required()
      ->check(CLI::IsMember({"import"}))
      ->type_name("import");
  app.add_option("format", options->format,
                 fmt::format("The price list's format: {}", join_words(kImportFormats, " or ")))
      ->required()
      ->check(CLI::IsMember(kImportFormats))
      ->type_name("FORMAT");
  app.add_option("file", options->file, "The price list (- for stdin)")
      ->required()
      ->type_name("FILE");
  completions.operands.emplace_back(&app, [] {
    std::vector<std::string> words{"import"};
    words.insert(words.end(), kImportFormats.begin(), kImportFormats.end());
    return words;
  });
  app.add_option("-o,--out", options->out, "Write the overlay to FILE instead of standard output")
      ->type_name("FILE");
  app.add_flag("--force", options->force, "Replace FILE if it exists");
  app.add_option("--as-of", options->as_of,
                 "Date of the prices, written into the overlay (default: today)")
      ->type_name("YYYY-MM-DD");
  app.add_option("--provider", options->providers,
                 "litellm: keep only models of this litellm_provider (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--as", options->aliases,
                 "skypilot: price the catalog GPU named GPU from accelerator NAME (repeatable)")
      ->type_name("NAME=GPU")
      ->allow_extra_args(false);
  add_model_options(app, options->model);
  app.footer(
      "Examples:\n"
      "  aidecide prices import litellm model_prices_and_context_window.json -o hosted.yaml\n"
      "  aidecide prices import skypilot vms.csv --as RTX-4090=RTX4090 -o rent.yaml\n"
      "  aidecide score --pricing hosted.yaml --pricing rent.yaml profiles/");
  return [options](const Streams& io, const GlobalOptions&) { return run_prices(*options, io); };
}

}  // namespace aidecide::cli
