#pragma once
// Divergences between the real and the generated distribution, estimated from histograms of the two
// sample sets on a regular grid over a box (GAN Lab's "KL/JS on a grid", with every sample counted).
#include <vector>

#include "core/data/bounds.h"
#include "core/nn/tensor.h"

namespace ganscope {

/// The histogram grid: a box, cut into cellsPerAxis cells along each of its dim axes (dim is 1 or 2).
struct GridSpec {
  Bounds bounds;          ///< the box; in 1D only [xMin, xMax] is used
  int cellsPerAxis = 32;  ///< cells along each axis, 1..kMaxCellsPerAxis
  int dim = 2;            ///< 1 or 2; samples must have this many rows
};

/// The largest cellsPerAxis a GridSpec may ask for (4096² cells is far finer than any sample set).
inline constexpr int kMaxCellsPerAxis = 4096;

/// The default ε of klDivergenceOnGrid: a probability added to every bin, far below 1 sample in 2,500.
inline constexpr double kGridKlEpsilon = 1e-6;

/// The number of histogram bins: cellsPerAxis^dim cells plus one shared "outside the box" bin.
int gridBinCount(const GridSpec& grid);

/// The normalised histogram of samples (dim × n, one per column) on the grid: sums to 1, or is all zeros if
/// there are no samples. Cell (ix, iy) is bin iy·cellsPerAxis + ix (1D: bin ix); the last bin holds every
/// sample outside the closed box, NaN samples included. A sample on the upper edge xMax (or yMax) belongs to
/// the last cell of that axis. Throws std::invalid_argument when the grid is invalid (dim not 1 or 2,
/// cellsPerAxis out of range, an empty or non-finite box) or samples.rows() != grid.dim.
std::vector<double> histogramOnGrid(const Matrix& samples, const GridSpec& grid);

/// The Jensen–Shannon divergence between the histograms of two sample sets on the grid, in nats.
/// It lies in [0, ln 2].
///
/// Lin 1991 ("Divergence measures based on the Shannon entropy", the JS divergence); the grid estimate is the
/// one GAN Lab shows (Kahng et al. 2019, "GAN Lab: Understanding complex deep generative models using
/// interactive visual experimentation"), here with every sample counted:
///   - p, q = histogramOnGrid(real), histogramOnGrid(fake), each normalised by its OWN sample count,
///     with one shared bin for the mass outside the box (so mass that leaves the box still counts);
///   - JS = ½ KL(p ‖ m) + ½ KL(q ‖ m) with m = ½(p + q), natural log and 0·ln 0 = 0;
///   - no smoothing is needed, because m > 0 wherever p > 0 or q > 0.
/// Samples outside the box in different directions share one bin, so they are indistinguishable to this
/// estimate. Returns NaN when either set is empty; throws as histogramOnGrid does.
double jsDivergenceOnGrid(const Matrix& real, const Matrix& fake, const GridSpec& grid);

/// KL(p ‖ q) between the histograms of two sample sets on the grid, in nats, with ε smoothing.
///
/// Kullback & Leibler 1951 ("On information and sufficiency"). KL is infinite wherever q has an empty bin
/// that p does not, so both histograms are smoothed the same way before comparing them: with
/// B = gridBinCount(grid),
///   p̃_b = (p_b + ε) / (1 + B ε),  q̃_b = (q_b + ε) / (1 + B ε),  KL = Σ_b p̃_b ln(p̃_b / q̃_b) ≥ 0.
/// The default ε = kGridKlEpsilon = 1e-6 caps a bin's log-ratio near ln(1/ε) ≈ 13.8 and changes bins that
/// hold samples by a relative 1e-3 or less; ε = 0 gives the unsmoothed KL (+infinity when p's support is not
/// in q's). Typically p = real, q = fake (the "forward" KL). Returns NaN when either set is empty; throws as
/// histogramOnGrid does, and when ε < 0.
double klDivergenceOnGrid(const Matrix& p, const Matrix& q, const GridSpec& grid,
                          double epsilon = kGridKlEpsilon);

}  // namespace ganscope
