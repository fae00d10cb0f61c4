#pragma once
// Penalties on the discriminator's input gradient, with their exact weight gradients (double backprop).
#include "core/nn/input_gradient.h"

namespace ganscope {

/// The shape of a gradient penalty per sample.
enum class PenaltyShape {
  /// (‖∇ₓD(x)‖ − 1)²: WGAN-GP (Gulrajani et al. 2017, eq. 3), taken at x̂ = αx + (1 − α)G(z).
  OneCentered,
  /// ‖∇ₓD(x)‖²: R1 on real samples, R2 on fake ones (Mescheder et al. 2018, eq. 9 and 10).
  ZeroCentered,
};

/// Computes P = scale · mean_i φ(‖∇ₓD(x_i)‖) over the columns of x, ADDS ∂P/∂θ_D to paramGradAccum, and returns P.
/// For R1/R2 use scale = γ/2 (the paper's ½ kept), for WGAN-GP scale = λ.
double applyGradientPenalty(const Mlp& discriminator, const Eigen::Ref<const Matrix>& x, PenaltyShape shape,
                            double scale, InputGradientWorkspace& ws, Vector& paramGradAccum);

}  // namespace ganscope
