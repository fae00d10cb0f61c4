#pragma once
// A user's point cloud, read from a CSV file: the empirical distribution of its points, optionally jittered.
#include <string>
#include <string_view>
#include <vector>

#include "core/data/distribution.h"

namespace ganscope {

/// The empirical distribution of a fixed set of 1D or 2D points: a sample is a uniformly chosen point plus
/// Gaussian jitter N(0, std² I) when std > 0.
class PointCloud final : public Distribution {
 public:
  /// The cloud of the columns of `points` (dim × n, dim 1 or 2, n ≥ 1) with jitter std ≥ 0 and, optionally, one
  /// class per point (`classes` empty, or n classes from 0 to kMaxClasses − 1); throws std::invalid_argument
  /// otherwise.
  PointCloud(Matrix points, double std, std::vector<int> classes = {});

  /// Reads `file` with readPointsCsv() and builds the cloud; the errors are readPointsCsv()'s.
  static PointCloud fromCsv(const std::string& file, double std);

  /// The number of columns of the file: 1 or 2.
  int dim() const override { return static_cast<int>(points_.rows()); }

  /// Fills each column of `out` with a uniformly chosen point plus jitter; allocation-free.
  void sample(Rng& rng, Eigen::Ref<Matrix> out) const override;

  /// The classes of the points: their largest + 1, 0 without classes.
  int classCount() const override { return classCount_; }

  /// A uniformly chosen point plus jitter, and its class; the same draws as sample().
  void sampleWithClasses(Rng& rng, Eigen::Ref<Matrix> out, std::span<int> classes) const override;

  /// The classes of uniformly chosen points (the empirical class prior), one random number each.
  void sampleClasses(Rng& rng, std::span<int> classes) const override;

  /// The class of the nearest stored point (ties to the first); −1 without classes.
  int classOf(const float* x) const override;

  /// The class of each stored point (empty without classes).
  const std::vector<int>& classes() const { return classes_; }

  /// The box of the points grown by 4 jitter standard deviations (and by ½ on an axis where all points
  /// agree).
  Bounds bounds() const override;

  /// The stored points, dim × n.
  const Matrix& points() const { return points_; }

 private:
  Matrix points_;
  double std_;
  std::vector<int> classes_;
  int classCount_ = 0;
};

/// A points file as read: its points and, when it has a class column, each point's class.
struct PointsCsv {
  Matrix points;             ///< dim × n
  std::vector<int> classes;  ///< n classes from 0 to kMaxClasses − 1, or empty without a class column
};

/// Reads a CSV file of one or two numeric columns into a dim × n matrix (one point per column). Values are
/// separated by commas, with optional spaces around them; blank lines are skipped; the first non-blank line
/// may be a header of non-numeric names. Throws std::invalid_argument with one message naming the file, the
/// line and what is wrong when the file cannot be read, holds no points, has more than two columns, rows of
/// different lengths, or a value that is not a finite number. The file must be a regular file of at most
/// kMaxPointsFileBytes (readInputFile): a FIFO or device is refused at once, never waited on.
Matrix readPointsCsv(const std::string& file);

/// Parses the text of such a CSV file (`file` names it in messages); the rules and errors of readPointsCsv(),
/// without touching the file system. The classes of a class column are dropped (see parseLabelledPointsCsv).
Matrix parsePointsCsv(std::string_view content, const std::string& file);

/// Parses a points CSV that may end in a class column, for conditional runs (the fuzz target's entry point). The
/// class column is the last one when the header names it `class` (any case): `x,class` for 1D, `x,y,class` for 2D;
/// its values are integers from 0 to kMaxClasses − 1 and every class from 0 to the largest must appear. Without
/// such a header the rules of readPointsCsv() hold. Errors name the file and the line, as readPointsCsv()'s.
PointsCsv parseLabelledPointsCsv(std::string_view content, const std::string& file);

/// Reads a points file that may end in a class column (parseLabelledPointsCsv's rules; readPointsCsv's limits).
PointsCsv readLabelledPointsCsv(const std::string& file);

}  // namespace ganscope
