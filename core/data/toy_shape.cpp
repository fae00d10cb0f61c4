#include "core/data/toy_shape.h"

#include <cassert>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace ganscope {

namespace {

constexpr double kPi = std::numbers::pi;

/// Circles, after FFJORD's toy_data.py (Grathwohl et al. 2019), which calls sklearn make_circles(factor .5)
/// × 3. sklearn spaces the angles evenly over each circle and gives half the points to each; drawing the
/// circle and the angle at random gives the same distribution.
Eigen::Vector2d circlePoint(Rng& rng, double radius) {
  const double r = rng.below(2) == 0 ? radius : 0.5 * radius;
  const double angle = rng.uniform(0.0, 2.0 * kPi);
  return {r * std::cos(angle), r * std::sin(angle)};
}

/// Two spirals, after FFJORD's "2spirals": the arm parameter is n = √u · 540° in radians, a point of the
/// first arm is (−n cos n + a, n sin n + b) / 3 with a, b ~ U[0, ½], and the second arm is the first one
/// negated. Here the whole point is also multiplied by radius/π (1 in FFJORD).
Eigen::Vector2d spiralPoint(Rng& rng, double radius) {
  const double n = std::sqrt(rng.uniform()) * 3.0 * kPi;
  const double x = -std::cos(n) * n + 0.5 * rng.uniform();
  const double y = std::sin(n) * n + 0.5 * rng.uniform();
  const double sign = rng.below(2) == 0 ? 1.0 : -1.0;
  const double scale = sign * (radius / kPi) / 3.0;
  return {scale * x, scale * y};
}

/// Two moons, after FFJORD's "moons": sklearn make_moons, whose upper moon is (cos t, sin t) and lower moon
/// (1 − cos t, 1 − sin t − ½), t ∈ [0, π], then × 2 + (−1, −0.2). Here × radius + radius·(−½, −0.1) (radius 2
/// in FFJORD).
Eigen::Vector2d moonsPoint(Rng& rng, double radius) {
  const double t = rng.uniform(0.0, kPi);
  const bool upper = rng.below(2) == 0;
  const double x = upper ? std::cos(t) : 1.0 - std::cos(t);
  const double y = upper ? std::sin(t) : 0.5 - std::sin(t);
  return {radius * (x - 0.5), radius * (y - 0.1)};
}

/// Swiss roll, after WGAN-GP's gan_toy.py (Gulrajani et al. 2017): sklearn make_swiss_roll, t = 1.5π(1 + 2u),
/// columns 0 and 2 = (t cos t, t sin t), ÷ 7.5. Here × radius / 4.5π, which is ÷ 7.5 for radius 4.5π/7.5.
Eigen::Vector2d swissRollPoint(Rng& rng, double radius) {
  const double t = 1.5 * kPi * (1.0 + 2.0 * rng.uniform());
  const double scale = radius / (4.5 * kPi);
  return {scale * t * std::cos(t), scale * t * std::sin(t)};
}

/// A horizontal segment from (−radius, 0) to (radius, 0), uniform along it.
Eigen::Vector2d linePoint(Rng& rng, double radius) {
  return {rng.uniform(-radius, radius), 0.0};
}

}  // namespace

ToyShape::ToyShape(DataKind kind, double radius, double std) : kind_(kind), radius_(radius), std_(std) {
  switch (kind) {
    case DataKind::Circle:
    case DataKind::Spiral:
    case DataKind::Moons:
    case DataKind::SwissRoll:
    case DataKind::Line:
      break;
    default:
      throw std::invalid_argument("ToyShape: kind must be Circle, Spiral, Moons, SwissRoll or Line");
  }
  if (!(radius > 0.0) || !std::isfinite(radius)) {
    throw std::invalid_argument("ToyShape: radius must be positive");
  }
  if (!(std >= 0.0) || !std::isfinite(std)) {
    throw std::invalid_argument("ToyShape: std must be zero or positive");
  }
}

Eigen::Vector2d ToyShape::shapePoint(Rng& rng) const {
  switch (kind_) {
    case DataKind::Circle:
      return circlePoint(rng, radius_);
    case DataKind::Spiral:
      return spiralPoint(rng, radius_);
    case DataKind::Moons:
      return moonsPoint(rng, radius_);
    case DataKind::SwissRoll:
      return swissRollPoint(rng, radius_);
    default:
      return linePoint(rng, radius_);  // the constructor admits only shapes, so this is Line
  }
}

void ToyShape::sample(Rng& rng, Eigen::Ref<Matrix> out) const {
  assert(out.rows() == 2);
  for (Eigen::Index column = 0; column < out.cols(); ++column) {
    const Eigen::Vector2d point = shapePoint(rng);
    // With std = 0 the noise is skipped, so no random numbers are spent on it.
    const double noiseX = std_ > 0.0 ? std_ * rng.normal() : 0.0;
    const double noiseY = std_ > 0.0 ? std_ * rng.normal() : 0.0;
    out(0, column) = static_cast<float>(point.x() + noiseX);
    out(1, column) = static_cast<float>(point.y() + noiseY);
  }
}

Bounds ToyShape::bounds() const {
  const double noise = 4.0 * std_;
  switch (kind_) {
    case DataKind::Moons:
      // In units of radius, x: upper moon [−1, 1], lower [0, 2], both shifted by −½;
      // y: upper moon [0, 1], lower [−½, ½], both shifted by −0.1.
      return {-1.5 * radius_ - noise, 1.5 * radius_ + noise, -0.6 * radius_ - noise, 0.9 * radius_ + noise};
    case DataKind::Spiral: {
      // |coordinate| ≤ (3π + ½)/3 before scaling by radius/π.
      const double half = (radius_ / kPi) * (3.0 * kPi + 0.5) / 3.0 + noise;
      return {-half, half, -half, half};
    }
    case DataKind::Line: {
      // The noiseless segment has no height; keep the box from collapsing to a line when std is 0.
      const double halfHeight = std_ > 0.0 ? noise : 0.05 * radius_;
      return {-radius_ - noise, radius_ + noise, -halfHeight, halfHeight};
    }
    default: {
      // Circle and SwissRoll lie within `radius` of the origin.
      const double half = radius_ + noise;
      return {-half, half, -half, half};
    }
  }
}

}  // namespace ganscope
