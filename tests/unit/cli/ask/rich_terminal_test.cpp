// SPDX-License-Identifier: MIT
// The rich renderer of `aidecide ask` with a fake key source: arrow keys,
// digits and commands on a choice list redrawn in place, and a whole
// session driven by keys. (tests/cli/ask_tmux.sh runs it in a real terminal.)
#include <catch2/catch.hpp>

#include <sstream>

#include "ask/rich_terminal.hpp"
#include "ask/session.hpp"
#include "helpers.hpp"
#include "vt_screen.hpp"

using namespace aidecide;
using namespace aidecide::cli;

namespace {

class StringKeys : public KeySource {
 public:
  explicit StringKeys(std::string keys) : m_keys(std::move(keys)) {}
  int next() override {
    if (m_at >= m_keys.size()) return kEnd;
    return static_cast<unsigned char>(m_keys[m_at++]);
  }

 private:
  std::string m_keys;
  std::size_t m_at = 0;
};

const std::string kUp = "\x1b[A";
const std::string kDown = "\x1b[B";

std::optional<std::string> choose(const std::string& keys, std::string* screen = nullptr) {
  std::ostringstream out;
  RichTerminal t(out, nullptr, std::make_unique<StringKeys>(keys));
  auto picked = t.choose({"Public", "Internal", "Confidential"}, 0, "?<rq");
  if (screen) *screen = out.str();
  return picked;
}

}  // namespace

TEST_CASE("arrow keys move the highlight and Enter picks", "[ask][rich]") {
  CHECK(choose("\r") == "1");
  CHECK(choose(kDown + kDown + "\r") == "3");
  CHECK(choose(kDown + kDown + kDown + "\r") == "1");  // wraps around
  CHECK(choose(kUp + "\r") == "3");
  CHECK(choose("jjk\r") == "2");     // vi keys
  CHECK(choose("\x1bOB\r") == "2");  // application cursor mode
}

TEST_CASE("a digit picks at once, commands return their key", "[ask][rich]") {
  CHECK(choose("2") == "2");
  CHECK(choose("9\r") == "1");  // out of range: ignored
  CHECK(choose("?") == "?");
  CHECK(choose("<") == "<");
  CHECK(choose("q") == "q");
  CHECK(choose("") == std::nullopt);      // end of input
  CHECK(choose("\x04") == std::nullopt);  // Ctrl-D
}

TEST_CASE("the list is redrawn in place, never scrolled or on another screen", "[ask][rich]") {
  std::string screen;
  CHECK(choose(kDown + "\r", &screen) == "2");
  // Drawn once, then the cursor goes back up to the panel's first line (two
  // lines above the last entry) and the panel is drawn again.
  CHECK(screen.find("\x1b[7m  > 1) Public\x1b[0m") != std::string::npos);
  CHECK(screen.find("\r\x1b[2A\x1b[J") != std::string::npos);
  CHECK(screen.find("\x1b[7m  > 2) Internal\x1b[0m") != std::string::npos);
  CHECK(screen.find("\x1b[?1049h") == std::string::npos);      // no alternate screen
  CHECK(screen.find("\x1b[?25l") < screen.find("\x1b[?25h"));  // cursor hidden, then shown
  test::VtScreen vt(80, 24);
  vt.play(screen);
  CHECK(vt.lines()[0] == "    1) Public");
  CHECK(vt.lines()[1] == "  > 2) Internal");
  CHECK(vt.lines()[2] == "    3) Confidential");
  CHECK(vt.highlighted_blocks() == 1);
  CHECK(vt.unknown().empty());
}

TEST_CASE("an interrupted pick gives nothing", "[ask][rich]") {
  volatile std::sig_atomic_t interrupted = 1;
  std::ostringstream out;
  RichTerminal t(out, &interrupted, std::make_unique<StringKeys>("\r"));
  CHECK(t.choose({"a", "b"}, 0, "q") == std::nullopt);
}

TEST_CASE("a whole session by keys: arrows, back, help, review and edit", "[ask][rich]") {
  const ScoringModel& model = test::default_model();
  const Questionnaire& q = model.questionnaire;
  Profile start;
  start.name = "Keys";
  start.answers.resize(q.criteria.size());
  start.weights.resize(q.criteria.size());
  // Choices by arrows and digits, numbers typed as lines.
  const std::string keys = kDown + kDown + "\r"  // sensitivity: confidential
                           + "<" + kUp + "\r"    // back, then internal
                           + "?" + "\r"          // help, then residency: first answer
                           + "1"                 // workload mix: first
                           + "1.2M\n1500\n300\n" + "1" + "2s\n" + "1" + "$250k\n$20k\n" + "2" +
                           "2" + "2" + "3" + "2" + "1" + "1" + "\n";
  std::ostringstream out;
  RichTerminal rich(out, nullptr, std::make_unique<StringKeys>(keys));
  std::istringstream unused;
  std::vector<Profile> saved;
  AskSession session(model, start, std::vector<bool>(q.criteria.size(), false), unused, out,
                     {true, nullptr, &rich},
                     [&](const AskSession& s) { saved.push_back(s.profile()); });
  CHECK(session.run() == AskOutcome::completed);
  const Profile& p = session.profile();
  const auto choice = [&](const char* id) {
    const Criterion& c = q.at(id);
    return c.answers[p.answers[c.index_in_questionnaire].choice].id;
  };
  CHECK(choice("data_sensitivity") == "internal");
  CHECK(choice("data_residency") == "anywhere");
  CHECK(p.answers[q.index_of("monthly_requests")].low == 1200000);
  CHECK(p.answers[q.index_of("latency_budget_ms")].low == 2000);
  CHECK(p.answers[q.index_of("upfront_budget_usd")].low == 250000);
  CHECK(choice("team_mlops") == "basic");
  CHECK(choice("existing_gpus") == "none");
  CHECK(saved.size() == 20);  // autosaved after every answer, the changed one twice
  CHECK(out.str().find("If not sure") != std::string::npos);                 // the help was shown
  CHECK(out.str().find("\u2713 Existing GPUs: none") != std::string::npos);  // collapsed
}
