#pragma once
// Drawing your own data (as in GAN Lab): samples painted by hand on the plane or along the line, that become
// a `points` distribution kept in the config (data.points) and train at once.
#include <cstddef>
#include <string>
#include <vector>

#include "core/data/data_config.h"
#include "core/util/rng.h"

namespace ganscope {

/// Samples painted with a brush: a stroke sprays samples uniformly in the brush's disc (an interval in 1D),
/// the eraser takes the samples under it away, undo goes back one stroke. At most kMaxDrawnPoints samples.
class DrawingCanvas {
 public:
  /// An empty canvas of `dim` (1 or 2) numbers a sample.
  explicit DrawingCanvas(int dim = 2);

  /// Starts a stroke (paint or erase): undo() comes back to the samples as they are now.
  void beginStroke();
  /// Adds `count` samples uniformly in the disc of `radius` around (x, y) (in 1D: in [x − radius, x +
  /// radius]), as many as fit under kMaxDrawnPoints. Returns how many were added.
  std::size_t paint(double x, double y, double radius, int count);
  /// Removes the samples within `radius` of (x, y) (in 1D: of x). Returns how many were removed.
  std::size_t erase(double x, double y, double radius);
  /// Back to before the last stroke. Returns false when there is none.
  bool undo();
  /// Removes every sample (undo brings them back).
  void clear();

  /// The samples.
  std::size_t size() const { return values_.size() / static_cast<std::size_t>(dim_); }
  /// Numbers a sample: 1 or 2.
  int dim() const { return dim_; }
  /// The samples' numbers, x0, y0, x1, y1, ... (x0, x1, ... in 1D), as data.points holds them.
  const std::vector<double>& values() const { return values_; }
  /// Starts from the drawing in `data` (a points config with drawn samples of this dimension); nothing
  /// otherwise. Returns whether it took them.
  bool load(const DataConfig& data);
  /// `base` turned into this drawing: kind points, data.points and data.points_dim set, no file.
  DataConfig applyTo(DataConfig base) const;
  /// The samples as CSV, one per line ("x,y" or "x"), as readPointsCsv reads them.
  std::string csv() const;

 private:
  int dim_;
  std::vector<double> values_;
  std::vector<std::vector<double>> undo_;  // the samples before each stroke, newest last
  Rng rng_{0x5eed};
};

}  // namespace ganscope
