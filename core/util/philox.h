#pragma once
// Philox4x32-10, the counter-based generator of the GPU trainer (shaders/train_common.glsl has the same
// function): here on the CPU, as the reference its tests compare the GPU's numbers with.
#include <array>
#include <cmath>
#include <cstdint>

namespace ganscope {

/// Philox4x32-10 (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers: as easy as 1, 2, 3", §4.2): ten
/// rounds of a bijection of the 128-bit counter under the 64-bit key.
inline std::array<std::uint32_t, 4> philox4x32(std::array<std::uint32_t, 4> counter,
                                               std::array<std::uint32_t, 2> key) {
  for (int round = 0; round < 10; ++round) {
    const std::uint64_t product0 = std::uint64_t{0xD2511F53u} * counter[0];
    const std::uint64_t product1 = std::uint64_t{0xCD9E8D57u} * counter[2];
    const auto hi0 = static_cast<std::uint32_t>(product0 >> 32), lo0 = static_cast<std::uint32_t>(product0);
    const auto hi1 = static_cast<std::uint32_t>(product1 >> 32), lo1 = static_cast<std::uint32_t>(product1);
    counter = {hi1 ^ counter[1] ^ key[0], lo1, hi0 ^ counter[3] ^ key[1], lo0};
    key[0] += 0x9E3779B9u;
    key[1] += 0xBB67AE85u;
  }
  return counter;
}

/// Where the GPU trainer's element `i` of a random stream comes from: the counter (block, stream, step low,
/// step high) under the seed.
struct PhiloxStream {
  std::uint64_t seed = 0;
  std::uint64_t step = 0;
  std::uint32_t stream = 0;
  /// The four words of block `block`.
  std::array<std::uint32_t, 4> block(std::uint32_t block) const {
    return philox4x32(
        {block, stream, static_cast<std::uint32_t>(step), static_cast<std::uint32_t>(step >> 32)},
        {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)});
  }
  /// Element i as a uniform float in [0, 1) with 24 random bits (train_common.glsl's uniformAt).
  float uniform(std::uint32_t i) const {
    return static_cast<float>(block(i >> 2)[i & 3u] >> 8) / 16777216.0f;
  }
  /// Element i as a standard normal, Box–Muller on a pair of 24-bit uniforms (train_common.glsl's normalAt).
  float normal(std::uint32_t i) const {
    const auto bits = block(i >> 1);
    const float u1 = static_cast<float>((bits[0] >> 8) + 1u) / 16777216.0f;
    const float u2 = static_cast<float>(bits[1] >> 8) / 16777216.0f;
    const float radius = std::sqrt(-2.0f * std::log(u1));
    const float angle = 6.28318530717958647692f * u2;
    return (i & 1u) == 0u ? radius * std::cos(angle) : radius * std::sin(angle);
  }
};

}  // namespace ganscope
