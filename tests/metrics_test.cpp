// Tests of the sample-quality metrics in core/metrics/: mode coverage (VEEGAN/PacGAN), grid JS/KL,
// Wasserstein-1. Every mode set and sample set is built here by hand (no core/data sources needed).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/metrics/grid_divergence.h"
#include "core/metrics/mode_coverage.h"
#include "core/metrics/sample_placement.h"
#include "core/metrics/wasserstein.h"
#include "core/util/rng.h"

using namespace ganscope;

namespace {

// [SECTION] Helpers

// The ring of K Gaussians: centres r(cos 2πk/K, sin 2πk/K), one shared std (REFERENCE.md; Metz et al. 2016).
ModeSet ringModes(int count, double radius, double std) {
  ModeSet modes{Matrix(2, count), Vector::Constant(count, static_cast<float>(std))};
  for (int k = 0; k < count; ++k) {
    const double angle = 2.0 * std::numbers::pi * k / count;
    modes.centres(0, k) = static_cast<float>(radius * std::cos(angle));
    modes.centres(1, k) = static_cast<float>(radius * std::sin(angle));
  }
  return modes;
}

// The grid of 25 Gaussians: centres {-4, -2, 0, 2, 4}², std 0.05 (REFERENCE.md; VEEGAN, PacGAN).
// Mode k is at (-4 + 2(k mod 5), -4 + 2⌊k/5⌋), so mode 12 is (0, 0).
ModeSet gridOf25Modes() {
  ModeSet modes{Matrix(2, 25), Vector::Constant(25, 0.05f)};
  for (int k = 0; k < 25; ++k) {
    modes.centres(0, k) = static_cast<float>(-4 + 2 * (k % 5));
    modes.centres(1, k) = static_cast<float>(-4 + 2 * (k / 5));
  }
  return modes;
}

// A 1D mixture's mode set from its centres and stds.
ModeSet modes1d(std::initializer_list<float> centres, std::initializer_list<float> stds) {
  ModeSet modes{Matrix(1, static_cast<Eigen::Index>(centres.size())),
                Vector(static_cast<Eigen::Index>(stds.size()))};
  Eigen::Index k = 0;
  for (float c : centres) modes.centres(0, k++) = c;
  k = 0;
  for (float s : stds) modes.stds[k++] = s;
  return modes;
}

// n samples from the mixture, each from mode `onlyMode`, or from a uniformly chosen mode when onlyMode < 0.
Matrix sampleMixture(const ModeSet& modes, int n, Rng& rng, int onlyMode = -1) {
  const auto modeCount = static_cast<std::uint32_t>(modes.centres.cols());
  Matrix samples(modes.centres.rows(), n);
  for (int j = 0; j < n; ++j) {
    const Eigen::Index k = onlyMode >= 0 ? onlyMode : static_cast<Eigen::Index>(rng.below(modeCount));
    for (Eigen::Index i = 0; i < samples.rows(); ++i) {
      samples(i, j) = static_cast<float>(rng.normal(modes.centres(i, k), modes.stds[k]));
    }
  }
  return samples;
}

// A 1 × n sample set from a list of values.
Matrix row(std::initializer_list<float> values) {
  Matrix m(1, static_cast<Eigen::Index>(values.size()));
  Eigen::Index j = 0;
  for (float v : values) m(0, j++) = v;
  return m;
}

// A 2 × n sample set from a list of (x, y) points.
Matrix points(std::initializer_list<std::pair<float, float>> xy) {
  Matrix m(2, static_cast<Eigen::Index>(xy.size()));
  Eigen::Index j = 0;
  for (const auto& [x, y] : xy) {
    m(0, j) = x;
    m(1, j) = y;
    ++j;
  }
  return m;
}

// n standard-normal samples in `dim` rows, scaled and shifted.
Matrix normalSamples(int dim, int n, Rng& rng, double scale = 1.0, double shift = 0.0) {
  Matrix m(dim, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = 0; i < dim; ++i) m(i, j) = static_cast<float>(shift + scale * rng.normal());
  }
  return m;
}

const double kLn2 = std::log(2.0);

}  // namespace

// [SECTION] Mode coverage (VEEGAN / PacGAN)

TEST_CASE("mode coverage: a perfect sampler on the ring of 8 captures every mode with ~98.89% high quality") {
  const ModeSet modes = ringModes(8, 2.0, 0.02);
  Rng rng(2017);
  const int n = 2500;
  const ModeCoverage coverage = measureModeCoverage(sampleMixture(modes, n, rng), modes);

  CHECK(coverage.modesTotal == 8);
  CHECK(coverage.modesCaptured == 8);
  REQUIRE(coverage.highQualityPerMode.size() == 8);

  // A sample from an isotropic 2D Gaussian has squared normalised distance ~ χ²₂ to its own centre, so it
  // lies within 3σ with probability p = P(χ²₂ < 9) = 1 − e^{−4.5} = 0.98889 (the neighbouring modes are ~76σ
  // away, so its own mode is always the nearest). The HQ fraction of n samples is Binomial(n, p)/n, with
  // standard error sqrt(p(1 − p)/n) = 0.0021 at n = 2,500. A ±4σ band (±0.0084) fails a correct
  // implementation for about 1 seed in 16,000, yet rejects an unnormalised distance (every sample "HQ": 1.0
  // is 5.3σ away) and a 2σ radius (1 − e^{−2} = 0.865).
  const double p = 1.0 - std::exp(-4.5);
  const double standardError = std::sqrt(p * (1.0 - p) / n);
  CHECK(std::abs(coverage.highQualityFraction - p) < 4.0 * standardError);

  // The mode histogram of N ≈ 2,470 HQ samples is multinomial around uniform; then 2N·KL(q̂ ‖ u) is the
  // G-statistic, ≈ χ²₇ (mean 7, 99.99th percentile 29.9), so KL ≈ 0.0014 on average and < 0.006 but for
  // 1 seed in 10,000. A single missing mode would give ln(8/7) = 0.134.
  REQUIRE(std::isfinite(coverage.reverseKl));
  CHECK(coverage.reverseKl >= 0.0);
  CHECK(coverage.reverseKl < 0.01);
}

TEST_CASE("mode coverage: a sampler collapsed onto one mode scores reverse KL ln K") {
  Rng rng(7);
  SUBCASE("ring of 8: 1/8 captured, reverse KL = ln 8 = 2.0794") {
    const ModeSet modes = ringModes(8, 2.0, 0.02);
    const ModeCoverage coverage = measureModeCoverage(sampleMixture(modes, 2500, rng, 3), modes);
    CHECK(coverage.modesCaptured == 1);
    CHECK(coverage.highQualityPerMode[3] > 2400);
    // Every HQ sample is on mode 3, so q̂ = e₃ and KL = 1·ln(8·1) exactly.
    CHECK(coverage.reverseKl == doctest::Approx(std::log(8.0)).epsilon(1e-12));
    CHECK(coverage.reverseKl == doctest::Approx(2.0794).epsilon(1e-4));
  }
  SUBCASE("grid of 25: 1/25 captured, reverse KL = ln 25 = 3.2189") {
    const ModeSet modes = gridOf25Modes();
    const ModeCoverage coverage = measureModeCoverage(sampleMixture(modes, 2500, rng, 12), modes);
    CHECK(coverage.modesTotal == 25);
    CHECK(coverage.modesCaptured == 1);
    CHECK(coverage.highQualityPerMode[12] > 2400);
    CHECK(coverage.reverseKl == doctest::Approx(std::log(25.0)).epsilon(1e-12));
    CHECK(coverage.reverseKl == doctest::Approx(3.2189).epsilon(1e-4));
  }
}

TEST_CASE("mode coverage: a perfect sampler on the grid of 25 captures all 25 modes") {
  const ModeSet modes = gridOf25Modes();
  Rng rng(25);
  const ModeCoverage coverage = measureModeCoverage(sampleMixture(modes, 2500, rng), modes);
  CHECK(coverage.modesCaptured == 25);
  const double p = 1.0 - std::exp(-4.5);
  CHECK(std::abs(coverage.highQualityFraction - p) < 4.0 * std::sqrt(p * (1.0 - p) / 2500));
  // G-test as in the ring test, with 24 degrees of freedom: 99.99th percentile of χ²₂₄ ≈ 59, over 2N ≈ 4,940.
  CHECK(coverage.reverseKl < 0.03);
}

TEST_CASE("mode coverage: samples far from every mode capture nothing and have no reverse KL") {
  const ModeSet modes = ringModes(8, 2.0, 0.02);
  // Far away, at the ring's centre (100σ from every mode), and (2.1, 0), 5σ from mode 0.
  const Matrix samples = points({{50.0f, 50.0f}, {-30.0f, 0.0f}, {0.0f, 0.0f}, {2.1f, 0.0f}});
  const ModeCoverage coverage = measureModeCoverage(samples, modes);
  CHECK(coverage.modesTotal == 8);
  CHECK(coverage.modesCaptured == 0);
  CHECK(coverage.highQualityFraction == 0.0);
  CHECK(std::isnan(coverage.reverseKl));
  CHECK(coverage.highQualityPerMode == std::vector<int>(8, 0));
}

TEST_CASE("mode coverage: minSamplesPerMode sets how many HQ samples capture a mode") {
  // Modes at 0 and 10 (std 1): three HQ samples on mode 0, one on mode 1, one far from both.
  const ModeSet modes = modes1d({0.0f, 10.0f}, {1.0f, 1.0f});
  const Matrix samples = row({0.1f, -0.2f, 0.3f, 10.5f, 50.0f});

  CHECK(measureModeCoverage(samples, modes, 3.0, 1).modesCaptured == 2);
  CHECK(measureModeCoverage(samples, modes, 3.0, 2).modesCaptured == 1);  // mode 1 has a single HQ sample
  CHECK(measureModeCoverage(samples, modes, 3.0, 3).modesCaptured == 1);
  CHECK(measureModeCoverage(samples, modes, 3.0, 4).modesCaptured == 0);

  // The threshold changes nothing else: 4 of 5 samples are HQ, q̂ = (3/4, 1/4) over K = 2 modes.
  const ModeCoverage coverage = measureModeCoverage(samples, modes, 3.0, 2);
  CHECK(coverage.highQualityFraction == doctest::Approx(0.8).epsilon(1e-12));
  CHECK(coverage.highQualityPerMode == std::vector<int>{3, 1});
  CHECK(coverage.reverseKl == doctest::Approx(0.75 * std::log(1.5) + 0.25 * std::log(0.5)).epsilon(1e-12));
}

TEST_CASE("mode coverage: capturedModeMask sets the bits of the captured modes only") {
  // The grid of 25: samples on modes 0, 3 and 24 (two on mode 3), plus one far from every mode.
  const ModeSet modes = gridOf25Modes();
  const Matrix samples = points({{-4.0f, -4.0f}, {2.0f, -4.0f}, {2.01f, -4.0f}, {4.0f, 4.0f}, {50.0f, 50.0f}});
  const ModeCoverage coverage = measureModeCoverage(samples, modes);
  CHECK(capturedModeMask(coverage) == ((1ULL << 0) | (1ULL << 3) | (1ULL << 24)));
  CHECK(capturedModeMask(coverage, 2) == (1ULL << 3));
  // Modes past the 64th are left out; the 64th is the top bit.
  ModeCoverage many;
  many.highQualityPerMode.assign(70, 0);
  many.highQualityPerMode[63] = 1;
  many.highQualityPerMode[65] = 4;
  CHECK(capturedModeMask(many) == (1ULL << 63));
}

// A wide cloud centred on one mode of the ring of 8 (r = 2, so the basins are discs of radius sin(π/8)·2 =
// 0.765): almost nothing lies within 3σ = 0.06 of a mode, yet the cloud's mass is in one basin, which the
// basin counts see.
TEST_CASE("mode coverage: basins count where a wide cloud's mass is, far from 3σ") {
  const ModeSet modes = ringModes(8, 2.0, 0.02);
  Rng rng(7);
  Matrix cloud = normalSamples(2, 2500, rng, 0.3);
  cloud.row(0).array() -= 2.0f;  // centred on mode 4, (-2, 0)
  const ModeCoverage coverage = measureModeCoverage(cloud, modes);
  CHECK(coverage.highQualityFraction < 0.03);
  CHECK(coverage.modesHeld == 1);
  CHECK(coverage.heldModes == (1ULL << 4));
  // P(‖N(0, 0.3²I)‖ < 0.765) = 1 − exp(−0.765² / (2·0.09)) = 0.96; the rest falls between basins.
  CHECK(coverage.basinFraction == doctest::Approx(0.96).epsilon(0.02));
  CHECK(coverage.basinPerMode[4] == doctest::Approx(0.96 * 2500).epsilon(0.02));

  // A perfect sampler holds every mode; a cloud at the centre of the ring lies in no basin and holds none.
  const ModeCoverage perfect = measureModeCoverage(sampleMixture(modes, 2500, rng), modes);
  CHECK(perfect.modesHeld == 8);
  CHECK(perfect.heldModes == 0xffULL);
  CHECK(perfect.basinFraction == 1.0);
  const ModeCoverage centred = measureModeCoverage(normalSamples(2, 2500, rng, 0.3), modes);
  CHECK(centred.modesHeld == 0);
  CHECK(centred.basinFraction < 0.01);
}

// A mode is held from half its fair share on: with K = 2 modes at ±2 (basins of radius 2) and 8 samples, 2
// are needed (2·K·count ≥ n); a sample halfway between them is in neither basin.
TEST_CASE("mode coverage: a mode is held by at least n / (2K) of the samples in its basin") {
  const ModeSet modes = modes1d({-2.0f, 2.0f}, {0.1f, 0.1f});
  const ModeCoverage two =
      measureModeCoverage(row({-2.5f, -1.9f, 1.0f, 1.5f, 2.2f, 2.9f, 3.5f, 3.9f}), modes);
  CHECK(two.basinPerMode == std::vector<int>{2, 6});
  CHECK(two.modesHeld == 2);
  const ModeCoverage one = measureModeCoverage(row({-2.5f, 0.0f, 1.0f, 1.5f, 2.2f, 2.9f, 3.5f, 3.9f}), modes);
  CHECK(one.basinPerMode == std::vector<int>{1, 6});
  CHECK(one.modesHeld == 1);
  CHECK(one.heldModes == 0b10ULL);
  CHECK(one.basinFraction == doctest::Approx(7.0 / 8.0));
}

TEST_CASE("mode coverage: the quality radius is strict and measured in each mode's own σ") {
  SUBCASE("a sample exactly qualitySigmas away is not high quality; one just inside is") {
    const ModeSet modes = modes1d({0.0f}, {1.0f});
    CHECK(measureModeCoverage(row({3.0f}), modes).highQualityFraction == 0.0);
    CHECK(measureModeCoverage(row({2.999f}), modes).highQualityFraction == 1.0);
    CHECK(measureModeCoverage(row({1.5f}), modes, 1.0).highQualityFraction == 0.0);  // qualitySigmas is used
    CHECK(measureModeCoverage(row({1.5f}), modes, 2.0).highQualityFraction == 1.0);
  }
  SUBCASE("the nearest mode is nearest in normalised distance, not in Euclidean distance") {
    // x = 0.4 is Euclidean-nearer to mode 0 (0.4 vs 0.6) but is 4σ from it (σ = 0.1) and only 0.6σ from
    // mode 1.
    const ModeSet modes = modes1d({0.0f, 1.0f}, {0.1f, 1.0f});
    const ModeCoverage coverage = measureModeCoverage(row({0.4f}), modes);
    CHECK(coverage.highQualityFraction == 1.0);
    CHECK(coverage.highQualityPerMode == std::vector<int>{0, 1});
  }
  SUBCASE("a NaN sample is never high quality") {
    const ModeSet modes = modes1d({0.0f}, {1.0f});
    const ModeCoverage coverage =
        measureModeCoverage(row({std::numeric_limits<float>::quiet_NaN(), 0.0f}), modes);
    CHECK(coverage.highQualityFraction == 0.5);
    CHECK(coverage.highQualityPerMode == std::vector<int>{1});
  }
}

TEST_CASE("mode coverage: works in 1D on a mixture of 2 Gaussians") {
  const ModeSet modes = modes1d({-2.0f, 2.0f}, {0.1f, 0.1f});
  Rng rng(1);
  const int n = 2000;
  const ModeCoverage coverage = measureModeCoverage(sampleMixture(modes, n, rng), modes);
  CHECK(coverage.modesTotal == 2);
  CHECK(coverage.modesCaptured == 2);
  // In 1D the normalised distance is |Z|, so p = P(|Z| < 3) = erf(3/√2) = 0.99730 (not the 2D 0.98889, which
  // is 7σ away here); 4 binomial standard errors as in the ring test.
  const double p = std::erf(3.0 / std::sqrt(2.0));
  CHECK(std::abs(coverage.highQualityFraction - p) < 4.0 * std::sqrt(p * (1.0 - p) / n));
  CHECK(coverage.reverseKl < 0.01);  // 2N·KL ≈ χ²₁: 99.99th percentile 15.1 / 4,000

  // All on the right-hand mode: ln 2.
  const ModeCoverage collapsed = measureModeCoverage(sampleMixture(modes, 500, rng, 1), modes);
  CHECK(collapsed.modesCaptured == 1);
  CHECK(collapsed.reverseKl == doctest::Approx(kLn2).epsilon(1e-12));
}

TEST_CASE("mode coverage: malformed inputs are rejected") {
  const ModeSet ring = ringModes(8, 2.0, 0.02);
  CHECK_THROWS_AS(measureModeCoverage(row({0.0f}), ring), std::invalid_argument);  // 1D samples, 2D modes
  ModeSet wrongStds = ring;
  wrongStds.stds = Vector::Constant(7, 0.02f);
  CHECK_THROWS_AS(measureModeCoverage(points({{0.0f, 0.0f}}), wrongStds), std::invalid_argument);
  ModeSet zeroStd = ring;
  zeroStd.stds[2] = 0.0f;
  CHECK_THROWS_AS(measureModeCoverage(points({{0.0f, 0.0f}}), zeroStd), std::invalid_argument);
  CHECK_THROWS_AS(measureModeCoverage(points({{0.0f, 0.0f}}), ModeSet{}), std::invalid_argument);
  CHECK_THROWS_AS(measureModeCoverage(points({{0.0f, 0.0f}}), ring, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(measureModeCoverage(points({{0.0f, 0.0f}}), ring, 3.0, 0), std::invalid_argument);

  // No samples at all: nothing captured, HQ fraction 0, reverse KL NaN.
  const ModeCoverage empty = measureModeCoverage(Matrix(2, 0), ring);
  CHECK(empty.modesCaptured == 0);
  CHECK(empty.highQualityFraction == 0.0);
  CHECK(std::isnan(empty.reverseKl));
}

// [SECTION] Jensen–Shannon and KL divergence on a grid

TEST_CASE("grid JS: identical sample sets give 0") {
  Rng rng(3);
  const Matrix samples = sampleMixture(ringModes(8, 2.0, 0.02), 1000, rng);
  const GridSpec grid{{-3.0, 3.0, -3.0, 3.0}, 32, 2};
  CHECK(jsDivergenceOnGrid(samples, samples, grid) == 0.0);
}

TEST_CASE("grid JS: disjoint supports give ln 2") {
  const GridSpec grid{{0.0, 4.0, 0.0, 4.0}, 4, 2};
  const Matrix real = points({{0.5f, 0.5f}, {1.5f, 3.5f}, {0.5f, 2.5f}});
  const Matrix fake = points({{3.5f, 0.5f}, {2.5f, 2.5f}});
  CHECK(jsDivergenceOnGrid(real, fake, grid) == doctest::Approx(kLn2).epsilon(1e-12));
}

TEST_CASE("grid JS: a hand-computed case, each set normalised by its own count") {
  // A 2 × 2 grid over [0, 2]²: cell (ix, iy) is bin 2·iy + ix, bin 4 is "outside".
  const GridSpec grid{{0.0, 2.0, 0.0, 2.0}, 2, 2};
  CHECK(gridBinCount(grid) == 5);
  // real: two samples in cell (0,0), two in cell (1,1); fake: both in cell (0,0).
  const Matrix real = points({{0.5f, 0.5f}, {0.5f, 0.5f}, {1.5f, 1.5f}, {1.5f, 1.5f}});
  const Matrix fake = points({{0.25f, 0.75f}, {0.9f, 0.1f}});
  CHECK(histogramOnGrid(real, grid) == std::vector<double>{0.5, 0.0, 0.0, 0.5, 0.0});
  CHECK(histogramOnGrid(fake, grid) == std::vector<double>{1.0, 0.0, 0.0, 0.0, 0.0});
  CHECK(histogramOnGrid(points({{1.5f, 0.5f}}), grid) == std::vector<double>{0.0, 1.0, 0.0, 0.0, 0.0});

  // p = (½, 0, 0, ½), q = (1, 0, 0, 0), m = (¾, 0, 0, ¼):
  // KL(p‖m) = ½ ln(2/3) + ½ ln 2 = ½ ln(4/3); KL(q‖m) = ln(4/3); JS = ½·½ ln(4/3) + ½ ln(4/3) = ¾ ln(4/3).
  const double expected = 0.75 * std::log(4.0 / 3.0);
  CHECK(jsDivergenceOnGrid(real, fake, grid) == doctest::Approx(expected).epsilon(1e-12));
  CHECK(jsDivergenceOnGrid(fake, real, grid) == doctest::Approx(expected).epsilon(1e-12));  // symmetric
}

TEST_CASE("grid JS: samples outside the box are counted in a shared outside bin") {
  const GridSpec grid{{-1.0, 1.0, -1.0, 1.0}, 8, 2};
  const Matrix inside = points({{0.1f, 0.1f}, {0.1f, 0.1f}, {0.1f, 0.1f}, {0.1f, 0.1f}});

  SUBCASE("all real outside, all fake inside: ln 2") {
    const Matrix outside = points({{5.0f, 0.0f}, {0.0f, -7.0f}, {100.0f, 100.0f}});
    CHECK(jsDivergenceOnGrid(outside, inside, grid) == doctest::Approx(kLn2).epsilon(1e-12));
  }
  SUBCASE("both entirely outside (anywhere): 0, they share the one outside bin") {
    CHECK(jsDivergenceOnGrid(points({{5.0f, 0.0f}}), points({{0.0f, -9.0f}, {3.0f, 3.0f}}), grid) == 0.0);
  }
  SUBCASE("half the real mass outside: the outside half still counts") {
    // p = (½ in the cell, ½ outside), q = (1 in the cell): the same numbers as the hand-computed case, ¾
    // ln(4/3). Dropping the outside samples would give 0 (or 0.0425 without renormalising).
    const Matrix real = points({{0.1f, 0.1f}, {0.1f, 0.1f}, {2.0f, 0.0f}, {0.0f, 1.5f}});
    CHECK(jsDivergenceOnGrid(real, inside, grid) ==
          doctest::Approx(0.75 * std::log(4.0 / 3.0)).epsilon(1e-12));
  }
  SUBCASE("NaN samples go outside; the upper edge is inside, just past it is not") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<double> h = histogramOnGrid(points({{nan, 0.0f}, {1.0f, 1.0f}, {1.001f, 0.0f}}), grid);
    REQUIRE(h.size() == 65);
    CHECK(h[64] == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
    CHECK(h[63] == doctest::Approx(1.0 / 3.0).epsilon(1e-15));  // (1, 1) is the last cell (7, 7)
  }
}

TEST_CASE("grid JS: 1D uses cellsPerAxis bins on [xMin, xMax]") {
  const GridSpec grid{{0.0, 4.0, 0.0, 0.0}, 4, 1};  // y is ignored in 1D, even an empty y range
  CHECK(gridBinCount(grid) == 5);
  CHECK(histogramOnGrid(row({0.5f, 1.5f, 4.0f, -0.1f}), grid) ==
        std::vector<double>{0.25, 0.25, 0.0, 0.25, 0.25});

  // p = (¾, 0, 0, ¼), q = (½, 0, 0, ½), m = (5/8, 0, 0, 3/8).
  const Matrix real = row({0.5f, 0.5f, 0.7f, 3.5f});
  const Matrix fake = row({0.2f, 3.9f});
  const double klPm = 0.75 * std::log(0.75 / 0.625) + 0.25 * std::log(0.25 / 0.375);
  const double klQm = 0.5 * std::log(0.5 / 0.625) + 0.5 * std::log(0.5 / 0.375);
  CHECK(jsDivergenceOnGrid(real, fake, grid) == doctest::Approx(0.5 * klPm + 0.5 * klQm).epsilon(1e-12));
  CHECK(jsDivergenceOnGrid(real, row({-5.0f, 9.0f}), grid) == doctest::Approx(kLn2).epsilon(1e-12));
}

TEST_CASE("grid JS: empty sets give NaN, invalid grids and shapes throw") {
  const GridSpec grid{{0.0, 1.0, 0.0, 1.0}, 4, 2};
  CHECK(std::isnan(jsDivergenceOnGrid(Matrix(2, 0), points({{0.5f, 0.5f}}), grid)));
  CHECK_THROWS_AS(jsDivergenceOnGrid(row({0.5f}), row({0.5f}), grid), std::invalid_argument);  // rows ≠ dim
  CHECK_THROWS_AS(gridBinCount(GridSpec{{0.0, 1.0, 0.0, 1.0}, 0, 2}), std::invalid_argument);
  CHECK_THROWS_AS(gridBinCount(GridSpec{{0.0, 1.0, 0.0, 1.0}, 4, 3}), std::invalid_argument);
  CHECK_THROWS_AS(gridBinCount(GridSpec{{1.0, 1.0, 0.0, 1.0}, 4, 2}), std::invalid_argument);
  CHECK_THROWS_AS(gridBinCount(GridSpec{{0.0, 1.0, 1.0, 0.0}, 4, 2}), std::invalid_argument);
}

TEST_CASE("grid KL: KL(p‖q) with no smoothing matches the hand computation, in the stated direction") {
  const GridSpec grid{{0.0, 2.0, 0.0, 0.0}, 2, 1};
  const Matrix p = row({0.5f, 1.5f});              // (½, ½)
  const Matrix q = row({0.5f, 0.5f, 0.5f, 1.5f});  // (¾, ¼)
  CHECK(klDivergenceOnGrid(p, q, grid, 0.0) == doctest::Approx(0.5 * std::log(4.0 / 3.0)).epsilon(1e-12));
  CHECK(klDivergenceOnGrid(q, p, grid, 0.0) ==
        doctest::Approx(0.75 * std::log(1.5) + 0.25 * std::log(0.5)).epsilon(1e-12));
  CHECK(klDivergenceOnGrid(p, p, grid) == 0.0);
  CHECK(std::isinf(klDivergenceOnGrid(row({0.5f}), row({1.5f}), grid, 0.0)));  // p's support is not in q's
}

TEST_CASE("grid KL: the ε smoothing is the documented one and keeps disjoint supports finite") {
  // 1D, 2 cells + outside = 3 bins; p all in bin 0, q all in bin 1. Smoothed: p̃ = (1+ε, ε, ε)/(1+3ε),
  // q̃ = (ε, 1+ε, ε)/(1+3ε), so KL = [(1+ε) ln((1+ε)/ε) + ε ln(ε/(1+ε)) + 0] / (1+3ε) = ln((1+ε)/ε) / (1+3ε).
  const GridSpec grid{{0.0, 2.0, 0.0, 0.0}, 2, 1};
  const double eps = kGridKlEpsilon;
  const double expected = std::log((1.0 + eps) / eps) / (1.0 + 3.0 * eps);
  CHECK(klDivergenceOnGrid(row({0.5f}), row({1.5f}), grid) == doctest::Approx(expected).epsilon(1e-12));
  CHECK(expected == doctest::Approx(13.8155).epsilon(1e-4));

  const double eps2 = 1e-3;
  CHECK(klDivergenceOnGrid(row({0.5f}), row({1.5f}), grid, eps2) ==
        doctest::Approx(std::log((1.0 + eps2) / eps2) / (1.0 + 3.0 * eps2)).epsilon(1e-12));
  CHECK_THROWS_AS(klDivergenceOnGrid(row({0.5f}), row({1.5f}), grid, -1e-3), std::invalid_argument);
}

// [SECTION] Wasserstein-1

TEST_CASE("W1 1D: two point masses at 0 and 3 are 3 apart") {
  CHECK(wasserstein1Exact1d(row({0.0f}), row({3.0f})) == doctest::Approx(3.0).epsilon(1e-15));
  CHECK(wasserstein1Exact1d(row({0.0f, 0.0f, 0.0f}), row({3.0f, 3.0f})) ==
        doctest::Approx(3.0).epsilon(1e-15));
  CHECK(wasserstein1Exact1d(row({1.0f, 2.0f}), row({2.0f, 1.0f})) == 0.0);  // same set, any order
}

TEST_CASE("W1 1D: shifting a sample set by c moves it |c|") {
  Rng rng(11);
  const Matrix a = normalSamples(1, 500, rng);
  for (float c : {1.25f, -0.7f, 0.01f}) {
    const Matrix b = (a.array() + c).matrix();
    CHECK(wasserstein1Exact1d(a, b) == doctest::Approx(std::abs(c)).epsilon(1e-5));
  }
}

TEST_CASE("W1 1D: different sizes n ≠ m against hand-computed values") {
  // a = {0, 1, 3} (mass ⅓ each), b = {0.5, 2.5} (mass ½ each). ∫|F_a − F_b| over the merged support:
  // [0, .5): |⅓ − 0|·½ = 1/6; [.5, 1): |⅓ − ½|·½ = 1/12; [1, 2.5): |⅔ − ½|·3/2 = 1/4; [2.5, 3): |⅔ − 1|·½ =
  // 1/6; total 2/3 (the monotone plan: 0→.5 (⅓), 1→.5 (1/6), 1→2.5 (1/6), 3→2.5 (⅓) costs the same).
  CHECK(wasserstein1Exact1d(row({3.0f, 0.0f, 1.0f}), row({2.5f, 0.5f})) ==
        doctest::Approx(2.0 / 3.0).epsilon(1e-14));
  // {0, 2} against {1}: all mass moves 1.
  CHECK(wasserstein1Exact1d(row({0.0f, 2.0f}), row({1.0f})) == doctest::Approx(1.0).epsilon(1e-14));
  // {0, 1} against {0, 1, 2}: ∫ = (½ − ⅓)·1 + (1 − ⅔)·1 = ½.
  CHECK(wasserstein1Exact1d(row({0.0f, 1.0f}), row({0.0f, 1.0f, 2.0f})) ==
        doctest::Approx(0.5).epsilon(1e-14));
}

TEST_CASE("W1 1D: symmetric, and equal to the mean gap of sorted samples when n = m") {
  Rng rng(5);
  const Matrix a = normalSamples(1, 300, rng);
  const Matrix b = normalSamples(1, 170, rng, 2.0, 0.5);
  CHECK(wasserstein1Exact1d(a, b) == doctest::Approx(wasserstein1Exact1d(b, a)).epsilon(1e-12));
  CHECK(wasserstein1Exact1d(a, b) > 0.3);

  // For n = m, W1 = (1/n) Σ |a_(i) − b_(i)| (sorted samples): an independent formula to compare with.
  const Matrix c = normalSamples(1, 300, rng, 0.5, -1.0);
  std::vector<double> sortedA(a.data(), a.data() + a.cols()), sortedC(c.data(), c.data() + c.cols());
  std::sort(sortedA.begin(), sortedA.end());
  std::sort(sortedC.begin(), sortedC.end());
  double meanGap = 0.0;
  for (std::size_t i = 0; i < sortedA.size(); ++i) meanGap += std::abs(sortedA[i] - sortedC[i]);
  meanGap /= static_cast<double>(sortedA.size());
  CHECK(wasserstein1Exact1d(a, c) == doctest::Approx(meanGap).epsilon(1e-12));
}

TEST_CASE("W1 1D: non-finite samples give NaN, bad shapes throw") {
  CHECK(std::isnan(wasserstein1Exact1d(row({0.0f, std::numeric_limits<float>::quiet_NaN()}), row({1.0f}))));
  CHECK(std::isnan(wasserstein1Exact1d(row({0.0f}), row({std::numeric_limits<float>::infinity()}))));
  CHECK_THROWS_AS(wasserstein1Exact1d(points({{0.0f, 0.0f}}), row({1.0f})), std::invalid_argument);
  CHECK_THROWS_AS(wasserstein1Exact1d(row({0.0f}), Matrix(1, 0)), std::invalid_argument);
}

TEST_CASE("sliced W1: fixed directions are evenly spaced unit vectors over the half circle") {
  const Matrix d = fixedSliceDirections(2, 4);
  REQUIRE(d.rows() == 2);
  REQUIRE(d.cols() == 4);
  for (int k = 0; k < 4; ++k) {
    const double angle = std::numbers::pi * k / 4;
    CHECK(d(0, k) == doctest::Approx(std::cos(angle)).epsilon(1e-7));
    CHECK(d(1, k) == doctest::Approx(std::sin(angle)).epsilon(1e-7));
    CHECK(d.col(k).norm() == doctest::Approx(1.0).epsilon(1e-6));
  }
  const Matrix d1 = fixedSliceDirections(1, 16);
  REQUIRE(d1.rows() == 1);
  REQUIRE(d1.cols() == 1);
  CHECK(d1(0, 0) == 1.0f);
  CHECK(fixedSliceDirections(2, 7) == fixedSliceDirections(2, 7));  // deterministic
  CHECK_THROWS_AS(fixedSliceDirections(3, 4), std::invalid_argument);
  CHECK_THROWS_AS(fixedSliceDirections(2, 0), std::invalid_argument);
}

TEST_CASE("sliced W1: a shift by (c, 0) gives c·mean|cos θ_k|") {
  Rng rng(9);
  const Matrix a = normalSamples(2, 400, rng);
  // K odd, so mean|cos θ_k| (0.647 for K = 5) differs from mean|sin θ_k| (0.616): swapped axes would fail.
  for (int count : {5, 16}) {
    const Matrix directions = fixedSliceDirections(2, count);
    const float c = 0.75f;
    Matrix b = a;
    b.row(0).array() += c;
    // Projecting onto θ shifts every sample by c·cos θ, so that slice's W1 is exactly |c cos θ|.
    double expected = 0.0;
    for (int k = 0; k < count; ++k) expected += std::abs(c * std::cos(std::numbers::pi * k / count));
    expected /= count;
    CHECK(slicedWasserstein1(a, b, directions) == doctest::Approx(expected).epsilon(1e-5));
  }
}

TEST_CASE("sliced W1: a reference sorted once gives the same distance as sorting both sets each time") {
  Rng rng(17);
  const Matrix real = normalSamples(2, 300, rng);
  const Matrix directions = fixedSliceDirections(2, 32);
  const SlicedWasserstein1Reference reference(real, directions);
  for (int trial = 0; trial < 3; ++trial) {  // reused, as the metrics evaluator reuses it for a whole run
    const Matrix fake = normalSamples(2, 120 + 50 * trial, rng, 0.5 * trial, 1.0 + trial);
    CAPTURE(trial);
    // Independently: the exact 1D W1 of each slice's projections, each pair sorted afresh. The projections are
    // rounded to float here (the class keeps them in double), hence the relative tolerance of 1e-5.
    double expected = 0.0;
    for (Eigen::Index k = 0; k < directions.cols(); ++k) {
      const Matrix realSlice = directions.col(k).transpose() * real;
      const Matrix fakeSlice = directions.col(k).transpose() * fake;
      expected += wasserstein1Exact1d(realSlice, fakeSlice);
    }
    expected /= static_cast<double>(directions.cols());
    CHECK(reference.distanceTo(fake) == doctest::Approx(expected).epsilon(1e-5));
    CHECK(reference.distanceTo(fake) == slicedWasserstein1(real, fake, directions));
    CHECK(reference.distanceTo(fake) > 0.0);
  }
  Matrix broken = real;
  broken(1, 7) = std::numeric_limits<float>::quiet_NaN();
  CHECK(std::isnan(SlicedWasserstein1Reference(broken, directions).distanceTo(real)));
  CHECK(std::isnan(reference.distanceTo(broken)));
  CHECK_THROWS_AS(reference.distanceTo(Matrix(1, 5)), std::invalid_argument);
}

TEST_CASE("sliced W1: identical sets give 0, in 1D it is the exact W1") {
  Rng rng(13);
  const Matrix a = normalSamples(2, 200, rng);
  CHECK(slicedWasserstein1(a, a, fixedSliceDirections(2, 32)) == 0.0);

  const Matrix x = normalSamples(1, 150, rng);
  const Matrix y = normalSamples(1, 90, rng, 1.5, 0.3);
  CHECK(slicedWasserstein1(x, y, fixedSliceDirections(1, 8)) ==
        doctest::Approx(wasserstein1Exact1d(x, y)).epsilon(1e-12));

  CHECK_THROWS_AS(slicedWasserstein1(a, x, fixedSliceDirections(2, 4)), std::invalid_argument);
  CHECK_THROWS_AS(slicedWasserstein1(a, a, Matrix(2, 0)), std::invalid_argument);
}

TEST_CASE("sample placement: the share of samples outside the data's region and the samples' median") {
  const Bounds data{-1.0, 1.0, -2.0, 2.0};
  const Bounds region = dataRegion(data);
  CHECK(region == Bounds{-2.0, 2.0, -4.0, 4.0});  // half the extent on every side
  // Two of five outside: one beyond x, one beyond y; a point on the edge is inside.
  const Matrix samples = points({{0.0f, 0.0f}, {2.0f, 4.0f}, {2.5f, 0.0f}, {0.0f, -4.5f}, {-1.0f, 1.0f}});
  const SamplePlacement placement = measureSamplePlacement(samples, region);
  CHECK(placement.offDataFraction == doctest::Approx(0.4));
  CHECK(placement.centerX == 0.0);  // median of {0, 2, 2.5, 0, -1}
  CHECK(placement.centerY == 0.0);  // median of {0, 4, 0, -4.5, 1}
  // All of G at (-15, -10): everything outside, the centre where they are.
  const SamplePlacement gone =
      measureSamplePlacement(points({{-15.0f, -10.0f}, {-15.5f, -9.5f}, {-14.5f, -10.5f}}), region);
  CHECK(gone.offDataFraction == 1.0);
  CHECK(gone.centerX == -15.0);
  CHECK(gone.centerY == -10.0);
  // 1D: only x counts, and there is no y centre.
  const SamplePlacement line = measureSamplePlacement(row({-3.0f, 0.5f, 1.0f, 5.0f}), region);
  CHECK(line.offDataFraction == doctest::Approx(0.5));
  CHECK(line.centerX == 1.0);  // the upper median of four
  CHECK(std::isnan(line.centerY));
  // No samples: nothing measured.
  CHECK(std::isnan(measureSamplePlacement(Matrix(2, 0), region).offDataFraction));
}
