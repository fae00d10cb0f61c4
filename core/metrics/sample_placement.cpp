#include "core/metrics/sample_placement.h"

#include <algorithm>
#include <vector>

namespace ganscope {
namespace {

// The median of one row of `samples` (the upper median for an even count).
double rowMedian(const Matrix& samples, Eigen::Index row) {
  std::vector<float> values(static_cast<std::size_t>(samples.cols()));
  for (Eigen::Index i = 0; i < samples.cols(); ++i) values[static_cast<std::size_t>(i)] = samples(row, i);
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

}  // namespace

Bounds dataRegion(const Bounds& dataBounds) {
  return dataBounds.padded(0.5);
}

SamplePlacement measureSamplePlacement(const Matrix& samples, const Bounds& region) {
  SamplePlacement placement;
  const Eigen::Index n = samples.cols();
  if (n == 0 || samples.rows() < 1) return placement;
  const bool twoD = samples.rows() >= 2;
  Eigen::Index outside = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double x = samples(0, i);
    bool out = x < region.xMin || x > region.xMax;
    if (twoD) {
      const double y = samples(1, i);
      out = out || y < region.yMin || y > region.yMax;
    }
    outside += out ? 1 : 0;
  }
  placement.offDataFraction = static_cast<double>(outside) / static_cast<double>(n);
  placement.centerX = rowMedian(samples, 0);
  if (twoD) placement.centerY = rowMedian(samples, 1);
  return placement;
}

}  // namespace ganscope
