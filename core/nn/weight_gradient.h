#pragma once
// The weight and bias gradients of a dense layer, accumulated over a batch: dW += Δ·Aᵀ, db += Δ·1 (the outer-product
// form of backpropagation, Rumelhart, Hinton & Williams 1986), register-tiled for small layers.
#include "core/nn/tensor.h"

namespace ganscope {

/// ADDS Δ·Aᵀ to dW (rows × depth) and, when db is not null, the row sums of Δ to db (rows): Δ is the layer's delta
/// (rows × cols), A its input (depth × cols), all column-major and contiguous. Each tile of dW is held in registers
/// over the whole batch and written once; no allocation.
void accumulateWeightGradient(const float* delta, const float* a, float* dw, float* db, int rows, int depth,
                              Eigen::Index cols);

}  // namespace ganscope
