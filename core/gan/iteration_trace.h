#pragma once
// One iteration as its phases, for slow motion (GAN Lab's step-by-step view): the batch, G's samples, D's
// scores, and the samples before and after G's update. Recorded by the trainer from the numbers the iteration
// computes itself, so slow motion shows exactly the iteration a normal step performs.
#include <vector>

#include "core/nn/mlp.h"

namespace ganscope {

/// What one traced iteration did. Samples are columns (data dimension × n); with packing, n is batch × pack
/// and a sample's score is its pack's.
struct IterationTrace {
  long long step = 0;  ///< the iteration's number: the step count before it
  // [SECTION] Phases 1 to 3: the first D update's batch, before any update of the iteration.
  Matrix real;    ///< the real samples (before instance noise)
  Matrix latent;  ///< the noise vectors z of the fake ones
  Matrix fake;    ///< G(z), with G as it was before the iteration
  std::vector<float>
      realD;  ///< D on each real sample before its update: σ(d) for the probabilistic losses, else d
  std::vector<float> fakeD;    ///< the same on each fake sample
  double lossD = 0.0;          ///< L_D on that batch (penalties apart)
  int discriminatorSteps = 0;  ///< D updates in the iteration (d_steps; 1 when simultaneous)
  // [SECTION] Phase 5: the first G update.
  bool generatorTraced = false;  ///< false for an unrolled G update, whose samples are not recorded
  Matrix generatorLatent;        ///< the noise of G's update (the same as `latent` when simultaneous)
  Matrix fakeBefore;             ///< G(z) before G's update, with D already updated (alternating)
  Matrix fakePush;               ///< −∂L_G/∂x at each of them: where G's loss pushes each sample
  Matrix fakeAfter;              ///< G(z) on the same z after the iteration's G updates
  double lossG = 0.0;            ///< L_G on that batch
  int generatorSteps = 0;        ///< G updates in the iteration
  bool simultaneous = false;     ///< both gradients at the same point, then both steps
};

}  // namespace ganscope
