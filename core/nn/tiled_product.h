#pragma once
// A register-tiled matrix product for the small layers of toy-data networks, with the layer's elementwise step fused
// into the store: Y = f(M·X + b) for a forward pass, Y = (M·X) ⊙ f'(A) for a backward pass. Where a layer is a few
// dozen units wide, a blocked GEMM spends more time packing and zeroing than multiplying; this product packs nothing,
// allocates nothing, keeps its tile of Y in registers for the whole depth and writes each entry once.
#include "core/nn/activation.h"
#include "core/nn/tensor.h"

namespace ganscope {

/// Y = f(M·X + b): M (rows × depth), X (depth × cols), Y (rows × cols), all column-major and contiguous; b has `rows`
/// entries or is null (no bias). For ReLU, leaky ReLU and identity f is applied as each entry is stored; any other
/// activation is applied in a second pass.
void productBiasActivation(const float* m, const float* x, const float* b, float* y, int rows, int depth,
                           Eigen::Index cols, Activation f);

/// Y = (M·X) ⊙ f'(A), with f' computed from the activation's output A (rows × cols), the backward pass's delta for
/// the layer below: M is the layer's Wᵀ (rows × depth), X the delta of the layer above (depth × cols). For ReLU,
/// leaky ReLU and identity the mask is applied as each entry is stored; any other activation in a second pass.
void productActivationDerivative(const float* m, const float* x, const float* a, float* y, int rows, int depth,
                                 Eigen::Index cols, Activation f);

}  // namespace ganscope
