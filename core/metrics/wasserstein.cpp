#include "core/metrics/wasserstein.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/metrics/radix_sort.h"

namespace ganscope {

namespace {

// W1 = ∫ |F_a − F_b| dt between the empirical distributions of two SORTED, non-empty, finite lists.
// Walks the merged sorted support: between two consecutive support points both CDFs are constant,
// F_a = i/n and F_b = j/m, where i and j count the points of each list already passed.
double wasserstein1Sorted(const std::vector<double>& a, const std::vector<double>& b) {
  const std::size_t n = a.size(), m = b.size();
  std::size_t i = 0, j = 0;
  double previous = std::min(a.front(), b.front());
  double total = 0.0;
  while (i < n || j < m) {
    const bool takeFromA = j == m || (i < n && a[i] <= b[j]);
    const double next = takeFromA ? a[i] : b[j];
    const double cdfA = static_cast<double>(i) / static_cast<double>(n);
    const double cdfB = static_cast<double>(j) / static_cast<double>(m);
    total += std::abs(cdfA - cdfB) * (next - previous);
    previous = next;
    if (takeFromA) {
      ++i;
    } else {
      ++j;
    }
  }
  return total;  // past the last point both CDFs are 1, so nothing is left to add
}

// Sorts values in place and returns false when one is not finite (sorting NaNs is meaningless).
bool sortFinite(std::vector<double>& values, std::vector<std::uint64_t>& scratch) {
  for (double v : values) {
    if (!std::isfinite(v)) return false;
  }
  radixSortDoubles(values, scratch);
  return true;
}

// Writes θᵀ x_j into out[j] for every column j of samples, accumulating in double.
void project(const Matrix& samples, const Matrix& directions, Eigen::Index k, std::vector<double>& out) {
  for (Eigen::Index j = 0; j < samples.cols(); ++j) {
    double dot = 0.0;
    for (Eigen::Index i = 0; i < samples.rows(); ++i) {
      dot += static_cast<double>(directions(i, k)) * static_cast<double>(samples(i, j));
    }
    out[static_cast<std::size_t>(j)] = dot;
  }
}

// Throws std::invalid_argument unless `samples` is a non-empty set with one row per row of `directions`.
void requireSlicedShape(const Matrix& samples, const Matrix& directions) {
  if (samples.rows() != directions.rows()) {
    throw std::invalid_argument("slicedWasserstein1: the samples have " + std::to_string(samples.rows()) +
                                " rows and the directions " + std::to_string(directions.rows()) +
                                "; they must agree");
  }
  if (samples.cols() == 0) throw std::invalid_argument("slicedWasserstein1: a sample set is empty");
}

}  // namespace

double wasserstein1Exact1d(const Matrix& a, const Matrix& b) {
  if (a.rows() != 1 || b.rows() != 1) {
    throw std::invalid_argument("wasserstein1Exact1d: a and b must be 1 × n, not " +
                                std::to_string(a.rows()) + " and " + std::to_string(b.rows()) + " rows");
  }
  if (a.cols() == 0 || b.cols() == 0)
    throw std::invalid_argument("wasserstein1Exact1d: a sample set is empty");

  std::vector<double> sortedA(a.data(), a.data() + a.cols());
  std::vector<double> sortedB(b.data(), b.data() + b.cols());
  std::vector<std::uint64_t> scratch;
  if (!sortFinite(sortedA, scratch) || !sortFinite(sortedB, scratch)) return std::numeric_limits<double>::quiet_NaN();
  return wasserstein1Sorted(sortedA, sortedB);
}

double slicedWasserstein1(const Matrix& a, const Matrix& b, const Matrix& directions) {
  return SlicedWasserstein1Reference(a, directions).distanceTo(b);
}

SlicedWasserstein1Reference::SlicedWasserstein1Reference(const Matrix& reference, const Matrix& directions)
    : directions_(directions) {
  requireSlicedShape(reference, directions);
  if (directions.cols() == 0) throw std::invalid_argument("slicedWasserstein1: no direction given");
  sortedReference_.resize(static_cast<std::size_t>(directions.cols()));
  for (Eigen::Index k = 0; k < directions.cols(); ++k) {
    std::vector<double>& sorted = sortedReference_[static_cast<std::size_t>(k)];
    sorted.resize(static_cast<std::size_t>(reference.cols()));
    project(reference, directions, k, sorted);
    if (!sortFinite(sorted, scratch_)) referenceFinite_ = false;
  }
}

double SlicedWasserstein1Reference::distanceTo(const Matrix& b) const {
  requireSlicedShape(b, directions_);
  if (!referenceFinite_) return std::numeric_limits<double>::quiet_NaN();
  projected_.resize(static_cast<std::size_t>(b.cols()));
  double sum = 0.0;
  for (Eigen::Index k = 0; k < directions_.cols(); ++k) {
    project(b, directions_, k, projected_);
    if (!sortFinite(projected_, scratch_)) return std::numeric_limits<double>::quiet_NaN();
    sum += wasserstein1Sorted(sortedReference_[static_cast<std::size_t>(k)], projected_);
  }
  return sum / static_cast<double>(directions_.cols());
}

Matrix fixedSliceDirections(int dim, int count) {
  if (count < 1) throw std::invalid_argument("fixedSliceDirections: count must be at least 1");
  if (dim == 1) return Matrix::Ones(1, 1);
  if (dim != 2)
    throw std::invalid_argument("fixedSliceDirections: dim must be 1 or 2, not " + std::to_string(dim));

  Matrix directions(2, count);
  for (int k = 0; k < count; ++k) {
    const double angle = std::numbers::pi * k / count;
    directions(0, k) = static_cast<float>(std::cos(angle));
    directions(1, k) = static_cast<float>(std::sin(angle));
  }
  return directions;
}

}  // namespace ganscope
