// Philox4x32-10 on the CPU (core/util/philox.h) against Random123's known answers, and the GPU trainer's
// shader against it: the same bits, and the same uniforms and normals.
#include "core/util/philox.h"

#include <doctest/doctest.h>

#include <cmath>

#include "app/gpu/philox_probe.h"

using namespace ganscope;

namespace {

// The "philox4x32 10" lines of Random123's tests/kat_vectors: counter, key, output.
struct KnownAnswer {
  std::array<std::uint32_t, 4> counter;
  std::array<std::uint32_t, 2> key;
  std::array<std::uint32_t, 4> output;
};
const KnownAnswer kKnownAnswers[] = {
    {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
    {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
     {0xffffffff, 0xffffffff},
     {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
    {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
     {0xa4093822, 0x299f31d0},
     {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
};

}  // namespace

TEST_CASE("philox: the CPU reference gives Random123's known answers") {
  for (const KnownAnswer& k : kKnownAnswers) CHECK(philox4x32(k.counter, k.key) == k.output);
}

TEST_CASE("philox: the GPU trainer's shader gives the same bits, uniforms and normals") {
  const PhiloxStream stream{0x123456789abcdefULL, (3ULL << 32) + 17, (2u << 16) | 1u};
  for (const KnownAnswer& k : kKnownAnswers) {
    const PhiloxProbe probe = probePhiloxOnGpu(k.counter, k.key, stream, 1000);
    CHECK(probe.block == k.output);
    double sum = 0.0, squares = 0.0;
    for (std::uint32_t i = 0; i < 1000; ++i) {
      CAPTURE(i);
      CHECK(probe.uniforms[i] == stream.uniform(i));  // 24 bits scaled by 2^-24: exact on both sides
      CHECK(std::abs(probe.normals[i] - stream.normal(i)) < 1e-5f);  // GLSL's log, sin, cos: a few ulp
      sum += probe.normals[i];
      squares += static_cast<double>(probe.normals[i]) * probe.normals[i];
    }
    // And they are normal: mean within 4 standard errors of 0, variance within 15 %.
    CHECK(std::abs(sum / 1000.0) < 4.0 / std::sqrt(1000.0));
    CHECK(std::abs(squares / 1000.0 - 1.0) < 0.15);
  }
}
