// SPDX-License-Identifier: MIT
#pragma once
// Typed reads from a YamlNode that report problems to a DiagnosticSink and
// keep going, so a file's errors are all reported in one run.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aidecide/diagnostic.hpp"
#include "aidecide/text.hpp"
#include "yaml/yaml_tree.hpp"

namespace aidecide {

// A plain decimal number: digits with an optional sign, fraction, exponent and
// `_` or `,` digit separators. No hex, no infinities, no NaN.
std::optional<double> parse_plain_number(std::string_view text);

// YAML 1.1 booleans that catch people out (`yes`, `no`, `on`, `off` ...).
bool looks_like_yaml_boolean(std::string_view text);

// Reports unknown keys (with a suggestion) and duplicate keys of `map`;
// keys that start with `x-` are user extensions and always allowed.
void check_keys(const YamlNode& map, const std::vector<std::string>& allowed,
                std::string_view context, DiagnosticSink& sink);

// Requires `map` to hold `key`; reports "missing required key" otherwise.
const YamlNode* require_key(const YamlNode& map, std::string_view key, std::string_view context,
                            DiagnosticSink& sink);

bool expect_mapping(const YamlNode& node, std::string_view what, DiagnosticSink& sink);
std::optional<std::string> read_string(const YamlNode& node, std::string_view what,
                                       DiagnosticSink& sink);
std::optional<double> read_number(const YamlNode& node, std::string_view what,
                                  DiagnosticSink& sink);
// A whole number within [min, max], checked before any conversion (casting
// a huge double to int is undefined behaviour).
std::optional<int> whole_number(double value, int min, int max);

// The top of a data file, the same for every loader: an empty file is an
// error that says what it should hold (`empty`), a file that is not a
// mapping stops the load, and `context` ("the pricing file") may hold only
// `keys`. Throws InputError when the file cannot be read further.
void expect_document(const YamlNode& root, std::string_view what, std::string_view empty,
                     const std::vector<std::string>& keys, std::string_view context,
                     DiagnosticSink& sink);

// The required 'version': a whole number of 1 or more; 0 when it is
// missing or wrong (and reported).
int read_version(const YamlNode& root, std::string_view context, DiagnosticSink& sink);

// An ISO 8601 date YYYY-MM-DD.
std::optional<std::string> read_date(const YamlNode& node, std::string_view what,
                                     DiagnosticSink& sink);

}  // namespace aidecide
