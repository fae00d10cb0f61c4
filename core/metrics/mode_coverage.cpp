#include "core/metrics/mode_coverage.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace ganscope {

namespace {

// Rejects inputs for which the protocol is undefined, with a message that names the problem.
void checkInputs(const Matrix& samples, const ModeSet& modes, double qualitySigmas, int minSamplesPerMode) {
  const Eigen::Index modeCount = modes.centres.cols();
  if (modeCount == 0 || modes.centres.rows() == 0) {
    throw std::invalid_argument("measureModeCoverage: the mode set has no centres");
  }
  if (modes.stds.size() != modeCount) {
    throw std::invalid_argument("measureModeCoverage: " + std::to_string(modeCount) + " centres but " +
                                std::to_string(modes.stds.size()) + " standard deviations");
  }
  for (Eigen::Index k = 0; k < modeCount; ++k) {
    if (!(modes.stds[k] > 0.0f) || !std::isfinite(modes.stds[k])) {
      throw std::invalid_argument("measureModeCoverage: the standard deviation of mode " + std::to_string(k) +
                                  " is not a positive finite number");
    }
  }
  if (samples.rows() != modes.centres.rows()) {
    throw std::invalid_argument("measureModeCoverage: samples have " + std::to_string(samples.rows()) +
                                " rows but the mode centres have dimension " +
                                std::to_string(modes.centres.rows()));
  }
  if (!(qualitySigmas > 0.0)) {
    throw std::invalid_argument("measureModeCoverage: qualitySigmas must be positive");
  }
  if (minSamplesPerMode < 1) {
    throw std::invalid_argument("measureModeCoverage: minSamplesPerMode must be at least 1");
  }
}

// The squared radius of every mode's basin: (half the smallest distance between two centres)², so that the
// basins do not overlap; infinite with a single mode. `centres` holds K centres of `dim` coordinates one
// after another.
double basinRadiusSquared(const std::vector<double>& centres, int dim, int modeCount) {
  double smallest = std::numeric_limits<double>::infinity();
  for (int a = 0; a < modeCount; ++a) {
    for (int b = a + 1; b < modeCount; ++b) {
      double squared = 0.0;
      for (int i = 0; i < dim; ++i) {
        const double difference =
            centres[static_cast<std::size_t>(a) * dim + i] - centres[static_cast<std::size_t>(b) * dim + i];
        squared += difference * difference;
      }
      smallest = std::min(smallest, squared);
    }
  }
  return smallest / 4.0;
}

// How many of the per-mode counts reach `minimum`.
int modesWithAtLeast(const std::vector<int>& perMode, long long minimum) {
  return static_cast<int>(std::count_if(perMode.begin(), perMode.end(), [&](int n) { return n >= minimum; }));
}

// The modes k < 64 whose count reaches `minimum`, as a bit set (modes from the 65th on are left out).
std::uint64_t maskOfModesWithAtLeast(const std::vector<int>& perMode, long long minimum) {
  std::uint64_t mask = 0;
  const std::size_t count = std::min<std::size_t>(64, perMode.size());
  for (std::size_t k = 0; k < count; ++k) {
    if (perMode[k] >= minimum) mask |= std::uint64_t{1} << k;
  }
  return mask;
}

}  // namespace

ModeCoverage measureModeCoverage(const Matrix& samples, const ModeSet& modes, double qualitySigmas,
                                 int minSamplesPerMode) {
  checkInputs(samples, modes, qualitySigmas, minSamplesPerMode);
  const int dim = static_cast<int>(modes.centres.rows());
  const int modeCount = static_cast<int>(modes.centres.cols());
  const Eigen::Index sampleCount = samples.cols();

  // Work in double: the centres (dim × K, column-major like the input) and 1/σ_k² for each mode,
  // so the inner loop below is only subtractions and multiply-adds, with no allocation.
  std::vector<double> centres(static_cast<std::size_t>(dim) * modeCount);
  std::vector<double> inverseVariances(modeCount);
  for (int k = 0; k < modeCount; ++k) {
    for (int i = 0; i < dim; ++i) centres[static_cast<std::size_t>(k) * dim + i] = modes.centres(i, k);
    const double sigma = modes.stds[k];
    inverseVariances[k] = 1.0 / (sigma * sigma);
  }
  // Compare squared normalised distances with qualitySigmas², which avoids a sqrt per sample.
  const double thresholdSquared = qualitySigmas * qualitySigmas;
  const double basinSquared = basinRadiusSquared(centres, dim, modeCount);

  ModeCoverage result;
  result.modesTotal = modeCount;
  result.highQualityPerMode.assign(modeCount, 0);
  result.basinPerMode.assign(modeCount, 0);
  int highQualityCount = 0;
  int basinCount = 0;

  for (Eigen::Index j = 0; j < sampleCount; ++j) {
    const float* x = samples.data() + j * dim;  // column j of a column-major matrix is contiguous
    // Nearest mode by normalised distance; a NaN distance never wins, so a NaN sample keeps nearest = -1.
    // The basins are disjoint, so at most one contains x: the one of the nearest centre in plain distance.
    double bestSquared = std::numeric_limits<double>::infinity();
    int nearest = -1;
    for (int k = 0; k < modeCount; ++k) {
      const double* centre = centres.data() + static_cast<std::size_t>(k) * dim;
      double squared = 0.0;
      for (int i = 0; i < dim; ++i) {
        const double difference = static_cast<double>(x[i]) - centre[i];
        squared += difference * difference;
      }
      if (squared < basinSquared) {
        ++result.basinPerMode[k];
        ++basinCount;
      }
      squared *= inverseVariances[k];
      if (squared < bestSquared) {
        bestSquared = squared;
        nearest = k;
      }
    }
    if (nearest >= 0 && bestSquared < thresholdSquared) {
      ++result.highQualityPerMode[nearest];
      ++highQualityCount;
    }
  }

  result.modesCaptured = modesWithAtLeast(result.highQualityPerMode, minSamplesPerMode);
  result.highQualityFraction =
      sampleCount > 0 ? static_cast<double>(highQualityCount) / static_cast<double>(sampleCount) : 0.0;
  result.basinFraction =
      sampleCount > 0 ? static_cast<double>(basinCount) / static_cast<double>(sampleCount) : 0.0;
  // Held: a basin count of at least n / (2K), rounded up (and at least one sample).
  const long long heldMinimum =
      std::max<long long>(1, (sampleCount + 2LL * modeCount - 1) / (2LL * modeCount));
  result.modesHeld = modesWithAtLeast(result.basinPerMode, heldMinimum);
  result.heldModes = maskOfModesWithAtLeast(result.basinPerMode, heldMinimum);

  // Reverse KL(q̂ ‖ uniform) = Σ_k q̂_k ln(q̂_k / (1/K)); 0·ln 0 = 0; NaN (the default) with no HQ sample.
  if (highQualityCount > 0) {
    double reverseKl = 0.0;
    for (int count : result.highQualityPerMode) {
      if (count == 0) continue;
      const double q = static_cast<double>(count) / highQualityCount;
      reverseKl += q * std::log(modeCount * q);
    }
    result.reverseKl = std::max(0.0, reverseKl);  // KL ≥ 0; rounding on a uniform q̂ can give −1e-17
  }
  return result;
}

std::uint64_t capturedModeMask(const ModeCoverage& coverage, int minSamplesPerMode) {
  return maskOfModesWithAtLeast(coverage.highQualityPerMode, minSamplesPerMode);
}

}  // namespace ganscope
