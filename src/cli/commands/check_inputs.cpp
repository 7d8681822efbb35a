// SPDX-License-Identifier: MIT
#include "commands/check_inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "aidecide/files.hpp"
#include "aidecide/glob.hpp"
#include "aidecide/text.hpp"

namespace aidecide::cli {
namespace {
namespace fs = std::filesystem;

// The folders ADR tools use, in the order they are looked for.
// .adr-dir and .log4brains.yml name a folder: a few lines at most.
constexpr std::size_t kMaxSettingsBytes = 64 * 1024;

const std::vector<std::string> kAdrFolders{"docs/decisions", "docs/adr", "doc/adr",
                                           "docs/architecture/decisions"};

bool skipped_directory(const fs::path& p) {
  const std::string name = p.filename().string();
  return name == ".git" || name == "node_modules" || name == "templates" || name == "template";
}

bool is_template(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.starts_with("template") || name.starts_with("adr-template");
}

// The absolute path with symbolic links resolved, computed by the file
// system once per folder given, not once per file found in it.
fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? fs::absolute(p, ec).lexically_normal() : r;
}

// What the configuration and .gitignore leave out.
struct Exclusions {
  fs::path config_dir;                // resolved
  std::vector<std::string> patterns;  // relative to config_dir
  fs::path repository_root;           // resolved; empty outside a repository
  IgnoreRules gitignore;

  // `p` is resolved: the walk below never follows links, so an entry under
  // a resolved folder is resolved too.
  bool excluded(const fs::path& p, bool is_directory) const {
    if (!repository_root.empty()) {
      const std::string in_repo = p.lexically_relative(repository_root).generic_string();
      if (!in_repo.empty() && !in_repo.starts_with("..") &&
          gitignore.ignored(in_repo, is_directory))
        return true;
    }
    if (!patterns.empty()) {
      const std::string in_config = p.lexically_relative(config_dir).generic_string();
      for (const auto& pattern : patterns) {
        if (!in_config.empty() && glob_match(pattern, in_config)) return true;
      }
    }
    return false;
  }
};

// Markdown files under `dir`, sorted; links are never followed, and each
// link, special file or unlistable folder met is reported.
void collect_markdown(const fs::path& dir, const Exclusions& exclusions, CheckInputs& out) {
  const fs::path resolved_dir = resolved(dir);
  const auto excluded = [&](const fs::path& p, bool is_directory) {
    return exclusions.excluded(resolved_dir / p.lexically_relative(dir), is_directory);
  };
  FolderWalk walk = walk_folder(
      dir.string(),
      {.wanted =
           [&](const fs::path& p) {
             return p.extension() == ".md" && !is_template(p) && !excluded(p, false);
           },
       .pruned = [&](const fs::path& p) { return skipped_directory(p) || excluded(p, true); }});
  out.files.insert(out.files.end(), std::make_move_iterator(walk.files.begin()),
                   std::make_move_iterator(walk.files.end()));
  out.unreadable.insert(out.unreadable.end(), walk.skipped.begin(), walk.skipped.end());
}

// The first line of .adr-dir, and the adrFolder of .log4brains.yml, when
// the repository has them (read as settings files: plain files, bounded).
std::vector<std::string> tool_folders(std::vector<Diagnostic>& problems) {
  std::vector<std::string> paths;
  const auto read = [&](const char* name) -> std::string {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(name, ec))) return {};
    try {
      std::string text = read_settings_file(name, kMaxSettingsBytes);
      // A NUL or control character in a folder name would name another
      // folder than the one written ("docs\0x" is "docs" to the system).
      if (const auto bad = find_invalid_text(text)) {
        problems.push_back({name, bad->pos, bad->message});
        return {};
      }
      return text;
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
      return {};
    }
  };
  // adr-tools: the folder on the first line.
  const std::string adr_dir = read(".adr-dir");
  if (std::string line = adr_dir.substr(0, adr_dir.find('\n')); !line.empty()) {
    if (line.back() == '\r') line.pop_back();
    if (!line.empty()) paths.push_back(line);
  }
  // log4brains: "adrFolder: ./docs/adr" under "project:".
  const std::string log4brains = read(".log4brains.yml");
  for (std::size_t at = 0; at < log4brains.size();) {
    const std::size_t end = std::min(log4brains.find('\n', at), log4brains.size());
    const std::string_view line(log4brains.data() + at, end - at);
    at = end + 1;
    const auto key = line.find("adrFolder:");
    if (key == std::string_view::npos) continue;
    std::string folder(line.substr(key + 10));
    folder.erase(0, folder.find_first_not_of(" \t\"'"));
    folder.erase(folder.find_last_not_of(" \t\"'\r") + 1);
    if (folder.starts_with("./")) folder.erase(0, 2);
    if (!folder.empty()) paths.push_back(folder);
  }
  return paths;
}

std::vector<std::string> default_paths(std::vector<Diagnostic>& problems) {
  std::vector<std::string> paths = tool_folders(problems);
  for (const auto& f : kAdrFolders) {
    std::error_code ec;
    if (fs::is_directory(f, ec) && std::find(paths.begin(), paths.end(), f) == paths.end())
      paths.push_back(f);
  }
  return paths;
}

// What the configuration and .gitignore leave out, once per run.
Exclusions make_exclusions(const Config& config, std::vector<Diagnostic>& problems) {
  Exclusions exclusions;
  exclusions.config_dir = resolved(config.dir.empty() ? "." : config.dir);
  exclusions.patterns = config.exclude;
  if (const std::string root = find_repository_root("."); !root.empty())
    exclusions.repository_root = resolved(root);
  if (!exclusions.repository_root.empty()) {
    const fs::path gitignore = exclusions.repository_root / ".gitignore";
    std::error_code ec;
    if (fs::exists(fs::symlink_status(gitignore, ec))) {
      try {
        exclusions.gitignore = IgnoreRules::from_gitignore(read_settings_file(gitignore.string()));
      } catch (const InputError& e) {
        problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
      }
    }
  }
  return exclusions;
}

}  // namespace

std::string from_config(const Config& config, const std::string& path) {
  std::error_code ec;
  const fs::path joined = fs::path(config.dir) / path;
  const fs::path relative = fs::relative(joined, fs::current_path(ec), ec);
  return ec || relative.empty() ? joined.lexically_normal().string() : relative.string();
}

fs::path review_boundary() {
  const std::string root = find_repository_root(".");
  return resolved(root.empty() ? fs::path(".") : fs::path(root));
}

std::optional<Diagnostic> leaves_boundary(const std::string& path, const fs::path& boundary,
                                          bool named) {
  const auto inside = [&](const fs::path& p) {
    const fs::path rel = p.lexically_relative(boundary);
    return !rel.empty() && *rel.begin() != "..";
  };
  std::error_code ec;
  const fs::path as_written = fs::absolute(path, ec).lexically_normal();
  // The command line may name a path outside the repository; one that lies
  // in it must stay in it.
  if (named && !inside(as_written)) return std::nullopt;
  if (inside(resolved(path))) return std::nullopt;
  return Diagnostic{path,
                    {},
                    named || inside(as_written)
                        ? "not read: it leads outside the repository (through a symbolic link)"
                        : "not read: it lies outside the repository"};
}

CheckInputs find_check_inputs(const std::vector<std::string>& paths, const Config& config) {
  CheckInputs inputs;
  const fs::path boundary = review_boundary();
  std::vector<std::string> configured;
  for (const auto& p : config.paths) configured.push_back(from_config(config, p));
  const bool named = !paths.empty();
  const std::vector<std::string> roots = named                 ? paths
                                         : !configured.empty() ? configured
                                                               : default_paths(inputs.unreadable);
  if (!named && roots.empty() && inputs.unreadable.empty()) {
    inputs.unreadable.push_back(
        {".",
         {},
         "no paths given and no ADR folder found (looked for .adr-dir, docs/decisions, docs/adr, "
         "doc/adr, docs/architecture/decisions)"});
  }
  const Exclusions exclusions = make_exclusions(config, inputs.unreadable);
  for (const std::string& root : roots) {
    if (auto outside = leaves_boundary(root, boundary, named)) {
      inputs.unreadable.push_back(std::move(*outside));
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      collect_markdown(root, exclusions, inputs);
    } else if (fs::exists(root, ec)) {
      inputs.files.push_back(root);
    } else {
      inputs.unreadable.push_back({root, {}, "cannot read: no such file or directory"});
    }
  }
  return inputs;
}

}  // namespace aidecide::cli
