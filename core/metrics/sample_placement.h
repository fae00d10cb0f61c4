#pragma once
// Where a generator's samples are, relative to the data: how many have left the data's region, and where the
// bulk of them is. A generator whose samples drift far from the data (D rejects them all and its gradient no
// longer points back) is told apart from one that only covers few modes.
#include <limits>

#include "core/data/bounds.h"
#include "core/nn/tensor.h"

namespace ganscope {

/// The result of measureSamplePlacement.
struct SamplePlacement {
  /// Samples outside the region / all samples (NaN when there are none).
  double offDataFraction = std::numeric_limits<double>::quiet_NaN();
  double centerX = std::numeric_limits<double>::quiet_NaN();  ///< the median x of the samples
  double centerY = std::numeric_limits<double>::quiet_NaN();  ///< the median y of the samples (NaN in 1D)
};

/// The data's region: its bounds grown by half their size on every side. A sample outside it is at least half
/// the data's extent away from all of the data.
Bounds dataRegion(const Bounds& dataBounds);

/// Measures `samples` (dim × n, dim 1 or 2; in 1D only x is looked at) against `region`.
SamplePlacement measureSamplePlacement(const Matrix& samples, const Bounds& region);

}  // namespace ganscope
