#pragma once
// A small, fully specified random number generator, so that a seed gives the same run bit for bit
// on every compiler and standard library (std::normal_distribution is implementation-defined).
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace ganscope {

/// xoshiro256** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"),
/// seeded through splitmix64; normals by the Box–Muller transform (Box & Muller 1958).
/// A plain value: copying it copies the stream exactly (used by save/restore and rewind).
class Rng {
 public:
  /// Seeds the four words of state from one 64-bit seed with splitmix64.
  explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

  /// Restarts the stream from a seed.
  void reseed(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& word : state_) word = splitmix64(x);
    hasSpareNormal_ = false;
    spareNormal_ = 0.0;
  }

  /// The next 64 random bits.
  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  /// A uniform double in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// A uniform double in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  /// A uniform integer in [0, n) for n > 0 (Lemire's multiply-shift; the bias is below 2^-32 for the sizes used here).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }

  /// A standard normal double (Box–Muller; the second value of each pair is kept for the next call).
  double normal() {
    if (hasSpareNormal_) {
      hasSpareNormal_ = false;
      return spareNormal_;
    }
    double u1 = uniform();
    while (u1 <= 0.0) u1 = uniform();
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 6.283185307179586476925 * u2;
    spareNormal_ = radius * std::sin(angle);
    hasSpareNormal_ = true;
    return radius * std::cos(angle);
  }

  /// A normal double with the given mean and standard deviation.
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

  /// The four words of xoshiro256**'s state.
  std::array<std::uint64_t, 4> words() const { return {state_[0], state_[1], state_[2], state_[3]}; }
  /// Whether normal() has the second value of a Box–Muller pair kept for its next call.
  bool hasSpareNormal() const { return hasSpareNormal_; }
  /// That kept value (0 when there is none).
  double spareNormal() const { return spareNormal_; }

  /// Replaces the whole state with a saved one (a session's): the four words and the kept normal, as given.
  void restore(const std::array<std::uint64_t, 4>& words, bool hasSpareNormal, double spareNormal) {
    for (std::size_t i = 0; i < words.size(); ++i) state_[i] = words[i];
    hasSpareNormal_ = hasSpareNormal;
    spareNormal_ = spareNormal;
  }

  /// Equality of the whole state (used by determinism and save/restore tests).
  bool operator==(const Rng&) const = default;

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  std::uint64_t state_[4] = {0, 0, 0, 0};
  bool hasSpareNormal_ = false;
  double spareNormal_ = 0.0;
};

}  // namespace ganscope
