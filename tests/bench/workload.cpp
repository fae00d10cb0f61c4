#include "tests/bench/workload.h"

namespace ganscope::bench {

const std::vector<Workload>& workloads() {
  static const std::vector<Workload> all = {
      {"ganlab", 8, 2, 150, 10.0},
      {"tiny", 32, 2, 128, 10.0},
      {"small", 64, 3, 256, 3.0},
      {"wide", 256, 3, 512, 1.0},
      {"huge", 512, 4, 4096, 0.0, true},
  };
  return all;
}

Config workloadConfig(const Workload& workload) {
  Config c;
  c.name = workload.name;
  c.data.kind = DataKind::Ring;
  c.data.modes = 8;
  c.data.radius = 2.0;
  c.data.std = 0.02;
  c.latent.dim = 2;
  c.latent.dist = LatentDistribution::Gaussian;
  c.generator.hidden.assign(static_cast<std::size_t>(workload.layers), workload.hidden);
  c.generator.activation = Activation::Relu;
  c.discriminator = c.generator;
  c.loss = LossKind::NonSaturating;
  for (OptimizerConfig* o : {&c.optimizer.g, &c.optimizer.d}) {
    o->kind = OptimizerKind::Adam;
    o->lr = 1e-4;
    o->beta1 = 0.5;
    o->beta2 = 0.999;
    o->eps = 1e-8;
  }
  c.batch = workload.batch;
  c.dSteps = 1;
  c.gSteps = 1;
  c.update = UpdateOrder::Alternating;
  c.seed = 1;
  c.metricsEvery = 100'000'000;  // the metrics are the product's, not the iteration's: PyTorch computes none
  c.metricsSamples = 2500;
  return c;
}

}  // namespace ganscope::bench
