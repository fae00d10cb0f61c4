#pragma once
// What the target distribution is: the `data.*` keys of the config.
#include <string>
#include <vector>

namespace ganscope {

/// Every toy distribution the engine can sample. 1D: Gaussian1d, Mixture1d, Uniform1d; 2D: the rest except Dirac
/// (the Dirac-GAN of Mescheder et al. 2018: a point mass at 0 in 1D) and Points (a user's CSV point cloud, 1D or 2D).
enum class DataKind {
  Gaussian1d, Mixture1d, Uniform1d,
  Ring, Grid, Gaussian, Circle, Spiral, Moons, SwissRoll, Line, Uniform,
  Dirac, Points,
};

/// The most classes a conditional run takes (a points file's class column, data.point_classes, a mixture's
/// components): the views' palette keeps 25 colours apart.
inline constexpr int kMaxClasses = 25;

/// The parameters of the target distribution; each kind reads the fields it needs and ignores the others.
struct DataConfig {
  DataKind kind = DataKind::Ring;
  int modes = 8;                              ///< ring: number of Gaussians; grid: N for an N×N grid
  double radius = 2.0;                        ///< ring, circle, spiral, line: the size of the shape
  double spacing = 2.0;                       ///< grid: distance between neighbouring mode centres
  double mean = 0.0;                          ///< gaussian1d: the mean
  double std = 0.02;                          ///< per-mode standard deviation (ring, grid, gaussian, gaussian1d), or noise
  std::vector<double> means = {-2.0, 2.0};    ///< mixture1d: component means
  std::vector<double> stds = {0.5, 0.5};      ///< mixture1d: component standard deviations
  std::vector<double> weights = {0.5, 0.5};   ///< mixture1d: component weights (normalised when sampled)
  double low = -1.0;                          ///< uniform1d, uniform: lower end of the range (both axes in 2D)
  double high = 1.0;                          ///< uniform1d, uniform: upper end of the range
  std::string file;                           ///< points: a CSV file of one or two numeric columns
  /// points: samples drawn in the window, kept in the config itself (instead of a file): x0, y0, x1, y1, ... in 2D,
  /// x0, x1, ... in 1D.
  std::vector<double> points;
  int pointsDim = 2;                          ///< points: the numbers per drawn sample, 1 or 2
  /// points: the class (0 to 24) of each drawn sample, for a conditional run; empty when the drawing has no
  /// classes. When not empty it has one entry per drawn sample, and every class from 0 to its largest appears.
  std::vector<int> pointClasses;

  bool operator==(const DataConfig&) const = default;
};

}  // namespace ganscope
