#include "core/metrics/radix_sort.h"

#include <array>
#include <bit>
#include <cstddef>

namespace ganscope {

namespace {

constexpr int kDigits = 8;
constexpr int kBuckets = 256;

// The unsigned key with the same order as the double: positive numbers above negative ones, larger negative
// magnitudes lower.
std::uint64_t orderedKey(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

double fromOrderedKey(std::uint64_t key) {
  const std::uint64_t bits = (key >> 63) != 0 ? key & ~(std::uint64_t{1} << 63) : ~key;
  return std::bit_cast<double>(bits);
}

}  // namespace

void radixSortDoubles(std::span<double> values, std::vector<std::uint64_t>& scratch) {
  const std::size_t n = values.size();
  if (n < 2) return;
  scratch.resize(2 * n);
  std::uint64_t* from = scratch.data();
  std::uint64_t* to = scratch.data() + n;

  std::array<std::array<std::uint32_t, kBuckets>, kDigits> counts{};
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t key = orderedKey(values[i]);
    from[i] = key;
    for (int d = 0; d < kDigits; ++d) ++counts[static_cast<std::size_t>(d)][(key >> (8 * d)) & 0xFF];
  }
  for (int d = 0; d < kDigits; ++d) {
    std::array<std::uint32_t, kBuckets>& count = counts[static_cast<std::size_t>(d)];
    if (count[(from[0] >> (8 * d)) & 0xFF] == n) continue;  // every key has this digit: the pass changes nothing
    std::uint32_t offset = 0;
    for (std::uint32_t& c : count) {  // counts become each bucket's first position
      const std::uint32_t size = c;
      c = offset;
      offset += size;
    }
    for (std::size_t i = 0; i < n; ++i) to[count[(from[i] >> (8 * d)) & 0xFF]++] = from[i];
    std::swap(from, to);
  }
  for (std::size_t i = 0; i < n; ++i) values[i] = fromOrderedKey(from[i]);
}

}  // namespace ganscope
