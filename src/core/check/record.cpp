// SPDX-License-Identifier: MIT
// Finds and loads decision records in Markdown (docs/check.md).
#include "aidecide/record.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "aidecide/escape.hpp"
#include "aidecide/text.hpp"
#include "load/loaders.hpp"
#include "yaml/yaml_read.hpp"

namespace aidecide {
namespace {

struct Line {
  std::string_view text;  // without the line end
  int number = 0;         // 1-based
};

std::vector<Line> numbered_lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({line, number++});
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

struct Fence {
  char marker = 0;
  std::size_t length = 0;
  std::size_t indent = 0;
  std::string_view info;
};

// A fence opener: up to three spaces, then three or more ` or ~.
std::optional<Fence> fence_at(std::string_view line) {
  std::size_t indent = 0;
  while (indent < line.size() && line[indent] == ' ') ++indent;
  if (indent > 3 || indent >= line.size() || (line[indent] != '`' && line[indent] != '~'))
    return std::nullopt;
  const char marker = line[indent];
  std::size_t length = 0;
  while (indent + length < line.size() && line[indent + length] == marker) ++length;
  if (length < 3) return std::nullopt;
  const std::string_view info = trim_blanks(line.substr(indent + length));
  if (marker == '`' && info.find('`') != std::string_view::npos) return std::nullopt;
  return Fence{marker, length, indent, info};
}

bool closes(const Fence& open, std::string_view line) {
  const auto f = fence_at(line);
  return f && f->marker == open.marker && f->length >= open.length && f->info.empty();
}

bool is_record_info(std::string_view info) {
  std::vector<std::string_view> words;
  while (!info.empty()) {
    const std::size_t end = std::min(info.find(' '), info.size());
    words.push_back(info.substr(0, end));
    info = trim_blanks(info.substr(end));
  }
  return (!words.empty() && words[0] == "aidecide") ||
         (words.size() >= 2 && words[0] == "yaml" && words[1] == "aidecide");
}

// Moves every position of a tree parsed from an extract to the file.
void shift(YamlNode& node, int lines, int columns) {
  if (node.pos.line > 0) {
    node.pos.line += lines;
    node.pos.column += columns;
  }
  for (auto& item : node.items) shift(item, lines, columns);
  for (auto& [k, v] : node.entries) {
    shift(k, lines, columns);
    shift(v, lines, columns);
  }
}

// A candidate record: YAML text and where it sits in the file.
struct Extract {
  std::string yaml;
  int line_offset = 0;  // file line of the extract's line 1, minus one
  int column_offset = 0;
  SourcePos pos;
  bool front_matter = false;
};

std::optional<YamlNode> parse_extract(const Extract& e, const std::string& source,
                                      std::vector<Diagnostic>& problems) {
  if (e.yaml.size() > kMaxRecordBytes) {
    problems.push_back({source, e.pos,
                        fmt::format("the record is too large ({} bytes; the limit is {})",
                                    e.yaml.size(), kMaxRecordBytes),
                        "malformed-record"});
    return std::nullopt;
  }
  try {
    YamlNode node = parse_yaml(e.yaml, source);
    shift(node, e.line_offset, e.column_offset);
    return node;
  } catch (const InputError& error) {
    for (Diagnostic d : error.diagnostics()) {
      if (d.pos.line > 0) {
        d.pos.line += e.line_offset;
        d.pos.column += e.column_offset;
      } else {
        d.pos = e.pos;
      }
      d.code = "malformed-record";
      problems.push_back(std::move(d));
    }
    return std::nullopt;
  }
}

const std::vector<std::string> kRecordKeys{"decision", "criteria_version", "answers",
                                           "weights",  "models",           "override",
                                           "recorded", "stakeholders"};

// Three numbers, one per option ("{cloud: 61.2, local: 74.5, hybrid: 70.1}").
PerOption read_per_option(const YamlNode& node, std::string_view what, DiagnosticSink& sink) {
  PerOption out{};
  if (!expect_mapping(node, what, sink)) return out;
  check_keys(node, {"cloud", "local", "hybrid"}, what, sink);
  for (Option o : kOptions) {
    const std::string key(to_string(o));
    if (const YamlNode* v = require_key(node, key, what, sink)) {
      if (const auto n = read_number(*v, fmt::format("{}.{}", what, key), sink)) out[index(o)] = *n;
    }
  }
  return out;
}

RecordedResult load_recorded(const YamlNode& node, DiagnosticSink& sink) {
  RecordedResult r;
  r.present = true;
  r.pos = node.pos;
  if (!expect_mapping(node, "'recorded'", sink)) return r;
  check_keys(node,
             {"aidecide", "criteria_version", "prices_as_of", "scores", "monthly_usd", "answers"},
             "'recorded'", sink);
  if (const YamlNode* v = node.find("aidecide"))
    r.aidecide = read_string(*v, "'recorded.aidecide'", sink).value_or("");
  if (const YamlNode* v = node.find("criteria_version")) {
    const auto n = v->is_scalar() ? parse_plain_number(v->value) : std::nullopt;
    const auto version = n ? whole_number(*n, 1, 1000000) : std::nullopt;
    if (!version)
      sink.error(v->pos, "'recorded.criteria_version' must be a whole number of 1 or more");
    r.criteria_version = version.value_or(0);
  }
  if (const YamlNode* v = node.find("prices_as_of"))
    r.prices_as_of = read_date(*v, "'recorded.prices_as_of'", sink).value_or("");
  if (const YamlNode* v = require_key(node, "scores", "'recorded'", sink))
    r.scores = read_per_option(*v, "'recorded.scores'", sink);
  if (const YamlNode* v = require_key(node, "monthly_usd", "'recorded'", sink))
    r.monthly_usd = read_per_option(*v, "'recorded.monthly_usd'", sink);
  if (const YamlNode* v = node.find("answers"))
    r.answers = read_string(*v, "'recorded.answers'", sink).value_or("");
  return r;
}

DecisionRecord load_record(const YamlNode& node, const SourcePos& pos, const std::string& source,
                           const Questionnaire& q, DiagnosticSink& sink) {
  DecisionRecord r;
  r.source = source;
  r.pos = pos;
  r.profile.source = source;
  const DiagnosticSink::CodeScope scope(sink, "malformed-record");
  if (!node.is_mapping()) {
    sink.error(
        node.pos.line > 0 ? node.pos : pos,
        fmt::format("a decision record must be a mapping with 'decision' and 'answers', not {}",
                    describe(node)));
    return r;
  }
  check_keys(node, kRecordKeys, "the decision record", sink);
  if (const YamlNode* d = require_key(node, "decision", "the decision record", sink)) {
    r.decision_pos = d->pos;
    r.decision = d->is_scalar() ? parse_option(d->value) : std::nullopt;
    if (!r.decision) {
      sink.error(d->pos,
                 fmt::format("'decision' must be cloud, local or hybrid, not {}",
                             d->is_scalar() ? fmt::format("'{}'", escape_for_message(d->value))
                                            : std::string(describe(*d))));
    }
  }
  if (const YamlNode* v = node.find("criteria_version")) {
    r.criteria_version_pos = v->pos;
    const auto n = v->is_scalar() ? parse_plain_number(v->value) : std::nullopt;
    r.criteria_version = n ? whole_number(*n, 1, 1000000) : std::nullopt;
    if (!r.criteria_version)
      sink.error(v->pos, "'criteria_version' must be a whole number of 1 or more");
  }
  if (const YamlNode* o = node.find("override")) {
    r.override_.present = true;
    r.override_.pos = o->pos;
    if (o->is_mapping()) {
      check_keys(*o, {"reason", "until"}, "'override'", sink);
      if (const YamlNode* reason = o->find("reason"); reason && reason->is_scalar()) {
        r.override_.reason = std::string(trim_blanks(reason->value));
      }
      if (const YamlNode* until = o->find("until")) {
        r.override_.until_pos = until->pos;
        r.override_.until = read_date(*until, "'until'", sink);
      }
    } else if (!o->is_null()) {
      sink.error(o->pos, "'override' must be a mapping with 'reason' and an optional 'until' date");
    }
  }
  load_answer_body(require_key(node, "answers", "the decision record", sink), node.find("weights"),
                   q, r.profile, sink);
  if (const YamlNode* m = node.find("models")) load_named_models(*m, r.profile, sink);
  if (const YamlNode* st = node.find("stakeholders")) load_stakeholders(*st, q, r.profile, sink);
  if (const YamlNode* rec = node.find("recorded")) r.recorded = load_recorded(*rec, sink);
  return r;
}

// The status where the supported formats put it, read once per document:
// adr-tools' "## Status" heading then the next line with text, or
// log4brains' "- Status: ..." line. Never inside a code fence (the record
// itself among them) or an HTML comment, where a hidden
// "<!-- - Status: rejected -->" would switch the check off.
std::string find_status(const std::vector<Line>& lines, std::size_t body) {
  std::optional<Fence> open;
  bool in_comment = false;
  bool after_heading = false;
  for (std::size_t i = body; i < lines.size(); ++i) {
    std::string_view text = lines[i].text;
    if (open) {
      if (closes(*open, text)) open.reset();
      continue;
    }
    // The parts of the line outside HTML comments.
    std::string visible;
    while (!text.empty()) {
      if (in_comment) {
        const std::size_t end = text.find("-->");
        if (end == std::string_view::npos) break;
        in_comment = false;
        text.remove_prefix(end + 3);
        continue;
      }
      const std::size_t start = text.find("<!--");
      visible.append(text.substr(0, start));
      if (start == std::string_view::npos) break;
      in_comment = true;
      text.remove_prefix(start + 4);
    }
    if (visible.empty() && in_comment) continue;
    if (!after_heading) {
      if (const auto f = fence_at(visible)) {
        open = f;
        continue;
      }
    }
    const std::string l = ascii_lower(trim_blanks(visible));
    if (after_heading) {
      if (l.empty()) continue;
      return l;
    }
    if (l.starts_with("- status:")) return std::string(trim_blanks(std::string_view(l).substr(9)));
    if (l == "## status") after_heading = true;
  }
  return {};
}

}  // namespace

namespace {

// A front-matter status as one lower-case line: a quoted "\n" or a block
// scalar may spread it over several, and the status is read by its first
// word and shown inside one message, so every run of blanks and line breaks
// becomes one space.
std::string one_line_status(std::string_view value) {
  std::string out;
  bool gap = false;
  for (const char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += ' ';
    gap = false;
    out += c;
  }
  return ascii_lower(out);
}

// Front matter: "---" on line 1, closed by "---" or "...". Its `status`,
// and a record under `aidecide:`. Returns the first line after it.
std::size_t scan_front_matter(const std::vector<Line>& lines, const std::string& source,
                              const Questionnaire& q, RecordScan& scan, std::string& front_status) {
  if (lines.empty() || trim_blanks(lines[0].text) != "---") return 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string_view l = trim_blanks(lines[i].text);
    if (l != "---" && l != "...") continue;
    std::string yaml;
    for (std::size_t k = 1; k < i; ++k) yaml.append(lines[k].text).append("\n");
    Extract fm{std::move(yaml), 1, 0, {2, 1}, true};
    std::vector<Diagnostic> problems;
    const auto node = parse_extract(fm, source, problems);
    if (!node) {
      scan.problems.insert(scan.problems.end(), problems.begin(), problems.end());
      return i + 1;
    }
    if (const YamlNode* status = node->find("status"); status && status->is_scalar())
      front_status = one_line_status(status->value);
    if (const YamlNode* record = node->find("aidecide")) {
      fm.pos = node->entries.front().first.pos;
      for (const auto& [k, v] : node->entries) {
        if (k.value == "aidecide") fm.pos = k.pos;
      }
      DiagnosticSink sink(source);
      scan.records.push_back(load_record(*record, fm.pos, source, q, sink));
      try {
        sink.throw_if_any();
      } catch (const InputError& e) {
        scan.problems.insert(scan.problems.end(), e.diagnostics().begin(), e.diagnostics().end());
      }
    }
    return i + 1;
  }
  return 0;
}

// Fenced blocks from line `body` on: every ```aidecide block is a record.
// Returns the document's title (its first "# " heading), if any.
std::string scan_fences(const std::vector<Line>& lines, std::size_t body, const std::string& source,
                        const Questionnaire& q, RecordScan& scan) {
  std::string title;
  constexpr std::size_t kExtrasShown = 10;
  SourcePos more_from;
  for (std::size_t i = body; i < lines.size(); ++i) {
    const auto fence = fence_at(lines[i].text);
    if (!fence) {
      if (title.empty() && lines[i].text.starts_with("# "))
        title = std::string(trim_blanks(lines[i].text.substr(2)));
      continue;
    }
    std::size_t end = i + 1;
    while (end < lines.size() && !closes(*fence, lines[end].text)) ++end;
    if (is_record_info(fence->info) && !scan.records.empty()) {
      // Only a document's first record is read; the others are reported
      // (multiple-records), never parsed or held, so a file of thousands
      // of records costs no more than one.
      if (++scan.extra_records <= kExtrasShown) {
        scan.problems.push_back(
            {source,
             {lines[i].number, static_cast<int>(fence->indent) + 1},
             fmt::format(
                 "a second decision record (the first is at line {}); keep one record per document",
                 scan.records[0].pos.line),
             "multiple-records"});
      } else if (scan.extra_records == kExtrasShown + 1) {
        more_from = {lines[i].number, static_cast<int>(fence->indent) + 1};
      }
    } else if (is_record_info(fence->info)) {
      std::string yaml;
      for (std::size_t k = i + 1; k < end; ++k) {
        std::string_view content = lines[k].text;
        // Content lines lose up to the fence's indentation (CommonMark).
        std::size_t strip = 0;
        while (strip < fence->indent && strip < content.size() && content[strip] == ' ') ++strip;
        yaml.append(content.substr(strip)).append("\n");
      }
      const Extract e{std::move(yaml),
                      lines[i].number,
                      static_cast<int>(fence->indent),
                      {lines[i].number, static_cast<int>(fence->indent) + 1},
                      false};
      std::vector<Diagnostic> problems;
      if (auto node = parse_extract(e, source, problems)) {
        DiagnosticSink sink(source);
        DecisionRecord r = load_record(*node, e.pos, source, q, sink);
        try {
          sink.throw_if_any();
        } catch (const InputError& error) {
          scan.problems.insert(scan.problems.end(), error.diagnostics().begin(),
                               error.diagnostics().end());
        }
        scan.records.push_back(std::move(r));
      } else {
        scan.problems.insert(scan.problems.end(), problems.begin(), problems.end());
        DecisionRecord broken;
        broken.source = source;
        broken.pos = e.pos;
        broken.decision = std::nullopt;
        scan.records.push_back(std::move(broken));
      }
    }
    i = end;
  }
  if (scan.extra_records > kExtrasShown) {
    const std::size_t more = scan.extra_records - kExtrasShown;
    scan.problems.push_back(
        {source, more_from,
         fmt::format("{} more decision {} from here on; keep one record per document", more,
                     more == 1 ? "record" : "records"),
         "multiple-records"});
  }
  return title;
}

}  // namespace

RecordScan scan_markdown(std::string_view text, const std::string& source, const Questionnaire& q) {
  RecordScan scan;
  if (const auto bad = find_invalid_text(strip_bom(text))) {
    scan.problems.push_back({source, bad->pos, bad->message, "malformed-record"});
    return scan;
  }
  const std::vector<Line> lines = numbered_lines(strip_bom(text));
  std::string front_status;
  const std::size_t body = scan_front_matter(lines, source, q, scan, front_status);
  std::string title = scan_fences(lines, body, source, q, scan);

  if (title.empty()) {
    const std::size_t slash = source.find_last_of('/');
    title = slash == std::string::npos ? source : source.substr(slash + 1);
  }
  const std::string status =
      front_status.empty() && !scan.records.empty() ? find_status(lines, body) : front_status;
  for (auto& r : scan.records) {
    r.title = title;
    r.profile.name = title;
    r.status = status;
    r.held = !(r.status.starts_with("rejected") || r.status.starts_with("deprecated") ||
               r.status.starts_with("superseded"));
  }
  std::stable_sort(
      scan.problems.begin(), scan.problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
      });
  return scan;
}

}  // namespace aidecide
