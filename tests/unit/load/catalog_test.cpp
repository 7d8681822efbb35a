// SPDX-License-Identifier: MIT
// The catalog's arithmetic (src/core/load/catalog.cpp) against published
// figures and hand computation.
#include <catch2/catch.hpp>

#include <cmath>

#include "helpers.hpp"

using namespace aidecide;
using namespace aidecide::test;

namespace {
const Pricing& pricing() {
  return default_model().pricing;
}
}  // namespace

TEST_CASE("KV cache per token matches the published figures", "[catalog]") {
  const Pricing& p = pricing();
  // Llama 3.x 8B: 32 layers x 8 KV heads x 128 x 2 (keys, values) x 2 bytes
  // = 128 KiB per token, 1 GiB per 8k-token sequence.
  CHECK(p.models.at("llama-3.1-8b").kv_bytes_per_token() == 128 * 1024);
  CHECK(p.models.at("llama-3.1-8b").kv_bytes_per_token() * 8192 == 1024.0 * 1024 * 1024);
  // 70B: 80 layers, 320 KiB per token.
  CHECK(p.models.at("llama-3.3-70b").kv_bytes_per_token() == 320 * 1024);
  // DeepSeek-V3's latent attention: 61 layers x (512 + 64) x 2 bytes.
  CHECK(p.models.at("deepseek-v3").kv_bytes_per_token() == 61 * 576 * 2);
}

TEST_CASE("weights take parameters times bytes per parameter", "[catalog]") {
  CHECK(bytes_per_parameter(Quantisation::bits16) == 2);
  CHECK(bytes_per_parameter(Quantisation::bits8) == 1);
  CHECK(bytes_per_parameter(Quantisation::bits4) == 0.5);
  const TierPlan& basic = pricing().plans[0];
  // 8.03 B parameters at 16 bits: 16.06 GB, on one L40S (48 GB x 0.9).
  const ReplicaShape& first = basic.own_local.shapes.front();
  CHECK(first.gpu->name == "L40S");
  CHECK(first.gpus == 1);
  CHECK(first.weights_gb == Approx(16.06));
  CHECK(first.available_gb == Approx(43.2));
  CHECK(first.overhead_gb == Approx(1.5));
  CHECK(first.free_gb == Approx(43.2 - 16.06 - 1.5));
  CHECK(first.output_tokens_per_second == 1124);
  CHECK(first.kind == FigureKind::published);
  // DeepSeek-V3 at 8 bits: 671 GB.
  CHECK(pricing().plans[2].own_local.shapes.front().weights_gb == 671);
}

TEST_CASE("a ladder tries the smallest group, then larger GPUs, then two servers", "[catalog]") {
  const TierPlan& frontier = pricing().plans[2];
  // 671 GB fits no H100 server (8 x 80 x 0.9 = 576): the first shape is the
  // H200 group that holds it.
  const ReplicaLadder& l = frontier.own_local;
  REQUIRE_FALSE(l.empty());
  CHECK(l.shapes.front().gpu->name == "H200");
  CHECK(l.shapes.front().gpus == 8);
  CHECK(l.shapes.front().larger_gpu);
  CHECK_FALSE(l.shapes.front().two_nodes);
  // Then two servers of each GPU, the preferred first.
  REQUIRE(l.shapes.size() == 3);
  CHECK(l.shapes[1].gpu->name == "H100");
  CHECK(l.shapes[1].gpus == 16);
  CHECK(l.shapes[1].two_nodes);
  CHECK(l.shapes[2].gpu->name == "H200");
  CHECK(l.shapes[2].gpus == 16);
  // The fallback has the most free memory.
  CHECK(l.fallback == 2);
  // Never a shape whose weights and overhead leave nothing for the KV cache.
  for (const TierPlan& plan : pricing().plans) {
    for (const ReplicaLadder* ladder :
         {&plan.own_local, &plan.own_hybrid, &plan.edge_local, &plan.edge_hybrid}) {
      for (const ReplicaShape& s : ladder->shapes) CHECK(s.free_gb > 0);
    }
  }
}

TEST_CASE("throughput away from a published figure is scaled and marked estimated", "[catalog]") {
  const Pricing& p = pricing();
  const OpenModel& m = p.models.at("llama-3.1-8b");
  // On an A100, which no figure names: the L40S figure (same precision and
  // group) scaled by memory bandwidth, 1,124 x 2,039 / 864.
  const ReplicaLadder on_a100 =
      build_ladder(p, m, Quantisation::bits16, p.gpus.at("A100-80GB"), 32);
  REQUIRE_FALSE(on_a100.empty());
  CHECK(on_a100.shapes.front().output_tokens_per_second == Approx(1124.0 * 2039 / 864));
  CHECK(on_a100.shapes.front().kind == FigureKind::estimated);
  // At 8 bits on an H100: the 16-bit H100 figure read half the bytes per token.
  const ReplicaLadder fp8 = build_ladder(p, m, Quantisation::bits8, p.gpus.at("H100"), 32);
  CHECK(fp8.shapes.front().output_tokens_per_second == Approx(2462.0 * 2));
  CHECK(fp8.shapes.front().kind == FigureKind::estimated);
  // Fewer sequences than the figure serve proportionally fewer tokens.
  const ReplicaLadder few = build_ladder(p, m, Quantisation::bits16, p.gpus.at("L40S"), 8);
  CHECK(few.shapes.front().output_tokens_per_second == Approx(1124.0 / 4));
  CHECK(few.shapes.front().kind == FigureKind::estimated);
  // The figure itself at its own sequences keeps its label.
  const ReplicaLadder same = build_ladder(p, m, Quantisation::bits16, p.gpus.at("L40S"), 32);
  CHECK(same.shapes.front().kind == FigureKind::published);
}
