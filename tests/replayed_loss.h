#pragma once
// The gradient checks' loss of one update as a function of one network's weights (trainer and conditional tests).
#include "core/gan/trainer.h"

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

}  // namespace ganscope::testing
