// SPDX-License-Identifier: MIT
// The renderer table: adding a format touches its own file and one entry here.
#include <array>

#include "aidecide/render.hpp"

namespace aidecide {

std::unique_ptr<BatchRenderer> make_text_renderer(std::ostream& out, const ScoringModel& model,
                                                  const RenderOptions& options);
std::unique_ptr<BatchRenderer> make_json_renderer(std::ostream& out, const ScoringModel& model,
                                                  const RenderOptions& options);
std::unique_ptr<BatchRenderer> make_markdown_renderer(std::ostream& out, const ScoringModel& model,
                                                      const RenderOptions& options);
std::unique_ptr<BatchRenderer> make_html_renderer(std::ostream& out, const ScoringModel& model,
                                                  const RenderOptions& options);
std::unique_ptr<BatchRenderer> make_csv_renderer(std::ostream& out, const ScoringModel& model,
                                                 const RenderOptions& options);

namespace {
struct FormatEntry {
  Format format;
  std::string_view extension;
  std::unique_ptr<BatchRenderer> (*make)(std::ostream&, const ScoringModel&, const RenderOptions&);
};

constexpr std::array<FormatEntry, 5> kFormats{{
    {Format::text, "txt", &make_text_renderer},
    {Format::json, "json", &make_json_renderer},
    {Format::markdown, "md", &make_markdown_renderer},
    {Format::html, "html", &make_html_renderer},
    {Format::csv, "csv", &make_csv_renderer},
}};

const FormatEntry& entry(Format format) {
  for (const auto& e : kFormats) {
    if (e.format == format) return e;
  }
  throw Error("unknown output format");
}
}  // namespace

std::unique_ptr<BatchRenderer> make_renderer(Format format, std::ostream& out,
                                             const ScoringModel& model,
                                             const RenderOptions& options) {
  return entry(format).make(out, model, options);
}

std::string_view file_extension(Format format) {
  return entry(format).extension;
}

std::optional<SortKey> parse_sort_key(std::string_view text) {
  if (text == "input") return SortKey::input;
  if (text == "score") return SortKey::score;
  if (text == "name") return SortKey::name;
  if (text == "confidence") return SortKey::confidence;
  return std::nullopt;
}

}  // namespace aidecide
