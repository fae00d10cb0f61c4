#include "core/data/gaussian_mixture.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace ganscope {

GaussianMixture::GaussianMixture(Eigen::MatrixXd centres, std::vector<double> stds,
                                 std::vector<double> weights)
    : centres_(std::move(centres)), stds_(std::move(stds)), weights_(std::move(weights)) {
  const auto count = static_cast<std::size_t>(centres_.cols());
  if (centres_.rows() != 1 && centres_.rows() != 2) {
    throw std::invalid_argument("GaussianMixture: centres must have 1 or 2 rows (one per dimension)");
  }
  if (count == 0 || stds_.size() != count || weights_.size() != count) {
    throw std::invalid_argument(
        "GaussianMixture: needs at least one centre, and one std and one weight per centre");
  }
  double total = 0.0;
  for (std::size_t k = 0; k < count; ++k) {
    if (!(stds_[k] > 0.0) || !std::isfinite(stds_[k])) {
      throw std::invalid_argument("GaussianMixture: every std must be positive and finite");
    }
    if (!(weights_[k] >= 0.0) || !std::isfinite(weights_[k])) {
      throw std::invalid_argument("GaussianMixture: every weight must be zero or positive and finite");
    }
    total += weights_[k];
  }
  if (!(total > 0.0)) throw std::invalid_argument("GaussianMixture: the weights must have a positive sum");

  // Normalise the weights and precompute what sampling and density need, so neither allocates.
  cumulative_.resize(count);
  normaliser_.resize(count);
  double running = 0.0;
  std::size_t lastPositive = 0;
  for (std::size_t k = 0; k < count; ++k) {
    weights_[k] /= total;
    running += weights_[k];
    cumulative_[k] = running;
    if (weights_[k] > 0.0) lastPositive = k;
    const double variance = stds_[k] * stds_[k];
    normaliser_[k] =
        weights_[k] * std::pow(2.0 * std::numbers::pi * variance, -0.5 * static_cast<double>(dim()));
  }
  // Rounding can leave the running sum just below 1; pin it so that a uniform draw in [0, 1) always lands on
  // a component of positive weight.
  for (std::size_t k = lastPositive; k < count; ++k) cumulative_[k] = 1.0;
}

GaussianMixture GaussianMixture::ring(int modes, double radius, double std) {
  Eigen::MatrixXd centres(2, modes);
  for (int k = 0; k < modes; ++k) {
    // 2πk/N for k = 0..N-1: N distinct angles (linspace(0, 2π, N) would put the last mode on top of the
    // first).
    const double angle = 2.0 * std::numbers::pi * k / modes;
    centres(0, k) = radius * std::cos(angle);
    centres(1, k) = radius * std::sin(angle);
  }
  const auto count = static_cast<std::size_t>(modes);
  return GaussianMixture(std::move(centres), std::vector<double>(count, std),
                         std::vector<double>(count, 1.0));
}

GaussianMixture GaussianMixture::grid(int perSide, double spacing, double std) {
  Eigen::MatrixXd centres(2, perSide * perSide);
  const double middle = (perSide - 1) / 2.0;
  for (int i = 0; i < perSide; ++i) {
    for (int j = 0; j < perSide; ++j) {
      centres(0, i * perSide + j) = spacing * (i - middle);
      centres(1, i * perSide + j) = spacing * (j - middle);
    }
  }
  const auto count = static_cast<std::size_t>(perSide) * static_cast<std::size_t>(perSide);
  return GaussianMixture(std::move(centres), std::vector<double>(count, std),
                         std::vector<double>(count, 1.0));
}

GaussianMixture GaussianMixture::isotropic(const Eigen::VectorXd& mean, double std) {
  return GaussianMixture(Eigen::MatrixXd(mean), {std}, {1.0});
}

GaussianMixture GaussianMixture::mixture1d(const std::vector<double>& means, const std::vector<double>& stds,
                                           const std::vector<double>& weights) {
  Eigen::MatrixXd centres(1, static_cast<Eigen::Index>(means.size()));
  for (std::size_t k = 0; k < means.size(); ++k) centres(0, static_cast<Eigen::Index>(k)) = means[k];
  return GaussianMixture(std::move(centres), stds, weights);
}

int GaussianMixture::pickComponent(Rng& rng) const {
  if (cumulative_.size() == 1) return 0;  // a single Gaussian spends no random number on the choice
  const double u = rng.uniform();
  // The first component whose running sum exceeds u; components of zero weight are never chosen.
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
  const auto index = std::min<std::ptrdiff_t>(it - cumulative_.begin(), std::ssize(cumulative_) - 1);
  return static_cast<int>(index);
}

void GaussianMixture::sample(Rng& rng, Eigen::Ref<Matrix> out) const {
  assert(out.rows() == dim());
  for (Eigen::Index column = 0; column < out.cols(); ++column) {
    const int k = pickComponent(rng);
    const double std = stds_[static_cast<std::size_t>(k)];
    for (Eigen::Index row = 0; row < out.rows(); ++row) {
      out(row, column) = static_cast<float>(centres_(row, k) + std * rng.normal());
    }
  }
}

void GaussianMixture::sampleWithClasses(Rng& rng, Eigen::Ref<Matrix> out, std::span<int> classes) const {
  assert(out.rows() == dim() && std::ssize(classes) == out.cols());
  for (Eigen::Index column = 0; column < out.cols(); ++column) {
    const int k = pickComponent(rng);
    classes[static_cast<std::size_t>(column)] = k;
    const double std = stds_[static_cast<std::size_t>(k)];
    for (Eigen::Index row = 0; row < out.rows(); ++row) {
      out(row, column) = static_cast<float>(centres_(row, k) + std * rng.normal());
    }
  }
}

void GaussianMixture::sampleClasses(Rng& rng, std::span<int> classes) const {
  for (int& k : classes) k = pickComponent(rng);
}

int GaussianMixture::classOf(const float* x) const {
  int best = 0;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (Eigen::Index k = 0; k < centres_.cols(); ++k) {
    double squared = 0.0;
    for (Eigen::Index i = 0; i < centres_.rows(); ++i) {
      const double difference = static_cast<double>(x[i]) - centres_(i, k);
      squared += difference * difference;
    }
    const double std = stds_[static_cast<std::size_t>(k)];
    const double normalised = squared / (std * std);
    if (normalised < bestDistance) bestDistance = normalised, best = static_cast<int>(k);
  }
  return best;
}

std::optional<ModeSet> GaussianMixture::modes() const {
  ModeSet modes;
  modes.centres = centres_.cast<float>();
  modes.stds = Eigen::Map<const Eigen::VectorXd>(stds_.data(), std::ssize(stds_)).cast<float>();
  return modes;
}

double GaussianMixture::density(const Eigen::Ref<const Vector>& x) const {
  assert(x.size() == dim());
  double sum = 0.0;
  for (Eigen::Index k = 0; k < centres_.cols(); ++k) {
    const auto index = static_cast<std::size_t>(k);
    const double squaredDistance = (x.cast<double>() - centres_.col(k)).squaredNorm();
    sum += normaliser_[index] * std::exp(-squaredDistance / (2.0 * stds_[index] * stds_[index]));
  }
  return sum;
}

Bounds GaussianMixture::bounds() const {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  Bounds box;  // a 1D mixture keeps the default y range, which nothing reads
  box.xMin = kInfinity;
  box.xMax = -kInfinity;
  if (dim() == 2) {
    box.yMin = kInfinity;
    box.yMax = -kInfinity;
  }
  for (Eigen::Index k = 0; k < centres_.cols(); ++k) {
    const double reach = 4.0 * stds_[static_cast<std::size_t>(k)];
    box.xMin = std::min(box.xMin, centres_(0, k) - reach);
    box.xMax = std::max(box.xMax, centres_(0, k) + reach);
    if (dim() == 2) {
      box.yMin = std::min(box.yMin, centres_(1, k) - reach);
      box.yMax = std::max(box.yMax, centres_(1, k) + reach);
    }
  }
  return box;
}

}  // namespace ganscope
