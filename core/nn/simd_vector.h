#pragma once
// A fixed-width float vector for hand-written kernels: GCC/Clang vector extensions, so that a kernel's accumulators
// are named vector values the compiler keeps in registers (a plain float array of the same size is often left in
// memory), on any instruction set the build targets.
#include <cstring>
#include <type_traits>

namespace ganscope::simd {

/// The widest float vector the build's instruction set has: 16 floats with AVX-512, 8 with AVX, else 4.
#if defined(__AVX512F__)
inline constexpr int kLanes = 16;
#elif defined(__AVX__)
inline constexpr int kLanes = 8;
#else
inline constexpr int kLanes = 4;
#endif

/// N floats (N = 4, 8 or 16) as one vector value. (Spelled out per width: GCC ignores a vector_size attribute on an
/// alias template, GCC bug 58855.)
template <int N>
struct VecOf;
template <>
struct VecOf<4> {
  typedef float type __attribute__((vector_size(16)));
};
template <>
struct VecOf<8> {
  typedef float type __attribute__((vector_size(32)));
};
template <>
struct VecOf<16> {
  typedef float type __attribute__((vector_size(64)));
};

/// N floats as one vector value (see VecOf).
template <int N>
using Vec = typename VecOf<N>::type;

/// What a kernel tile of R rows works in: a vector of min(R, kLanes) floats when R ≥ 4, else a plain float.
template <int R>
inline constexpr int kTileLanes = R >= kLanes ? kLanes : (R >= 4 ? R : 1);

/// The register type of a tile of R rows (see kTileLanes).
template <int R>
using TileVec = std::conditional_t<kTileLanes<R> == 1, float, Vec<kTileLanes<R> == 1 ? 4 : kTileLanes<R>>>;

/// Loads a TileVec<R> from any address (no alignment needed).
template <int R>
inline TileVec<R> load(const float* p) {
  TileVec<R> v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

/// Stores a TileVec<R> to any address.
template <int R>
inline void store(float* p, const TileVec<R>& v) {
  std::memcpy(p, &v, sizeof v);
}

}  // namespace ganscope::simd
