// SPDX-License-Identifier: MIT
#pragma once
// Untrusted text made safe for each place it goes (docs/security.md): one
// function per sink, applied by the code that writes to that sink.

#include <string>
#include <string_view>

namespace aidecide {

// A terminal line or a log: control characters (C0, DEL, C1) and
// bidirectional overrides become visible escapes such as \x1b or \u202e,
// so the text cannot move the cursor, change colours or reorder.
std::string escape_for_message(std::string_view text);

// HTML text and attribute values: controls made visible
// (escape_for_message), then & < > " ' as entities.
std::string escape_html(std::string_view text);
// XML 1.0 text and attribute values: the same as HTML.
std::string escape_xml(std::string_view text);
// Inline Markdown: controls made visible, HTML metacharacters as entities,
// Markdown punctuation backslash-escaped, and @ written as an entity so a
// profile name cannot mention (notify) people.
std::string escape_markdown(std::string_view text);
// One CSV cell (RFC 4180): controls made visible; a cell that a spreadsheet
// would read as a formula (= + - @ at the start) gets a leading apostrophe;
// quoted when it holds a comma, quote or space at either end.
std::string csv_cell(std::string_view text);
// GitHub workflow commands: messages (% CR LF) and property values (the
// same plus : and ,), so untrusted text cannot forge or move annotations.
std::string github_escape_message(std::string_view text);
std::string github_escape_property(std::string_view text);
// The GitHub log sink: untrusted text with its controls and invisible
// characters made visible first (escape_for_message), then encoded as a
// command's message or property; a whole log line that would start with
// ':' (a path "::stop-commands::x.md") is written "./:..." so the runner
// never reads it as a command.
std::string github_log_text(std::string_view text);
std::string github_log_property(std::string_view text);
std::string github_log_line(std::string_view text);
// A YAML double-quoted scalar that reads back as `text`: \ and " escaped,
// control characters as \xNN (names from price lists hold / : and @).
std::string yaml_quoted(std::string_view text);
// A file name stem: lower-case ASCII letters, digits and '-', at most 60
// characters, never empty, never '.' or '..'.
std::string safe_file_stem(std::string_view text);

}  // namespace aidecide
