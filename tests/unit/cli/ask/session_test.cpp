// SPDX-License-Identifier: MIT
// aidecide ask: typed answers, the piped line mode, pre-filled answers,
// saving and resuming.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aidecide/human_input.hpp"
#include "ask/session.hpp"
#include "helpers.hpp"
#include "run.hpp"

using namespace aidecide;
using namespace aidecide::test;
namespace fs = std::filesystem;

namespace {

using Result = CliResult;

Result ask(std::vector<std::string> args, const std::string& input) {
  args.insert(args.begin(), "ask");
  return run_cli(std::move(args), input);
}

double number(const std::string& id, const std::string& text) {
  const auto r = parse_human_number(text, default_model().questionnaire.at(id));
  INFO(r.error);
  REQUIRE(r.value.has_value());
  return *r.value;
}

// One line per question, in criteria order.
const std::string kAllAnswers =
    "3\n2\n1\n1.2M\n1,500\n300\n1\n1.5s\n1\n$250k\n20k\n1\n3\n3\n2\n3\n2\n1\n1\n1\n0\n0\n";

}  // namespace

TEST_CASE("human numbers", "[ask][input]") {
  CHECK(number("monthly_requests", "1.2M") == 1200000);
  CHECK(number("monthly_requests", "250k") == 250000);
  CHECK(number("monthly_requests", "1,200,000") == 1200000);
  CHECK(number("monthly_requests", "2B") == 2e9);
  CHECK(number("latency_budget_ms", "2s") == 2000);
  CHECK(number("latency_budget_ms", "1500ms") == 1500);
  CHECK(number("latency_budget_ms", "800") == 800);
  CHECK(number("upfront_budget_usd", "$250k") == 250000);
  CHECK(number("monthly_budget_usd", "$20,000") == 20000);
  const auto& q = default_model().questionnaire;
  CHECK(parse_human_number("lots", q.at("monthly_requests")).error ==
        "'lots' is not a number; type digits with an optional k, M or B");
  CHECK(parse_human_number("$5", q.at("monthly_requests")).error ==
        "'$5': this question is not about money");
  CHECK(parse_human_number("0", q.at("latency_budget_ms")).error ==
        "Latency budget must be above 0 and at most 10,000,000; you typed 0");
}

TEST_CASE("human answers", "[ask][input]") {
  const auto& q = default_model().questionnaire;
  const auto choice = [&](const std::string& text) {
    return parse_human_answer(text, q.at("team_mlops"));
  };
  CHECK(choice("3").answer->choice == 2);
  CHECK(choice("experienced").answer->choice == 2);
  CHECK(choice("Basic").answer->choice == 1);
  CHECK(choice("not sure").answer->kind == Answer::Kind::unknown);
  CHECK(choice("7").error == "type a number from 1 to 3");
  CHECK(choice("expert").error == "'expert' is not one of the answers; type a number from 1 to 3");
  const auto range = parse_human_answer("100k-2M", q.at("monthly_requests"));
  REQUIRE(range.answer);
  CHECK(range.answer->kind == Answer::Kind::range);
  CHECK(range.answer->low == 100000);
  CHECK(range.answer->high == 2000000);
  CHECK(parse_human_answer("2M-100k", q.at("monthly_requests")).error ==
        "the range is reversed; type the low end first");
}

TEST_CASE("piped answers give the result on stdout and the transcript on stderr", "[ask][pipe]") {
  const Result r = ask({"--format", "json", "--name", "Piped"}, kAllAnswers);
  CHECK(r.code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["results"][0]["name"] == "Piped");
  CHECK(doc["results"][0]["recommendation"] == "local");
  CHECK(r.err.find("[1/22] Data sensitivity") != std::string::npos);
  CHECK(r.err.find("[19/22] Existing GPUs") != std::string::npos);
  CHECK(r.err.find("  = 1,200,000 requests/month") != std::string::npos);
  CHECK(r.err.find("  = 1,500 ms") != std::string::npos);
  CHECK(r.err.find("! This rules out cloud: The data must stay") == std::string::npos);
  CHECK(r.err.find("\x1b[") == std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);
}

TEST_CASE("a constraint that fires says so at once", "[ask][pipe]") {
  const Result r = ask({"--format", "json", "--set", "connectivity=online"}, "5\n3\n");
  CHECK(r.err.find("! This rules out cloud: The data must stay on infrastructure the "
                   "organisation controls, and pure cloud sends all of it to a provider, whatever "
                   "the workload mix.") != std::string::npos);
}

TEST_CASE("end of input with questions open exits 2 with the missing list and a template",
          "[ask][pipe]") {
  SECTION("no input at all") {
    const Result r = ask({}, "");
    CHECK(r.code == 2);
    CHECK(r.err.find("aidecide: error: the input ended with 22 questions unanswered: "
                     "data_sensitivity, data_residency") != std::string::npos);
    CHECK(r.out.starts_with(
        "# Answers saved by aidecide ask; a valid profile.\nname: \"Untitled project\"\n"));
    CHECK(r.out.find("\x1b[") == std::string::npos);
    CHECK(r.err.find("\x1b[") == std::string::npos);
    // The template is itself a valid profile.
    CHECK_NOTHROW(load_profile(r.out, "template.yaml", default_model().questionnaire));
  }
  SECTION("partial input") {
    const Result r = ask({}, "3\n2\n1\n");
    CHECK(r.code == 2);
    CHECK(r.err.find("the input ended with 19 questions unanswered: monthly_requests,") !=
          std::string::npos);
    CHECK(r.out.find("  data_sensitivity: confidential\n") != std::string::npos);
    CHECK(r.out.find("x-unanswered: [monthly_requests,") != std::string::npos);
  }
}

TEST_CASE("a bad piped answer stops with its line number", "[ask][pipe]") {
  const Result r = ask({}, "3\n9\n");
  CHECK(r.code == 2);
  CHECK(r.err.find("aidecide: error: <stdin>:2: data_residency: type a number from 1 to 3") !=
        std::string::npos);
}

TEST_CASE("answers files and set pre-fill: only the rest is asked", "[ask][prefill]") {
  const Result r = ask({"--answers", "profiles/hospital-clinical-notes.yaml", "--set",
                        "team_mlops=basic", "--format", "json"},
                       "");
  CHECK(r.code == 0);
  CHECK(r.err.find("[1/19]") == std::string::npos);  // nothing asked
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["results"][0]["name"] == "Hospital clinical notes summariser");
  CHECK(doc["results"][0]["recommendation"] == "local");
  const Result some = ask({"--set", "data_sensitivity=public", "--format", "json"}, "");
  CHECK(some.err.find("21 questions unanswered") != std::string::npos);
}

TEST_CASE("the defaults flag answers the rest with the documented assumptions", "[ask][prefill]") {
  const Result r = ask({"--defaults", "--set", "connectivity=offline", "--format", "json"}, "");
  CHECK(r.code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["results"][0]["recommendation"] == "local");
  CHECK(doc["results"][0]["assumptions"].size() == 21);
}

TEST_CASE("back and review change earlier answers", "[ask][navigation]") {
  // Answer sensitivity 1, then go back and make it 5; review at question 3 and change residency
  // to 3.
  const Result r = ask({"--format", "json"}, "1\n<\n5\n2\nr\n2\n3\n1\n" + kAllAnswers.substr(6));
  CHECK(r.code == 0);
  CHECK(r.err.find("Review your answers:") != std::string::npos);
  const auto doc = nlohmann::json::parse(r.out);
  const auto& drivers = doc["results"][0]["drivers"];
  std::map<std::string, std::string> answers;
  for (const auto& d : drivers) answers[d["criterion"]] = d["answer"];
  CHECK(answers["data_sensitivity"] == "regulated");
  CHECK(answers["data_residency"] == "on_premises");
}

TEST_CASE("help and quit", "[ask][navigation]") {
  const Result r = ask({}, "?\nq\n");
  CHECK(r.code == 130);
  CHECK(r.err.find("Sending prompts to a hosted API means the data leaves your infrastructure") !=
        std::string::npos);
  CHECK(r.err.find("1) Public: Nothing to protect; every option is fine.") != std::string::npos);
}

TEST_CASE("saving keeps every answer and --resume continues", "[ask][save]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-ask-save";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string file = (dir / "answers.yaml").string();
  const Result first = ask({"--save", file, "--name", "Saved"}, "3\n2\n1\nq\n");
  CHECK(first.code == 130);
  CHECK(first.err.find("continue with: aidecide ask --resume " + file) != std::string::npos);
  const std::string saved = read_text_file(file);
  CHECK(saved.find("  data_residency: region\n") != std::string::npos);
  CHECK_NOTHROW(load_profile(saved, file, default_model().questionnaire));
  const Result second = ask({"--resume", file, "--format", "json"}, kAllAnswers.substr(6));
  CHECK(second.code == 0);
  CHECK(second.err.find("[1/19] Monthly requests") != std::string::npos);
  CHECK(second.err.find("Data sensitivity ·") == std::string::npos);
  CHECK(nlohmann::json::parse(second.out)["results"][0]["name"] == "Saved");
  // The finished file has no open questions left.
  CHECK(read_text_file(file).find("x-unanswered") == std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("resuming says which saved answers no longer fit", "[ask][save]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-ask-resume";
  fs::create_directories(dir);
  const std::string file = (dir / "old.yaml").string();
  write_file_atomically(
      file, "name: Old\nanswers:\n  data_sensitivity: secret\n  data_residency: region\n");
  const Result r = ask({"--resume", file}, "");
  CHECK(r.err.find("'secret' is not an answer of data_sensitivity") != std::string::npos);
  CHECK(r.err.find("will be asked again") != std::string::npos);
  CHECK(r.err.find("21 questions unanswered: data_sensitivity,") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("the template flag prints a commented profile", "[ask]") {
  const Result r = ask({"--template"}, "");
  CHECK(r.code == 0);
  CHECK(r.out.find("  # How confidential is the data the model sees?\n  # one of: public | "
                   "internal | confidential | "
                   "personal | regulated\n  data_sensitivity: unknown\n") != std::string::npos);
  CHECK_NOTHROW(load_profile(r.out, "t.yaml", default_model().questionnaire));
}

TEST_CASE("the adr option writes a decision record that check holds", "[ask][adr]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-ask-adr";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string file = (dir / "0001.md").string();
  const Result r = ask({"--answers", "profiles/bank-assistant-mixed.yaml", "--adr", file}, "");
  CHECK(r.code == 0);
  CHECK(r.err.find("aidecide: wrote " + file) != std::string::npos);
  std::istringstream in;
  std::ostringstream out, err;
  cli::Environment env;
  env.today = "2026-11-23";
  CHECK(cli::run({"aidecide", "check", file}, in, out, err, env) == 0);
  fs::remove_all(dir);
}

TEST_CASE("resuming keeps the profile's named models and scores with them", "[ask][save][named]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-ask-models";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string file = (dir / "named.yaml").string();
  std::string text = read_text_file("profiles/startup-prototype.yaml");
  text += "models:\n  cloud: gpt-4o-mini\n  local: llama-3.1-8b\n";
  write_file_atomically(file, text);
  const Result r = ask({"--resume", file, "--format", "json"}, "1\n1\n0\n0\n");
  CHECK(r.code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["results"][0]["cost"]["named_models"]["local"] == "llama-3.1-8b");
  // Kept as the user wrote it.
  CHECK(read_text_file(file).ends_with("models:\n  cloud: gpt-4o-mini\n  local: llama-3.1-8b\n"));
  fs::remove_all(dir);
}

TEST_CASE("saving never replaces a file ask did not write", "[ask][save]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-ask-victim";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string file = (dir / "victim.yaml").string();
  const std::string hand_written = read_text_file("profiles/startup-prototype.yaml");
  write_file_atomically(file, hand_written);
  const Result r = ask({"--save", file}, "1\n");
  CHECK(r.code == 2);
  CHECK(r.err == "aidecide: error: " + file +
                     " exists and was not written by aidecide ask; continue from it with "
                     "--resume " +
                     file + ", or add --force to replace it\n");
  CHECK(read_text_file(file) == hand_written);
  // Continuing from it is allowed, and so is replacing it on purpose.
  CHECK(ask({"--resume", file, "--save", file, "--format", "json"}, "1\n1\n0\n0\n").code == 0);
  write_file_atomically(file, hand_written);
  CHECK(ask({"--save", file, "--force"}, "q\n").code == 130);
  CHECK(read_text_file(file).starts_with("# Answers saved by aidecide ask"));
  // A file ask wrote is its own to replace.
  CHECK(ask({"--save", file}, "q\n").code == 130);
  fs::remove_all(dir);
}

namespace {
// `ask` with a state folder (where a run without --save keeps its answers).
Result ask_with_state(std::vector<std::string> args, const std::string& input,
                      const std::string& state) {
  args.insert(args.begin(), "ask");
  cli::Environment env = test_env();
  env.state_dir = state;
  return run_cli(std::move(args), input, env);
}
}  // namespace

TEST_CASE("resuming writes back only what changed and keeps everything else",
          "[ask][save][resume]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-ask-keep";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string file = (dir / "bank.yaml").string();
  std::string text = read_text_file("profiles/bank-assistant-mixed.yaml");
  text = replaced(text, "  data_residency: on_premises\n",
                  "  data_residency: on_premises   # legal said so\n");
  text += "weights:\n  data_sensitivity: 8\nx-team: core\n";
  write_file_atomically(file, text);
  SECTION("an answer to an open question goes after the last answer; the rest stays") {
    const Result r = ask({"--resume", file}, "firm\n");
    CHECK(r.code == 0);
    const std::string expected =
        replaced(replaced(text, "answers:\n",
                          "x-unanswered: [sites, cached_input_percent, batch_percent]\nanswers:\n"),
                 "  existing_gpus: some\n", "  existing_gpus: some\n  budget_flexibility: firm\n");
    CHECK(read_text_file(file) == expected);
  }
  SECTION("a changed answer changes its value only, its comment kept") {
    // Back from the first open question to the residency, changed to region.
    const Result r = ask({"--resume", file},
                         "<\n<\n<\n<\n<\n<\n<\n<\n<\n<\n<\n<\n<\n<\n"
                         "<\n<\n<\n<\n\n2\n");
    INFO(r.err);
    const std::string now = read_text_file(file);
    CHECK(now.find("  data_residency: region   # legal said so\n") != std::string::npos);
    CHECK(now.find("weights:\n  data_sensitivity: 8\nx-team: core\n") != std::string::npos);
    CHECK(now.starts_with(text.substr(0, text.find("answers:"))));
  }
  SECTION("nothing new: the file is not written") {
    const auto before = fs::last_write_time(file);
    fs::permissions(file, fs::perms::owner_read);  // a write would fail
    const Result r = ask({"--resume", file}, "");
    CHECK(r.code == 0);  // only optional questions were open
    CHECK(read_text_file(file) == text);
    CHECK(fs::last_write_time(file) == before);
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  }
  fs::remove_all(dir);
}

TEST_CASE("back and forward step through the questions in order after --resume", "[ask][resume]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-ask-back";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string file = (dir / "p.yaml").string();
  write_file_atomically(file, read_text_file("profiles/bank-assistant-mixed.yaml"));
  // Two steps back (monthly, then upfront budget), two forward (keeping
  // both), then the open question again.
  const Result r = ask({"--resume", file, "--plain"}, "<\n<\n\n\nfirm\n");
  CHECK(r.code == 0);
  std::vector<std::string> headers;
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("[")) headers.push_back(line.substr(0, line.find(" · ")));
  }
  CHECK(headers == std::vector<std::string>{
                       "[1/4] Budget flexibility", "[answered before] Monthly budget",
                       "[answered before] Upfront budget", "[answered before] Monthly budget",
                       "[1/4] Budget flexibility", "[2/4] Sites"});
  fs::remove_all(dir);
}

TEST_CASE("the state file is kept until this run answers, then kept as .prev",
          "[ask][save][state]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-ask-state";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string state = dir.string();
  const std::string last = state + "/last-answers.yaml";
  const Result first = ask_with_state({"--plain"}, "3\n2\n", state);
  CHECK(first.code == 2);  // the input ended early
  CHECK(first.err.find("continue with: aidecide ask --resume " + last) != std::string::npos);
  const std::string previous = read_text_file(last);
  SECTION("a run that ends before its first answer leaves it alone") {
    const Result r = ask_with_state({"--plain"}, "q\n", state);
    CHECK(r.code == 130);
    CHECK(read_text_file(last) == previous);
    CHECK_FALSE(fs::exists(last + ".prev"));
    CHECK(r.err.find("continue with") == std::string::npos);
  }
  SECTION("the first answer keeps the previous answers as .prev, which --resume reads") {
    const Result r = ask_with_state({"--plain"}, "1\n", state);
    CHECK(r.code == 2);
    CHECK(read_text_file(last + ".prev") == previous);
    CHECK(read_text_file(last) != previous);
    const Result back = ask_with_state({"--plain", "--resume", last + ".prev"}, "", state);
    CHECK(back.err.find("[1/") != std::string::npos);
    CHECK(back.err.find("Data sensitivity") == std::string::npos);  // answered in .prev
  }
  fs::remove_all(dir);
}

TEST_CASE("ask --set takes the numbers and names a prompt takes", "[ask][grammar]") {
  // The example of `ask --help` and docs/ask.md.
  const Result r = ask({"--set", "monthly_requests=2M", "--set", "data_sensitivity=Public",
                        "--defaults", "--format", "json"},
                       "");
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["results"][0]["cost"]["monthly_tokens_in"].get<double>() > 0);
  bool seen = false;
  for (const auto& a : doc["results"][0]["drivers"]) {
    if (a["criterion"] == "data_sensitivity") seen = a["answer"] == "public";
  }
  CHECK(seen);
  const Result bad = ask({"--set", "monthly_requests=2X", "--defaults"}, "");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--set monthly_requests=2X: monthly_requests must be a number") !=
        std::string::npos);
}

TEST_CASE("a person names the project first, the folder's name by default", "[ask][name]") {
  const fs::path dir = fs::temp_directory_path() / "aidecide-ask-name";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto run_at_terminal = [](std::vector<std::string> args, const std::string& input) {
    args.insert(args.begin(), "ask");
    cli::Environment env = test_env();
    env.stdin_is_terminal = true;
    return run_cli(std::move(args), input, env);
  };
  const std::string file = (dir / "named.yaml").string();
  SECTION("a typed name") {
    const Result r = run_at_terminal({"--save", file}, "  Shop search  \n" + kAllAnswers + "\n");
    INFO(r.err);
    CHECK(r.code == 0);
    CHECK(r.err.starts_with("\nProject name (Enter for \"" +
                            fs::current_path().filename().string() + "\"): "));
    CHECK(read_text_file(file).find("name: \"Shop search\"\n") != std::string::npos);
  }
  SECTION("Enter keeps the folder's name") {
    const Result r = run_at_terminal({"--save", file}, "\n" + kAllAnswers + "\n");
    CHECK(r.code == 0);
    CHECK(read_text_file(file).find(fmt::format(
              "name: \"{}\"\n", fs::current_path().filename().string())) != std::string::npos);
  }
  SECTION("--name, or a pipe, asks nothing") {
    const Result given = run_at_terminal({"--name", "Given", "--save", file}, kAllAnswers + "\n");
    CHECK(given.code == 0);
    CHECK(given.err.find("Project name") == std::string::npos);
    const Result piped = ask({"--save", file, "--force"}, kAllAnswers);
    CHECK(piped.code == 0);
    CHECK(piped.err.find("Project name") == std::string::npos);
    CHECK(read_text_file(file).find("name: \"Untitled project\"\n") != std::string::npos);
  }
  SECTION("q at the name stops, as at any question") {
    const Result r = run_at_terminal({"--save", file}, "q\n");
    CHECK(r.code == 130);
    CHECK(r.err.find("aidecide: stopped. ") != std::string::npos);
  }
  fs::remove_all(dir);
}

TEST_CASE("the piped transcript shows typed control characters escaped", "[ask][hardening]") {
  const Result r = ask({}, "\x1b]52;c;cGF3bmVk\x07\n");
  CHECK(r.code == 2);
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.find('\x07') == std::string::npos);
  CHECK(r.err.find("\\x1b]52;c;cGF3bmVk\\x07") != std::string::npos);
}

TEST_CASE("an answer line is read up to a limit, the rest dropped", "[ask][hardening]") {
  // A megabyte on one line is refused as an answer, without holding it.
  const Result r = ask({}, std::string(1024 * 1024, '3') + "\n");
  CHECK(r.code == 2);
  CHECK(r.err.find("<stdin>:1: data_sensitivity: the answer is too long (the limit is 4096 "
                   "bytes)") != std::string::npos);
  CHECK(r.err.size() < 3 * cli::kMaxAnswerBytes);
  // At the limit it is an answer like any other (here, not a valid one).
  const Result at = ask({}, std::string(cli::kMaxAnswerBytes, '3') + "\n");
  CHECK(at.code == 2);
  CHECK(at.err.find("too long") == std::string::npos);
  // The line after a long one is the next answer, read from its start.
  const Result next = ask({}, "2\n" + std::string(5000, 'x') + "\n");
  CHECK(next.err.find("<stdin>:2: ") != std::string::npos);
  CHECK(next.err.find("too long") != std::string::npos);
}
