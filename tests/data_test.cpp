// Tests of the toy target distributions in core/data: sampling statistics, exact mode centres, densities,
// determinism, bounds, the shapes' scales, the CSV reader and the validation of the data.* keys.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numbers>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/data/distribution.h"
#include "core/data/gaussian_mixture.h"
#include "core/data/point_cloud.h"

using namespace ganscope;

namespace {

constexpr double kPi = std::numbers::pi;

/// Every kind that needs no file.
constexpr std::array kBuiltInKinds = {
    DataKind::Gaussian1d, DataKind::Mixture1d, DataKind::Uniform1d, DataKind::Ring,  DataKind::Grid,
    DataKind::Gaussian,   DataKind::Circle,    DataKind::Spiral,    DataKind::Moons, DataKind::SwissRoll,
    DataKind::Line,       DataKind::Uniform,   DataKind::Dirac,
};

/// The 2D shapes without a density.
constexpr std::array kShapeKinds = {DataKind::Circle, DataKind::Spiral, DataKind::Moons, DataKind::SwissRoll,
                                    DataKind::Line};

/// n samples of `distribution` from a fresh Rng seeded with `seed`.
Matrix draw(const Distribution& distribution, int n, std::uint64_t seed) {
  Rng rng(seed);
  Matrix out(distribution.dim(), n);
  distribution.sample(rng, out);
  return out;
}

/// n samples of the default distribution of `kind`.
Matrix drawDefault(DataKind kind, int n, std::uint64_t seed = 1) {
  return draw(*makeDistribution(dataDefaults(kind)), n, seed);
}

/// The message of the std::invalid_argument that makeDistribution throws, or "" when it does not throw.
std::string errorOf(const DataConfig& config) {
  try {
    makeDistribution(config);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// The mean and the (population) standard deviation of a row of samples, in double.
std::pair<double, double> meanAndStd(const Eigen::Ref<const RowVector>& values) {
  const Eigen::RowVectorXd x = values.cast<double>();
  const double mean = x.mean();
  const double variance = (x.array() - mean).square().mean();
  return {mean, std::sqrt(variance)};
}

/// The midpoint rule for ∫ density over [box.xMin, box.xMax] with `cells` cells.
double integrate1d(const Distribution& distribution, const Bounds& box, int cells) {
  const double h = (box.xMax - box.xMin) / cells;
  Vector x(1);
  double sum = 0.0;
  for (int i = 0; i < cells; ++i) {
    x(0) = static_cast<float>(box.xMin + (i + 0.5) * h);
    sum += distribution.density(x);
  }
  return sum * h;
}

/// The midpoint rule for ∫∫ density over the box with cellsPerSide² cells.
double integrate2d(const Distribution& distribution, const Bounds& box, int cellsPerSide) {
  const double hx = (box.xMax - box.xMin) / cellsPerSide, hy = (box.yMax - box.yMin) / cellsPerSide;
  Vector p(2);
  double sum = 0.0;
  for (int i = 0; i < cellsPerSide; ++i) {
    for (int j = 0; j < cellsPerSide; ++j) {
      p(0) = static_cast<float>(box.xMin + (i + 0.5) * hx);
      p(1) = static_cast<float>(box.yMin + (j + 0.5) * hy);
      sum += distribution.density(p);
    }
  }
  return sum * hx * hy;
}

/// The distance from `point` to the nearest column of `centres`, and that column's index.
std::pair<double, Eigen::Index> nearestCentre(const Matrix& centres, const Eigen::Ref<const Vector>& point) {
  Eigen::Index index = 0;
  const double squared = (centres.colwise() - point).colwise().squaredNorm().minCoeff(&index);
  return {std::sqrt(squared), index};
}

/// A folder of its own under the system's temporary directory, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = std::filesystem::temp_directory_path() /
            ("ganscope_data_test_" + std::to_string(ticks) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `content` byte for byte to a file `name` in the folder and returns its path.
  std::string write(const std::string& name, const std::string& content) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// A points config reading `file`.
DataConfig pointsConfig(const std::string& file, double std = 0.0) {
  DataConfig config = dataDefaults(DataKind::Points);
  config.file = file;
  config.std = std;
  return config;
}

}  // namespace

// [SECTION] Defaults and dimensions

TEST_CASE("dataDimension is 1 for the 1D kinds and Dirac, 2 for the 2D kinds, 0 for points") {
  for (const DataKind kind :
       {DataKind::Gaussian1d, DataKind::Mixture1d, DataKind::Uniform1d, DataKind::Dirac}) {
    CHECK(dataDimension(kind) == 1);
  }
  for (const DataKind kind :
       {DataKind::Ring, DataKind::Grid, DataKind::Gaussian, DataKind::Circle, DataKind::Spiral,
        DataKind::Moons, DataKind::SwissRoll, DataKind::Line, DataKind::Uniform}) {
    CHECK(dataDimension(kind) == 2);
  }
  CHECK(dataDimension(DataKind::Points) == 0);
}

TEST_CASE("dataDefaults carries the literature's parameters") {
  const DataConfig ring = dataDefaults(DataKind::Ring);  // Metz et al. 2016
  CHECK(ring.kind == DataKind::Ring);
  CHECK(ring.modes == 8);
  CHECK(ring.radius == 2.0);
  CHECK(ring.std == 0.02);
  const DataConfig grid = dataDefaults(DataKind::Grid);  // VEEGAN
  CHECK(grid.modes == 5);
  CHECK(grid.spacing == 2.0);
  CHECK(grid.std == 0.05);
  CHECK(dataDefaults(DataKind::Gaussian).std == 1.0);
  CHECK(dataDefaults(DataKind::Gaussian1d).mean == 4.0);
  CHECK(dataDefaults(DataKind::Gaussian1d).std == 0.5);
  const DataConfig mixture = dataDefaults(DataKind::Mixture1d);
  CHECK(mixture.means == std::vector<double>{-2.0, 2.0});
  CHECK(mixture.stds == std::vector<double>{0.5, 0.5});
  CHECK(mixture.weights == std::vector<double>{0.5, 0.5});
  for (const DataKind kind : {DataKind::Uniform1d, DataKind::Uniform}) {
    CHECK(dataDefaults(kind).low == -1.0);
    CHECK(dataDefaults(kind).high == 1.0);
  }
  // The shapes: radius and std in output units (toy_shape.h explains the mapping).
  CHECK(dataDefaults(DataKind::Circle).radius == 3.0);  // make_circles × 3
  CHECK(dataDefaults(DataKind::Circle).std == doctest::Approx(0.24));
  CHECK(dataDefaults(DataKind::Spiral).radius == doctest::Approx(kPi));  // 540° in radians, ÷ 3
  CHECK(dataDefaults(DataKind::Spiral).std == 0.1);
  CHECK(dataDefaults(DataKind::Moons).radius == 2.0);  // make_moons × 2
  CHECK(dataDefaults(DataKind::Moons).std == doctest::Approx(0.2));
  CHECK(dataDefaults(DataKind::SwissRoll).radius == doctest::Approx(4.5 * kPi / 7.5));
  CHECK(dataDefaults(DataKind::SwissRoll).std == doctest::Approx(0.25 / 7.5));
  CHECK(dataDefaults(DataKind::Points).file.empty());
}

TEST_CASE("every kind's defaults build a distribution of the advertised dimension with a proper box") {
  for (const DataKind kind : kBuiltInKinds) {
    CAPTURE(static_cast<int>(kind));
    const auto distribution = makeDistribution(dataDefaults(kind));
    REQUIRE(distribution != nullptr);
    CHECK(distribution->dim() == dataDimension(kind));
    const Bounds box = distribution->bounds();
    CHECK(box.xMin < box.xMax);
    CHECK(box.yMin < box.yMax);
  }
}

// [SECTION] Gaussian mixtures

TEST_CASE("the ring of 8 has 8 distinct centres at radius 2, k = 0 at (2, 0), k at angle 2πk/8") {
  const auto ring = makeDistribution(dataDefaults(DataKind::Ring));
  const auto modes = ring->modes();
  REQUIRE(modes.has_value());
  REQUIRE(modes->centres.rows() == 2);
  REQUIRE(modes->centres.cols() == 8);
  REQUIRE(modes->stds.size() == 8);
  CHECK(modes->centres(0, 0) == 2.0f);
  CHECK(modes->centres(1, 0) == 0.0f);
  for (int k = 0; k < 8; ++k) {
    CAPTURE(k);
    CHECK(modes->centres(0, k) == doctest::Approx(2.0 * std::cos(2.0 * kPi * k / 8)).epsilon(1e-6));
    CHECK(modes->centres(1, k) == doctest::Approx(2.0 * std::sin(2.0 * kPi * k / 8)).epsilon(1e-6));
    CHECK(modes->centres.col(k).norm() == doctest::Approx(2.0).epsilon(1e-6));
    CHECK(modes->stds(k) == 0.02f);
    // Neighbours on a ring of 8 are 2·2·sin(π/8) ≈ 1.53 apart; a repeated mode (the linspace bug) would be 0
    // apart.
    for (int other = 0; other < k; ++other)
      CHECK((modes->centres.col(k) - modes->centres.col(other)).norm() > 1.5f);
  }
}

TEST_CASE("the grid of 25 has centres {-4, -2, 0, 2, 4}² exactly, an even grid is centred too") {
  const auto grid = makeDistribution(dataDefaults(DataKind::Grid));
  const auto modes = grid->modes();
  REQUIRE(modes.has_value());
  REQUIRE(modes->centres.cols() == 25);
  std::set<std::pair<float, float>> centres;
  for (Eigen::Index k = 0; k < 25; ++k) {
    centres.insert({modes->centres(0, k), modes->centres(1, k)});
    CHECK(modes->stds(k) == 0.05f);
  }
  std::set<std::pair<float, float>> expected;
  for (const float x : {-4.0f, -2.0f, 0.0f, 2.0f, 4.0f}) {
    for (const float y : {-4.0f, -2.0f, 0.0f, 2.0f, 4.0f}) expected.insert({x, y});
  }
  CHECK(centres == expected);

  DataConfig even = dataDefaults(DataKind::Grid);
  even.modes = 4;
  const auto evenModes = makeDistribution(even)->modes();
  REQUIRE(evenModes->centres.cols() == 16);
  CHECK(evenModes->centres.row(0).minCoeff() == -3.0f);
  CHECK(evenModes->centres.row(0).maxCoeff() == 3.0f);
  CHECK(evenModes->centres.row(1).minCoeff() == -3.0f);
  CHECK(evenModes->centres.row(1).maxCoeff() == 3.0f);
}

TEST_CASE("every ring and grid sample lies within 6 std of a centre, and every mode gets its share") {
  for (const DataKind kind : {DataKind::Ring, DataKind::Grid}) {
    CAPTURE(static_cast<int>(kind));
    const auto distribution = makeDistribution(dataDefaults(kind));
    const auto modes = distribution->modes();
    REQUIRE(modes.has_value());
    const Eigen::Index modeCount = modes->centres.cols();
    const int n = 20000;
    const Matrix samples = draw(*distribution, n, 3);
    std::vector<int> counts(static_cast<std::size_t>(modeCount), 0);
    int farSamples = 0;
    for (int j = 0; j < n; ++j) {
      const auto [distance, index] = nearestCentre(modes->centres, samples.col(j));
      // In 2D, P(‖noise‖ > 6σ) = e^−18 ≈ 1.5e-8: no sample of 20,000 should be that far.
      if (distance > 6.0 * modes->stds(index)) ++farSamples;
      ++counts[static_cast<std::size_t>(index)];
    }
    CHECK(farSamples == 0);
    // Each mode expects n/K samples (2,500 for the ring, 800 for the grid) with a binomial sd of at most 47;
    // ±20% is more than 5 sd, yet a component-choice bug that halved or dropped a mode would fail.
    const double expected = static_cast<double>(n) / static_cast<double>(modeCount);
    for (const int count : counts) CHECK(std::abs(count - expected) < 0.2 * expected);
  }
}

TEST_CASE("gaussian1d samples have mean 4 and std 0.5") {
  const int n = 200000;
  const Matrix samples = drawDefault(DataKind::Gaussian1d, n);
  REQUIRE(samples.rows() == 1);
  const auto [mean, std] = meanAndStd(samples.row(0));
  // Standard errors: mean σ/√n = 0.0011, std σ/√(2n) = 0.0008; 0.01 is about 10 of them.
  CHECK(std::abs(mean - 4.0) < 0.01);
  CHECK(std::abs(std - 0.5) < 0.01);
}

TEST_CASE("mixture1d normalises its weights and matches the mixture's mean and std") {
  DataConfig config = dataDefaults(DataKind::Mixture1d);
  config.means = {-2.0, 2.0};
  config.stds = {0.5, 1.0};
  config.weights = {1.0, 3.0};  // normalised to 0.25, 0.75
  const auto distribution = makeDistribution(config);
  const auto* mixture = dynamic_cast<const GaussianMixture*>(distribution.get());
  REQUIRE(mixture != nullptr);
  CHECK(mixture->weights()[0] == doctest::Approx(0.25));
  CHECK(mixture->weights()[1] == doctest::Approx(0.75));

  const int n = 200000;
  const Matrix samples = draw(*distribution, n, 5);
  const auto [mean, std] = meanAndStd(samples.row(0));
  // E[x] = Σ w μ = 0.25·(−2) + 0.75·2 = 1; E[x²] = Σ w (σ² + μ²) = 0.25·4.25 + 0.75·5 = 4.8125; Var = 3.8125.
  const double expectedStd = std::sqrt(3.8125);
  // Standard errors: mean 1.95/√n = 0.0044, std about 0.004; 0.03 is about 7 of them.
  CHECK(std::abs(mean - 1.0) < 0.03);
  CHECK(std::abs(std - expectedStd) < 0.03);
  // P(x > 0) = 0.25·P(z > 4) + 0.75·P(z > −2) = 0.25·0.00003 + 0.75·0.97725 = 0.7329; standard error 0.001.
  const double positive = (samples.row(0).array() > 0.0f).cast<double>().mean();
  CHECK(std::abs(positive - 0.7329) < 0.01);
}

TEST_CASE("a component of weight 0 is never sampled") {
  DataConfig config = dataDefaults(DataKind::Mixture1d);
  config.means = {-100.0, 100.0, 200.0};
  config.stds = {1.0, 1.0, 1.0};
  config.weights = {0.0, 1.0, 0.0};
  const Matrix samples = draw(*makeDistribution(config), 10000, 9);
  CHECK(samples.minCoeff() > 90.0f);
  CHECK(samples.maxCoeff() < 110.0f);
}

TEST_CASE("densities integrate to 1") {
  SUBCASE("1D") {
    for (const DataKind kind : {DataKind::Gaussian1d, DataKind::Mixture1d, DataKind::Uniform1d}) {
      CAPTURE(static_cast<int>(kind));
      const auto distribution = makeDistribution(dataDefaults(kind));
      REQUIRE(distribution->hasDensity());
      // Half a box of margin on each side holds every Gaussian tail; 4,000 cells are ≤ 0.005 wide, σ/100 or
      // less.
      const double integral = integrate1d(*distribution, distribution->bounds().padded(0.5), 4000);
      CHECK(integral == doctest::Approx(1.0).epsilon(1e-3));
    }
  }
  SUBCASE("2D") {
    for (const DataKind kind : {DataKind::Ring, DataKind::Grid, DataKind::Gaussian, DataKind::Uniform}) {
      CAPTURE(static_cast<int>(kind));
      const auto distribution = makeDistribution(dataDefaults(kind));
      REQUIRE(distribution->hasDensity());
      const Bounds box = distribution->bounds().padded(0.25);
      // Cells of half a mode's std (the midpoint rule is then accurate to far below 1e-3 for a Gaussian); the
      // uniform square gets the same 800 cells a side as the Gaussian, so its edges cost at most 1/400 of a
      // cell row.
      const auto modes = distribution->modes();
      const double cellSize = modes ? 0.5 * modes->stds.minCoeff() : (box.xMax - box.xMin) / 800.0;
      const int cells = static_cast<int>(std::ceil((box.xMax - box.xMin) / cellSize));
      CAPTURE(cells);
      const double integral = integrate2d(*distribution, box, cells);
      CHECK(integral == doctest::Approx(1.0).epsilon(5e-3));
    }
  }
}

TEST_CASE("densities have their closed form at chosen points") {
  Vector x1(1), x2(2);
  x1 << 4.0f;
  CHECK(makeDistribution(dataDefaults(DataKind::Gaussian1d))->density(x1) ==
        doctest::Approx(1.0 / (0.5 * std::sqrt(2.0 * kPi))));
  x2 << 2.0f, 0.0f;  // a ring centre: the other modes are ≥ 1.53 = 76σ away and add nothing
  CHECK(makeDistribution(dataDefaults(DataKind::Ring))->density(x2) ==
        doctest::Approx((1.0 / 8.0) / (2.0 * kPi * 0.02 * 0.02)));
  x2 << 0.0f, 0.0f;
  CHECK(makeDistribution(dataDefaults(DataKind::Gaussian))->density(x2) ==
        doctest::Approx(1.0 / (2.0 * kPi)));
  // The default mixture at 0: two components, each 2 = 4σ away, weight ½: 2·½·N(4σ) = φ(4)/σ.
  x1 << 0.0f;
  const double phi4 = std::exp(-8.0) / std::sqrt(2.0 * kPi);
  CHECK(makeDistribution(dataDefaults(DataKind::Mixture1d))->density(x1) == doctest::Approx(phi4 / 0.5));
}

// [SECTION] Uniform and Dirac

TEST_CASE(
    "uniform samples stay in [low, high], fill it evenly, and the density is 1/area inside, 0 outside") {
  DataConfig config = dataDefaults(DataKind::Uniform);
  config.low = -1.0;
  config.high = 3.0;
  const auto distribution = makeDistribution(config);
  const int n = 100000;
  const Matrix samples = draw(*distribution, n, 11);
  CHECK(samples.minCoeff() >= -1.0f);
  CHECK(samples.maxCoeff() <= 3.0f);
  for (int row = 0; row < 2; ++row) {
    const auto [mean, std] = meanAndStd(samples.row(row));
    // Mean 1, std 4/√12 = 1.155; standard errors 0.004 and 0.002, so 0.02 is 5 or more.
    CHECK(std::abs(mean - 1.0) < 0.02);
    CHECK(std::abs(std - 4.0 / std::sqrt(12.0)) < 0.02);
  }
  Vector inside(2), outside(2);
  inside << 0.5f, 2.9f;
  outside << 0.5f, 3.1f;
  CHECK(distribution->density(inside) == doctest::Approx(1.0 / 16.0));
  CHECK(distribution->density(outside) == 0.0);
  CHECK_FALSE(distribution->modes().has_value());

  const auto line = makeDistribution(dataDefaults(DataKind::Uniform1d));
  Vector x(1);
  x << 0.0f;
  CHECK(line->density(x) == doctest::Approx(0.5));
  x << 1.5f;
  CHECK(line->density(x) == 0.0);
}

TEST_CASE("dirac samples are all exactly 0") {
  const auto dirac = makeDistribution(dataDefaults(DataKind::Dirac));
  CHECK(dirac->dim() == 1);
  Rng rng(1);
  Matrix out = Matrix::Constant(1, 512, 7.0f);
  dirac->sample(rng, out);
  CHECK((out.array() == 0.0f).all());
  CHECK_FALSE(dirac->modes().has_value());
  CHECK_FALSE(dirac->hasDensity());
  CHECK(dirac->bounds().xMin == -2.0);
  CHECK(dirac->bounds().xMax == 2.0);
}

// [SECTION] Properties shared by every kind

TEST_CASE("the same seed gives identical samples, another seed different ones") {
  for (const DataKind kind : kBuiltInKinds) {
    CAPTURE(static_cast<int>(kind));
    const auto distribution = makeDistribution(dataDefaults(kind));
    const Matrix first = draw(*distribution, 512, 42);
    const Matrix again = draw(*distribution, 512, 42);
    CHECK((first.array() == again.array()).all());
    if (kind != DataKind::Dirac) CHECK((first.array() != draw(*distribution, 512, 43).array()).any());
  }
}

TEST_CASE("sampling writes only the block it is given") {
  const auto ring = makeDistribution(dataDefaults(DataKind::Ring));
  Matrix big =
      Matrix::Constant(3, 100, 9.0f);  // rows 0-1 receive samples; row 2 and the first columns stay 9
  Rng rng(8);
  ring->sample(rng, big.block(0, 20, 2, 80));
  const Matrix direct = draw(*ring, 80, 8);
  CHECK((big.block(0, 20, 2, 80).array() == direct.array()).all());
  CHECK((big.row(2).array() == 9.0f).all());
  CHECK((big.leftCols(20).array() == 9.0f).all());
}

TEST_CASE("bounds hold nearly all samples") {
  for (const DataKind kind : kBuiltInKinds) {
    CAPTURE(static_cast<int>(kind));
    const auto distribution = makeDistribution(dataDefaults(kind));
    const Bounds box = distribution->bounds();
    const int n = 20000;
    const Matrix samples = draw(*distribution, n, 17);
    int inside = 0;
    for (int j = 0; j < n; ++j) {
      bool in = samples(0, j) >= box.xMin && samples(0, j) <= box.xMax;
      if (samples.rows() == 2) in = in && samples(1, j) >= box.yMin && samples(1, j) <= box.yMax;
      inside += in ? 1 : 0;
    }
    // A 4σ margin loses at most 2·3.2e-5 of the mass per axis; allow 0.1%.
    CHECK(inside >= n - n / 1000);
  }
}

// [SECTION] Shapes

TEST_CASE("circle: concentric circles of radius 3 and 1.5, half the samples on each, centred at 0") {
  const int n = 20000;
  const Matrix samples = drawDefault(DataKind::Circle, n);
  const Eigen::RowVectorXd radii = samples.colwise().norm().cast<double>();
  double outerSum = 0.0, innerSum = 0.0;
  int outer = 0;
  for (int j = 0; j < n; ++j) {
    if (radii(j) > 2.25) {  // halfway between the circles, 3.1 noise sds from each
      outerSum += radii(j);
      ++outer;
    } else {
      innerSum += radii(j);
    }
  }
  // Binomial standard error of the fraction: 0.0035.
  CHECK(std::abs(outer / static_cast<double>(n) - 0.5) < 0.02);
  // Noise of sd 0.24 pushes the mean radius out by about σ²/2r (0.01 to 0.02); allow 0.04.
  CHECK(std::abs(outerSum / outer - 3.0) < 0.04);
  CHECK(std::abs(innerSum / (n - outer) - 1.5) < 0.04);
  CHECK(std::abs(samples.row(0).cast<double>().mean()) < 0.05);
  CHECK(std::abs(samples.row(1).cast<double>().mean()) < 0.05);
}

TEST_CASE("moons: without noise every sample lies on one of the two half circles of radius 2") {
  DataConfig config = dataDefaults(DataKind::Moons);
  config.std = 0.0;
  const int n = 5000;
  const Matrix samples = draw(*makeDistribution(config), n, 2);
  // FFJORD's moons are sklearn's × 2 + (−1, −0.2): the upper one centred at (−1, −0.2), above it; the lower
  // one centred at (1, 0.8), below it.
  int upper = 0;
  for (int j = 0; j < n; ++j) {
    const Eigen::Vector2d p = samples.col(j).cast<double>();
    const bool onUpper =
        std::abs((p - Eigen::Vector2d(-1.0, -0.2)).norm() - 2.0) < 1e-5 && p.y() >= -0.2 - 1e-5;
    const bool onLower = std::abs((p - Eigen::Vector2d(1.0, 0.8)).norm() - 2.0) < 1e-5 && p.y() <= 0.8 + 1e-5;
    CHECK((onUpper || onLower));
    upper += onUpper ? 1 : 0;
  }
  CHECK(std::abs(upper / static_cast<double>(n) - 0.5) < 0.03);
}

TEST_CASE("moons: mean (0, 0.3) and extent [−3, 3] × [−1.2, 1.8] plus noise") {
  const int n = 20000;
  const Matrix samples = drawDefault(DataKind::Moons, n);
  // sklearn's moons have mean (½, ¼) and extent [−1, 2] × [−½, 1]; × 2 + (−1, −0.2) gives mean (0, 0.3) and
  // extent [−3, 3] × [−1.2, 1.8]. Coordinate sds are below 2, so the standard error of a mean is below 0.015.
  CHECK(std::abs(samples.row(0).cast<double>().mean() - 0.0) < 0.06);
  CHECK(std::abs(samples.row(1).cast<double>().mean() - 0.3) < 0.06);
  // The ends of the moons are reached (20,000 samples cover them densely)...
  CHECK(samples.row(0).minCoeff() < -2.9f);
  CHECK(samples.row(0).maxCoeff() > 2.9f);
  CHECK(samples.row(1).minCoeff() < -1.1f);
  CHECK(samples.row(1).maxCoeff() > 1.7f);
  // ...and no sample is more than 6 noise sds (6 · 0.2) beyond them.
  CHECK(samples.row(0).minCoeff() > -3.0f - 1.2f);
  CHECK(samples.row(0).maxCoeff() < 3.0f + 1.2f);
  CHECK(samples.row(1).minCoeff() > -1.2f - 1.2f);
  CHECK(samples.row(1).maxCoeff() < 1.8f + 1.2f);
}

TEST_CASE("spiral: two arms of mean distance 2π/3 reaching radius π, symmetric about 0") {
  const int n = 20000;
  const Matrix samples = drawDefault(DataKind::Spiral, n);
  const Eigen::RowVectorXd radii = samples.colwise().norm().cast<double>();
  // The arm parameter n = 3π√u has mean 2π, and the point is about n/3 from the origin: mean 2π/3 ≈ 2.09. The
  // uniform jitter and noise move it by a few hundredths; the standard error is 0.006.
  CHECK(std::abs(radii.mean() - 2.0 * kPi / 3.0) < 0.06);
  // The arms end at π (plus jitter up to 0.24 and noise 0.1).
  CHECK(radii.maxCoeff() > 3.0);
  CHECK(radii.maxCoeff() < kPi + 0.24 + 0.6);
  // The second arm is the first one negated, so the mean is 0 (standard error 0.01).
  CHECK(std::abs(samples.row(0).cast<double>().mean()) < 0.05);
  CHECK(std::abs(samples.row(1).cast<double>().mean()) < 0.05);
}

TEST_CASE("swiss roll: without noise, samples are (t cos t, t sin t)/7.5 with t in [1.5π, 4.5π]") {
  DataConfig config = dataDefaults(DataKind::SwissRoll);
  config.std = 0.0;
  const int n = 5000;
  const Matrix samples = draw(*makeDistribution(config), n, 4);
  double tSum = 0.0;
  for (int j = 0; j < n; ++j) {
    const Eigen::Vector2d p = samples.col(j).cast<double>();
    const double t = 7.5 * p.norm();
    CHECK(t > 1.5 * kPi - 1e-4);
    CHECK(t < 4.5 * kPi + 1e-4);
    CHECK(std::abs(t * std::cos(t) / 7.5 - p.x()) < 1e-4);
    CHECK(std::abs(t * std::sin(t) / 7.5 - p.y()) < 1e-4);
    tSum += t;
  }
  // t is uniform on [1.5π, 4.5π]: mean 3π, sd 0.87π = 2.7, standard error 0.04.
  CHECK(std::abs(tSum / n - 3.0 * kPi) < 0.2);
}

TEST_CASE("line: uniform along [−2, 2] with noise 0.05 across it") {
  const int n = 100000;
  const Matrix samples = drawDefault(DataKind::Line, n);
  const auto [meanX, stdX] = meanAndStd(samples.row(0));
  const auto [meanY, stdY] = meanAndStd(samples.row(1));
  // x: uniform on [−2, 2] plus noise: sd √(4/3 + 0.05²) = 1.156; standard errors 0.004 (mean) and 0.002 (sd).
  CHECK(std::abs(meanX) < 0.02);
  CHECK(std::abs(stdX - std::sqrt(4.0 / 3.0 + 0.0025)) < 0.01);
  // y: the noise alone; standard errors 0.00016 and 0.00011.
  CHECK(std::abs(meanY) < 0.002);
  CHECK(std::abs(stdY - 0.05) < 0.002);
}

TEST_CASE("radius scales each shape and std scales its noise") {
  for (const DataKind kind : kShapeKinds) {
    CAPTURE(static_cast<int>(kind));
    const DataConfig config = dataDefaults(kind);
    DataConfig doubled = config;
    doubled.radius *= 2.0;
    doubled.std *= 2.0;
    // The same random numbers, every length twice as long: the samples double.
    const Matrix a = draw(*makeDistribution(config), 1000, 21);
    const Matrix b = draw(*makeDistribution(doubled), 1000, 21);
    CHECK((b - 2.0f * a).cwiseAbs().maxCoeff() < 1e-5f * b.cwiseAbs().maxCoeff());
  }
}

// [SECTION] Points from a CSV file

TEST_CASE("points: one column without a header") {
  TempDir dir;
  const std::string file = dir.write("one.csv", "1\n2.5\n-3\n");
  const Matrix points = readPointsCsv(file);
  REQUIRE(points.rows() == 1);
  REQUIRE(points.cols() == 3);
  CHECK(points(0, 0) == 1.0f);
  CHECK(points(0, 1) == 2.5f);
  CHECK(points(0, 2) == -3.0f);

  const auto cloud = makeDistribution(pointsConfig(file));
  CHECK(cloud->dim() == 1);
  CHECK_FALSE(cloud->hasDensity());
  CHECK_FALSE(cloud->modes().has_value());
  const Matrix samples = draw(*cloud, 3000, 6);
  std::set<float> seen;
  for (int j = 0; j < samples.cols(); ++j) {
    CHECK((samples(0, j) == 1.0f || samples(0, j) == 2.5f || samples(0, j) == -3.0f));
    seen.insert(samples(0, j));
  }
  CHECK(seen.size() == 3);  // uniform choice: each point has probability 1/3 per draw
  CHECK(cloud->bounds().xMin == -3.0);
  CHECK(cloud->bounds().xMax == 2.5);
}

TEST_CASE("points: two columns with a header, spaces, blank lines, a '+' and Windows line ends") {
  TempDir dir;
  const std::string file = dir.write("two.csv", "x , y\r\n\r\n 1 , 2\r\n3,4\r\n\n+5, -6e-1\r\n   \n");
  const Matrix points = readPointsCsv(file);
  REQUIRE(points.rows() == 2);
  REQUIRE(points.cols() == 3);
  CHECK(points.col(0) == Eigen::Vector2f(1.0f, 2.0f));
  CHECK(points.col(1) == Eigen::Vector2f(3.0f, 4.0f));
  CHECK(points.col(2) == Eigen::Vector2f(5.0f, -0.6f));

  const auto cloud = makeDistribution(pointsConfig(file));
  CHECK(cloud->dim() == 2);
  const Matrix samples = draw(*cloud, 1000, 6);
  for (int j = 0; j < samples.cols(); ++j) {
    const bool isPoint = (points.colwise() - samples.col(j)).colwise().squaredNorm().minCoeff() == 0.0f;
    CHECK(isPoint);
  }
}

TEST_CASE("points: one column with a header, and two columns without one") {
  TempDir dir;
  const Matrix one = readPointsCsv(dir.write("a.csv", "value\n0.5\n"));
  CHECK(one.rows() == 1);
  CHECK(one.cols() == 1);
  const Matrix two = readPointsCsv(dir.write("b.csv", "0,1\n2,3\n4,5\n"));
  CHECK(two.rows() == 2);
  CHECK(two.cols() == 3);
  CHECK(two(1, 2) == 5.0f);
}

TEST_CASE("points: jitter std > 0 spreads samples around the stored points") {
  TempDir dir;
  const std::string file = dir.write("jitter.csv", "0,0\n10,10\n");
  const auto cloud = makeDistribution(pointsConfig(file, 0.1));
  const Matrix points = readPointsCsv(file);
  const int n = 5000;
  const Matrix samples = draw(*cloud, n, 12);
  int exact = 0;
  double squaredSum = 0.0;
  for (int j = 0; j < n; ++j) {
    const auto [distance, index] = nearestCentre(points, samples.col(j));
    CHECK(distance < 0.6);  // 6 sds of the 2D jitter
    exact += distance == 0.0 ? 1 : 0;
    squaredSum += distance * distance;
  }
  CHECK(exact == 0);
  // E‖jitter‖² = 2σ² = 0.02; the standard error of the average is 0.0003.
  CHECK(std::abs(squaredSum / n - 0.02) < 0.002);
  CHECK(cloud->bounds().xMin == doctest::Approx(-0.4));
  CHECK(cloud->bounds().yMax == doctest::Approx(10.4));
}

TEST_CASE("points: each bad file is rejected with one message naming the file, the line and what is wrong") {
  TempDir dir;
  struct BadFile {
    const char* content;
    const char* expected;  // a part of the message
  };
  const BadFile cases[] = {
      {"1,2\n3\n", "line 2: 1 value, but line 1 has 2"},
      {"x,y\n1\n", "line 2: 1 value, but line 1 has 2"},
      {"1,2,3\n", "line 1: 3 values, more than two columns"},
      {"x,y\n1,2\nabc,3\n", "line 3: 'abc' is not a number"},
      {"1\n\n1 2\n", "line 3: '1 2' is not a number"},
      {"1\nnan\n", "line 2: 'nan' is not a finite number"},
      {"1\ninf\n", "line 2: 'inf' is not a finite number"},
      {"1\n-Infinity\n", "line 2: '-Infinity' is not a finite number"},
      {"1e39\n", "line 1: '1e39' is too large for a 32-bit float"},
      {"1e999\n", "line 1: '1e999' is out of range"},
      {"1,\n", "line 1: column 2 is empty"},
      {"x,y\n", "holds no points"},
      {"", "holds no points"},
      {"\n \n", "holds no points"},
  };
  int index = 0;
  for (const BadFile& bad : cases) {
    CAPTURE(bad.content);
    const std::string file = dir.write("bad" + std::to_string(index++) + ".csv", bad.content);
    const std::string message = errorOf(pointsConfig(file));
    CAPTURE(message);
    CHECK(contains(message, "data.file '" + file + "'"));
    CHECK(contains(message, bad.expected));
    CHECK(contains(message, "one or two numeric columns"));
    CHECK_THROWS_AS(readPointsCsv(file), std::invalid_argument);
  }

  // The whole message, once: the file, the line, what is wrong and what is allowed.
  const std::string file = dir.write("abc.csv", "x\n1\nabc\n");
  CHECK(errorOf(pointsConfig(file)) ==
        "data.file '" + file + "' line 3: 'abc' is not a number; expected one or two numeric columns");

  const std::string missing = (dir.path() / "missing.csv").string();
  const std::string missingMessage = errorOf(pointsConfig(missing));
  CHECK(contains(missingMessage, "data.file '" + missing + "': does not exist"));
  CHECK(contains(errorOf(pointsConfig(dir.path().string())), "is a directory"));
}

// [SECTION] Validation of the data.* keys

TEST_CASE("makeDistribution rejects each bad parameter, naming the key") {
  struct Bad {
    DataKind kind;
    void (*change)(DataConfig&);
    const char* expected;  // a part of the message
  };
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const Bad cases[] = {
      {DataKind::Ring, [](DataConfig& c) { c.modes = 0; }, "data.modes must be at least 1 for ring (got 0)"},
      {DataKind::Ring, [](DataConfig& c) { c.modes = 1000000; }, "data.modes must be at most"},
      {DataKind::Ring, [](DataConfig& c) { c.radius = 0.0; }, "data.radius"},
      {DataKind::Ring, [](DataConfig& c) { c.std = 0.0; },
       "data.std must be positive and finite for ring (got 0)"},
      {DataKind::Grid, [](DataConfig& c) { c.modes = -1; },
       "data.modes must be at least 1 for grid (got -1)"},
      {DataKind::Grid, [](DataConfig& c) { c.modes = 1000; }, "data.modes must be at most"},
      {DataKind::Grid, [](DataConfig& c) { c.spacing = 0.0; }, "data.spacing"},
      {DataKind::Grid, [](DataConfig& c) { c.std = kNan; }, "data.std"},
      {DataKind::Gaussian, [](DataConfig& c) { c.std = -1.0; }, "data.std"},
      {DataKind::Gaussian1d, [](DataConfig& c) { c.std = 0.0; }, "data.std"},
      {DataKind::Gaussian1d, [](DataConfig& c) { c.mean = kInf; }, "data.mean"},
      {DataKind::Mixture1d,
       [](DataConfig& c) {
         c.stds = {0.5, 0.5, 0.5};
       },
       "data.stds must have as many entries as data.means (2), got 3"},
      {DataKind::Mixture1d, [](DataConfig& c) { c.weights = {1.0}; },
       "data.weights must have as many entries as data.means (2), got 1"},
      {DataKind::Mixture1d,
       [](DataConfig& c) {
         c.weights = {-1.0, 2.0};
       },
       "data.weights[0]"},
      {DataKind::Mixture1d,
       [](DataConfig& c) {
         c.weights = {0.0, 0.0};
       },
       "data.weights must have a positive"},
      {DataKind::Mixture1d,
       [](DataConfig& c) {
         c.stds = {0.5, 0.0};
       },
       "data.stds[1]"},
      {DataKind::Mixture1d,
       [](DataConfig& c) {
         c.means = {0.0, kNan};
       },
       "data.means[1]"},
      {DataKind::Mixture1d, [](DataConfig& c) { c.means = c.stds = c.weights = {}; }, "data.means"},
      {DataKind::Uniform, [](DataConfig& c) { c.low = c.high = 1.0; },
       "data.low must be less than data.high"},
      {DataKind::Uniform1d,
       [](DataConfig& c) {
         c.low = 2.0;
         c.high = -2.0;
       },
       "data.low must be less than data.high"},
      {DataKind::Uniform, [](DataConfig& c) { c.high = kInf; }, "data.high"},
      {DataKind::Points, [](DataConfig& c) { c.file = ""; }, "data.file"},
      {DataKind::Points,
       [](DataConfig& c) {
         c.file = "x.csv";
         c.std = -1.0;
       },
       "data.std"},
  };
  for (const Bad& bad : cases) {
    DataConfig config = dataDefaults(bad.kind);
    bad.change(config);
    CAPTURE(bad.expected);
    const std::string message = errorOf(config);
    CAPTURE(message);
    CHECK(contains(message, bad.expected));
  }
  for (const DataKind kind : kShapeKinds) {
    CAPTURE(static_cast<int>(kind));
    DataConfig config = dataDefaults(kind);
    config.radius = 0.0;
    CHECK(contains(errorOf(config), "data.radius"));
    config = dataDefaults(kind);
    config.std = -0.1;
    CHECK(contains(errorOf(config), "data.std"));
    config.std = 0.0;  // a shape without noise is fine
    CHECK(errorOf(config).empty());
  }
}
