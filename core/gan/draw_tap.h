#pragma once
// A window on the random numbers a Trainer draws, so that a test can replay a CPU run's batches on another
// engine (the GPU trainer's comparison tests): the same weights and the same batches, two implementations.
#include <span>

#include "core/gan/iteration_engine.h"

namespace ganscope {

/// The kinds of random numbers an iteration draws, as HostDraws keeps them.
enum class DrawKind {
  Real,           ///< real samples, one block per D update
  Latent,         ///< latent noise, one block per fake batch
  InstanceNoise,  ///< the noise added to a D input (already multiplied by its standard deviation)
  Interpolation,  ///< WGAN-GP's α, one per pack
};

/// Receives every block of random numbers a Trainer draws for training, in the order drawn
/// (Trainer::setDrawTap).
class DrawTap {
 public:
  virtual ~DrawTap() = default;
  /// One block of `kind`, as the trainer uses it (column-major, one sample per column).
  virtual void drawn(DrawKind kind, std::span<const float> values) = 0;
};

/// A DrawTap that keeps what it sees as HostDraws, ready to hand to IterationEngine::run().
class RecordedDraws : public DrawTap {
 public:
  /// Appends the block to its kind's sequence.
  void drawn(DrawKind kind, std::span<const float> values) override {
    std::vector<float>& to = kind == DrawKind::Real            ? draws.real
                             : kind == DrawKind::Latent        ? draws.latent
                             : kind == DrawKind::InstanceNoise ? draws.instanceNoise
                                                               : draws.interpolation;
    to.insert(to.end(), values.begin(), values.end());
  }
  /// Everything recorded so far.
  HostDraws draws;
};

}  // namespace ganscope
