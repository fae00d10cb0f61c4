#include "core/gan/iteration_engine.h"

#include <atomic>

#include "core/data/data_config.h"

namespace ganscope {
namespace {

std::atomic<IterationEngineFactory> registeredFactory{nullptr};

// Multiply-adds of one sample through a network of the given widths.
double multiplyAdds(int input, const std::vector<int>& hidden, int output) {
  double total = 0.0;
  int below = input;
  for (int width : hidden) {
    total += static_cast<double>(below) * width;
    below = width;
  }
  return total + static_cast<double>(below) * output;
}

}  // namespace

void registerGpuEngine(IterationEngineFactory factory) {
  registeredFactory.store(factory);
}

IterationEngineFactory gpuEngineFactory() {
  return registeredFactory.load();
}

std::string gpuTrainerUnsupported(const Config& config) {
  if (config.data.kind == DataKind::Dirac)
    return "the Dirac-GAN (data.kind dirac) has two parameters: it trains on the CPU";
  if (config.unroll > 0)
    return "unrolled G steps (unroll " + std::to_string(config.unroll) +
           ") are not in the GPU trainer: set unroll=0 to train on the GPU";
  if (config.spectralNorm)
    return "spectral normalisation is not in the GPU trainer: set spectral_norm=false to train on the GPU";
  if (config.conditional)
    return "the conditional GAN is not in the GPU trainer: set conditional=false to train on the GPU";
  return {};
}

double iterationFlops(const Config& config) {
  // The data's dimension: 1 for the 1D kinds, else 2 (drawn points may have either; 2 is the larger).
  const DataKind kind = config.data.kind;
  const bool line =
      kind == DataKind::Gaussian1d || kind == DataKind::Mixture1d || kind == DataKind::Uniform1d;
  const int dim = line ? 1 : 2;
  const double g = multiplyAdds(config.latent.dim, config.generator.hidden, dim);
  const double d = multiplyAdds(dim * config.pack, config.discriminator.hidden, 1);
  const double samples = static_cast<double>(config.batch) * config.pack;
  const double packs = config.batch;
  int penalties = 0;
  if (config.loss == LossKind::WganGp && config.penalty.gp > 0.0) ++penalties;
  if (config.penalty.r1 > 0.0) ++penalties;
  if (config.penalty.r2 > 0.0) ++penalties;
  // 2 FLOPs a multiply-add; a backward pass costs two forward passes (weights and inputs).
  const double dUpdate = 2.0 * g * samples + 6.0 * d * 2.0 * packs + penalties * 8.0 * d * packs;
  const double gUpdate = 6.0 * g * samples + 4.0 * d * packs;
  const bool simultaneous = config.update == UpdateOrder::Simultaneous;
  return (simultaneous ? 1 : config.dSteps) * dUpdate + (simultaneous ? 1 : config.gSteps) * gUpdate;
}

}  // namespace ganscope
