// SPDX-License-Identifier: MIT
// `aidecide completion bash|zsh|fish`: shell completions generated from the
// CLI definitions themselves (options, and the values each option and
// operand takes, registered with them), so they cannot drift.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "aidecide/text.hpp"
#include "commands.hpp"

namespace aidecide::cli {
namespace {

struct CompletionOptions {
  std::string shell;
  CLI::App* app = nullptr;
  const Completions* completions = nullptr;
};

struct OptionInfo {
  std::vector<std::string> names;   // --long and -s names
  bool takes_value = false;         // not a flag
  std::vector<std::string> values;  // what follows it (empty: files)
};

struct CommandInfo {
  std::string name;
  std::string summary;
  std::vector<OptionInfo> options;
  std::vector<std::string> operands;  // what its operands are (empty: files)
};

std::vector<std::string> values_of(const Completions& completions, const CLI::Option* o) {
  for (const auto& [option, values] : completions.options) {
    if (option == o) return values();
  }
  return {};
}

OptionInfo describe(const Completions& completions, const CLI::Option& o) {
  OptionInfo info;
  for (const auto& l : o.get_lnames()) info.names.push_back("--" + l);
  for (const auto& s : o.get_snames()) info.names.push_back("-" + s);
  info.takes_value = o.get_type_size() != 0;
  info.values = values_of(completions, &o);
  return info;
}

std::vector<CommandInfo> describe(CLI::App& root, const Completions& completions) {
  std::vector<CommandInfo> out;
  for (CLI::App* sub : root.get_subcommands({})) {
    CommandInfo info{sub->get_name(), sub->get_description(), {}, {}};
    for (const CLI::Option* o : sub->get_options()) {
      if (o->get_lnames().empty() && o->get_snames().empty()) continue;  // an operand
      info.options.push_back(describe(completions, *o));
    }
    for (const auto& [app, values] : completions.operands) {
      if (app == sub) info.operands = values();
    }
    out.push_back(std::move(info));
  }
  return out;
}

// Single quotes for the shell: values are ids and names, but say so once.
std::string quoted(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    for (char c : w) {
      if (c == '\'') {
        out += "'\\''";
      } else {
        out += c;
      }
    }
  }
  return "'" + out + "'";
}

std::vector<std::string> all_names(const std::vector<OptionInfo>& options) {
  std::vector<std::string> names;
  for (const auto& o : options) names.insert(names.end(), o.names.begin(), o.names.end());
  return names;
}

// KEY=VALUE options (--set, --rule) in bash, which splits words at '=':
// the keys first, then the values of the key before the '='.
std::string bash_key_values(const std::string& option, const std::vector<std::string>& values) {
  std::vector<std::pair<std::string, std::vector<std::string>>> keys;  // in their order
  for (const auto& v : values) {
    const auto eq = v.find('=');
    const std::string key = v.substr(0, eq);
    if (keys.empty() || keys.back().first != key)
      keys.emplace_back(key, std::vector<std::string>{});
    if (eq + 1 < v.size()) keys.back().second.push_back(v.substr(eq + 1));
  }
  std::vector<std::string> ids;
  std::string cases;
  for (const auto& [id, list] : keys) {
    ids.push_back(id);
    cases += fmt::format("        {}) words={} ;;\n", id, quoted(list));
  }
  return fmt::format(R"(    key=""
    if [ "$prev" = "=" ] && [ "${{COMP_WORDS[COMP_CWORD-3]}}" = {0} ]; then key=${{COMP_WORDS[COMP_CWORD-2]}}
    elif [ "$cur" = "=" ] && [ "${{COMP_WORDS[COMP_CWORD-2]}}" = {0} ]; then key=$prev; cur=""
    elif [ "$prev" = {0} ]; then
      compopt -o nospace 2>/dev/null
      COMPREPLY=($(compgen -S = -W {1} -- "$cur"))
      return
    fi
    if [ -n "$key" ]; then
      words=""
      case "$key" in
{2}      esac
      COMPREPLY=($(compgen -W "$words" -- "$cur"))
      return
    fi
)",
                     option, quoted(ids), cases);
}

std::string bash_script(const std::vector<CommandInfo>& commands, const std::string& global,
                        const std::vector<std::string>& colors) {
  std::vector<std::string> names;
  for (const auto& c : commands) names.push_back(c.name);
  std::string cases;
  for (const auto& c : commands) {
    std::string values;
    std::string set;
    for (const auto& o : c.options) {
      if (o.values.empty()) continue;
      if (std::any_of(o.values.begin(), o.values.end(),
                      [](const std::string& v) { return v.find('=') != std::string::npos; })) {
        set += bash_key_values(o.names.front(), o.values);
        continue;
      }
      values += fmt::format("        {}) COMPREPLY=($(compgen -W {} -- \"$cur\")); return ;;\n",
                            join(o.names, "|"), quoted(o.values));
    }
    const std::string operands =
        c.operands.empty()
            ? "COMPREPLY=($(compgen -f -- \"$cur\"))"
            : fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\"))", quoted(c.operands));
    cases += fmt::format(
        "  {})\n{}    case \"$prev\" in\n{}    esac\n"
        "    if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W {} -- \"$cur\"))\n"
        "    else {}; fi ;;\n",
        c.name, set, values, quoted(all_names(c.options)), operands);
  }
  return fmt::format(R"(# bash completion for aidecide (generated by 'aidecide completion bash')
_aidecide() {{
  local cur prev cmd i key words
  cur="${{COMP_WORDS[COMP_CWORD]}}"
  prev="${{COMP_WORDS[COMP_CWORD-1]}}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${{COMP_WORDS[i]}}" in --color) ((i++)) ;; -*) ;; *) cmd="${{COMP_WORDS[i]}}"; break ;; esac
  done
  if [ -z "$cmd" ]; then
    if [ "$prev" = --color ]; then COMPREPLY=($(compgen -W {} -- "$cur")); return; fi
    COMPREPLY=($(compgen -W "{} {}" -- "$cur"))
    return
  fi
  case "$cmd" in
{}  esac
}}
complete -o filenames -F _aidecide aidecide
)",
                     quoted(colors), join(names, " "), global, cases);
}

// zsh: "(values)" after an option, or files.
std::string zsh_action(const std::vector<std::string>& values) {
  if (values.empty()) return ":file:_files";
  std::string words;
  for (const auto& v : values) words += (words.empty() ? "" : " ") + v;
  return fmt::format(":value:({})", words);
}

std::string zsh_script(const std::vector<CommandInfo>& commands) {
  std::string subs;
  for (const auto& c : commands) subs += fmt::format("    '{}:{}'\n", c.name, c.summary);
  std::string cases;
  for (const auto& c : commands) {
    std::string args;
    for (const auto& o : c.options) {
      for (const auto& n : o.names)
        args += fmt::format("'{}[]{}' ", n, o.takes_value ? zsh_action(o.values) : "");
    }
    cases += fmt::format("    {}) _arguments '*{}' {} ;;\n", c.name,
                         c.operands.empty() ? ":file:_files" : zsh_action(c.operands), args);
  }
  return fmt::format(R"(#compdef aidecide
# zsh completion for aidecide (generated by 'aidecide completion zsh')
_aidecide() {{
  local -a commands
  commands=(
{}  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case "${{words[2]}}" in
{}  esac
}}
_aidecide "$@"
)",
                     subs, cases);
}

std::string fish_script(const std::vector<CommandInfo>& commands) {
  std::string out = "# fish completion for aidecide (generated by 'aidecide completion fish')\n";
  for (const auto& c : commands) {
    out += fmt::format("complete -c aidecide -n '__fish_use_subcommand' -a {} -d '{}'\n", c.name,
                       c.summary);
    const std::string when = fmt::format("-n '__fish_seen_subcommand_from {}'", c.name);
    if (!c.operands.empty())
      out += fmt::format("complete -c aidecide {} -f -a '{}'\n", when, join(c.operands, " "));
    for (const auto& o : c.options) {
      std::string names;
      for (const auto& n : o.names)
        names += n.starts_with("--") ? " -l " + n.substr(2) : " -s " + n.substr(1);
      const std::string values =
          o.values.empty() ? "" : fmt::format(" -x -a '{}'", join(o.values, " "));
      out += fmt::format("complete -c aidecide {}{}{}\n", when, names, values);
    }
  }
  return out;
}

struct Shell {
  std::string_view name;
  std::string (*script)(const std::vector<CommandInfo>&, const CompletionOptions&);
};

std::string root_options(const CompletionOptions& options) {
  CLI::App* root = options.app;
  while (root->get_parent() != nullptr) root = root->get_parent();
  std::vector<std::string> global;  // the root's own options
  for (const CLI::Option* o : root->get_options()) {
    for (const auto& l : o->get_lnames()) global.push_back("--" + l);
  }
  return join(global, " ");
}

std::vector<std::string> root_values(const CompletionOptions& options, std::string_view name) {
  CLI::App* root = options.app;
  while (root->get_parent() != nullptr) root = root->get_parent();
  for (const CLI::Option* o : root->get_options()) {
    if (o->check_lname(std::string(name))) return values_of(*options.completions, o);
  }
  return {};
}

// The shells: one row each, for parsing, help and the scripts.
const auto kShells = std::to_array<Shell>({
    {"bash",
     [](const std::vector<CommandInfo>& c, const CompletionOptions& o) {
       return bash_script(c, root_options(o), root_values(o, "color"));
     }},
    {"zsh",
     [](const std::vector<CommandInfo>& c, const CompletionOptions&) { return zsh_script(c); }},
    {"fish",
     [](const std::vector<CommandInfo>& c, const CompletionOptions&) { return fish_script(c); }},
});

std::vector<std::string> shell_names() {
  std::vector<std::string> names;
  for (const Shell& s : kShells) names.emplace_back(s.name);
  return names;
}

int run_completion(const CompletionOptions& options, const Streams& io) {
  CLI::App* root = options.app;
  while (root->get_parent() != nullptr) root = root->get_parent();
  const auto commands = describe(*root, *options.completions);
  for (const Shell& s : kShells) {
    if (s.name == options.shell) io.out << s.script(commands, options);
  }
  return static_cast<int>(ExitCode::success);
}

}  // namespace

Runner setup_completion(CLI::App& app, Completions& completions) {
  auto options = std::make_shared<CompletionOptions>();
  options->app = &app;
  options->completions = &completions;
  add_choice(app, completions, "shell", options->shell, shell_names(), "The shell")->required();
  app.footer(
      "Examples:\n  source <(aidecide completion bash)\n"
      "  aidecide completion zsh > \"${fpath[1]}/_aidecide\"\n"
      "  aidecide completion fish > ~/.config/fish/completions/aidecide.fish");
  return
      [options](const Streams& io, const GlobalOptions&) { return run_completion(*options, io); };
}

}  // namespace aidecide::cli
