#pragma once
// The gradient checks' loss of one update as a function of one network's weights, and the check itself (trainer and
// conditional tests).
#include "core/gan/trainer.h"
#include "tests/gradient_check.h"

namespace ganscope::testing {

/// The loss of one update replayed from `state` with `weights` in place of one network's parameters. Updates draw
/// their batches from the trainer's RNG, so restoring the same state replays the same batch: the loss becomes a
/// function of those weights alone, with the other network and the samples fixed. D's loss includes its penalty.
inline double replayedLoss(const Config& config, TrainerState state, const Vector& weights, bool generator) {
  (generator ? state.generatorParameters : state.discriminatorParameters) = weights;
  Trainer t(config);
  t.restoreState(state);
  if (generator) {
    t.updateGenerator();
    return t.lastStats().lossG;
  }
  t.updateDiscriminator();
  return t.lastStats().lossD + t.lastStats().penalty;
}

/// One update of G (`generator`) or D replayed from `state`: the relative error of the trainer's gradient against
/// central differences of replayedLoss (checkGradient, step 1e-2), and in `penalty` (when given) the penalty that
/// update added to L_D.
inline double replayedGradientError(const Config& config, const TrainerState& state, bool generator,
                                    double* penalty = nullptr) {
  Trainer t(config);
  t.restoreState(state);
  if (generator) {
    t.updateGenerator();
  } else {
    t.updateDiscriminator();
  }
  if (penalty != nullptr) *penalty = t.lastStats().penalty;
  const Vector analytic = generator ? t.lastGeneratorGradient() : t.lastDiscriminatorGradient();
  Vector weights = generator ? state.generatorParameters : state.discriminatorParameters;
  auto lossOfWeights = [&] { return replayedLoss(config, state, weights, generator); };
  return checkGradient(analytic.cast<double>(), lossOfWeights, weights, 1e-2, /*piecewiseLinear=*/false);
}

}  // namespace ganscope::testing
