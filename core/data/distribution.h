#pragma once
// The target distribution p_data: sampling, density, mode centres and a bounding box.
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "core/data/bounds.h"
#include "core/data/data_config.h"
#include "core/nn/tensor.h"
#include "core/util/rng.h"

namespace ganscope {

/// The mode centres of a mixture of isotropic Gaussians, for the VEEGAN/PacGAN mode metrics.
struct ModeSet {
  Matrix centres;  ///< dim × K, one mode centre per column
  Vector stds;     ///< K standard deviations, one per mode (isotropic)
};

/// A target distribution over R^1 or R^2. Sampling is deterministic given the Rng's state.
class Distribution {
 public:
  virtual ~Distribution() = default;

  /// The dimension of a sample: 1 or 2.
  virtual int dim() const = 0;

  /// Fills every column of `out` (dim() × n, already sized) with one independent sample.
  virtual void sample(Rng& rng, Eigen::Ref<Matrix> out) const = 0;

  /// The number of classes its samples carry, 0 to kMaxClasses: a mixture's components (the class is the mode
  /// index), a point cloud's labels; 0 for a distribution without classes.
  virtual int classCount() const { return 0; }

  /// Fills every column of `out` (dim() × n) with one sample and classes[i] with its class, drawn from the class
  /// prior with the sample (the conditional GAN's real batch, Mirza & Osindero 2014). Only when classCount() > 0;
  /// throws std::logic_error otherwise. Allocation-free.
  virtual void sampleWithClasses(Rng& rng, Eigen::Ref<Matrix> out, std::span<int> classes) const;

  /// Fills `classes` with labels drawn from the class prior alone (the labels of a generator step). Only when
  /// classCount() > 0; throws std::logic_error otherwise. Allocation-free.
  virtual void sampleClasses(Rng& rng, std::span<int> classes) const;

  /// The class a point x (dim() numbers) belongs to: a mixture's nearest mode (normalised distance, the
  /// VEEGAN/PacGAN rule), a point cloud's class of the nearest stored point; −1 without classes.
  virtual int classOf(const float* x) const {
    (void)x;
    return -1;
  }

  /// The mode centres and standard deviations, where the distribution is a mixture of isotropic Gaussians.
  virtual std::optional<ModeSet> modes() const { return std::nullopt; }

  /// Whether density() is defined for this distribution.
  virtual bool hasDensity() const { return false; }

  /// The probability density at x (length dim()); only meaningful when hasDensity().
  virtual double density(const Eigen::Ref<const Vector>& x) const {
    (void)x;
    return 0.0;
  }

  /// A box that holds (nearly) all of the mass, unpadded; for 1D only x matters.
  virtual Bounds bounds() const = 0;
};

/// Makes the distribution a config describes. Throws std::invalid_argument naming the `data.*` key that is wrong
/// (for Points also a file that cannot be read, with its line number).
std::unique_ptr<Distribution> makeDistribution(const DataConfig& config);

/// The literature's parameters for a kind (REFERENCE.md), e.g. ring: 8 modes, radius 2, std 0.02; grid: 5×5, spacing 2,
/// std 0.05. Used when a user switches kind, so the new kind starts from sensible values.
DataConfig dataDefaults(DataKind kind);

/// The most data.modes this kind takes: a ring's modes (100), a grid's modes per side (10); 0 for kinds without
/// modes.
int maxDataModes(DataKind kind);

/// Whether samples of this kind carry classes a conditional run can use: ring, grid and mixture1d (the mode
/// index), points (when its file has a class column or data.point_classes is set).
bool kindHasClasses(DataKind kind);

/// The classes `config` gives without building it: ring data.modes, grid data.modes², mixture1d the means' count,
/// drawn points their largest data.point_classes + 1 (0 without); −1 for points from a file (known once it is
/// read); 0 for other kinds.
int configuredClassCount(const DataConfig& config);

/// The dimension of samples of this kind without building it (Points: 0, meaning "depends on the file").
int dataDimension(DataKind kind);

/// The data's dimension as `config` says it: dataDimension(kind), or for points the drawn samples' pointsDim (0 for
/// points from a file, known once it is read).
int configuredDataDimension(const DataConfig& config);

}  // namespace ganscope
