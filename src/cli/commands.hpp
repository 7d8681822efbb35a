// SPDX-License-Identifier: MIT
#pragma once
// The subcommand table: each entry declares its options on a CLI11 app and
// returns the function that runs it once parsing succeeded.

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string_view>

#include "aidecide/diagnostic.hpp"
#include "aidecide/engine.hpp"
#include "io/terminal.hpp"

namespace aidecide::cli {
using aidecide::ScoringModel;

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  const Environment& env;
  bool quiet = false;    // --quiet: errors only on stderr (no warnings, notes or progress)
  bool verbose = false;  // --verbose: say what is read and how long it took
};

// Options shared by every subcommand.
struct GlobalOptions {
  std::string color = "auto";  // auto | always | never
  bool quiet = false;
  bool verbose = false;
};

using Runner = std::function<int(const Streams&, const GlobalOptions&)>;

// What shell completion offers after an option or as a command's operand:
// registered by the setups with the option itself (add_choice), read by
// `aidecide completion`. Values are worked out only when asked for (the
// criteria's answers need the model).
using CompletionValues = std::function<std::vector<std::string>()>;
struct Completions {
  std::vector<std::pair<const CLI::Option*, CompletionValues>> options;
  std::vector<std::pair<const CLI::App*, CompletionValues>> operands;
};

struct CommandSpec {
  std::string_view name;
  std::string_view summary;
  // Adds the subcommand's options to `app` (and what completes them to
  // `completions`) and returns its runner; the runner reads the option
  // values captured by the setup.
  Runner (*setup)(CLI::App& app, Completions& completions);
  // Reads every command's options (help for all of them): run() then sets
  // up all, not only this one.
  bool reads_every_command = false;
};

Runner setup_score(CLI::App& app, Completions& completions);
Runner setup_check(CLI::App& app, Completions& completions);
Runner setup_adr(CLI::App& app, Completions& completions);
Runner setup_ask(CLI::App& app, Completions& completions);
Runner setup_explain(CLI::App& app, Completions& completions);
Runner setup_validate(CLI::App& app, Completions& completions);
Runner setup_prices(CLI::App& app, Completions& completions);
Runner setup_completion(CLI::App& app, Completions& completions);
Runner setup_schema(CLI::App& app, Completions& completions);
Runner setup_man(CLI::App& app, Completions& completions);

// An option (or operand) whose value is one of `names`, a closed set's
// table: --help and the man page list them after `help`, parsing refuses
// anything else, and completion offers them.
CLI::Option* add_choice(CLI::App& app, Completions& completions, const std::string& flags,
                        std::string& target, const std::vector<std::string>& names,
                        const std::string& help);

// --set KEY=VALUE (score, ask): completion offers the criterion ids, then
// the answers of the one typed.
CLI::Option* add_set_option(CLI::App& app, Completions& completions,
                            std::vector<std::string>& target, const std::string& help);
// "id=answer" for every answer of every choice criterion and "id=" for
// every number, of the embedded criteria.
std::vector<std::string> set_values();

// Loads the criteria and pricing once per process (embedded unless a path is
// given); warns on stale prices. Throws InputError.
struct ModelPaths {
  std::string criteria;
  std::vector<std::string> pricing;  // a pricing file and overlays, in order
  bool no_trends = false;            // --no-trends: today's prices across the horizon
};
std::unique_ptr<ScoringModel> load_model(const ModelPaths& paths, const Streams& io);

// --verbose: "aidecide: 120 profiles in 0.41 s (293/s) on 2 threads".
std::string verbose_summary(std::string_view noun, std::size_t count, std::size_t jobs,
                            double seconds);

// Adds --criteria FILE, --pricing FILE and --no-trends, shared by every command that scores.
void add_model_options(CLI::App& app, ModelPaths& paths);

// Whether to colour output, from --color, NO_COLOR and the terminal.
bool use_color(const GlobalOptions& global, const Environment& env);

// Prints "aidecide: error: <diagnostic>" lines.
void print_diagnostics(std::ostream& err, const std::vector<aidecide::Diagnostic>& diagnostics);

}  // namespace aidecide::cli
