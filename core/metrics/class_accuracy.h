#pragma once
// How well a conditional generator obeys its labels: the share of samples generated for class k that land in
// class k.
#include <limits>
#include <span>
#include <vector>

#include "core/data/distribution.h"
#include "core/nn/tensor.h"

namespace ganscope {

/// The result of measureClassAccuracy.
struct ClassAccuracy {
  /// The mean over the classes that have samples of each class's accuracy; NaN when no class has one.
  double mean = std::numeric_limits<double>::quiet_NaN();
  /// Per class k: samples generated for k whose class is k / samples generated for k (NaN for a class with
  /// none).
  std::vector<double> perClass;
};

/// Per-class accuracy of a conditional GAN's samples (the label-fidelity measure of conditional generators,
/// e.g. Odena, Olah & Shlens 2017, "Conditional Image Synthesis with Auxiliary Classifier GANs", §4.1, with
/// the data's own classifier in place of a trained one): sample i was generated for class labels[i], and its
/// class is data.classOf(x_i), the nearest mode (normalised distance, as the VEEGAN/PacGAN mode metrics) for
/// a mixture, the class of the nearest stored point for a point cloud. A sample with a NaN coordinate counts
/// as wrong. `samples` is dim × n, `labels` n classes from 0 to data.classCount() − 1.
ClassAccuracy measureClassAccuracy(const Matrix& samples, std::span<const int> labels,
                                   const Distribution& data);

}  // namespace ganscope
