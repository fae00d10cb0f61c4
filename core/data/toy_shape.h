#pragma once
// The 2D toy shapes without a closed-form density: circles, two spirals, moons, swiss roll and a line.
#include "core/data/distribution.h"

namespace ganscope {

/// A point on a noiseless 2D shape plus isotropic Gaussian noise N(0, std² I). `radius` scales the whole
/// shape and `std` is the noise in output units; the mapping below makes dataDefaults() reproduce the
/// literature exactly (defaults in brackets: radius, std).
///
///  - Circle: FFJORD's "circles" (Grathwohl et al. 2019), sklearn make_circles(factor .5, noise .08) × 3.
///    Two concentric circles of radius `radius` and `radius`/2, each picked with probability ½. [3, 0.24]
///  - Spiral: FFJORD's "2spirals". Arm parameter n = 3π√u, point (−n cos n + a, n sin n + b)·scale/3 with
///    a, b ~ U[0, ½], negated for the second arm; scale = `radius`/π, so the arms end at `radius`. [π, 0.1]
///  - Moons: FFJORD's "moons", sklearn make_moons(noise 0.1) × 2 + (−1, −0.2). Half circles
///    (cos t, sin t) and (1 − cos t, ½ − sin t), t ~ U[0, π], times `radius`, plus `radius`·(−½, −0.1), so
///    `radius` is the moons' radius. [2, 0.2]
///  - SwissRoll: WGAN-GP's gan_toy.py (Gulrajani et al. 2017), sklearn make_swiss_roll(noise 0.25),
///    columns 0 and 2, ÷ 7.5. t = 1.5π(1 + 2u), point (t cos t, t sin t)·`radius`/4.5π, so `radius` is the
///    roll's outer radius. [4.5π/7.5, 0.25/7.5]
///  - Line: no literature setting. The segment from (−`radius`, 0) to (`radius`, 0), uniform along it.
///    [2, 0.05]
class ToyShape final : public Distribution {
 public:
  /// The shape `kind` (Circle, Spiral, Moons, SwissRoll or Line) at scale radius > 0 with noise std ≥ 0;
  /// throws std::invalid_argument for another kind or a bad value.
  ToyShape(DataKind kind, double radius, double std);

  /// Every shape is 2D.
  int dim() const override { return 2; }

  /// Fills each column of `out` (2 × n) with one sample; allocation-free.
  void sample(Rng& rng, Eigen::Ref<Matrix> out) const override;

  /// A box holding the noiseless shape grown by 4 noise standard deviations on every side.
  Bounds bounds() const override;

 private:
  /// A point on the noiseless shape (Spiral includes FFJORD's uniform jitter, which is part of its
  /// definition).
  Eigen::Vector2d shapePoint(Rng& rng) const;

  DataKind kind_;
  double radius_, std_;
};

}  // namespace ganscope
