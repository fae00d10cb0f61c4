#pragma once
// Sample-quality metrics of a generator, measured on a fixed latent batch so that curves move only when G does.
#include <memory>
#include <optional>

#include "core/data/distribution.h"
#include "core/gan/config.h"
#include "core/gan/metrics_row.h"
#include "core/metrics/grid_divergence.h"
#include "core/metrics/wasserstein.h"
#include "core/nn/mlp.h"

namespace ganscope {

/// The grid on which JS is measured: 32×32 cells in 2D, 128 bins in 1D, over the data's bounds padded by 25 % on
/// each side, plus one shared "outside" bin.
GridSpec metricsGrid(const Distribution& data);

/// Measures modes, high-quality fraction, reverse KL, grid JS and W1 of G's samples on a latent batch drawn once.
/// The real reference for JS is 10× the fake sample count (so the real histogram adds little noise); W1 compares
/// with an equal number of real samples (exact in 1D, sliced over 32 fixed directions in 2D).
class MetricsEvaluator {
 public:
  /// Draws the fixed latent batch and the real reference samples from `seed` (a stream of its own, so measuring
  /// never changes the training run). For a conditional config the batch's labels are balanced and fixed.
  MetricsEvaluator(const Distribution& data, const Config& config, int generatorInputDim, std::uint64_t seed);

  /// Fills the sample-quality fields of `row` (modes, modesTotal, highQuality, modeKl, offData and G's
  /// centre, js, w1, and classAccuracy for a conditional run) for generator G.
  void measure(const Mlp& generator, MetricsRow& row);

  /// The fixed latent batch (latent dim × n; conditional runs: [z; onehot(y)] per column, latent dim + K rows).
  const Matrix& latentBatch() const { return latent_; }
  /// The fixed labels of a conditional run's latent batch, every class in turn (balancedLabels); empty otherwise.
  const std::vector<int>& labels() const { return labels_; }
  /// The per-class accuracies of the last measure() (conditional runs; empty otherwise).
  const std::vector<double>& lastClassAccuracy() const { return classAccuracy_; }
  /// G's samples on the fixed batch, from the last measure().
  const Matrix& lastSamples() const { return workspace_.output(); }

 private:
  const Distribution& data_;
  std::optional<ModeSet> modes_;
  GridSpec grid_;
  Matrix latent_;
  std::vector<int> labels_;
  std::vector<double> classAccuracy_;
  Matrix realForJs_;
  Matrix realForW1_;
  std::optional<SlicedWasserstein1Reference> slicedW1_;  // 2D: the real projections, sorted once
  MlpWorkspace workspace_;
};

/// Fills a latent batch (dim × n) with N(0, I) or U[−1, 1] noise.
void sampleLatent(LatentDistribution dist, Rng& rng, Eigen::Ref<Matrix> out);

/// The p-quantile (0 < p < 1) of one latent coordinate: Φ⁻¹(p) for N(0, 1), 2p − 1 for U[−1, 1]. The views place
/// latent grids and mapping lines at equal-probability points with it.
double latentQuantile(LatentDistribution dist, double p);

/// The standard normal quantile Φ⁻¹(p) for p in (0, 1) (Newton's method on erfc, to about 1e-12).
double normalQuantile(double p);

}  // namespace ganscope
