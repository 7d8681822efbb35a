// SPDX-License-Identifier: MIT
// `aidecide check [PATH...]`: the CI gate over decision records in Markdown.
#include <fmt/format.h>
#include <sys/stat.h>

#include <chrono>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "aidecide/check_output.hpp"
#include "aidecide/config.hpp"
#include "aidecide/escape.hpp"
#include "aidecide/files.hpp"
#include "aidecide/text.hpp"
#include "commands.hpp"
#include "commands/check_inputs.hpp"
#include "io/parallel.hpp"
#include "io/progress.hpp"

namespace aidecide::cli {
namespace {
namespace fs = std::filesystem;

struct CheckCliOptions {
  std::vector<std::string> paths;
  std::vector<std::string> formats;  // FORMAT or FORMAT=FILE
  std::string output;                // file for the format given without one
  std::string fail_on;               // empty: the config's, else error
  std::string config;                // explicit .aidecide.yaml
  bool no_config = false;
  std::vector<std::string> rules;  // ID=LEVEL
  std::string today;
  bool allow_empty = false;
  std::size_t jobs = 0;  // 0: every available core
  ModelPaths model;
};

// --rule ID=LEVEL, validated.
std::vector<std::pair<std::string, Level>> rule_levels(const std::vector<std::string>& rules) {
  std::vector<std::pair<std::string, Level>> levels_set;
  for (const std::string& pair : rules) {
    const auto eq = pair.find('=');
    const auto level = eq == std::string::npos ? std::nullopt : parse_level(pair.substr(eq + 1));
    const std::string id = pair.substr(0, eq);
    if (find_rule(id) == nullptr) {
      std::vector<std::string> ids;
      for (const auto& r : check_rules()) ids.emplace_back(r.id);
      const auto hint = did_you_mean(id, ids);
      throw UsageError(fmt::format("--rule {}: unknown rule '{}'{}", escape_for_message(pair),
                                   escape_for_message(id),
                                   hint ? fmt::format("; did you mean '{}'?", *hint) : ""));
    }
    if (!level)
      throw UsageError(fmt::format("--rule {}: expected ID=LEVEL with LEVEL {}",
                                   escape_for_message(pair),
                                   join_words(names_of(levels()), " or ")));
    levels_set.emplace_back(id, *level);
  }
  return levels_set;
}

// .aidecide.yaml: settings below what the command line says.
Config load_settings(const CheckCliOptions& options) {
  const std::string path = options.no_config         ? ""
                           : !options.config.empty() ? options.config
                                                     : find_config(".");
  if (path.empty()) return {};
  const std::string dir = fs::path(path).parent_path().string();
  // One found by looking is the repository's: a plain file, bounded.
  const std::string text = options.config.empty() ? read_settings_file(path) : read_text_file(path);
  return load_config(text, path, dir.empty() ? "." : dir);
}

// A criteria or pricing file the repository's settings name must lie in it.
std::string configured_model_file(const Config& config, const std::string& path) {
  const std::string joined = from_config(config, path);
  if (auto outside = leaves_boundary(joined, review_boundary(), false))
    throw InputError({std::move(*outside)});
  return joined;
}

// One format of a run: to standard output or to its own file.
struct Output {
  std::string path;  // empty: standard output
  std::ostringstream text;
  std::unique_ptr<CheckRenderer> renderer;
};

// --format FORMAT[=FILE] (repeatable) and --output FILE.
// A report is never written over a file it reads (`--format json=x.md x.md`
// would replace the record with its own report).
void refuse_outputs_over_inputs(const std::vector<std::unique_ptr<Output>>& outputs,
                                const std::vector<std::string>& files) {
  for (const auto& o : outputs) {
    if (o->path.empty()) continue;
    struct stat target {};
    if (::stat(o->path.c_str(), &target) != 0) continue;  // a new file cannot be an input
    for (const std::string& f : files) {
      struct stat input {};
      if (::stat(f.c_str(), &input) == 0 && input.st_dev == target.st_dev &&
          input.st_ino == target.st_ino) {
        throw UsageError(fmt::format("{} is one of the files checked; write the report elsewhere",
                                     escape_for_message(o->path)));
      }
    }
  }
}

std::vector<std::unique_ptr<Output>> open_outputs(const CheckCliOptions& options,
                                                  const std::vector<std::string>& formats,
                                                  const CheckRenderOptions& render,
                                                  const ScoringModel& model, std::ostream& out) {
  std::vector<std::unique_ptr<Output>> outputs;
  bool stdout_taken = false;
  for (const std::string& spec : formats) {
    const auto eq = spec.find('=');
    const std::string name = spec.substr(0, eq);
    const auto format = parse_check_format(name);
    if (!format) {
      throw UsageError(fmt::format("--format {}: unknown format '{}' ({})",
                                   escape_for_message(spec), escape_for_message(name),
                                   join(names_of(check_formats()), ", ")));
    }
    auto output = std::make_unique<Output>();
    output->path = eq == std::string::npos ? "" : spec.substr(eq + 1);
    if (output->path.empty() && !options.output.empty() && !stdout_taken) {
      output->path = options.output;
      stdout_taken = true;  // --output takes the one format without a file
    } else if (output->path.empty()) {
      if (stdout_taken) {
        throw UsageError(
            "--format: only one format can go to standard output; give the others =FILE");
      }
      stdout_taken = true;
    }
    CheckRenderOptions mine = render;
    if (!output->path.empty()) mine.color = false;
    output->renderer =
        make_check_renderer(*format, output->path.empty() ? out : output->text, model, mine);
    outputs.push_back(std::move(output));
  }
  return outputs;
}

int run_check(const CheckCliOptions& options, const Streams& io, const GlobalOptions& global) {
  CheckOptions check;
  check.today = options.today.empty() ? io.env.today : options.today;
  if (!options.today.empty() && !is_iso_date(options.today)) {
    throw UsageError(fmt::format("--today {}: expected a date written YYYY-MM-DD",
                                 escape_for_message(options.today)));
  }
  check.rule_levels = rule_levels(options.rules);
  const Config config = load_settings(options);
  ModelPaths model_paths = options.model;
  if (model_paths.criteria.empty() && config.criteria)
    model_paths.criteria = configured_model_file(config, *config.criteria);
  if (model_paths.pricing.empty() && config.pricing)
    model_paths.pricing = {configured_model_file(config, *config.pricing)};
  check.rule_levels.insert(check.rule_levels.begin(), config.rules.begin(), config.rules.end());
  if (config.low_margin_points) check.low_margin_points = *config.low_margin_points;
  const auto model = load_model(model_paths, io);
  check.engine.samples = 200;  // enough for low-margin; checks run in CI on every push

  CheckInputs inputs = find_check_inputs(options.paths, config);
  const std::vector<std::string>& files = inputs.files;
  std::vector<Diagnostic>& unreadable = inputs.unreadable;

  const Level fail_on = options.fail_on.empty() ? config.fail_on.value_or(Level::error)
                                                : *parse_fail_on(options.fail_on);
  CheckRenderOptions render;
  render.color = use_color(global, io.env);
  render.step_summary_path = io.env.github_step_summary;
  render.fail_on = fail_on;
  const std::vector<std::string> formats =
      options.formats.empty() ? std::vector<std::string>{"text"} : options.formats;
  const auto outputs = open_outputs(options, formats, render, *model, io.out);
  refuse_outputs_over_inputs(outputs, files);
  // Flip points, the hybrid pattern and the checklist cost time, and only
  // the JSON report shows them.
  check.engine.flip_points = std::any_of(formats.begin(), formats.end(), [](const std::string& f) {
    return f.substr(0, f.find('=')) == "json";
  });
  check.engine.advice = check.engine.flip_points;
  check.engine.explain = check.engine.flip_points;
  for (const auto& d : unreadable) {
    for (auto& o : outputs) o->renderer->error(d);
  }
  print_diagnostics(io.err, unreadable);

  CheckSummary summary;
  bool fails = false;
  // Workers read and check files; this thread renders in file order.
  struct Checked {
    std::optional<FileCheck> result;
    std::vector<Diagnostic> unreadable;
  };
  const auto check_one = [&](std::size_t i) {
    Checked checked;
    try {
      const std::string text = read_text_file(files[i]);
      checked.result.emplace(check_markdown(*model, text, files[i], check));
    } catch (const InputError& e) {
      checked.unreadable = e.diagnostics();
    }
    return checked;
  };
  const auto started = std::chrono::steady_clock::now();
  Progress progress(io.err, io.env.stderr_is_terminal && !io.quiet, files.size(), "files");
  const std::size_t jobs = options.jobs == 0 ? available_cores() : options.jobs;
  ordered_parallel<Checked>(files.size(), jobs, check_one, [&](std::size_t, Checked& checked) {
    progress.tick();
    if (!checked.result) {
      unreadable.insert(unreadable.end(), checked.unreadable.begin(), checked.unreadable.end());
      print_diagnostics(io.err, checked.unreadable);
      for (const auto& d : checked.unreadable) {
        for (auto& o : outputs) o->renderer->error(d);
      }
      return;
    }
    const FileCheck& result = *checked.result;
    ++summary.files;
    summary.records += result.records.size();
    for (const Finding& f : result.findings) {
      ++summary.by_level[static_cast<std::size_t>(f.level)];
      if (fail_on != Level::off && f.level <= fail_on) fails = true;
    }
    for (auto& o : outputs) o->renderer->file(result);
  });
  progress.finish();
  if (io.verbose) {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    io.err << verbose_summary("files", files.size(), jobs, took.count());
  }
  for (auto& o : outputs) {
    o->renderer->finish(summary);
    if (!o->path.empty()) write_file_atomically(o->path, o->text.str());
  }
  if (summary.records == 0 && !options.allow_empty) {
    io.err
        << "aidecide: error: no decision record found; a check that checked nothing must not pass "
           "(add --allow-empty to accept that)\n";
    return static_cast<int>(ExitCode::invalid_input);
  }
  if (!unreadable.empty()) return static_cast<int>(ExitCode::invalid_input);
  return static_cast<int>(fails ? ExitCode::findings : ExitCode::success);
}

}  // namespace

Runner setup_check(CLI::App& app, Completions& completions) {
  auto options = std::make_shared<CheckCliOptions>();
  app.add_option("paths", options->paths,
                 "Markdown files or folders (every .md inside, templates skipped); default: the "
                 "usual ADR folders")
      ->type_name("PATH");
  const auto format_names = names_of(check_formats());
  completions.options.emplace_back(
      app.add_option("-f,--format", options->formats,
                     fmt::format("Output format, repeatable, each optionally to a file: {} "
                                 "(default: text); e.g. --format github --format sarif=out.sarif",
                                 join_words(format_names, " or ")))
          ->type_name("FORMAT[=FILE]")
          ->allow_extra_args(false),
      [format_names] { return format_names; });
  app.add_option("-o,--output", options->output,
                 "Write the format given without =FILE to this file")
      ->type_name("FILE");
  add_choice(app, completions, "--fail-on", options->fail_on, fail_on_names(),
             "Exit 1 when a finding is at or above");
  app.add_option("--config", options->config,
                 "Settings file (default: the nearest .aidecide.yaml up to the repository root)")
      ->type_name("FILE");
  app.add_flag("--no-config", options->no_config, "Ignore .aidecide.yaml");
  std::vector<std::string> rule_values;  // ID=LEVEL, for completion
  for (const auto& r : check_rules()) {
    for (const auto& level : levels())
      rule_values.push_back(fmt::format("{}={}", r.id, level.name));
  }
  completions.options.emplace_back(
      app.add_option(
          "--rule", options->rules,
          fmt::format("Change a rule's level: ID={} (repeatable)", join(names_of(levels()), "|"))),
      [rule_values] { return rule_values; });
  app.get_option("--rule")->type_name("ID=LEVEL")->allow_extra_args(false);
  app.add_option("--today", options->today, "Date used for override expiry (default: today)")
      ->type_name("YYYY-MM-DD");
  app.add_option("-j,--jobs", options->jobs,
                 "Check on N threads (0: every available core); the output is the same for any N")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  app.add_flag("--allow-empty", options->allow_empty,
               "Succeed even when no decision record is found");
  add_model_options(app, options->model);
  app.footer(
      "Examples:\n"
      "  aidecide check                       the usual ADR folders (docs/adr, docs/decisions "
      "...)\n"
      "  aidecide check docs/adr/0007-assistant.md\n"
      "  aidecide check --format github --fail-on warning docs/adr/\n"
      "  aidecide check --format github --format sarif=aidecide.sarif --format junit=junit.xml\n"
      "  aidecide check --rule low-margin=off --today 2026-12-01 docs/");
  return [options](const Streams& io, const GlobalOptions& global) {
    return run_check(*options, io, global);
  };
}

}  // namespace aidecide::cli
