// SPDX-License-Identifier: MIT
#include "commands/check_inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "aidecide/files.hpp"
#include "aidecide/glob.hpp"

namespace aidecide::cli {
namespace {
namespace fs = std::filesystem;

// The folders ADR tools use, in the order they are looked for.
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

// Markdown files under `dir`, sorted; links are never followed.
void collect_markdown(const fs::path& dir, const Exclusions& exclusions,
                      std::vector<std::string>& out) {
  std::error_code ec;
  std::vector<std::string> found;
  const fs::path resolved_dir = resolved(dir);
  const auto excluded = [&](const fs::path& p, bool is_directory) {
    return exclusions.excluded(resolved_dir / p.lexically_relative(dir), is_directory);
  };
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_symlink(ec)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(ec)) {
      if (skipped_directory(it->path()) || excluded(it->path(), true))
        it.disable_recursion_pending();
      continue;
    }
    if (it->path().extension() == ".md" && !is_template(it->path()) && !excluded(it->path(), false))
      found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
}

std::vector<std::string> default_paths() {
  std::vector<std::string> paths;
  std::ifstream adr_dir(".adr-dir");  // adr-tools: the folder on the first line
  std::string line;
  if (adr_dir && std::getline(adr_dir, line) && !line.empty()) paths.push_back(line);
  // log4brains: "adrFolder: ./docs/adr" under "project:" in .log4brains.yml.
  std::ifstream log4brains(".log4brains.yml");
  while (log4brains && std::getline(log4brains, line)) {
    const auto at = line.find("adrFolder:");
    if (at == std::string::npos) continue;
    std::string folder = line.substr(at + 10);
    folder.erase(0, folder.find_first_not_of(" \t\"'"));
    folder.erase(folder.find_last_not_of(" \t\"'\r") + 1);
    if (folder.starts_with("./")) folder.erase(0, 2);
    if (!folder.empty()) paths.push_back(folder);
  }
  for (const auto& f : kAdrFolders) {
    std::error_code ec;
    if (fs::is_directory(f, ec) && std::find(paths.begin(), paths.end(), f) == paths.end())
      paths.push_back(f);
  }
  return paths;
}

// What the configuration and .gitignore leave out, once per run.
Exclusions make_exclusions(const Config& config) {
  Exclusions exclusions;
  exclusions.config_dir = resolved(config.dir.empty() ? "." : config.dir);
  exclusions.patterns = config.exclude;
  if (const std::string root = find_repository_root("."); !root.empty())
    exclusions.repository_root = resolved(root);
  if (!exclusions.repository_root.empty()) {
    const fs::path gitignore = exclusions.repository_root / ".gitignore";
    std::error_code ec;
    if (fs::is_regular_file(gitignore, ec)) {
      exclusions.gitignore = IgnoreRules::from_gitignore(read_text_file(gitignore.string()));
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

CheckInputs find_check_inputs(const std::vector<std::string>& paths, const Config& config) {
  CheckInputs inputs;
  std::vector<std::string> configured;
  for (const auto& p : config.paths) configured.push_back(from_config(config, p));
  const std::vector<std::string> roots = !paths.empty()        ? paths
                                         : !configured.empty() ? configured
                                                               : default_paths();
  if (paths.empty() && roots.empty()) {
    inputs.unreadable.push_back(
        {".",
         {},
         "no paths given and no ADR folder found (looked for .adr-dir, docs/decisions, docs/adr, "
         "doc/adr, docs/architecture/decisions)"});
  }
  const Exclusions exclusions = make_exclusions(config);
  for (const std::string& root : roots) {
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      collect_markdown(root, exclusions, inputs.files);
    } else if (fs::exists(root, ec)) {
      inputs.files.push_back(root);
    } else {
      inputs.unreadable.push_back({root, {}, "cannot read: no such file or directory"});
    }
  }
  return inputs;
}

}  // namespace aidecide::cli
