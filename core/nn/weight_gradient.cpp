#include "core/nn/weight_gradient.h"

#include "core/nn/simd_vector.h"

namespace ganscope {
namespace {

constexpr int kBroadcast = simd::kLanes >= 16 ? 8 : 4;  // columns of the dW tile (the broadcast operand)
constexpr int kRowTile = 2 * simd::kLanes;               // rows of the dW tile (the vector operand)

// One R × K tile of the product U·Vᵀ summed over the batch, added to dW. U (uRows × cols) is the operand read as
// vectors, V (vRows × cols) the one broadcast. Transposed: U is A and V is Δ, so the tile is one of dWᵀ (used when
// Δ has too few rows to fill a vector, as at a network's output layer).
template <int R, int K, bool Transposed>
inline void tile(const float* u, int uRows, const float* v, int vRows, float* dw, int dwRows, Eigen::Index cols,
                 int i0, int k0) {
  auto at = [&](int r, int c) -> float& {
    return Transposed ? dw[static_cast<Eigen::Index>(i0 + r) * dwRows + k0 + c]
                      : dw[static_cast<Eigen::Index>(k0 + c) * dwRows + i0 + r];
  };
  constexpr int kL = simd::kTileLanes<R>;
  constexpr int kV = R / kL;
  using V = simd::TileVec<R>;
  V acc[K][kV];
  for (int c = 0; c < K; ++c) {
    for (int w = 0; w < kV; ++w) acc[c][w] = V{};
  }
  for (Eigen::Index j = 0; j < cols; ++j) {
    const float* uj = u + j * uRows + i0;
    const float* vj = v + j * vRows + k0;
    V uv[kV];
    for (int w = 0; w < kV; ++w) uv[w] = simd::load<R>(uj + w * kL);
    for (int c = 0; c < K; ++c) {
      const float b = vj[c];
      for (int w = 0; w < kV; ++w) acc[c][w] += uv[w] * b;
    }
  }
  for (int c = 0; c < K; ++c) {
    float sum[R];
    for (int w = 0; w < kV; ++w) simd::store<R>(sum + w * kL, acc[c][w]);
    for (int r = 0; r < R; ++r) at(r, c) += sum[r];
  }
}

template <int R, bool Transposed>
void rowBlock(const float* u, int uRows, const float* v, int vRows, float* dw, int dwRows, Eigen::Index cols, int i0) {
  int k = 0;
  for (; k + kBroadcast <= vRows; k += kBroadcast) tile<R, kBroadcast, Transposed>(u, uRows, v, vRows, dw, dwRows, cols, i0, k);
  if (kBroadcast > 4 && vRows - k >= 4) tile<R, 4, Transposed>(u, uRows, v, vRows, dw, dwRows, cols, i0, k), k += 4;
  if (vRows - k >= 2) tile<R, 2, Transposed>(u, uRows, v, vRows, dw, dwRows, cols, i0, k), k += 2;
  if (vRows - k >= 1) tile<R, 1, Transposed>(u, uRows, v, vRows, dw, dwRows, cols, i0, k);
}

template <bool Transposed>
void product(const float* u, int uRows, const float* v, int vRows, float* dw, int dwRows, Eigen::Index cols) {
  int i = 0;
  for (; i + kRowTile <= uRows; i += kRowTile) rowBlock<kRowTile, Transposed>(u, uRows, v, vRows, dw, dwRows, cols, i);
  if (kRowTile > 16 && uRows - i >= 16) rowBlock<16, Transposed>(u, uRows, v, vRows, dw, dwRows, cols, i), i += 16;
  if (uRows - i >= 8) rowBlock<8, Transposed>(u, uRows, v, vRows, dw, dwRows, cols, i), i += 8;
  if (uRows - i >= 4) rowBlock<4, Transposed>(u, uRows, v, vRows, dw, dwRows, cols, i), i += 4;
  if (uRows - i >= 2) rowBlock<2, Transposed>(u, uRows, v, vRows, dw, dwRows, cols, i), i += 2;
  if (uRows - i >= 1) rowBlock<1, Transposed>(u, uRows, v, vRows, dw, dwRows, cols, i);
}

}  // namespace

void accumulateWeightGradient(const float* delta, const float* a, float* dw, float* db, int rows, int depth,
                              Eigen::Index cols) {
  // Vectors along whichever side of dW is longer, so an output layer of one or two units still runs full vectors.
  if (rows >= 8 || rows >= depth) {
    product<false>(delta, rows, a, depth, dw, rows, cols);
  } else {
    product<true>(a, depth, delta, rows, dw, rows, cols);
  }
  if (db == nullptr) return;
  for (Eigen::Index j = 0; j < cols; ++j) {
    const float* dj = delta + j * rows;
    for (int r = 0; r < rows; ++r) db[r] += dj[r];
  }
}

}  // namespace ganscope
