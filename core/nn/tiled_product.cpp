#include "core/nn/tiled_product.h"

#include "core/nn/simd_vector.h"

namespace ganscope {
namespace {

// Column tiles: the accumulators of an R × kCols tile of Y stay in registers (32 vector registers with AVX-512,
// 16 without) while the whole depth streams past; the tile shape follows Goto & van de Geijn 2008 (a micro-kernel
// that broadcasts one operand and loads a vector of the other), without the packing their blocked GEMM needs for
// large matrices.
constexpr int kCols = simd::kLanes >= 16 ? 8 : 4;
constexpr int kRowTile = 2 * simd::kLanes;

// The elementwise step fused into the store: what an accumulator starts from and what is written.
enum class Fused { None, Relu, LeakyRelu };

Fused fusedFor(Activation f) {
  switch (f) {
    case Activation::Relu: return Fused::Relu;
    case Activation::LeakyRelu: return Fused::LeakyRelu;
    default: return Fused::None;
  }
}

// Forward: start from the bias, store f(acc).
struct BiasActivation {
  const float* bias;
  float start(int row) const { return bias != nullptr ? bias[row] : 0.0f; }
  template <Fused F>
  float finish(float acc, const float*) const {
    if constexpr (F == Fused::Relu) return acc > 0.0f ? acc : 0.0f;
    if constexpr (F == Fused::LeakyRelu) return acc > 0.0f ? acc : kLeakySlope * acc;
    return acc;
  }
};

// Backward: start from zero, store acc ⊙ f'(a) with a the activation's output at the same entry.
struct ActivationDerivative {
  const float* activation;
  float start(int) const { return 0.0f; }
  template <Fused F>
  float finish(float acc, const float* a) const {
    if constexpr (F == Fused::Relu) return *a > 0.0f ? acc : 0.0f;
    if constexpr (F == Fused::LeakyRelu) return *a > 0.0f ? acc : kLeakySlope * acc;
    return acc;
  }
};

// One R × C tile of Y at (row0, col0): the accumulators start from the epilogue, take the whole depth, and are stored
// once through it. They are vector values (simd::TileVec), which the compiler keeps in registers.
template <int R, int C, Fused F, class Epilogue>
inline void tile(const float* m, const float* x, float* y, int rows, int depth, int row0, Eigen::Index col0,
                 const Epilogue& epilogue, const float* aux) {
  constexpr int kL = simd::kTileLanes<R>;
  constexpr int kV = R / kL;
  using V = simd::TileVec<R>;
  float start[R];
  for (int r = 0; r < R; ++r) start[r] = epilogue.start(row0 + r);
  V acc[C][kV];
  for (int v = 0; v < kV; ++v) {
    const V s = simd::load<R>(start + v * kL);
    for (int c = 0; c < C; ++c) acc[c][v] = s;
  }
  const float* xc = x + col0 * depth;
  for (int p = 0; p < depth; ++p) {
    const float* mp = m + static_cast<Eigen::Index>(p) * rows + row0;
    V mv[kV];
    for (int v = 0; v < kV; ++v) mv[v] = simd::load<R>(mp + v * kL);
    for (int c = 0; c < C; ++c) {
      const float xv = xc[static_cast<Eigen::Index>(c) * depth + p];
      for (int v = 0; v < kV; ++v) acc[c][v] += mv[v] * xv;
    }
  }
  for (int c = 0; c < C; ++c) {
    const Eigen::Index offset = (col0 + c) * rows + row0;
    float out[R];
    for (int v = 0; v < kV; ++v) simd::store<R>(out + v * kL, acc[c][v]);
    for (int r = 0; r < R; ++r) {
      y[offset + r] = epilogue.template finish<F>(out[r], aux != nullptr ? aux + offset + r : nullptr);
    }
  }
}

template <int R, Fused F, class Epilogue>
void rowBlock(const float* m, const float* x, float* y, int rows, int depth, Eigen::Index cols, int row0,
              const Epilogue& epilogue, const float* aux) {
  Eigen::Index col = 0;
  for (; col + kCols <= cols; col += kCols) tile<R, kCols, F>(m, x, y, rows, depth, row0, col, epilogue, aux);
  for (; col < cols; ++col) tile<R, 1, F>(m, x, y, rows, depth, row0, col, epilogue, aux);
}

// Rows in tiles of kRowTile, then one tile each of 16, 8, 4, 2, 1 for the remainder (every width is covered by
// fixed-size tiles: no runtime-length inner loop).
template <Fused F, class Epilogue>
void product(const float* m, const float* x, float* y, int rows, int depth, Eigen::Index cols,
             const Epilogue& epilogue, const float* aux) {
  int row = 0;
  for (; row + kRowTile <= rows; row += kRowTile) rowBlock<kRowTile, F>(m, x, y, rows, depth, cols, row, epilogue, aux);
  if (kRowTile > 16 && rows - row >= 16) rowBlock<16, F>(m, x, y, rows, depth, cols, row, epilogue, aux), row += 16;
  if (rows - row >= 8) rowBlock<8, F>(m, x, y, rows, depth, cols, row, epilogue, aux), row += 8;
  if (rows - row >= 4) rowBlock<4, F>(m, x, y, rows, depth, cols, row, epilogue, aux), row += 4;
  if (rows - row >= 2) rowBlock<2, F>(m, x, y, rows, depth, cols, row, epilogue, aux), row += 2;
  if (rows - row >= 1) rowBlock<1, F>(m, x, y, rows, depth, cols, row, epilogue, aux);
}

template <class Epilogue>
void dispatch(Fused fused, const float* m, const float* x, float* y, int rows, int depth, Eigen::Index cols,
              const Epilogue& epilogue, const float* aux) {
  switch (fused) {
    case Fused::Relu: product<Fused::Relu>(m, x, y, rows, depth, cols, epilogue, aux); break;
    case Fused::LeakyRelu: product<Fused::LeakyRelu>(m, x, y, rows, depth, cols, epilogue, aux); break;
    case Fused::None: product<Fused::None>(m, x, y, rows, depth, cols, epilogue, aux); break;
  }
}

}  // namespace

void productBiasActivation(const float* m, const float* x, const float* b, float* y, int rows, int depth,
                           Eigen::Index cols, Activation f) {
  const Fused fused = fusedFor(f);
  dispatch(fused, m, x, y, rows, depth, cols, BiasActivation{b}, nullptr);
  if (fused == Fused::None && f != Activation::Identity) applyActivation(f, Eigen::Map<Matrix>(y, rows, cols));
}

void productActivationDerivative(const float* m, const float* x, const float* a, float* y, int rows, int depth,
                                 Eigen::Index cols, Activation f) {
  const Fused fused = fusedFor(f);
  dispatch(fused, m, x, y, rows, depth, cols, ActivationDerivative{a}, a);
  if (fused == Fused::None && f != Activation::Identity) {
    multiplyByDerivative(f, Eigen::Map<const Matrix>(a, rows, cols), Eigen::Map<Matrix>(y, rows, cols));
  }
}

}  // namespace ganscope
