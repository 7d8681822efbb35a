// SPDX-License-Identifier: MIT
#pragma once
// What the check output formats share: the summary line and fingerprints.

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "aidecide/check_output.hpp"

namespace aidecide {

// "Checked 3 records in 2 files: 1 error, 0 warnings, 0 notes."
std::string summary_line(const CheckSummary& s);

// Every finding of every file, in order.
std::vector<const Finding*> all_findings(const std::vector<FileCheck>& files);

// Fingerprints identify a finding without its line, so it keeps its
// identity when lines move: file, rule and the n-th such finding in the file.
std::string fingerprint(const Finding& f, std::size_t occurrence);
// Numbers each finding by how many earlier findings share its file and rule.
std::vector<std::size_t> occurrences(const std::vector<const Finding*>& all);

using CheckRendererPtr = std::unique_ptr<CheckRenderer>;

}  // namespace aidecide
