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

using MakeRenderer = std::unique_ptr<BatchRenderer> (*)(std::ostream&, const ScoringModel&,
                                                        const RenderOptions&);
struct FormatRow {
  FormatInfo info;
  MakeRenderer make;
};

constexpr auto kFormats = std::to_array<FormatRow>({
    {{Format::text, "text", "txt", false}, &make_text_renderer},
    {{Format::json, "json", "json", false}, &make_json_renderer},
    {{Format::markdown, "markdown", "md", false}, &make_markdown_renderer},
    {{Format::html, "html", "html", true}, &make_html_renderer},
    {{Format::csv, "csv", "csv", false}, &make_csv_renderer},
});

constexpr std::array<FormatInfo, kFormats.size()> kFormatInfo = [] {
  std::array<FormatInfo, kFormats.size()> info{};
  for (std::size_t i = 0; i < kFormats.size(); ++i) info[i] = kFormats[i].info;
  return info;
}();

constexpr auto kSortKeys = std::to_array<Named<SortKey>>({{SortKey::input, "input"},
                                                          {SortKey::score, "score"},
                                                          {SortKey::name, "name"},
                                                          {SortKey::confidence, "confidence"}});

const FormatRow& row(Format format) {
  for (const auto& r : kFormats) {
    if (r.info.value == format) return r;
  }
  throw Error("unknown output format");
}

}  // namespace

std::span<const FormatInfo> formats() {
  return kFormatInfo;
}

const FormatInfo& format_info(Format f) {
  return row(f).info;
}

std::string_view to_string(Format f) {
  return row(f).info.name;
}

std::optional<Format> parse_format(std::string_view text) {
  return parse_named(formats(), text);
}

std::unique_ptr<BatchRenderer> make_renderer(Format format, std::ostream& out,
                                             const ScoringModel& model,
                                             const RenderOptions& options) {
  return row(format).make(out, model, options);
}

std::span<const Named<SortKey>> sort_keys() {
  return kSortKeys;
}

std::optional<SortKey> parse_sort_key(std::string_view text) {
  return parse_named(sort_keys(), text);
}

}  // namespace aidecide
