#pragma once
// The uniform distribution on an interval [low, high] (1D) or a square [low, high]² (2D).
#include "core/data/distribution.h"

namespace ganscope {

/// Uniform on [low, high]^dim: the 1D setting of Goodfellow et al. 2014 and GAN Lab's uniform target.
class UniformBox final : public Distribution {
 public:
  /// The uniform distribution on [low, high]^dim, dim 1 or 2, low < high; throws std::invalid_argument
  /// otherwise.
  UniformBox(int dim, double low, double high);

  /// The dimension of a sample: 1 or 2.
  int dim() const override { return dim_; }

  /// Fills each column of `out` with independent uniform coordinates; allocation-free.
  void sample(Rng& rng, Eigen::Ref<Matrix> out) const override;

  /// A uniform distribution has a closed-form density.
  bool hasDensity() const override { return true; }

  /// 1 / (high − low)^dim inside the box (edges included), 0 outside.
  double density(const Eigen::Ref<const Vector>& x) const override;

  /// The box [low, high] on x (and on y in 2D).
  Bounds bounds() const override;

 private:
  int dim_;
  double low_, high_;
};

}  // namespace ganscope
