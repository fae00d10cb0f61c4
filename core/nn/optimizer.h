#pragma once
// First-order optimizers over a flat parameter vector, with hyperparameters that can change between steps.
#include "core/nn/tensor.h"

namespace ganscope {

/// The update rule.
enum class OptimizerKind { Sgd, Momentum, Adam, RmsProp };

/// The hyperparameters of one network's optimizer: the `optimizer.g.*` / `optimizer.d.*` keys.
struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Adam;
  double lr = 1e-3;        ///< learning rate (step size)
  double beta1 = 0.5;      ///< Adam: decay of the first moment (0.5 is the GAN default since Radford et al. 2016)
  double beta2 = 0.999;    ///< Adam: decay of the second moment
  double momentum = 0.9;   ///< Momentum: the heavy-ball coefficient μ
  double rho = 0.99;       ///< RMSProp: decay of the mean square
  double eps = 1e-8;       ///< Adam, RMSProp: added to the denominator
  bool operator==(const OptimizerConfig&) const = default;
};

/// One network's optimizer. It keeps the state of every rule (momentum buffer, Adam's moments and step count,
/// RMSProp's mean square), so changing the learning rate, a coefficient or even the kind between steps loses nothing;
/// it reads its hyperparameters from the config passed to each step.
class Optimizer {
 public:
  /// An optimizer for `parameterCount` parameters, with zero state.
  explicit Optimizer(Eigen::Index parameterCount = 0);

  /// Applies one update to `params` given the gradient `grad` of the loss (descent):
  /// - Sgd: θ ← θ − lr·g (Robbins & Monro 1951).
  /// - Momentum: v ← μv + g; θ ← θ − lr·v (Polyak 1964, in the form PyTorch uses).
  /// - Adam: m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; θ ← θ − lr·m̂/(√v̂ + ε), m̂, v̂ bias-corrected
  ///   (Kingma & Ba 2015, Algorithm 1).
  /// - RmsProp: s ← ρs + (1−ρ) g²; θ ← θ − lr·g/(√s + ε) (Tieleman & Hinton 2012, lecture 6.5).
  void step(Vector& params, const Vector& grad, const OptimizerConfig& config);

  /// The per-parameter derivative of the last step() with respect to the gradient `grad` it was given,
  /// ∂(θ_before − θ_after)/∂g, holding the running statistics that came from earlier steps fixed: lr for Sgd and
  /// Momentum; for Adam lr/(1−β1^t)·[(1−β1)/(√v̂ + ε) − m·(1−β2)·g/((1−β2^t)·√v̂·(√v̂ + ε)²)]; for RmsProp
  /// lr·[1/(√s + ε) − (1−ρ)·g²/(√s·(√s + ε)²)]. (Unrolled GAN steps differentiate through D's updates with it.)
  void lastStepGain(const OptimizerConfig& config, const Vector& grad, Vector& gain) const;

  /// Sets every state buffer and the step count back to zero.
  void reset();

  /// Adam's step count so far (for bias correction).
  long long adamSteps() const { return adamSteps_; }
  /// Momentum's velocity v, one entry per parameter.
  const Vector& velocity() const { return velocity_; }
  /// Adam's first moment m, one entry per parameter.
  const Vector& firstMoment() const { return firstMoment_; }
  /// Adam's second moment v, one entry per parameter.
  const Vector& secondMoment() const { return secondMoment_; }
  /// RMSProp's mean square s, one entry per parameter.
  const Vector& meanSquare() const { return meanSquare_; }

  /// Replaces the whole state with a saved one (a session's): every buffer and Adam's step count as given. The
  /// caller checks that each buffer has one entry per parameter of the network it will update.
  void restore(Vector velocity, Vector firstMoment, Vector secondMoment, Vector meanSquare, long long adamSteps);

  /// Equality of the whole state (for save/restore tests).
  bool operator==(const Optimizer&) const = default;

 private:
  Vector velocity_;     // Momentum
  Vector firstMoment_;  // Adam m
  Vector secondMoment_; // Adam v
  Vector meanSquare_;   // RMSProp s
  long long adamSteps_ = 0;
};

}  // namespace ganscope
