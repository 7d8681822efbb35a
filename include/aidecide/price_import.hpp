// SPDX-License-Identifier: MIT
#pragma once
// `aidecide prices import`: turns the price lists teams already keep into
// pricing overlays (docs/cost-model.md, "Refreshing prices").

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aidecide/diagnostic.hpp"
#include "aidecide/pricing.hpp"

namespace aidecide {

// Price lists are larger than the files aidecide otherwise reads (LiteLLM's
// is about 1.6 MB in 2026).
inline constexpr std::size_t kMaxPriceListBytes = 16 * 1024 * 1024;

struct PriceImportOptions {
  std::string source;  // the input's name as the user gave it
  std::string as_of;   // the overlay's date (YYYY-MM-DD)
  // LiteLLM: keep only models of these `litellm_provider`s (empty: all).
  std::vector<std::string> providers;
  // SkyPilot: accelerator name -> catalog GPU, before matching names.
  std::vector<std::pair<std::string, std::string>> aliases;
};

struct PriceImport {
  std::string overlay;                 // the overlay's YAML text
  std::size_t entries = 0;             // entries it holds
  std::vector<Diagnostic> left_out;    // entries left out and why (warnings)
  std::vector<std::string> summaries;  // one line each on what was read
};

// LiteLLM's model_prices_and_context_window.json: chat models with an input
// and an output price become `hosted` entries. Throws InputError with
// positions on a malformed file.
PriceImport import_litellm(std::string_view text, const PriceImportOptions& options);

// A SkyPilot GPU catalog (CSV, columns found by header name): per catalog
// GPU, the on-demand rent per GPU, the median over regions of each region's
// cheapest offer. Accelerators the catalog lacks are left out (reported).
PriceImport import_skypilot(std::string_view text, const PriceImportOptions& options,
                            const Pricing& catalog);

}  // namespace aidecide
