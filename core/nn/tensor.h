#pragma once
// The engine's matrix types. A batch is a matrix with one sample per column (features × batch),
// column-major, float32, so that a dense layer is one GEMM: Y = W·X + b.
#include <Eigen/Core>

namespace ganscope {

/// A dynamic float32 matrix; batches store one sample per column.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;
/// A dynamic float32 column vector (also the flat parameter and gradient vectors of a network).
using Vector = Eigen::Matrix<float, Eigen::Dynamic, 1>;
/// A dynamic float32 row vector (one scalar per sample of a batch, e.g. D's logits).
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic>;

}  // namespace ganscope
