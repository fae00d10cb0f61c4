#pragma once
// A mixture of isotropic Gaussians in 1D or 2D: the ring, the grid, a single Gaussian and 1D mixtures.
#include <Eigen/Core>
#include <optional>
#include <vector>

#include "core/data/distribution.h"

namespace ganscope {

/// p(x) = Σ_k w_k N(x; μ_k, σ_k² I), sampled by picking a component by weight, then adding Gaussian noise.
/// The ring follows Metz et al. 2016 (Unrolled GAN, appendix); the grid follows VEEGAN (Srivastava et al.
/// 2017) and PacGAN (Lin et al. 2018); the 1D Gaussian roughly follows Goodfellow et al. 2014, Fig. 1.
class GaussianMixture final : public Distribution {
 public:
  /// A mixture with one centre per column of `centres` (dim × K, dim 1 or 2), K standard deviations (all > 0)
  /// and K weights (≥ 0, positive sum; normalised here). Throws std::invalid_argument when the shapes or
  /// values are wrong.
  GaussianMixture(Eigen::MatrixXd centres, std::vector<double> stds, std::vector<double> weights);

  /// `modes` equal Gaussians with centre k at radius·(cos 2πk/N, sin 2πk/N), k = 0..N−1 (Metz et al. 2016).
  static GaussianMixture ring(int modes, double radius, double std);

  /// perSide² equal Gaussians on a square grid: centre (i, j) at spacing·(i − (N−1)/2, j − (N−1)/2) (VEEGAN).
  static GaussianMixture grid(int perSide, double spacing, double std);

  /// One isotropic Gaussian N(mean, std² I); the dimension is mean's length.
  static GaussianMixture isotropic(const Eigen::VectorXd& mean, double std);

  /// A 1D mixture of Gaussians with the given means, standard deviations and (unnormalised) weights.
  static GaussianMixture mixture1d(const std::vector<double>& means, const std::vector<double>& stds,
                                   const std::vector<double>& weights);

  /// The dimension of a sample: the number of rows of the centres.
  int dim() const override { return static_cast<int>(centres_.rows()); }

  /// Fills each column of `out` with one sample; allocation-free.
  void sample(Rng& rng, Eigen::Ref<Matrix> out) const override;

  /// Every component is a class (the conditional GAN's label is the mode index).
  int classCount() const override { return static_cast<int>(centres_.cols()); }

  /// Fills each column of `out` with one sample and its component into `classes`; the same draws as sample().
  void sampleWithClasses(Rng& rng, Eigen::Ref<Matrix> out, std::span<int> classes) const override;

  /// Components drawn by weight, one random number each (none for a single component).
  void sampleClasses(Rng& rng, std::span<int> classes) const override;

  /// The nearest component by normalised distance ‖x − μ_k‖ / σ_k (ties to the lowest k), as the mode metrics.
  int classOf(const float* x) const override;

  /// The centres and standard deviations of every component.
  std::optional<ModeSet> modes() const override;

  /// A mixture of Gaussians has a closed-form density.
  bool hasDensity() const override { return true; }

  /// The mixture density Σ_k w_k (2πσ_k²)^(−dim/2) exp(−‖x − μ_k‖² / 2σ_k²).
  double density(const Eigen::Ref<const Vector>& x) const override;

  /// The box spanned by every centre ± 4 of its standard deviations.
  Bounds bounds() const override;

  /// The normalised weights, one per component (they sum to 1).
  const std::vector<double>& weights() const { return weights_; }

 private:
  /// The index of a component drawn with probability equal to its weight.
  int pickComponent(Rng& rng) const;

  Eigen::MatrixXd centres_;      // dim × K
  std::vector<double> stds_;     // K
  std::vector<double> weights_;  // K, normalised
  std::vector<double>
      cumulative_;  // K, running sums of weights_, the last positive-weight entry and after = 1
  std::vector<double>
      normaliser_;  // K, w_k (2πσ_k²)^(−dim/2): the density's factor in front of each exponential
};

}  // namespace ganscope
