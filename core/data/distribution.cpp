#include "core/data/distribution.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "core/data/dirac.h"
#include "core/data/gaussian_mixture.h"
#include "core/data/point_cloud.h"
#include "core/data/toy_shape.h"
#include "core/data/uniform_box.h"

namespace ganscope {

// [SECTION] Validation of the data.* keys

namespace {


/// The kind's name as the config spells it, for error messages.
const char* kindName(DataKind kind) {
  switch (kind) {
    case DataKind::Gaussian1d:
      return "gaussian1d";
    case DataKind::Mixture1d:
      return "mixture1d";
    case DataKind::Uniform1d:
      return "uniform1d";
    case DataKind::Ring:
      return "ring";
    case DataKind::Grid:
      return "grid";
    case DataKind::Gaussian:
      return "gaussian";
    case DataKind::Circle:
      return "circle";
    case DataKind::Spiral:
      return "spiral";
    case DataKind::Moons:
      return "moons";
    case DataKind::SwissRoll:
      return "swissroll";
    case DataKind::Line:
      return "line";
    case DataKind::Uniform:
      return "uniform";
    case DataKind::Dirac:
      return "dirac";
    case DataKind::Points:
      return "points";
  }
  return "unknown";
}

/// A number as a person would write it (6 significant digits).
std::string show(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

/// Throws "KEY must REQUIREMENT for KIND (got VALUE)".
[[noreturn]] void fail(const std::string& key, const std::string& requirement, DataKind kind,
                       const std::string& got) {
  throw std::invalid_argument(key + " must " + requirement + " for " + kindName(kind) + " (got " + got + ")");
}

void requireFinite(const std::string& key, double value, DataKind kind) {
  if (!std::isfinite(value)) fail(key, "be a finite number", kind, show(value));
}

void requirePositive(const std::string& key, double value, DataKind kind) {
  if (!(value > 0.0) || !std::isfinite(value)) fail(key, "be positive and finite", kind, show(value));
}

void requireNonNegative(const std::string& key, double value, DataKind kind) {
  if (!(value >= 0.0) || !std::isfinite(value)) {
    fail(key, "be zero or positive and finite", kind, show(value));
  }
}

void requireModes(int modes, int most, DataKind kind) {
  if (modes < 1) fail("data.modes", "be at least 1", kind, std::to_string(modes));
  if (modes > most) fail("data.modes", "be at most " + std::to_string(most), kind, std::to_string(modes));
}

void requireRange(const DataConfig& config) {
  requireFinite("data.low", config.low, config.kind);
  requireFinite("data.high", config.high, config.kind);
  if (!(config.low < config.high)) {
    fail("data.low", "be less than data.high", config.kind,
         "data.low " + show(config.low) + ", data.high " + show(config.high));
  }
}

/// The key of one entry of a list, e.g. "data.stds[1]". (Built by appending: GCC 12 at -O3 warns falsely
/// about
/// "[" + std::string, bug 105329.)
std::string entryKey(const std::string& list, std::size_t index) {
  std::string key = list;
  key += '[';
  key += std::to_string(index);
  key += ']';
  return key;
}

/// The 1D mixture's lists: as long as each other, finite, stds positive, weights non-negative with a positive
/// sum.
void requireMixture(const DataConfig& config) {
  const DataKind kind = config.kind;
  const std::size_t count = config.means.size();
  if (count == 0) fail("data.means", "have at least one entry", kind, "none");
  const auto sameLength = [count](const std::string& key, std::size_t size) {
    if (size != count) {
      throw std::invalid_argument(key + " must have as many entries as data.means (" + std::to_string(count) +
                                  "), got " + std::to_string(size));
    }
  };
  sameLength("data.stds", config.stds.size());
  sameLength("data.weights", config.weights.size());
  double total = 0.0;
  for (std::size_t k = 0; k < count; ++k) {
    requireFinite(entryKey("data.means", k), config.means[k], kind);
    requirePositive(entryKey("data.stds", k), config.stds[k], kind);
    requireNonNegative(entryKey("data.weights", k), config.weights[k], kind);
    total += config.weights[k];
  }
  if (!(total > 0.0) || !std::isfinite(total)) {
    fail("data.weights", "have a positive, finite sum", kind, show(total));
  }
}

/// Classes 0 to K − 1, each of them used by some sample (K at most kMaxClasses: checked by the range table for
/// data.point_classes, by the parser for a file).
void requirePointClasses(const std::string& key, const std::vector<int>& classes, DataKind kind) {
  if (classes.empty()) return;
  const int most = *std::max_element(classes.begin(), classes.end());
  if (*std::min_element(classes.begin(), classes.end()) < 0 || most >= kMaxClasses) {
    fail(key, "hold classes from 0 to " + std::to_string(kMaxClasses - 1), kind,
         "a class of " + std::to_string(most));
  }
  std::vector<bool> used(static_cast<std::size_t>(most) + 1, false);
  for (int c : classes) used[static_cast<std::size_t>(c)] = true;
  for (int c = 0; c <= most; ++c) {
    if (!used[static_cast<std::size_t>(c)]) {
      fail(key, "use every class from 0 to its largest, " + std::to_string(most), kind,
           "no sample of class " + std::to_string(c));
    }
  }
}

}  // namespace

// [SECTION] The factory

std::unique_ptr<Distribution> makeDistribution(const DataConfig& config) {
  const DataKind kind = config.kind;
  switch (kind) {
    case DataKind::Ring:
      requireModes(config.modes, maxDataModes(kind), kind);
      requirePositive("data.radius", config.radius, kind);
      requirePositive("data.std", config.std, kind);
      return std::make_unique<GaussianMixture>(
          GaussianMixture::ring(config.modes, config.radius, config.std));
    case DataKind::Grid:
      requireModes(config.modes, maxDataModes(kind), kind);
      requirePositive("data.spacing", config.spacing, kind);
      requirePositive("data.std", config.std, kind);
      return std::make_unique<GaussianMixture>(
          GaussianMixture::grid(config.modes, config.spacing, config.std));
    case DataKind::Gaussian:
      requirePositive("data.std", config.std, kind);
      return std::make_unique<GaussianMixture>(
          GaussianMixture::isotropic(Eigen::VectorXd::Zero(2), config.std));
    case DataKind::Gaussian1d:
      requireFinite("data.mean", config.mean, kind);
      requirePositive("data.std", config.std, kind);
      return std::make_unique<GaussianMixture>(
          GaussianMixture::isotropic(Eigen::VectorXd::Constant(1, config.mean), config.std));
    case DataKind::Mixture1d:
      requireMixture(config);
      return std::make_unique<GaussianMixture>(
          GaussianMixture::mixture1d(config.means, config.stds, config.weights));
    case DataKind::Uniform1d:
    case DataKind::Uniform:
      requireRange(config);
      return std::make_unique<UniformBox>(dataDimension(kind), config.low, config.high);
    case DataKind::Circle:
    case DataKind::Spiral:
    case DataKind::Moons:
    case DataKind::SwissRoll:
    case DataKind::Line:
      requirePositive("data.radius", config.radius, kind);
      requireNonNegative("data.std", config.std, kind);
      return std::make_unique<ToyShape>(kind, config.radius, config.std);
    case DataKind::Dirac:
      return std::make_unique<Dirac>();
    case DataKind::Points:
      requireNonNegative("data.std", config.std, kind);
      if (!config.points.empty()) {
        // Drawn in the window, kept in the config: pointsDim numbers a sample.
        if (!config.file.empty()) fail("data.file", "be empty when data.points holds drawn samples", kind, config.file);
        const auto dim = static_cast<std::size_t>(config.pointsDim);
        if ((dim != 1 && dim != 2) || config.points.size() % dim != 0) {
          fail("data.points", "hold data.points_dim (1 or 2) numbers for each sample", kind,
               std::to_string(config.points.size()) + " numbers for dimension " + std::to_string(config.pointsDim));
        }
        Matrix points(static_cast<Eigen::Index>(dim), static_cast<Eigen::Index>(config.points.size() / dim));
        for (std::size_t i = 0; i < config.points.size(); ++i) {
          points(static_cast<Eigen::Index>(i % dim), static_cast<Eigen::Index>(i / dim)) =
              static_cast<float>(config.points[i]);
        }
        if (!config.pointClasses.empty() && config.pointClasses.size() != config.points.size() / dim) {
          fail("data.point_classes", "hold one class for each drawn sample (" +
                                         std::to_string(config.points.size() / dim) + " samples)",
               kind, std::to_string(config.pointClasses.size()) + " classes");
        }
        std::vector<int> classes(config.pointClasses.begin(), config.pointClasses.end());
        requirePointClasses("data.point_classes", classes, kind);
        return std::make_unique<PointCloud>(std::move(points), config.std, std::move(classes));
      }
      if (!config.pointClasses.empty()) {
        fail("data.point_classes", "be empty unless data.points holds drawn samples (a file's classes are its class "
             "column)", kind, std::to_string(config.pointClasses.size()) + " classes");
      }
      if (config.file.empty()) {
        fail("data.file", "name a CSV file of one or two numeric columns (or data.points hold drawn samples)", kind,
             "nothing");
      }
      return std::make_unique<PointCloud>(PointCloud::fromCsv(config.file, config.std));
  }
  throw std::invalid_argument("data.kind is not a known kind (got " + std::to_string(static_cast<int>(kind)) +
                              ")");
}

// [SECTION] Classes

void Distribution::sampleWithClasses(Rng& rng, Eigen::Ref<Matrix> out, std::span<int> classes) const {
  (void)rng, (void)out, (void)classes;
  throw std::logic_error("sampleWithClasses: this distribution has no classes");
}

void Distribution::sampleClasses(Rng& rng, std::span<int> classes) const {
  (void)rng, (void)classes;
  throw std::logic_error("sampleClasses: this distribution has no classes");
}

bool kindHasClasses(DataKind kind) {
  return kind == DataKind::Ring || kind == DataKind::Grid || kind == DataKind::Mixture1d || kind == DataKind::Points;
}

int configuredClassCount(const DataConfig& config) {
  switch (config.kind) {
    case DataKind::Ring:
      return config.modes;
    case DataKind::Grid:
      return config.modes * config.modes;
    case DataKind::Mixture1d:
      return static_cast<int>(config.means.size());
    case DataKind::Points:
      if (config.points.empty()) return -1;
      if (config.pointClasses.empty()) return 0;
      return *std::max_element(config.pointClasses.begin(), config.pointClasses.end()) + 1;
    default:
      return 0;
  }
}

// [SECTION] The literature's parameters

int maxDataModes(DataKind kind) {
  // Each mode is a component the metrics measure on every evaluation: 100 keeps that cheap.
  if (kind == DataKind::Ring) return 100;
  if (kind == DataKind::Grid) return 10;
  return 0;
}

DataConfig dataDefaults(DataKind kind) {
  constexpr double kPi = std::numbers::pi;
  DataConfig config;
  config.kind = kind;
  switch (kind) {
    case DataKind::Ring:  // Metz et al. 2016 (Unrolled GAN), appendix: 8 Gaussians, radius 2, std 0.02
      config.modes = 8;
      config.radius = 2.0;
      config.std = 0.02;
      break;
    case DataKind::Grid:  // VEEGAN (Srivastava et al. 2017), PacGAN (Lin et al. 2018): centres
                          // {-4,-2,0,2,4}², std 0.05
      config.modes = 5;
      config.spacing = 2.0;
      config.std = 0.05;
      break;
    case DataKind::Gaussian:  // the standard normal N(0, I)
      config.std = 1.0;
      break;
    case DataKind::Gaussian1d:  // roughly the data of Goodfellow et al. 2014, Fig. 1
      config.mean = 4.0;
      config.std = 0.5;
      break;
    case DataKind::Mixture1d:  // two well separated, equally weighted Gaussians
      config.means = {-2.0, 2.0};
      config.stds = {0.5, 0.5};
      config.weights = {0.5, 0.5};
      break;
    case DataKind::Uniform1d:
    case DataKind::Uniform:
      config.low = -1.0;
      config.high = 1.0;
      break;
    case DataKind::Circle:  // FFJORD: make_circles(factor .5, noise .08) × 3 (see toy_shape.h for the
                            // mapping)
      config.radius = 3.0;
      config.std = 0.08 * 3.0;
      break;
    case DataKind::Spiral:  // FFJORD "2spirals": arms end at 540° · π/180 / 3 = π, noise 0.1
      config.radius = kPi;
      config.std = 0.1;
      break;
    case DataKind::Moons:  // FFJORD: make_moons(noise 0.1) × 2
      config.radius = 2.0;
      config.std = 0.1 * 2.0;
      break;
    case DataKind::SwissRoll:  // WGAN-GP gan_toy.py: make_swiss_roll(noise 0.25) ÷ 7.5; outer radius 4.5π
                               // ÷ 7.5
      config.radius = 4.5 * kPi / 7.5;
      config.std = 0.25 / 7.5;
      break;
    case DataKind::Line:  // no literature setting: the ring's scale, a thin band
      config.radius = 2.0;
      config.std = 0.05;
      break;
    case DataKind::Dirac:  // Mescheder et al. 2018: nothing to set
      break;
    case DataKind::Points:  // the points as they are, without jitter; the user names the file
      config.std = 0.0;
      config.file.clear();
      break;
  }
  return config;
}

int dataDimension(DataKind kind) {
  switch (kind) {
    case DataKind::Gaussian1d:
    case DataKind::Mixture1d:
    case DataKind::Uniform1d:
    case DataKind::Dirac:
      return 1;
    case DataKind::Points:
      return 0;
    default:
      return 2;
  }
}

int configuredDataDimension(const DataConfig& config) {
  if (config.kind == DataKind::Points) return config.points.empty() ? 0 : config.pointsDim;
  return dataDimension(config.kind);
}

}  // namespace ganscope
