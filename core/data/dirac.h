#pragma once
// A point mass at 0 in 1D: the data of the Dirac-GAN.
#include "core/data/distribution.h"

namespace ganscope {

/// The Dirac distribution δ₀ in 1D, the target of the Dirac-GAN (Mescheder, Geiger, Nowozin 2018, "Which
/// training methods for GANs actually converge?", Definition 2.1): every sample is exactly 0.
class Dirac final : public Distribution {
 public:
  /// Samples are 1D.
  int dim() const override { return 1; }

  /// Sets every entry of `out` to 0; consumes no random numbers.
  void sample(Rng& rng, Eigen::Ref<Matrix> out) const override;

  /// [−2, 2] on x: room around the point mass for the generator's θ (the paper starts from θ = 1).
  Bounds bounds() const override;
};

}  // namespace ganscope
