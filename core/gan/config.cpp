#include "core/gan/config.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "core/data/distribution.h"
#include "core/gan/config_names.h"

namespace ganscope {
namespace {

// Collects messages of the form "key: value is wrong; allowed: ...".
class Problems {
 public:
  void add(const std::string& key, const std::string& what) { messages_.push_back(key + ": " + what); }

  void intRange(const std::string& key, long long value, long long lo, long long hi) {
    if (value < lo || value > hi) {
      add(key, "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + " (got " +
                   std::to_string(value) + ")");
    }
  }
  void positive(const std::string& key, double value) {
    if (!(std::isfinite(value) && value > 0.0)) add(key, "must be a finite number > 0 (got " + text(value) + ")");
  }
  void nonNegative(const std::string& key, double value) {
    if (!(std::isfinite(value) && value >= 0.0)) add(key, "must be a finite number >= 0 (got " + text(value) + ")");
  }
  void unitInterval(const std::string& key, double value) {
    if (!(value >= 0.0 && value < 1.0)) add(key, "must be in [0, 1) (got " + text(value) + ")");
  }
  void finite(const std::string& key, double value) {
    if (!std::isfinite(value)) add(key, "must be a finite number (got " + text(value) + ")");
  }
  std::vector<std::string> take() { return std::move(messages_); }

  static std::string text(double value) {
    std::ostringstream s;
    s << value;
    return s.str();
  }

 private:
  std::vector<std::string> messages_;
};

void checkOptimizer(Problems& p, const std::string& prefix, const OptimizerConfig& o) {
  p.positive(prefix + ".lr", o.lr);
  if (std::isfinite(o.lr) && o.lr > 10.0) p.add(prefix + ".lr", "must be at most 10 (got " + Problems::text(o.lr) + ")");
  p.unitInterval(prefix + ".beta1", o.beta1);
  p.unitInterval(prefix + ".beta2", o.beta2);
  p.unitInterval(prefix + ".momentum", o.momentum);
  p.unitInterval(prefix + ".rho", o.rho);
  p.nonNegative(prefix + ".eps", o.eps);
}

void checkNetwork(Problems& p, const std::string& prefix, const NetworkConfig& n) {
  if (n.hidden.size() > 16) {
    p.add(prefix + ".hidden", "at most 16 hidden layers (got " + std::to_string(n.hidden.size()) + ")");
  }
  for (std::size_t i = 0; i < n.hidden.size(); ++i) {
    p.intRange(prefix + ".hidden[" + std::to_string(i) + "]", n.hidden[i], 1, 4096);
  }
}

}  // namespace

std::vector<std::string> validate(const Config& c) {
  Problems p;
  p.intRange("demo_steps", c.demoSteps, 0, 100'000'000);
  try {
    (void)makeDistribution(c.data);
  } catch (const std::exception& e) {
    p.add("data", e.what());
  }
  p.finite("dirac.theta", c.dirac.theta);
  p.finite("dirac.psi", c.dirac.psi);
  p.intRange("latent.dim", c.latent.dim, 1, 16);
  checkNetwork(p, "generator", c.generator);
  checkNetwork(p, "discriminator", c.discriminator);
  p.nonNegative("penalty.gp", c.penalty.gp);
  p.nonNegative("penalty.r1", c.penalty.r1);
  p.nonNegative("penalty.r2", c.penalty.r2);
  p.positive("penalty.clip", c.penalty.clip);
  checkOptimizer(p, "optimizer.g", c.optimizer.g);
  checkOptimizer(p, "optimizer.d", c.optimizer.d);
  p.intRange("batch", c.batch, 1, 65536);
  p.intRange("d_steps", c.dSteps, 1, 100);
  p.intRange("g_steps", c.gSteps, 1, 100);
  if (c.update == UpdateOrder::Simultaneous && (c.dSteps != 1 || c.gSteps != 1)) {
    p.add("update", "simultaneous takes one D and one G gradient from the same point, so d_steps and g_steps must "
                    "be 1 (got " + std::to_string(c.dSteps) + " and " + std::to_string(c.gSteps) + "); use "
                    "alternating for several steps");
  }
  p.intRange("unroll", c.unroll, 0, 50);
  if (c.unroll > 0 && c.update != UpdateOrder::Alternating) {
    p.add("unroll", "unrolling D before each G step needs update = alternating (got unroll " +
                        std::to_string(c.unroll) + " with simultaneous updates)");
  }
  p.intRange("pack", c.pack, 1, 16);
  p.nonNegative("instance_noise", c.instanceNoise);
  p.intRange("instance_noise_anneal", c.instanceNoiseAnneal, 0, 100'000'000);
  if (c.data.kind == DataKind::Dirac && c.pack > 1) {
    p.add("pack", "the Dirac-GAN's discriminator sees one number, so pack must be 1 (got " +
                      std::to_string(c.pack) + ")");
  }
  if (c.data.kind == DataKind::Dirac && c.spectralNorm) {
    p.add("spectral_norm", "the Dirac-GAN's discriminator is one weight ψ, which spectral normalisation would pin "
                           "to ±1; use false there");
  }
  p.intRange("metrics_every", c.metricsEvery, 1, 100'000'000);
  p.intRange("metrics_samples", c.metricsSamples, 10, 100'000);
  return p.take();
}

bool needsRebuild(const Config& before, const Config& after) {
  const bool diracBefore = before.data.kind == DataKind::Dirac, diracAfter = after.data.kind == DataKind::Dirac;
  if (diracBefore != diracAfter) return true;
  if (before.seed != after.seed) return true;
  if (diracAfter) return before.dirac != after.dirac;
  if (before.generator != after.generator || before.discriminator != after.discriminator ||
      before.latent != after.latent) {
    return true;
  }
  // A new data dimension needs new input/output layers; two point files may differ in dimension.
  if (dataDimension(before.data.kind) != dataDimension(after.data.kind)) return true;
  // Packing changes the width of D's input layer.
  if (before.pack != after.pack) return true;
  return after.data.kind == DataKind::Points && before.data.file != after.data.file;
}

}  // namespace ganscope
