#pragma once
// Input gradients of a one-output network, ∇ₓ f(x), and the exact gradient of any function of them with respect to
// the network's weights ("double backprop", Drucker & Le Cun 1992). Gradient penalties (WGAN-GP, R1, R2) need it.
#include <vector>

#include "core/nn/mlp.h"

namespace ganscope {

/// Buffers for input-gradient computations at one batch size (keep one per use in a hot loop).
struct InputGradientWorkspace {
  MlpWorkspace net;                  ///< the forward pass at the points where the gradient is taken
  std::vector<Matrix> delta;         ///< [l] = ∂f/∂z_l per sample (the backward pass with upstream 1)
  std::vector<Matrix> upstream;      ///< [l] = ∂f/∂a_l per sample (l < L)
  std::vector<Matrix> derivative;    ///< [l] = f_l'(z_l)
  std::vector<Matrix> deltaAdjoint;  ///< reverse-mode scratch: ∂P/∂delta_l
  std::vector<Matrix> zAdjoint;      ///< reverse-mode scratch: ∂P/∂z_l through the activations' second derivative
  std::vector<Matrix> upstreamAdjoint;  ///< [l] = ∂P/∂upstream_l
  std::vector<Matrix> activationAdjoint; ///< [l] = ∂P/∂a_l through the forward pass (l ≥ 1)
  Matrix inputGrad;                  ///< dim × batch: ∇ₓ f(x_i) for each column x_i
  Matrix inputGradAdjoint;           ///< dim × batch: a caller's ∂P/∂(∇ₓ f(x_i)), e.g. a penalty's
  Matrix perSample;                  ///< 1 × batch scratch for a caller's per-sample values (e.g. ‖∇ₓ f(x_i)‖)
};

/// Computes ∇ₓ f(x_i) for every column x_i of `x` (f has one output) into ws.inputGrad, keeping what
/// accumulateInputGradientAdjoint() needs.
void computeInputGradients(const Mlp& net, const Eigen::Ref<const Matrix>& x, InputGradientWorkspace& ws);

/// Given gradAdjoint = ∂P/∂(∇ₓ f(x_i)) (dim × batch) for a scalar P of the input gradients computed last,
/// ADDS ∂P/∂θ to paramGradAccum (laid out like net.parameters()). Exact for every activation: the second-derivative
/// terms of tanh, sigmoid and elu are included.
void accumulateInputGradientAdjoint(const Mlp& net, InputGradientWorkspace& ws,
                                    const Eigen::Ref<const Matrix>& gradAdjoint, Vector& paramGradAccum);

}  // namespace ganscope
