#pragma once
// The Wasserstein-1 (earth mover's) distance between two sample sets: exact in 1D, sliced in 2D.
#include <cstdint>
#include <vector>

#include "core/nn/tensor.h"

namespace ganscope {

/// The exact W1 between the empirical distributions of a (1 × n) and b (1 × m), sizes may differ.
///
/// Vallender 1973 ("Calculation of the Wasserstein distance between probability distributions on the line"):
/// in 1D, W1(P, Q) = ∫ |F_P(t) − F_Q(t)| dt. For empirical distributions both CDFs are step functions, so the
/// integral is a finite sum over the gaps of the merged sorted samples, accumulated in double. Cost:
/// O((n+m) log(n+m)). Returns NaN when any sample is not finite (a diverged generator); throws
/// std::invalid_argument when a or b is empty or not a single row.
double wasserstein1Exact1d(const Matrix& a, const Matrix& b);

/// The sliced W1 between a (dim × n) and b (dim × m): the mean over the given directions of the exact 1D W1
/// between the projections of the two sets onto each direction.
///
/// Rabin, Peyré, Delon & Bernot 2011 ("Wasserstein barycenter and its application to texture mixing") and
/// Bonneel, Rabin, Peyré & Pfister 2015 ("Sliced and Radon Wasserstein barycenters of measures"):
/// SW1(a, b) = (1/K) Σ_k W1(θ_kᵀ a, θ_kᵀ b) for the K columns θ_k of directions (dim × K, unit vectors; a
/// longer direction scales its term by its length). Projections are computed in double. Returns NaN when any
/// sample is not finite; throws std::invalid_argument when a set is empty, when there is no direction, or
/// when a, b and directions do not have the same number of rows.
double slicedWasserstein1(const Matrix& a, const Matrix& b, const Matrix& directions);

/// The sliced W1 to one fixed reference set: its projections onto each direction are sorted once, so a series of
/// measurements against the same real samples (a training run's metrics) sorts only the other set each time.
/// distanceTo(b) equals slicedWasserstein1(reference, b, directions) exactly.
class SlicedWasserstein1Reference {
 public:
  /// Projects and sorts `reference` (dim × n) onto every column of `directions` (dim × K); throws
  /// std::invalid_argument as slicedWasserstein1 does.
  SlicedWasserstein1Reference(const Matrix& reference, const Matrix& directions);

  /// The sliced W1 between the reference and b (dim × m); NaN when a sample of either is not finite.
  double distanceTo(const Matrix& b) const;

 private:
  Matrix directions_;
  std::vector<std::vector<double>> sortedReference_;  // one sorted projection per direction
  bool referenceFinite_ = true;
  mutable std::vector<double> projected_;  // the other set's projection, reused between calls
  mutable std::vector<std::uint64_t> scratch_;  // the radix sort's second buffer
};

/// Deterministic unit directions for slicedWasserstein1, so a sliced estimate never moves by chance.
///
/// dim = 2: count directions at the evenly spaced angles θ_k = π k / count, k = 0..count−1 (the half circle
/// suffices because projecting onto −θ gives the same W1); column k is (cos θ_k, sin θ_k).
/// dim = 1: the single direction (1), a 1 × 1 matrix, whatever count is (then SW1 equals the exact 1D W1).
/// Throws std::invalid_argument when dim is not 1 or 2 or count < 1.
Matrix fixedSliceDirections(int dim, int count);

}  // namespace ganscope
