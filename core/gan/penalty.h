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

/// Which rows of D's input the norm ‖∇ₓD‖ covers. A conditional D (Mirza & Osindero 2014) reads blocks of
/// `blockRows` rows per sample, [x; onehot(y)], of which the first `dataRows` are x: the penalties are on ∇ₓD, the
/// one-hot rows left out (and with packs, the data rows of each sample of the pack). blockRows 0: every row.
struct PenaltyRows {
  int blockRows = 0;  ///< rows per sample block, 0 for all rows (unconditional)
  int dataRows = 0;   ///< the leading rows of each block that are data
};

/// Computes P = scale · mean_i φ(‖∇ₓD(x_i)‖) over the columns of x, ADDS ∂P/∂θ_D to paramGradAccum, and returns P.
/// For R1/R2 use scale = γ/2 (the paper's ½ kept), for WGAN-GP scale = λ. With `rows` set, ∇ₓD is the gradient
/// on the data rows alone.
double applyGradientPenalty(const Mlp& discriminator, const Eigen::Ref<const Matrix>& x, PenaltyShape shape,
                            double scale, InputGradientWorkspace& ws, Vector& paramGradAccum,
                            const PenaltyRows& rows = {});

}  // namespace ganscope
