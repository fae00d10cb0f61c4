#include "core/gan/metrics_evaluator.h"

#include <algorithm>
#include <cmath>

#include "core/gan/conditioning.h"
#include "core/metrics/class_accuracy.h"
#include "core/metrics/mode_coverage.h"
#include "core/metrics/sample_placement.h"

namespace ganscope {

void sampleLatent(LatentDistribution dist, Rng& rng, Eigen::Ref<Matrix> out) {
  float* data = out.data();
  const Eigen::Index n = out.size();  // columns are contiguous in the blocks we are given
  if (dist == LatentDistribution::Gaussian) {
    for (Eigen::Index i = 0; i < n; ++i) data[i] = static_cast<float>(rng.normal());
  } else {
    for (Eigen::Index i = 0; i < n; ++i) data[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
  }
}

double normalQuantile(double p) {
  constexpr double kInvSqrt2Pi = 0.39894228040143267794;
  p = std::clamp(p, 1e-15, 1.0 - 1e-15);
  double x = 0.0;
  for (int k = 0; k < 100; ++k) {
    const double cdf = 0.5 * std::erfc(-x / std::sqrt(2.0));
    const double step = (cdf - p) / (kInvSqrt2Pi * std::exp(-0.5 * x * x));
    x -= step;
    if (std::abs(step) < 1e-12) break;
  }
  return x;
}

double latentQuantile(LatentDistribution dist, double p) {
  return dist == LatentDistribution::Gaussian ? normalQuantile(p) : 2.0 * p - 1.0;
}

GridSpec metricsGrid(const Distribution& data) {
  GridSpec grid;
  grid.dim = data.dim();
  grid.bounds = data.bounds().padded(0.25);
  grid.cellsPerAxis = data.dim() == 1 ? 128 : 32;
  return grid;
}

MetricsEvaluator::MetricsEvaluator(const Distribution& data, const Config& config, int generatorInputDim,
                                   std::uint64_t seed)
    : data_(data), modes_(data.modes()), grid_(metricsGrid(data)) {
  Rng rng(seed);
  const int n = config.metricsSamples;
  latent_.resize(generatorInputDim, n);
  const int classes = config.conditional ? data.classCount() : 0;
  if (classes == 0) {
    sampleLatent(config.latent.dist, rng, latent_);
  } else {
    // Conditional (Mirza & Osindero 2014): [z; onehot(y)] with every class in turn, the same labels at every step.
    labels_ = balancedLabels(n, classes);
    for (int i = 0; i < n; ++i) sampleLatent(config.latent.dist, rng, latent_.col(i).head(config.latent.dim));
    writeOneHot(latent_.bottomRows(classes), labels_);
  }
  realForJs_.resize(data.dim(), 10 * n);
  data.sample(rng, realForJs_);
  realForW1_ = realForJs_.leftCols(n);
  if (data.dim() == 2) slicedW1_.emplace(realForW1_, fixedSliceDirections(2, 32));
}

void MetricsEvaluator::measure(const Mlp& generator, MetricsRow& row) {
  const Matrix& fake = generator.forward(latent_, workspace_);
  if (!fake.allFinite()) return;  // a diverged generator has no meaningful sample metrics
  if (modes_) {
    const ModeCoverage coverage = measureModeCoverage(fake, *modes_);
    row.modes = coverage.modesCaptured;
    row.modesTotal = coverage.modesTotal;
    row.highQuality = coverage.highQualityFraction;
    row.modeKl = coverage.reverseKl;
    row.capturedModes = capturedModeMask(coverage);
    row.modesHeld = coverage.modesHeld;
    row.heldModes = coverage.heldModes;
    row.basinFraction = coverage.basinFraction;
  }
  if (!labels_.empty()) {
    ClassAccuracy accuracy = measureClassAccuracy(fake, labels_, data_);
    row.classAccuracy = accuracy.mean;
    classAccuracy_ = std::move(accuracy.perClass);
  }
  const SamplePlacement placement = measureSamplePlacement(fake, dataRegion(data_.bounds()));
  row.offData = placement.offDataFraction;
  row.fakeCenterX = placement.centerX;
  row.fakeCenterY = placement.centerY;
  row.js = jsDivergenceOnGrid(realForJs_, fake, grid_);
  row.w1 = slicedW1_ ? slicedW1_->distanceTo(fake) : wasserstein1Exact1d(realForW1_, fake);
}

}  // namespace ganscope
