// The Unrolled GAN's generator step (Metz, Poole, Pfau & Sohl-Dickstein 2016, "Unrolled Generative Adversarial
// Networks", §2, eq. 6–7), kept apart from trainer.cpp because it is the one algorithm that differentiates through
// the discriminator's own training.
#include <cmath>

#include "core/gan/trainer.h"

namespace ganscope {
namespace {

// The finite-difference probe of the Hessian-vector products, relative to the size of D's weights: large enough
// that float32 rounding in the two gradients stays small beside their difference, small enough that the
// curvature looks constant across it.
constexpr float kRelativeProbe = 1e-3f;

}  // namespace

// G descends f_K(θ_G, θ_D) = f(θ_G, θ_D^K(θ_G, θ_D)): its loss against D after K further updates of D, so that
// G sees how D would answer its move instead of chasing D from mode to mode.
//
// Forward: K ordinary D updates θ^{k+1} = θ^k − P_k ∘ g_k(θ^k, θ_G) on fresh batches, where g_k = ∂L_D/∂θ_D and
// P_k is the derivative of the optimizer's step with respect to g_k, per parameter (Optimizer::lastStepGain; lr
// for SGD; for Adam it includes how g_k moves the moment estimates of its own step).
// Backward (reverse-mode through the K updates, the paper's second-order term): with the adjoint a_K = ∂f/∂θ^K,
// for k = K−1 … 0, w_k = P_k ∘ a_{k+1},
//   ∂f_K/∂θ_G += −J_kᵀ w_k   (J_k = ∂g_k/∂θ_G),    a_k = a_{k+1} − H_k w_k   (H_k = ∂g_k/∂θ^k),
// where both products are central differences of exact gradients along w_k (Pearlmutter 1994, "Fast exact
// multiplication by the Hessian", §2 gives the finite-difference form), on the very batch of step k.
// What is held fixed: the optimizer's statistics carried from earlier steps into P_k (Adam's moments), the
// power-iteration vectors of spectral normalisation, WGAN's clipping, and the penalties' own dependence on G
// (penalties shape the unrolled updates but not the second-order term). D is then put back exactly as it was.
void Trainer::unrolledGeneratorUpdate() {
  const int unroll = config_.unroll;
  unrollSavedWeights_ = discriminator_.parameters();
  unrollSavedOptimizer_ = discriminatorOptimizer_;
  unrollSavedGradient_ = dGrad_;
  if (config_.spectralNorm) unrollSavedSpectralNorm_ = spectralNorm_;
  const UpdateStats saved = stats_;
  if (static_cast<int>(unrollInputs_.size()) < unroll) {
    unrollInputs_.resize(unroll);
    unrollLatents_.resize(unroll);
    unrollWeights_.resize(unroll);
    unrollGains_.resize(unroll);
  }

  // Forward: K ordinary D updates, each remembering its batch, its starting weights and its gain.
  for (int k = 0; k < unroll && !diverged(); ++k) {
    unrollWeights_[k] = discriminator_.parameters();
    computeDiscriminatorGradient();
    if (diverged()) break;
    unrollInputs_[k] = dJoint_.activations[0];
    unrollLatents_[k] = gForD_.activations[0];
    applyDiscriminatorStep();
    discriminatorOptimizer_.lastStepGain(config_.optimizer.d, dGrad_, unrollGains_[k]);
  }

  // G's loss against θ^K: the direct gradient ∂f/∂θ_G (into gGrad_) and the adjoint a_K = ∂f/∂θ^K.
  if (!diverged()) {
    unrollAdjoint_.setZero(discriminator_.parameterCount());
    computeGeneratorGradient(gForG_, /*sampleNew=*/true, &unrollAdjoint_);
  }
  const UpdateStats unrolled = stats_;

  // Backward through the K updates.
  for (int k = unroll - 1; k >= 0 && !diverged(); --k) {
    unrollDirection_ = unrollGains_[k].cwiseProduct(unrollAdjoint_);
    const float length = unrollDirection_.norm();
    if (!(length > 0.0f) || !std::isfinite(length)) continue;
    const float probe = kRelativeProbe * std::max(1.0f, unrollWeights_[k].norm());
    unrollProbe_ = unrollWeights_[k] + (probe / length) * unrollDirection_;
    unrolledStepGradients(k, unrollProbe_, unrollDPlus_, unrollGPlus_);
    unrollProbe_ = unrollWeights_[k] - (probe / length) * unrollDirection_;
    unrolledStepGradients(k, unrollProbe_, unrollDMinus_, unrollGMinus_);
    const float scale = length / (2.0f * probe);
    gGrad_.noalias() -= scale * (unrollGPlus_ - unrollGMinus_);
    unrollAdjoint_.noalias() -= scale * (unrollDPlus_ - unrollDMinus_);
  }
  if (!diverged()) checkFinite(unrolled.lossG, gGrad_, "generator");

  // D exactly as it was: weights, optimizer state, σ estimates, last gradient and statistics.
  discriminator_.parameters() = unrollSavedWeights_;
  discriminatorOptimizer_ = unrollSavedOptimizer_;
  dGrad_ = unrollSavedGradient_;
  if (config_.spectralNorm) {
    spectralNorm_ = unrollSavedSpectralNorm_;
    spectralNorm_.normalize(discriminator_, normalizedDiscriminator_);
  }
  stats_ = saved;
  stats_.lossG = unrolled.lossG;
  if (diverged()) return;
  stats_.gradNormG = std::sqrt(gGrad_.cast<double>().squaredNorm());
  generatorOptimizer_.step(generator_.parameters(), gGrad_, config_.optimizer.g);
}

// ∂L_D/∂θ_D (raw; the adversarial loss only) and ∂L_D/∂θ_G at D weights `dWeights`, on unrolled step k's batch.
void Trainer::unrolledStepGradients(int k, const Vector& dWeights, Vector& dGrad, Vector& gGrad) {
  const Eigen::Index batch = config_.batch;
  const Eigen::Index samples = batch * config_.pack;
  discriminator_.parameters() = dWeights;
  if (config_.spectralNorm) spectralNorm_.normalize(discriminator_, normalizedDiscriminator_);
  const Mlp& d = evaluatedDiscriminator();
  d.prepare(dJoint_, 2 * batch);
  dJoint_.activations[0] = unrollInputs_[k];
  d.forward(dJoint_);
  const Matrix& logits = dJoint_.output();
  dOutputGrad_.resize(1, 2 * batch);
  discriminatorLoss(config_.loss, Eigen::Map<const RowVector>(logits.data(), batch),
                    Eigen::Map<const RowVector>(logits.data() + batch, batch),
                    Eigen::Map<RowVector>(dOutputGrad_.data(), batch),
                    Eigen::Map<RowVector>(dOutputGrad_.data() + batch, batch));
  dGrad.setZero(d.parameterCount());
  d.backward(dJoint_, dOutputGrad_, &dGrad, &unrollInputGrad_);
  if (config_.spectralNorm) spectralNorm_.backpropagate(normalizedDiscriminator_, dGrad);

  // The fakes are G(z_k) (plus the step's instance noise, a constant): back through G from their columns.
  generator_.prepare(unrollGenerator_, samples);
  unrollGenerator_.activations[0] = unrollLatents_[k];
  generator_.forward(unrollGenerator_);
  const Eigen::Index dim = data_->dim();
  const Eigen::Map<const Matrix> fakeGrad(unrollInputGrad_.data() + unrollInputGrad_.rows() * batch, dim, samples);
  gGrad.setZero(generator_.parameterCount());
  generator_.backward(unrollGenerator_, fakeGrad, &gGrad, nullptr);
}

}  // namespace ganscope
