#include "core/gan/dirac_field.h"

#include "core/gan/gan_loss.h"
#include "core/gan/penalty.h"

namespace ganscope {

DiracField::DiracField(const Config& config)
    : loss_(config.loss),
      penalty_(config.penalty),
      discriminator_(1, {}, 1, Activation::Identity, Activation::Identity, false),
      point_(1, 1),
      penaltyGrad_(1),
      dReal_(RowVector::Zero(1)),
      dFake_(1),
      gradReal_(1),
      gradFake_(1) {}

double DiracField::discriminatorGradient(double theta, double psi) {
  // One real sample x = 0 and one fake sample x = θ (every sample of a batch is the same, so the means are too).
  // d_real = ψ·0 = 0, d_fake = ψ·θ; ∂L_D/∂ψ = ∂L/∂d_real · 0 + ∂L/∂d_fake · θ.
  dFake_[0] = static_cast<float>(psi * theta);
  discriminatorLoss(loss_, dReal_, dFake_, gradReal_, gradFake_);
  const double gradient = static_cast<double>(gradFake_[0]) * theta;

  discriminator_.parameters()[0] = static_cast<float>(psi);
  penaltyGrad_.setZero();
  if (loss_ == LossKind::WganGp && penalty_.gp > 0.0) {
    point_(0, 0) = static_cast<float>(0.5 * theta);  // any x̂ between 0 and θ: ∇ₓD = ψ everywhere
    applyGradientPenalty(discriminator_, point_, PenaltyShape::OneCentered, penalty_.gp, penaltyWorkspace_,
                         penaltyGrad_);
  }
  if (penalty_.r1 > 0.0) {
    point_(0, 0) = 0.0f;
    applyGradientPenalty(discriminator_, point_, PenaltyShape::ZeroCentered, penalty_.r1 / 2.0, penaltyWorkspace_,
                         penaltyGrad_);
  }
  if (penalty_.r2 > 0.0) {
    point_(0, 0) = static_cast<float>(theta);
    applyGradientPenalty(discriminator_, point_, PenaltyShape::ZeroCentered, penalty_.r2 / 2.0, penaltyWorkspace_,
                         penaltyGrad_);
  }
  return gradient + static_cast<double>(penaltyGrad_[0]);
}

double DiracField::generatorGradient(double theta, double psi) {
  // L_G depends on θ through d_fake = ψ·θ: ∂L_G/∂θ = ∂L_G/∂d_fake · ψ.
  dFake_[0] = static_cast<float>(psi * theta);
  generatorLoss(loss_, dFake_, gradFake_);
  return static_cast<double>(gradFake_[0]) * psi;
}

DiracVector DiracField::at(double theta, double psi) {
  return {-generatorGradient(theta, psi), -discriminatorGradient(theta, psi)};
}

bool diracFieldHasPenalty(const Config& config) {
  return config.penalty.r1 > 0.0 || config.penalty.r2 > 0.0 ||
         (config.loss == LossKind::WganGp && config.penalty.gp > 0.0);
}

}  // namespace ganscope
