#pragma once
// How many modes of a Gaussian mixture a generator reaches, and how good its samples are:
// the "modes captured / % high-quality samples / reverse KL" protocol of VEEGAN and PacGAN.
#include <cstdint>
#include <limits>
#include <vector>

#include "core/data/distribution.h"
#include "core/nn/tensor.h"

namespace ganscope {

/// The result of measureModeCoverage: modes captured, high-quality fraction, reverse KL over modes.
struct ModeCoverage {
  int modesCaptured = 0;           ///< modes with at least minSamplesPerMode high-quality samples
  int modesTotal = 0;              ///< K, the number of modes in the mixture
  double highQualityFraction = 0;  ///< high-quality samples / all samples (0 when there are no samples)
  /// KL(q̂ ‖ uniform over the K modes); NaN when no sample is high quality.
  double reverseKl = std::numeric_limits<double>::quiet_NaN();
  std::vector<int> highQualityPerMode;  ///< K counts: the high-quality samples whose nearest mode is k
  /// K counts: the samples in mode k's basin, the disc (interval in 1D) around its centre of radius half the
  /// smallest distance between two centres, however far from 3σ. Where G's mass is, even when it is not on a
  /// mode yet: a G that hops as a wide cloud puts few samples within 3σ of any mode but most in one or two
  /// basins.
  std::vector<int> basinPerMode;
  double basinFraction = 0;  ///< samples in some mode's basin / all samples (0 when there are no samples)
  int modesHeld = 0;         ///< modes whose basin holds at least half a fair share, n / (2K), of the samples
  std::uint64_t heldModes = 0;  ///< bit k set when mode k (k < 64) is held: which modes, for hopping
};

/// Scores samples (dim × n, one per column) against the mode centres of a mixture of isotropic Gaussians.
///
/// Protocol of Srivastava et al. 2017 (VEEGAN, Sec. 5.1: "modes captured" and "% high quality samples")
/// and Lin et al. 2018 (PacGAN, Sec. 5: the same two numbers plus the reverse KL over modes):
///   - each sample's nearest mode is the k that minimises the normalised distance
///     d_k(x) = sqrt(Σ_i (x_i − μ_ki)² / σ_k²); ties go to the lowest k;
///   - the sample is high quality when that smallest d_k(x) < qualitySigmas (strictly);
///   - mode k is captured when at least minSamplesPerMode high-quality samples have it as nearest mode;
///   - reverse KL = KL(q̂ ‖ u) = Σ_k q̂_k ln(K q̂_k), where q̂ is the histogram of the nearest modes of the
///     high-quality samples and u is uniform over the K modes; empty bins contribute 0, so it lies in
///     [0, ln K]; it is NaN when no sample is high quality.
/// It also counts, for each mode, the samples in its basin (see ModeCoverage::basinPerMode) and the modes
/// held, a measure of our own for a generator that has not reached 3σ of any mode (see the collapse monitor).
/// A sample with a NaN coordinate (a diverged generator) is never high quality.
/// Works for any dimension (1D and 2D in practice); costs O(n·K·dim) and allocates only per call, not per
/// sample. Throws std::invalid_argument when the mode set is empty or malformed (stds not K positive finite
/// values), when samples.rows() differs from the centres' dimension, when qualitySigmas ≤ 0, or when
/// minSamplesPerMode < 1.
ModeCoverage measureModeCoverage(const Matrix& samples, const ModeSet& modes, double qualitySigmas = 3.0,
                                 int minSamplesPerMode = 1);

/// The captured modes as a bit set: bit k is set when mode k < 64 has at least minSamplesPerMode high-quality
/// samples (modes from the 65th on are left out). Which modes are held, so a change of set (mode hopping) shows.
std::uint64_t capturedModeMask(const ModeCoverage& coverage, int minSamplesPerMode = 1);

}  // namespace ganscope
