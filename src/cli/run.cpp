// SPDX-License-Identifier: MIT
#include "run.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

#include "aidecide/diagnostic.hpp"
#include "aidecide/escape.hpp"
#include "aidecide/files.hpp"
#include "aidecide/number_format.hpp"
#include "aidecide/text.hpp"
#include "commands.hpp"

namespace aidecide::cli {
namespace {

// ninja's kTools[]: every subcommand in one place.
const CommandSpec kCommands[] = {
    {"ask", "Answer the questionnaire interactively (or from a pipe) and get a recommendation",
     &setup_ask},
    {"score", "Score project profiles and recommend cloud, local or hybrid", &setup_score},
    {"check", "Re-score the decision records in architecture documents (a CI gate)", &setup_check},
    {"adr", "Write an architecture decision record for a profile", &setup_adr},
    {"explain", "Show the criteria, weights, utilities and constraints behind the scores",
     &setup_explain},
    {"prices", "Import a price list (LiteLLM, SkyPilot) as a pricing overlay", &setup_prices},
    {"validate", "Check profiles, criteria, pricing, presets, config and ADRs without scoring",
     &setup_validate},
    {"completion", "Print shell completions: bash, zsh or fish", &setup_completion, true},
    {"schema", "Print a JSON Schema: profile, record, config, criteria or output", &setup_schema},
    {"man", "Print the aidecide(1) manual page (roff)", &setup_man, true},
};

// --color's values (GlobalOptions::color).
const std::vector<std::string> kColors{"auto", "always", "never"};

constexpr std::string_view kDescription =
    "aidecide helps a team decide where its AI models should run: on hosted APIs (cloud), "
    "on open-weight models it serves itself (local), or split between them (hybrid).";

constexpr std::string_view kFooter =
    "Examples:\n"
    "  aidecide ask --save my-project.yaml      answer the questions, saving as you go\n"
    "  aidecide score profiles/                 score every profile in a directory\n"
    "  aidecide score my-project.yaml           full explanation for one profile\n"
    "  aidecide score --format json profiles/   machine-readable results\n"
    "  aidecide check docs/adr/                 fail when a recorded decision no longer holds\n"
    "\nDocumentation: README.md and docs/ (installed under share/doc/aidecide).";

// "version: N" of the embedded criteria, without parsing them: --version
// must stay instant.
std::string embedded_criteria_version() {
  const std::string_view text = embedded_criteria_text();
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    if (line.starts_with("version:")) {
      const auto value = line.substr(8);
      const auto first = value.find_first_not_of(' ');
      return first == std::string_view::npos ? "?" : std::string(value.substr(first));
    }
    at = end + 1;
  }
  return "?";
}

std::string version_text() {
  return fmt::format(
      "aidecide {}\n"
      "criteria version {} (embedded)\n"
      "built with {} {}, {} build; CLI11 {}, fmt {}.{}.{}, nlohmann_json {}.{}.{}, yaml-cpp {}",
      AIDECIDE_VERSION, embedded_criteria_version(),
#if defined(__clang__)
      "clang",
#else
      "g++",
#endif
      __VERSION__, AIDECIDE_BUILD_TYPE, CLI11_VERSION, FMT_VERSION / 10000, FMT_VERSION / 100 % 100,
      FMT_VERSION % 100, NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
      NLOHMANN_JSON_VERSION_PATCH, AIDECIDE_YAML_CPP_VERSION);
}

}  // namespace

bool use_color(const GlobalOptions& global, const Environment& env) {
  if (global.color == "always") return true;
  if (global.color == "never") return false;
  return env.stdout_is_terminal && !env.no_color && !env.dumb_terminal;
}

void print_diagnostics(std::ostream& err, const std::vector<Diagnostic>& diagnostics) {
  // The terminal sink: file names and values in a message come from inputs.
  for (const auto& d : diagnostics)
    err << "aidecide: error: " << escape_for_message(d.to_string()) << '\n';
}

CLI::Option* add_choice(CLI::App& app, Completions& completions, const std::string& flags,
                        std::string& target, const std::vector<std::string>& names,
                        const std::string& help) {
  CLI::Option* option =
      app.add_option(flags, target, fmt::format("{}: {}", help, join_words(names, " or ")))
          ->check(CLI::IsMember(names));
  if (option->get_lnames().empty() && option->get_snames().empty()) {
    completions.operands.emplace_back(&app, [names] { return names; });
  } else {
    completions.options.emplace_back(option, [names] { return names; });
  }
  return option;
}

std::vector<std::string> set_values() {
  std::vector<std::string> values;
  for (const Criterion& c : embedded_questionnaire().criteria) {
    if (!c.answerable()) continue;
    if (c.kind == CriterionKind::choice) {
      for (const auto& a : c.answers) values.push_back(fmt::format("{}={}", c.id, a.id));
    } else {
      values.push_back(c.id + "=");
    }
    values.push_back(c.id + "=unknown");
  }
  return values;
}

CLI::Option* add_set_option(CLI::App& app, Completions& completions,
                            std::vector<std::string>& target, const std::string& help) {
  CLI::Option* option =
      app.add_option("--set", target, help)->type_name("KEY=VALUE")->allow_extra_args(false);
  completions.options.emplace_back(option, &set_values);
  return option;
}

void add_model_options(CLI::App& app, ModelPaths& paths) {
  app.add_option("--criteria", paths.criteria, "Criteria file to use instead of the built-in one")
      ->type_name("FILE");
  app.add_option("--pricing", paths.pricing,
                 "Pricing file to use instead of the built-in one, or an overlay that changes "
                 "the prices it names (repeat: a file, then overlays in order)")
      ->type_name("FILE")
      ->allow_extra_args(false);
  app.add_flag("--no-trends", paths.no_trends,
               "Cost the horizon at today's prices (no yearly fall of hosted prices and GPU "
               "rents)");
}

std::unique_ptr<ScoringModel> load_model(const ModelPaths& paths, const Streams& io) {
  const std::string criteria_source =
      paths.criteria.empty() ? std::string(kEmbeddedCriteriaSource) : paths.criteria;
  Questionnaire q = paths.criteria.empty()
                        ? embedded_questionnaire()
                        : load_questionnaire(read_text_file(paths.criteria), criteria_source);
  std::vector<PricingText> files;
  for (const std::string& path : paths.pricing) files.push_back({path, read_text_file(path)});
  Pricing p = load_pricing_files(files, q);
  if (paths.no_trends) {
    p.hosted_price_change_per_year.value = 0;
    p.self_host_cost_change_per_year.value = 0;
  }
  const std::string pricing_source =
      paths.pricing.empty() ? std::string(kEmbeddedPricingSource) : p.source;
  auto model = std::make_unique<ScoringModel>(std::move(q), std::move(p));
  if (io.verbose) {
    io.err << fmt::format("aidecide: criteria {} (version {}), pricing {} (prices as of {})\n",
                          criteria_source, model->questionnaire.version, pricing_source,
                          model->pricing.oldest_as_of());
  }
  // Prices move fast: say so when the data is more than a year old.
  const std::string oldest = model->pricing.oldest_as_of();
  if (io.env.today.size() == 10 && !io.quiet) {
    const std::string year_ago =
        fmt::format("{}{}", std::stoi(io.env.today.substr(0, 4)) - 1, io.env.today.substr(4));
    if (oldest < year_ago) {
      io.err << fmt::format(
          "aidecide: warning: {}: some prices date from {}, more than a year ago; "
          "check them and update as_of\n",
          escape_for_message(pricing_source), oldest);
    }
  }
  return model;
}

std::string verbose_summary(std::string_view noun, std::size_t count, std::size_t jobs,
                            double seconds) {
  const std::size_t threads = std::max<std::size_t>(1, std::min(jobs, count));
  if (count == 1) noun.remove_suffix(1);  // "1 profile"
  return fmt::format(
      "aidecide: {} {} in {:.2f} s ({}/s) on {} {}\n", count, noun, seconds,
      format_number(seconds > 0 ? std::round(static_cast<double>(count) / seconds) : 0.0), threads,
      threads == 1 ? "thread" : "threads");
}

int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err,
        const Environment& env) {
  CLI::App app{std::string(kDescription), "aidecide"};
  app.footer(std::string(kFooter));
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  GlobalOptions global;
  Completions completions;
  add_choice(app, completions, "--color", global.color, kColors,
             "Colour output (auto: a terminal without NO_COLOR)")
      ->capture_default_str();
  app.add_flag("-q,--quiet", global.quiet,
               "Print only errors on stderr: no warnings, notes or progress");
  app.add_flag("-v,--verbose", global.verbose,
               "Say on stderr what is read and how long each step took");
  // Only a command named first has its options set up: all ten cost 0.9 M
  // instructions, about 0.2 ms of the 4 ms that scoring one profile takes.
  // A global option first (`--help`, `-q`), or a command that reads every
  // command's options, sets up all.
  const std::string_view first = argc > 1 ? argv[1] : "";
  const auto named = std::find_if(std::begin(kCommands), std::end(kCommands),
                                  [&](const CommandSpec& spec) { return spec.name == first; });
  const bool every = named == std::end(kCommands) || named->reads_every_command;
  std::vector<std::pair<CLI::App*, Runner>> runners;
  for (const auto& spec : kCommands) {
    CLI::App* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
    sub->fallthrough();
    if (every || spec.name == first) runners.emplace_back(sub, spec.setup(*sub, completions));
  }
  // CLI11 would say "A subcommand is required" for a mistyped command.
  if (argc > 1 && !first.starts_with('-') && named == std::end(kCommands)) {
    std::vector<std::string> names;
    for (const auto& spec : kCommands) names.emplace_back(spec.name);
    const auto hint = did_you_mean(first, names);
    err << fmt::format(
        "aidecide: error: unknown command '{}'{}\nCommands: {}. Run 'aidecide --help' for "
        "usage.\n",
        escape_for_message(first), hint ? fmt::format("; did you mean '{}'?", *hint) : "",
        join_words(names, ", "));
    return static_cast<int>(ExitCode::invalid_input);
  }
  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      if (e.get_exit_code() == 0) {
        app.exit(e, out, err);
        return static_cast<int>(ExitCode::success);
      }
      err << "aidecide: error: " << escape_for_message(e.what())
          << "\nRun 'aidecide --help' for usage.\n";
      return static_cast<int>(ExitCode::invalid_input);
    }
    if (global.quiet && global.verbose)
      throw UsageError("--quiet and --verbose contradict each other");
    const Streams tuned{in, out, err, env, global.quiet, global.verbose};
    for (const auto& [sub, runner] : runners) {
      if (sub->parsed()) return runner(tuned, global);
    }
    return static_cast<int>(ExitCode::invalid_input);
  } catch (const InputError& e) {
    print_diagnostics(err, e.diagnostics());
    return static_cast<int>(ExitCode::invalid_input);
  } catch (const IoError& e) {
    err << "aidecide: error: " << escape_for_message(e.what()) << '\n';
    return static_cast<int>(ExitCode::invalid_input);
  } catch (const UsageError& e) {
    err << "aidecide: error: " << escape_for_message(e.what()) << '\n';
    return static_cast<int>(ExitCode::invalid_input);
  } catch (const std::exception& e) {
    err << "aidecide: internal error: " << escape_for_message(e.what())
        << "\nThis is a bug in aidecide; please report it with the command and input that caused "
           "it.\n";
    return static_cast<int>(ExitCode::internal_error);
  }
}

int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err, const Environment& env) {
  std::vector<const char*> argv;
  argv.reserve(args.size() + 1);
  for (const auto& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  return run(static_cast<int>(args.size()), argv.data(), in, out, err, env);
}

}  // namespace aidecide::cli
