// SPDX-License-Identifier: MIT
// Pricing overlays from LiteLLM's price map and SkyPilot's GPU catalogs
// (docs/cost-model.md, "Refreshing prices").
#include "aidecide/price_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "aidecide/escape.hpp"
#include "aidecide/text.hpp"
#include "yaml/yaml_read.hpp"

namespace aidecide {
namespace {

// A price with the digits it was given (USD per token x 1e6 leaves binary
// noise: 1.5e-07 x 1e6 = 0.15000000000000002).
std::string price(double x) {
  return fmt::format("{:.10g}", x);
}

std::string header(std::string_view format, const PriceImportOptions& o) {
  return fmt::format(
      "# A pricing overlay written by `aidecide prices import {}`: give it to --pricing\n"
      "# (after a pricing file, or alone to change the built-in prices). It replaces only\n"
      "# the entries and fields below; docs/cost-model.md, \"Refreshing prices\".\n"
      "version: 2\n"
      "overlay:\n"
      "  source: {}\n"
      "  as_of: {}\n",
      format, yaml_quoted(o.source), o.as_of);
}

// --- LiteLLM --------------------------------------------------------------

// A per-token price of `entry`, or nothing when absent; a value that is not
// a number is an error of the file.
std::optional<double> per_token(const YamlNode& entry, std::string_view key, DiagnosticSink& sink) {
  const YamlNode* v = entry.find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  const auto n = read_number(*v, fmt::format("'{}'", key), sink);
  if (n && (*n < 0 || *n > 1)) {
    // Above a dollar a token is no price list's figure (the dearest are
    // about 1e-4): a unit mix-up, refused before it costs anything.
    sink.error(v->pos, fmt::format("'{}' must be from 0 to 1 (USD per token)", key));
    return std::nullopt;
  }
  return n;
}

}  // namespace

PriceImport import_litellm(std::string_view text, const PriceImportOptions& options) {
  YamlLimits limits;
  limits.max_bytes = kMaxPriceListBytes;
  limits.max_nodes = 4'000'000;
  YamlNode root;
  try {
    // JSON is YAML's flow style: the YAML reader gives every value a position.
    root = parse_yaml(text, options.source, limits);
  } catch (const InputError& e) {
    std::vector<Diagnostic> ds = e.diagnostics();
    for (Diagnostic& d : ds) {
      if (d.message.starts_with("invalid YAML: "))
        d.message = "not valid JSON: " + d.message.substr(14);
    }
    throw InputError(std::move(ds));
  }
  DiagnosticSink sink(options.source);
  if (!root.is_mapping()) {
    sink.error(root.pos, "expected LiteLLM's price map: a JSON object of models");
    sink.throw_if_any();
  }
  PriceImport result;
  std::string body;
  std::size_t other_modes = 0;
  std::size_t other_providers = 0;
  std::map<std::string, int> seen;  // id -> line first given
  for (const YamlEntry& e : root.entries) {
    const YamlNode& key = e.first;
    const YamlNode& entry = e.second;
    const std::string id = key.value;
    if (const auto [it, fresh] = seen.emplace(id, key.pos.line); !fresh) {
      sink.error(key.pos, fmt::format("model '{}' is given twice (first at line {})",
                                      escape_for_message(id), it->second));
      continue;
    }
    if (!entry.is_mapping()) {
      sink.error(entry.pos,
                 fmt::format("model '{}' must be a JSON object of prices", escape_for_message(id)));
      continue;
    }
    const YamlNode* mode = entry.find("mode");
    if (mode == nullptr || !mode->is_scalar() || mode->value != "chat") {
      ++other_modes;
      continue;
    }
    if (!options.providers.empty()) {
      const YamlNode* provider = entry.find("litellm_provider");
      const std::string name = provider && provider->is_scalar() ? provider->value : "";
      if (std::find(options.providers.begin(), options.providers.end(), name) ==
          options.providers.end()) {
        ++other_providers;
        continue;
      }
    }
    const auto input = per_token(entry, "input_cost_per_token", sink);
    const auto output = per_token(entry, "output_cost_per_token", sink);
    const auto cached = per_token(entry, "cache_read_input_token_cost", sink);
    const auto batch_in = per_token(entry, "input_cost_per_token_batches", sink);
    const auto batch_out = per_token(entry, "output_cost_per_token_batches", sink);
    if (!sink.empty()) continue;  // reported; nothing is written
    const auto leave_out = [&](std::string_view why) {
      result.left_out.push_back(
          {options.source, key.pos, fmt::format("left out '{}': {}", escape_for_message(id), why)});
    };
    if (!input || !output || *input <= 0 || *output <= 0) {
      leave_out("no input or output price");
      continue;
    }
    if (cached && *cached > *input) {
      leave_out("its cached input price is above its input price");
      continue;
    }
    // The batch API's share off; where input and output differ, the smaller.
    double discount = 0;
    if (batch_in || batch_out) {
      discount = 1;
      if (batch_in) discount = std::min(discount, 1 - *batch_in / *input);
      if (batch_out) discount = std::min(discount, 1 - *batch_out / *output);
      if (discount < 0 || discount >= 1) {
        leave_out("its batch price is not below its price or is free");
        continue;
      }
    }
    body += fmt::format(
        "  {}:\n    input_per_mtok: {}\n    cached_input_per_mtok: {}\n    output_per_mtok: {}\n"
        "    batch_discount: {}\n",
        yaml_quoted(id), price(*input * 1e6), price(cached.value_or(*input) * 1e6),
        price(*output * 1e6), price(discount));
    ++result.entries;
  }
  sink.throw_if_any();
  if (result.entries == 0) {
    sink.error(root.pos, options.providers.empty()
                             ? "no chat model with an input and an output price"
                             : "no chat model of the providers asked for has an input and an "
                               "output price");
    sink.throw_if_any();
  }
  result.overlay = header("litellm", options) + "hosted:\n" + body;
  result.summaries.push_back(fmt::format(
      "{} chat model{} priced; {} entr{} of other modes ignored{}", result.entries,
      result.entries == 1 ? "" : "s", other_modes, other_modes == 1 ? "y" : "ies",
      options.providers.empty() ? std::string()
                                : fmt::format(", {} of other providers", other_providers)));
  return result;
}

// --- SkyPilot --------------------------------------------------------------

namespace {

struct CsvCell {
  std::string text;
  SourcePos pos;
};

// RFC 4180 rows with positions: quoted cells may hold commas, doubled
// quotes and line breaks; CRLF or LF ends a row. Linear in the input.
std::vector<std::vector<CsvCell>> read_csv(std::string_view text, DiagnosticSink& sink) {
  std::vector<std::vector<CsvCell>> rows;
  std::vector<CsvCell> row;
  CsvCell cell;
  int line = 1;
  int column = 1;
  bool in_quotes = false;
  bool cell_started = false;
  SourcePos quote_pos;
  const auto end_cell = [&] {
    row.push_back(std::move(cell));
    cell = {};
    cell_started = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!cell_started) {
      cell.pos = {line, column};
      cell_started = true;
    }
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.text += '"';
        ++i, ++column;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        cell.text += c;
      }
    } else if (c == '"' && cell.text.empty()) {
      in_quotes = true;
      quote_pos = {line, column};
    } else if (c == ',') {
      end_cell();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_cell();
      if (!(row.size() == 1 && row[0].text.empty())) rows.push_back(std::move(row));
      row.clear();
      ++line;
      column = 1;
      continue;
    } else {
      cell.text += c;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;  // columns count code points
    }
  }
  if (in_quotes) sink.error(quote_pos, "a quoted cell is not closed");
  if (cell_started || !row.empty()) {
    end_cell();
    if (!(row.size() == 1 && row[0].text.empty())) rows.push_back(std::move(row));
  }
  return rows;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

PriceImport import_skypilot(std::string_view text, const PriceImportOptions& options,
                            const Pricing& catalog) {
  if (text.size() > kMaxPriceListBytes) {
    throw InputError({{options.source, {}, "larger than the 16 MiB a price list may be"}});
  }
  DiagnosticSink sink(options.source);
  if (const auto problem = find_invalid_text(text)) {
    sink.error(problem->pos, problem->message);
    sink.throw_if_any();
  }
  const auto rows = read_csv(strip_bom(text), sink);
  sink.throw_if_any();
  if (rows.empty()) {
    sink.error({}, "empty file; expected a SkyPilot catalog CSV with a header row");
    sink.throw_if_any();
  }
  const std::vector<std::string_view> needed = {"AcceleratorName", "AcceleratorCount", "Price",
                                                "Region"};
  std::map<std::string_view, std::size_t> column;
  for (std::size_t i = 0; i < rows[0].size(); ++i) column.emplace(rows[0][i].text, i);
  for (const std::string_view name : needed) {
    if (!column.contains(name)) {
      sink.error(rows[0].empty() ? SourcePos{1, 1} : rows[0][0].pos,
                 fmt::format("the header has no column '{}' (a SkyPilot catalog has "
                             "AcceleratorName, AcceleratorCount, Price, SpotPrice and Region)",
                             name));
    }
  }
  sink.throw_if_any();
  const auto spot_column = column.find("SpotPrice");

  // Catalog GPU names, matched without regard to case, after the aliases.
  std::map<std::string, std::string> names;
  for (const auto& [name, gpu] : catalog.gpus) names.emplace(ascii_lower(name), name);
  std::map<std::string, std::string> aliases;
  for (const auto& [from, to] : options.aliases) {
    if (!catalog.gpus.contains(to)) {
      std::vector<std::string> known;
      for (const auto& [name, gpu] : catalog.gpus) known.push_back(name);
      const auto hint = did_you_mean(to, known);
      throw UsageError(
          fmt::format("--as {}={}: the catalog has no GPU '{}'{}", escape_for_message(from),
                      escape_for_message(to), escape_for_message(to),
                      hint ? fmt::format("; did you mean '{}'?", *hint) : std::string()));
    }
    aliases[ascii_lower(from)] = to;
  }

  struct Offers {
    std::map<std::string, double> cheapest_by_region;  // per GPU an hour
    std::map<std::string, double> spot_by_region;
    std::size_t offers = 0;
  };
  std::map<std::string, Offers> by_gpu;
  std::map<std::string, std::size_t> unknown;  // accelerator -> offers
  const auto read = [&](const CsvCell& c, std::string_view what) -> std::optional<double> {
    const auto n = parse_plain_number(c.text);
    if (!n || *n < 0 || *n > 1e9) {
      sink.error(c.pos, fmt::format("{} must be a number from 0 to 1e9, not '{}'", what,
                                    escape_for_message(c.text)));
      return std::nullopt;
    }
    return n;
  };
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const auto cell = [&](std::string_view name) -> const CsvCell* {
      const std::size_t i = column.at(name);
      return i < row.size() ? &row[i] : nullptr;
    };
    const CsvCell* name = cell("AcceleratorName");
    if (name == nullptr || name->text.empty()) continue;  // a CPU-only instance
    const CsvCell* count = cell("AcceleratorCount");
    const CsvCell* cost = cell("Price");
    const CsvCell* region = cell("Region");
    if (count == nullptr || cost == nullptr || region == nullptr) {
      sink.error(row.back().pos, fmt::format("row {} has {} cells; the header has {}", r + 1,
                                             row.size(), rows[0].size()));
      continue;
    }
    if (cost->text.empty()) continue;  // not offered on demand there
    const auto n = read(*count, "AcceleratorCount");
    const auto usd = read(*cost, "Price");
    if (!n || !usd) continue;
    if (*n < 0.01 || *n > 1024) {
      sink.error(count->pos, "AcceleratorCount must be from 0.01 to 1024");
      continue;
    }
    const std::string key = ascii_lower(name->text);
    std::string gpu;
    if (const auto a = aliases.find(key); a != aliases.end()) {
      gpu = a->second;
    } else if (const auto m = names.find(key); m != names.end()) {
      gpu = m->second;
    } else {
      ++unknown[name->text];
      continue;
    }
    Offers& o = by_gpu[gpu];
    ++o.offers;
    const double per_gpu = *usd / *n;
    auto [it, fresh] = o.cheapest_by_region.emplace(region->text, per_gpu);
    if (!fresh) it->second = std::min(it->second, per_gpu);
    if (spot_column != column.end() && spot_column->second < row.size() &&
        !row[spot_column->second].text.empty()) {
      if (const auto spot = read(row[spot_column->second], "SpotPrice")) {
        auto [s, new_spot] = o.spot_by_region.emplace(region->text, *spot / *n);
        if (!new_spot) s->second = std::min(s->second, *spot / *n);
      }
    }
  }
  sink.throw_if_any();
  if (by_gpu.empty()) {
    sink.error({},
               "no accelerator of the file is in the catalog; map one with --as "
               "NAME=GPU (docs/cost-model.md, \"Refreshing prices\")");
    sink.throw_if_any();
  }
  PriceImport result;
  std::string body = "gpus:\n";
  for (const auto& [gpu, o] : by_gpu) {
    std::vector<double> rents;
    for (const auto& [region, usd] : o.cheapest_by_region) rents.push_back(usd);
    std::vector<double> spots;
    for (const auto& [region, usd] : o.spot_by_region) spots.push_back(usd);
    body += fmt::format("  {}:\n", yaml_quoted(gpu));
    body += fmt::format("    # {} offer{} in {} region{}{}\n", o.offers, o.offers == 1 ? "" : "s",
                        rents.size(), rents.size() == 1 ? "" : "s",
                        spots.empty() ? std::string()
                                      : fmt::format("; spot median {} an hour, not costed "
                                                    "(spot capacity can be taken back)",
                                                    price(median(spots))));
    body += fmt::format("    rent_usd_per_hour: {}\n", price(median(rents)));
    ++result.entries;
  }
  for (const auto& [name, offers] : unknown) {
    result.left_out.push_back(
        {options.source,
         {},
         fmt::format("left out accelerator '{}' ({} offer{}): the catalog has no GPU of that "
                     "name; map it with --as {}=GPU",
                     escape_for_message(name), offers, offers == 1 ? "" : "s",
                     escape_for_message(name))});
  }
  result.overlay = header("skypilot", options) + body;
  result.summaries.push_back(fmt::format("{} GPU{} priced from {} row{}", result.entries,
                                         result.entries == 1 ? "" : "s", rows.size() - 1,
                                         rows.size() == 2 ? "" : "s"));
  return result;
}

}  // namespace aidecide
