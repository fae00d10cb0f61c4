#include "core/gan/config_ranges.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ganscope {
namespace {

constexpr double kSeedMax = 18446744073709551615.0;  // 2^64 − 1 (the seed is any unsigned 64-bit integer)

// A real-valued range whose slider covers [sliderLow, sliderHigh].
constexpr NumberRange real(std::string_view key, double low, double high, double sliderLow, double sliderHigh,
                           bool logarithmic = false) {
  NumberRange r;
  r.key = key;
  r.low = low;
  r.high = high;
  r.sliderLow = sliderLow;
  r.sliderHigh = sliderHigh;
  r.logarithmic = logarithmic;
  return r;
}
// An integer range.
constexpr NumberRange whole(std::string_view key, double low, double high, double sliderLow, double sliderHigh,
                            bool logarithmic = false) {
  NumberRange r = real(key, low, high, sliderLow, sliderHigh, logarithmic);
  r.integer = true;
  return r;
}
// A decay rate or coefficient in [0, 1).
constexpr NumberRange rate(std::string_view key, double sliderLow, double sliderHigh) {
  NumberRange r = real(key, 0.0, 1.0, sliderLow, sliderHigh);
  r.highOpen = true;
  return r;
}
// A positive range that also takes 0 for "off".
constexpr NumberRange orOff(NumberRange r) {
  r.zeroIsOff = true;
  return r;
}

// Decided bounds (what every part of the program works with; the sliders cover the useful part):
// - lengths and means within ±100 and standard deviations from 1e-4: float samples keep 7 digits, and a mode of
//   std 1e-4 at distance 100 is still resolved; the views fit boxes of that size;
// - widths up to 1,024 and batches up to 8,192: D's workspace for a batch is 2·batch × width floats per layer, so
//   8 layers stay under 1 GiB, and a snapshot copies both networks (8 M parameters at most) every 16 ms;
// - learning rates from 1e-8 to 10 (the divergence check stops a run that 10 blows up), penalties up to 10^4.
constexpr auto kRanges = std::to_array<NumberRange>({
    whole("demo_steps", 0, 1e8, 0, 20000),
    whole("data.modes", 1, 100, 1, 32),
    real("data.radius", 1e-3, 100, 0.1, 6),
    real("data.spacing", 1e-3, 100, 0.1, 4),
    real("data.mean", -100, 100, -5, 5),
    orOff(real("data.std", 1e-4, 10, 1e-3, 2, true)),
    real("data.means", -100, 100, -6, 6),
    real("data.stds", 1e-4, 10, 0.01, 2),
    real("data.weights", 0, 1e6, 0, 1),
    real("data.low", -100, 100, -5, 5),
    real("data.high", -100, 100, -5, 5),
    real("data.points", -1e4, 1e4, -5, 5),
    whole("data.points_dim", 1, 2, 1, 2),
    whole("data.point_classes", 0, 24, 0, 24),  // kMaxClasses − 1: the views' palette keeps 25 colours apart
    real("dirac.theta", -100, 100, -3, 3),
    real("dirac.psi", -100, 100, -3, 3),
    whole("latent.dim", 1, 16, 1, 16),
    whole("generator.hidden", 1, 1024, 1, 512, true),
    whole("discriminator.hidden", 1, 1024, 1, 512, true),
    real("penalty.gp", 0, 1e4, 1e-3, 100, true),
    real("penalty.r1", 0, 1e4, 1e-3, 100, true),
    real("penalty.r2", 0, 1e4, 1e-3, 100, true),
    real("penalty.clip", 1e-6, 10, 1e-3, 1, true),
    real("optimizer.g.lr", 1e-8, 10, 1e-5, 1, true),
    rate("optimizer.g.beta1", 0, 0.99),
    rate("optimizer.g.beta2", 0.9, 0.9999),
    rate("optimizer.g.momentum", 0, 0.99),
    rate("optimizer.g.rho", 0.5, 0.999),
    real("optimizer.g.eps", 1e-12, 1, 1e-10, 1e-2, true),
    real("optimizer.d.lr", 1e-8, 10, 1e-5, 1, true),
    rate("optimizer.d.beta1", 0, 0.99),
    rate("optimizer.d.beta2", 0.9, 0.9999),
    rate("optimizer.d.momentum", 0, 0.99),
    rate("optimizer.d.rho", 0.5, 0.999),
    real("optimizer.d.eps", 1e-12, 1, 1e-10, 1e-2, true),
    whole("batch", 1, 8192, 1, 1024, true),
    whole("d_steps", 1, 100, 1, 10),
    whole("g_steps", 1, 100, 1, 10),
    whole("unroll", 0, 20, 1, 10),
    whole("pack", 1, 16, 2, 8),
    real("instance_noise", 0, 10, 1e-3, 2, true),
    whole("instance_noise_anneal", 0, 1e8, 0, 50000),
    whole("seed", 0, kSeedMax, 0, 1000),
    whole("metrics_every", 1, 1e8, 10, 1000),
    whole("metrics_samples", 10, 100000, 100, 10000, true),
});

}  // namespace

std::span<const NumberRange> numberRanges() { return kRanges; }

std::optional<NumberRange> findRange(std::string_view key) {
  for (const NumberRange& r : kRanges) {
    if (r.key == key) return r;
  }
  return std::nullopt;
}

const NumberRange& rangeOf(std::string_view key) {
  for (const NumberRange& r : kRanges) {
    if (r.key == key) return r;
  }
  throw std::logic_error("no range for the config key '" + std::string(key) + "'");
}

bool allows(const NumberRange& range, double value) {
  if (!std::isfinite(value)) return false;
  if (range.zeroIsOff && value == 0.0) return true;
  if (range.integer && value != std::trunc(value)) return false;
  if (value < range.low) return false;
  return range.highOpen ? value < range.high : value <= range.high;
}

std::string numberText(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == std::trunc(value) && std::fabs(value) < 1e16) return std::to_string(static_cast<long long>(value));
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, value);
  return std::string(text, result.ptr);
}

std::string describeAllowed(const NumberRange& range) {
  const std::string high = range.key == "seed" ? "18446744073709551615" : numberText(range.high);
  std::string text = range.zeroIsOff ? "0 (off) or " : "";
  text += range.integer ? "an integer from " : "a number from ";
  text += numberText(range.low);
  text += range.highOpen ? " up to (not including) " : " to ";
  text += high;
  return text;
}

std::string rangeProblem(const NumberRange& range, std::string_view key, double value) {
  return std::string(key) + ": must be " + describeAllowed(range) + " (got " + numberText(value) + ")";
}

double clampToRange(const NumberRange& range, double value, double fallback) {
  if (std::isnan(value)) value = fallback;
  if (std::isnan(value)) value = range.low;
  if (range.zeroIsOff && value == 0.0) return 0.0;
  if (range.integer) value = std::round(value);
  if (value < range.low) return range.low;
  if (range.highOpen && value >= range.high) {
    return range.sliderHigh;  // a value at or past an open bound: the slider's end (0.99 for β1, 0.9999 for β2)
  }
  return std::min(value, range.high);
}

}  // namespace ganscope
