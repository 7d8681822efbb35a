// SPDX-License-Identifier: MIT
// Fuzzes where a decision record's status is read from (front matter, a
// "Status:" line, a "## Status" section; never from comments or code):
// the input is a Markdown document to which a valid record is appended, so
// the status look-up always runs. The status read is one line of lower-case
// text, and a record is held unless that status says it no longer holds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "aidecide/record.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aidecide;
  std::string doc(reinterpret_cast<const char*>(data), size);
  doc += "\n\n```aidecide\ndecision: cloud\nanswers:\n  data_sensitivity: public\n```\n";
  const RecordScan scan = scan_markdown(doc, "fuzz.md", fuzz::model().questionnaire);
  for (const DecisionRecord& r : scan.records) {
    if (r.status.find('\n') != std::string::npos) std::abort();
    for (char c : r.status)
      if (c >= 'A' && c <= 'Z') std::abort();
    const bool gone = r.status.starts_with("rejected") || r.status.starts_with("deprecated") ||
                      r.status.starts_with("superseded");
    if (r.held == gone) std::abort();
  }
  return 0;
}
