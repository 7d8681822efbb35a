// SPDX-License-Identifier: MIT
// The rich renderer's screens, played on a test terminal after every key:
// at 120x40, 60x20 and 40x8 no line reaches the last column, at most one row
// is highlighted (exactly one while a list is up) and it is in view, answered
// questions collapse to one line, a bad answer shows under the input, a
// resize leaves nothing stale, long lists filter. (tests/cli/ask_screen_tmux.sh
// checks the same in a real terminal.)
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <sstream>

#include "ask/rich_terminal.hpp"
#include "ask/session.hpp"
#include "helpers.hpp"
#include "vt_screen.hpp"

using namespace aidecide;
using namespace aidecide::cli;

namespace {

const std::string kUp = "\x1b[A";
const std::string kDown = "\x1b[B";

// Keys one at a time; before each, what the renderer wrote so far is played
// on the test terminal and checked.
class CheckedKeys : public KeySource {
 public:
  CheckedKeys(std::string keys, std::ostringstream& out, test::VtScreen& vt,
              std::function<void(const test::VtScreen&, std::size_t)> check)
      : m_keys(std::move(keys)), m_out(out), m_vt(vt), m_check(std::move(check)) {}
  int next() override {
    m_vt.play(m_out.str().substr(m_played));
    m_played = m_out.str().size();
    m_check(m_vt, m_at);
    if (m_at >= m_keys.size()) return kEnd;
    return static_cast<unsigned char>(m_keys[m_at++]);
  }

 private:
  std::string m_keys;
  std::ostringstream& m_out;
  test::VtScreen& m_vt;
  std::function<void(const test::VtScreen&, std::size_t)> m_check;
  std::size_t m_at = 0;
  std::size_t m_played = 0;
};

// The keys of a whole session (as in rich_terminal_test.cpp), numbers typed.
const std::string kSession = kDown + kDown + "\r" + "<" + kUp + "\r" + "?" + "\r" + "1" +
                             "1.2M\r1500\r300\r" + "1" + "2s\r" + "1" + "$250k\r$20k\r" + "2" +
                             "2" + "2" + "3" + "2" + "1" + "1" + "1" + "1\r0\r0\r" + "1";

Profile empty_profile() {
  const Questionnaire& q = test::default_model().questionnaire;
  Profile start;
  start.name = "Screens";
  start.answers.resize(q.criteria.size());
  start.weights.resize(q.criteria.size());
  return start;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("every screen of a session fits 120x40, 60x20 and 40x8", "[ask][rich][screens]") {
  const ScoringModel& model = test::default_model();
  for (const auto& [w, h] : {std::pair{120, 40}, std::pair{60, 20}, std::pair{40, 8}}) {
    INFO(w << "x" << h);
    std::ostringstream out;
    test::VtScreen vt(w, h);
    std::size_t screens = 0;
    auto keys = std::make_unique<CheckedKeys>(kSession, out, vt,
                                              [&](const test::VtScreen& s, std::size_t at) {
                                                INFO("before key " << at << "\n" << s.text());
                                                CHECK_FALSE(s.reached_last_column());
                                                CHECK(s.highlighted_blocks() <= 1);
                                                CHECK(s.unknown().empty());
                                                ++screens;
                                              });
    RichTerminal rich(out, nullptr, std::move(keys), w, h);
    std::istringstream unused;
    AskSession session(model, empty_profile(),
                       std::vector<bool>(model.questionnaire.criteria.size(), false), unused, out,
                       {true, nullptr, &rich}, nullptr);
    CHECK(session.run() == AskOutcome::completed);
    CHECK(screens > 30);
    // The history: one collapsed line per answer, the last ones in view.
    test::VtScreen end(w, h);
    end.play(out.str());
    const std::string screen = end.text();
    INFO(screen);
    CHECK(screen.find("\u2713 Batch share: 0 %") != std::string::npos);
    CHECK(count(out.str(), "\u2713 Data sensitivity: confidential") == 1);
    CHECK(count(out.str(), "\u2713 Data sensitivity: internal") == 1);  // changed after <
  }
}

TEST_CASE("a list scrolls to keep its highlighted row in view", "[ask][rich][screens]") {
  std::vector<std::string> labels;
  for (int i = 1; i <= 12; ++i) labels.push_back("Entry number " + std::to_string(i));
  Panel panel;
  panel.header.push_back(
      {"A question with twelve answers that must scroll", 0, 2, Paragraph::Style::bold, 0});
  std::ostringstream out;
  test::VtScreen vt(40, 8);
  std::string keys;
  for (int i = 0; i < 14; ++i) keys += kDown;  // past the end: wraps to the top
  keys += kUp + "\r";
  std::size_t checked = 0;
  auto checked_keys =
      std::make_unique<CheckedKeys>(keys, out, vt, [&](const test::VtScreen& s, std::size_t at) {
        INFO("before key " << at << "\n" << s.text());
        CHECK(s.highlighted_blocks() == 1);  // always exactly one, always on screen
        CHECK_FALSE(s.reached_last_column());
        ++checked;
      });
  RichTerminal rich(out, nullptr, std::move(checked_keys), 40, 8);
  CHECK(rich.choose(panel, labels, 0, "q") == "2");
  CHECK(checked > 40);
  vt.play(out.str());
}

TEST_CASE("long labels wrap under their text instead of being cut", "[ask][rich][screens]") {
  std::ostringstream out;
  test::VtScreen unused(1, 1);
  RichTerminal rich(
      out, nullptr,
      std::make_unique<CheckedKeys>("\r", out, unused, [](const auto&, std::size_t) {}), 30, 20);
  CHECK(rich.choose({"Regulated (PHI, card data, classified)"}, 0, "") == "1");
  test::VtScreen vt(30, 20);
  vt.play(out.str());
  CHECK(vt.lines()[0] == "  > 1) Regulated (PHI, card");
  CHECK(vt.lines()[1] == "       data, classified)");
  CHECK(vt.highlighted_blocks() == 1);  // both lines of the one entry, one block
}

TEST_CASE("lists longer than six filter as you type after /", "[ask][rich][screens]") {
  const std::vector<std::string> labels{"Alpha", "Bravo",   "Charlie", "Delta",
                                        "Echo",  "Foxtrot", "Golf",    "Hotel"};
  const auto pick = [&](const std::string& keys, std::string* screen = nullptr) {
    std::ostringstream out;
    test::VtScreen vt(60, 20);
    RichTerminal rich(out, nullptr,
                      std::make_unique<CheckedKeys>(keys, out, vt, [](const auto&, std::size_t) {}),
                      60, 20);
    auto r = rich.choose(labels, 0, "q");
    if (screen) *screen = vt.text();
    return r;
  };
  CHECK(pick("/ot\r") == "6");               // Foxtrot, Hotel: the first match
  CHECK(pick("/ot" + kDown + "\r") == "8");  // Hotel
  CHECK(pick("/OT\r") == "6");               // any case
  CHECK(pick("/otx\x7f\r") == "6");          // Backspace
  CHECK(pick("/zz\r\x1b\r") == "1");         // nothing matches: Enter waits; Esc clears
  CHECK(pick("q") == "q");                   // commands still work outside the filter
  CHECK(pick("/q\r") == std::nullopt);       // inside it, q is text (nothing matches)
  std::string screen;
  pick("/ot", &screen);
  CHECK(screen.find("/ ot (2 of 8)") != std::string::npos);
  CHECK(screen.find("Alpha") == std::string::npos);
  // Six or fewer: no filter, / does nothing.
  std::ostringstream out;
  test::VtScreen unused(1, 1);
  RichTerminal few(
      out, nullptr,
      std::make_unique<CheckedKeys>("/2", out, unused, [](const auto&, std::size_t) {}));
  CHECK(few.choose({"a", "b", "c"}, 0, "") == "2");
}

TEST_CASE("a bad answer shows under the input, the question stays once", "[ask][rich][screens]") {
  const ScoringModel& model = test::default_model();
  const Questionnaire& q = model.questionnaire;
  Profile start = test::make_profile({}, "");
  std::vector<bool> answered(q.criteria.size(), true);
  answered[q.index_of("monthly_requests")] = false;
  std::ostringstream out;
  test::VtScreen vt(80, 24);
  std::string seen;
  auto keys = std::make_unique<CheckedKeys>("lots\r", out, vt,
                                            [&](const test::VtScreen& s, std::size_t at) {
                                              if (at == 5) seen = s.text();
                                            });
  RichTerminal rich(out, nullptr, std::move(keys), 80, 24);
  std::istringstream unused;
  AskSession session(model, start, answered, unused, out, {true, nullptr, &rich}, nullptr);
  session.run();
  INFO(seen);
  CHECK(count(seen, "Monthly requests \u00b7") == 1);
  const std::size_t input = seen.find("  > lots");
  const std::size_t error = seen.find("  \u2717 ");
  REQUIRE(input != std::string::npos);
  REQUIRE(error != std::string::npos);
  CHECK(input < error);  // under the input
}

TEST_CASE("after a resize the screen holds the panel once, nothing stale", "[ask][rich][screens]") {
  std::ostringstream out;
  std::unique_ptr<test::VtScreen> vt = std::make_unique<test::VtScreen>(120, 40);
  RichTerminal* terminal = nullptr;
  std::size_t played = 0;
  std::string after;
  int step = 0;
  struct ResizingKeys : KeySource {
    std::function<int()> f;
    int next() override { return f(); }
  };
  auto keys = std::make_unique<ResizingKeys>();
  keys->f = [&]() -> int {
    ++step;
    if (step == 2) {  // the list is up: the window narrows to 40x8
      vt = std::make_unique<test::VtScreen>(40, 8);
      played = out.str().size();
      terminal->resize_for_test(40, 8);
      return KeySource::kInterrupted;
    }
    if (step == 3) {
      vt->play(out.str().substr(played));
      after = vt->text();
      return '\r';
    }
    return step == 1 ? 'x' : KeySource::kEnd;
  };
  RichTerminal rich(out, nullptr, std::move(keys), 120, 40);
  terminal = &rich;
  Panel panel;
  panel.header.push_back({"Data sensitivity \u00b7 How confidential is the data the model sees?", 0,
                          2, Paragraph::Style::bold, 0});
  panel.header.push_back({"Why we ask: sending prompts to a hosted API means the data leaves.", 2,
                          4, Paragraph::Style::dim, 4});
  CHECK(rich.choose(panel, {"Public", "Internal", "Confidential", "Personal", "Regulated"}, 1,
                    "q") == "2");
  INFO(after);
  CHECK(out.str().find("\x1b[H\x1b[2J") != std::string::npos);  // a full repaint
  CHECK(count(after, "Data sensitivity") == 1);
  CHECK(count(after, "Internal") == 1);
  CHECK(vt->highlighted_blocks() == 1);
  CHECK_FALSE(vt->reached_last_column());
  // At 40x8 the "why" gave way so the list keeps three rows.
  CHECK(after.find("Why we ask") == std::string::npos);
}

TEST_CASE("a keypress redraws well within a frame at 120x40", "[ask][rich][perf]") {
  // docs/performance.md: one key, one panel, at 120x40; the floor is 16 ms
  // (one frame at 60 Hz), what it costs is far below.
  const ScoringModel& model = test::default_model();
  const Criterion& c = model.questionnaire.at("data_sensitivity");
  std::vector<std::string> labels;
  for (const auto& a : c.answers) labels.push_back(a.label);
  labels.emplace_back("Not sure (then: confidential)");
  Panel panel;
  panel.header.push_back(
      {"\u2501\u2501\u2501\u2500\u2500\u2500 3 of 22", 0, 0, Paragraph::Style::dim, 3});
  panel.header.push_back({c.title + " \u00b7 " + c.question, 0, 2, Paragraph::Style::bold, 0});
  panel.header.push_back({"Why we ask: " + c.help, 2, 4, Paragraph::Style::dim, 4});
  std::string keys;
  for (int i = 0; i < 1000; ++i) keys += kDown;
  keys += "\r";
  std::ostringstream out;
  struct Bytes : KeySource {
    std::string k;
    std::size_t at = 0;
    int next() override { return at < k.size() ? static_cast<unsigned char>(k[at++]) : kEnd; }
  };
  auto source = std::make_unique<Bytes>();
  source->k = keys;
  RichTerminal rich(out, nullptr, std::move(source), 120, 40);
  const auto start = std::chrono::steady_clock::now();
  CHECK(rich.choose(panel, labels, 0, "q").has_value());
  const double per_key_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() /
      1000;
  INFO(per_key_ms << " ms per key");
  CHECK(rich.redraws() == 1001);
  CHECK(per_key_ms < 16);
}
