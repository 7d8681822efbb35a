// SPDX-License-Identifier: MIT
// The JSON renderer (src/core/render/json.cpp): results leave in large writes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "aidecide/render.hpp"
#include "helpers.hpp"

using namespace aidecide;

TEST_CASE("JSON results leave in writes of 64 KiB, all of them by the end", "[perf][json]") {
  // One write per result cost a system call per profile; results now wait
  // until 64 KiB are ready (memory stays bounded), and finish() writes the rest.
  std::ostringstream out;
  RenderOptions options;
  auto json = make_renderer(Format::json, out, test::default_model(), options);
  const std::size_t header = out.str().size();
  const std::string result = "{\"file\":\"" + std::string(1000, 'a') + "\"}";
  for (int i = 0; i < 60; ++i) json->result_text(result);
  CHECK(out.str().size() == header);  // 60 x 1 KB wait
  for (int i = 0; i < 10; ++i) json->result_text(result);
  const std::size_t written = out.str().size() - header;
  CHECK(written >= 64 * 1024);
  CHECK(written < 64 * 1024 + result.size() + 2);
  json->finish();
  const auto document = nlohmann::json::parse(out.str());
  REQUIRE(document["results"].size() == 70);
  CHECK(document["results"][69]["file"] == std::string(1000, 'a'));
}
