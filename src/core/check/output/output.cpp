// SPDX-License-Identifier: MIT
// The check output formats' table: adding a format touches its own file
// here and one row below (docs/architecture.md).
#include <array>

#include "check/output/common.hpp"

namespace aidecide {

// The makers, one per file of this folder.
CheckRendererPtr make_text_check_renderer(std::ostream& out, const ScoringModel& model,
                                          const CheckRenderOptions& options);
CheckRendererPtr make_json_check_renderer(std::ostream& out, const ScoringModel& model,
                                          const CheckRenderOptions& options);
CheckRendererPtr make_github_check_renderer(std::ostream& out, const ScoringModel& model,
                                            const CheckRenderOptions& options);
CheckRendererPtr make_junit_check_renderer(std::ostream& out, const ScoringModel& model,
                                           const CheckRenderOptions& options);
CheckRendererPtr make_sarif_check_renderer(std::ostream& out, const ScoringModel& model,
                                           const CheckRenderOptions& options);
CheckRendererPtr make_gitlab_check_renderer(std::ostream& out, const ScoringModel& model,
                                            const CheckRenderOptions& options);

namespace {

struct CheckFormatRow {
  Named<CheckFormat> name;
  CheckRendererPtr (*make)(std::ostream&, const ScoringModel&, const CheckRenderOptions&);
};

constexpr auto kCheckFormats = std::to_array<CheckFormatRow>({
    {{CheckFormat::text, "text"}, &make_text_check_renderer},
    {{CheckFormat::json, "json"}, &make_json_check_renderer},
    {{CheckFormat::github, "github"}, &make_github_check_renderer},
    {{CheckFormat::junit, "junit"}, &make_junit_check_renderer},
    {{CheckFormat::sarif, "sarif"}, &make_sarif_check_renderer},
    {{CheckFormat::gitlab, "gitlab"}, &make_gitlab_check_renderer},
});

constexpr std::array<Named<CheckFormat>, kCheckFormats.size()> kCheckFormatNames = [] {
  std::array<Named<CheckFormat>, kCheckFormats.size()> names{};
  for (std::size_t i = 0; i < kCheckFormats.size(); ++i) names[i] = kCheckFormats[i].name;
  return names;
}();

}  // namespace

std::span<const Named<CheckFormat>> check_formats() {
  return kCheckFormatNames;
}

std::optional<CheckFormat> parse_check_format(std::string_view text) {
  return parse_named(check_formats(), text);
}

std::unique_ptr<CheckRenderer> make_check_renderer(CheckFormat format, std::ostream& out,
                                                   const ScoringModel& model,
                                                   const CheckRenderOptions& options) {
  for (const auto& row : kCheckFormats) {
    if (row.name.value == format) return row.make(out, model, options);
  }
  throw Error("unknown check format");
}

}  // namespace aidecide
