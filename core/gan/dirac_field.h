#pragma once
// The Dirac-GAN's gradient vector field over the (θ, ψ) plane, for any loss and penalty of the config.
#include "core/gan/config.h"
#include "core/nn/input_gradient.h"
#include "core/nn/mlp.h"

namespace ganscope {

/// One vector of the field: v(θ, ψ) = (−∂L_G/∂θ, −∂L_D/∂ψ), the direction gradient descent moves (θ, ψ) in.
struct DiracVector {
  double theta = 0.0;  ///< −∂L_G/∂θ: where the generator's parameter is pushed
  double psi = 0.0;    ///< −∂L_D/∂ψ: where the discriminator's parameter is pushed (penalties included)
};

/// The gradient vector field of the Dirac-GAN (Mescheder, Geiger, Nowozin 2018, "Which training methods for GANs
/// do actually converge?", §2, eq. 4 and Figure 1): real data is a point mass at 0, G outputs θ and D(x) = ψ·x is a
/// logit (a raw critic score for WGAN, LSGAN and hinge). The losses are computed by discriminatorLoss and
/// generatorLoss of gan_loss.h and the penalties by applyGradientPenalty of penalty.h, on a discriminator built as
/// the trainer builds it, so the field is the trainer's own gradient, not a re-derivation: R1 (on the real point
/// 0), R2 (on the fake point θ) and WGAN-GP (at x̂ on the segment between them: D's input gradient is ψ everywhere,
/// so the choice of α does not matter). WGAN's weight clipping is a projection after the step, not part of the
/// field. Keeps its scratch buffers: evaluating allocates nothing after the first call.
class DiracField {
 public:
  /// A field for the loss and penalties of `config` (its data kind is not checked).
  explicit DiracField(const Config& config);

  /// The field at (θ, ψ).
  DiracVector at(double theta, double psi);

  /// ∂L_D/∂ψ at (θ, ψ), penalties included (what Trainer::lastDiscriminatorGradient holds there).
  double discriminatorGradient(double theta, double psi);

  /// ∂L_G/∂θ at (θ, ψ) (what Trainer::lastGeneratorGradient holds there).
  double generatorGradient(double theta, double psi);

 private:
  LossKind loss_;
  PenaltyConfig penalty_;
  Mlp discriminator_;  // D(x) = ψ·x: one weight, no bias, as Trainer::build makes it
  InputGradientWorkspace penaltyWorkspace_;
  Matrix point_;        // 1 × 1: where a penalty is taken
  Vector penaltyGrad_;  // ∂P/∂ψ, accumulated
  RowVector dReal_, dFake_, gradReal_, gradFake_;  // one logit of each kind and the losses' ∂L/∂d
};

/// Whether a penalty of `config` acts on the Dirac-GAN's D: R1 or R2 with γ > 0, or WGAN-GP with λ > 0.
bool diracFieldHasPenalty(const Config& config);

}  // namespace ganscope
