// The 1D view's kernel density estimates (app/views/line_view.h): the binned estimate agrees with the direct sum,
// and a bandwidth far wider than the view costs no more than the direct sum (it once made 10^8 bins a frame).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "app/views/line_view.h"
#include "core/util/rng.h"

using namespace ganscope;

namespace {

// `n` normal samples of mean `mean` and deviation `sd`, sorted.
std::vector<float> normalSamples(int n, double mean, double sd) {
  Rng rng(3);
  std::vector<float> v(static_cast<std::size_t>(n));
  for (float& x : v) x = static_cast<float>(mean + sd * rng.normal());
  std::sort(v.begin(), v.end());
  return v;
}

// The largest difference between the binned and the direct estimate on the grid lo + i·step.
double largestDifference(const std::vector<float>& samples, double bandwidth, double lo, double step, int points,
                         std::vector<double>& bins) {
  std::vector<double> xs(static_cast<std::size_t>(points)), direct(xs.size()), binned(xs.size());
  for (int i = 0; i < points; ++i) xs[static_cast<std::size_t>(i)] = lo + step * i;
  gaussianKde(samples, bandwidth, xs, direct);
  std::vector<double> kernel;
  binnedGaussianKde(samples, bandwidth, lo, step, binned, bins, kernel);
  double worst = 0.0;
  for (std::size_t i = 0; i < xs.size(); ++i) worst = std::max(worst, std::fabs(direct[i] - binned[i]));
  return worst;
}

}  // namespace

TEST_CASE("kde: the binned estimate agrees with the direct sum, and a huge bandwidth makes no huge buffers") {
  const auto samples = normalSamples(2500, 0.0, 1.0);
  std::vector<double> bins;
  // An ordinary bandwidth: linear binning's error is second order in step/h (0.05 here); the peak is 0.4.
  CHECK(largestDifference(samples, 0.3, -4.0, 0.015, 534, bins) < 2e-3);
  CHECK(bins.size() > 534);  // the binned path ran
  // Samples spread over ±10^6 seen through a view 0.1 wide: h/step is about 10^10 steps.
  const auto far = normalSamples(2500, 0.0, 1e6);
  bins.clear();
  const double h = 1e5;
  const double difference = largestDifference(far, h, 99.95, 0.1 / 500, 501, bins);
  CHECK(difference < 1e-12);  // the direct sum itself (the values are about 1e-6)
  CHECK(bins.empty());
}
