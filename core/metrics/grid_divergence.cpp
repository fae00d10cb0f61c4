#include "core/metrics/grid_divergence.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace ganscope {

namespace {

// Rejects a grid on which a histogram is undefined.
void checkGrid(const GridSpec& grid) {
  if (grid.dim != 1 && grid.dim != 2) {
    throw std::invalid_argument("grid divergence: dim must be 1 or 2, not " + std::to_string(grid.dim));
  }
  if (grid.cellsPerAxis < 1 || grid.cellsPerAxis > kMaxCellsPerAxis) {
    throw std::invalid_argument("grid divergence: cellsPerAxis must be in 1.." +
                                std::to_string(kMaxCellsPerAxis) + ", not " +
                                std::to_string(grid.cellsPerAxis));
  }
  const Bounds& b = grid.bounds;
  const bool xOk = std::isfinite(b.xMin) && std::isfinite(b.xMax) && b.xMax > b.xMin;
  const bool yOk = std::isfinite(b.yMin) && std::isfinite(b.yMax) && b.yMax > b.yMin;
  if (!xOk || (grid.dim == 2 && !yOk)) {
    throw std::invalid_argument("grid divergence: the box must be finite with max > min on every axis");
  }
}

// The cell of v along one axis of `cells` cells over [lo, hi], or -1 when v is outside [lo, hi] or NaN.
int cellAlongAxis(double v, double lo, double hi, int cells) {
  if (!(v >= lo && v <= hi)) return -1;  // also catches NaN
  const int cell = static_cast<int>((v - lo) / (hi - lo) * cells);
  return std::min(cell, cells - 1);  // v == hi lands in the last cell
}

// ½ p ln(p / m) with 0·ln 0 = 0: one bin's share of ½ KL(p ‖ m).
double halfKlTerm(double p, double m) {
  return p > 0.0 ? 0.5 * p * std::log(p / m) : 0.0;
}

}  // namespace

int gridBinCount(const GridSpec& grid) {
  checkGrid(grid);
  const int cells = grid.dim == 1 ? grid.cellsPerAxis : grid.cellsPerAxis * grid.cellsPerAxis;
  return cells + 1;  // + the shared outside bin
}

std::vector<double> histogramOnGrid(const Matrix& samples, const GridSpec& grid) {
  const int binCount = gridBinCount(grid);  // validates the grid
  if (samples.rows() != grid.dim) {
    throw std::invalid_argument("grid divergence: samples have " + std::to_string(samples.rows()) +
                                " rows but the grid has dim " + std::to_string(grid.dim));
  }
  const int outsideBin = binCount - 1;
  const int cells = grid.cellsPerAxis;
  const Bounds& b = grid.bounds;

  std::vector<double> histogram(binCount, 0.0);
  for (Eigen::Index j = 0; j < samples.cols(); ++j) {
    const int ix = cellAlongAxis(samples(0, j), b.xMin, b.xMax, cells);
    int bin = ix;
    if (grid.dim == 2) {
      const int iy = cellAlongAxis(samples(1, j), b.yMin, b.yMax, cells);
      bin = (ix < 0 || iy < 0) ? -1 : iy * cells + ix;
    }
    histogram[bin < 0 ? outsideBin : bin] += 1.0;
  }
  // Normalise by this set's own sample count, so sets of different sizes compare as distributions.
  if (samples.cols() > 0) {
    const double inverseCount = 1.0 / static_cast<double>(samples.cols());
    for (double& mass : histogram) mass *= inverseCount;
  }
  return histogram;
}

double jsDivergenceOnGrid(const Matrix& real, const Matrix& fake, const GridSpec& grid) {
  const std::vector<double> p = histogramOnGrid(real, grid);
  const std::vector<double> q = histogramOnGrid(fake, grid);
  if (real.cols() == 0 || fake.cols() == 0) return std::numeric_limits<double>::quiet_NaN();

  double js = 0.0;
  for (std::size_t b = 0; b < p.size(); ++b) {
    const double m = 0.5 * (p[b] + q[b]);
    js += halfKlTerm(p[b], m) + halfKlTerm(q[b], m);
  }
  // Mathematically in [0, ln 2]; clamp away the last-bit rounding of the sums.
  return std::clamp(js, 0.0, std::log(2.0));
}

double klDivergenceOnGrid(const Matrix& p, const Matrix& q, const GridSpec& grid, double epsilon) {
  if (!(epsilon >= 0.0) || !std::isfinite(epsilon)) {
    throw std::invalid_argument("klDivergenceOnGrid: epsilon must be a finite number >= 0");
  }
  const std::vector<double> pHistogram = histogramOnGrid(p, grid);
  const std::vector<double> qHistogram = histogramOnGrid(q, grid);
  if (p.cols() == 0 || q.cols() == 0) return std::numeric_limits<double>::quiet_NaN();

  // Add ε to every bin and renormalise, so both smoothed histograms still sum to 1.
  const double normaliser = 1.0 / (1.0 + static_cast<double>(pHistogram.size()) * epsilon);
  double kl = 0.0;
  for (std::size_t b = 0; b < pHistogram.size(); ++b) {
    const double pSmoothed = (pHistogram[b] + epsilon) * normaliser;
    const double qSmoothed = (qHistogram[b] + epsilon) * normaliser;
    if (pSmoothed > 0.0)
      kl += pSmoothed * std::log(pSmoothed / qSmoothed);  // 0·ln 0 = 0; p > 0 = q gives +inf
  }
  return std::max(kl, 0.0);  // Gibbs' inequality: KL ≥ 0; clamp away rounding
}

}  // namespace ganscope
