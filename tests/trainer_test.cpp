// The training loop: exact gradients end to end, determinism, save/restore, live changes, divergence, Dirac-GAN.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/gan/config_json.h"
#include "core/gan/trainer.h"
#include "tests/replayed_loss.h"
#include "tests/gradient_check.h"
#include "tests/small_ring_config.h"

using namespace ganscope;
using ganscope::testing::replayedGradientError;

namespace {

// The shared small ring run, with this file's seed.
Config smallRingConfig() { return ganscope::testing::smallRingConfig(7); }

// The small ring with smooth (tanh) networks and batch 8: D's loss is differentiable everywhere, so central
// differences of it are a fair reference for its gradient.
Config smoothSmallConfig() {
  Config c = smallRingConfig();
  c.discriminator.activation = Activation::Tanh;
  c.generator.activation = Activation::Tanh;
  c.batch = 8;
  return c;
}

Config diracConfig(UpdateOrder update, double r1) {
  Config c;
  c.data.kind = DataKind::Dirac;
  c.loss = LossKind::Minimax;
  c.optimizer.g.kind = c.optimizer.d.kind = OptimizerKind::Sgd;
  c.optimizer.g.lr = c.optimizer.d.lr = 0.2;  // the paper's figures use step size 0.2 from (1, 1)
  c.batch = 1;
  c.update = update;
  c.penalty.r1 = r1;
  c.metricsEvery = 1;
  c.metricsSamples = 10;
  return c;
}


double radius(const Trainer& t) {
  return std::hypot(t.generator().parameters()[0], t.discriminator().parameters()[0]);
}

}  // namespace

TEST_CASE("trainer: the generator's gradient through D equals central differences of L_G") {
  for (LossKind loss : {LossKind::Minimax, LossKind::NonSaturating, LossKind::Wgan, LossKind::Lsgan,
                        LossKind::Hinge}) {
    CAPTURE(lossName(loss));
    Config c = smallRingConfig();
    c.loss = loss;
    c.generator.activation = Activation::Tanh;
    c.discriminator.activation = Activation::Elu;
    c.batch = 8;
    Trainer trainer(c);
    trainer.train(5);
    CHECK(replayedGradientError(c, trainer.saveState(), /*generator=*/true) < 5e-3);
  }
}

TEST_CASE("trainer: the discriminator's gradient, penalties included, equals central differences of L_D") {
  for (int variant = 0; variant < 3; ++variant) {
    Config c = smoothSmallConfig();
    if (variant == 0) c.penalty.r1 = 3.0;
    if (variant == 1) c.penalty.r2 = 2.0;
    if (variant == 2) c.loss = LossKind::WganGp, c.penalty.gp = 1.0;
    CAPTURE(variant);
    Trainer trainer(c);
    trainer.train(3);
    CHECK(replayedGradientError(c, trainer.saveState(), /*generator=*/false) < 5e-3);
  }
}

// Spectral normalisation, packing and instance noise change what D computes and how its gradient flows back: the
// gradients of both players are checked end to end under each of them (u, v and the noise are fixed by the
// replayed state, so the losses are functions of the weights alone).
TEST_CASE("trainer: gradients equal central differences under spectral norm, packing and instance noise") {
  for (int variant = 0; variant < 4; ++variant) {
    Config c = smoothSmallConfig();
    if (variant == 0) c.spectralNorm = true;
    if (variant == 1) c.pack = 3;
    if (variant == 2) c.instanceNoise = 0.3;
    if (variant == 3) c.spectralNorm = true, c.pack = 2, c.penalty.r1 = 1.0, c.instanceNoise = 0.1;
    CAPTURE(variant);
    Trainer trainer(c);
    trainer.train(20);
    const TrainerState state = trainer.saveState();
    for (bool generator : {false, true}) {
      CAPTURE(generator);
      CHECK(replayedGradientError(c, state, generator) < 5e-3);
    }
  }
}

TEST_CASE("trainer: a fixed seed gives the same run bit for bit, another seed gives another run") {
  Config c = smallRingConfig();
  Trainer a(c), b(c);
  a.train(120);
  b.train(120);
  CHECK(a.generator().parameters() == b.generator().parameters());
  CHECK(a.discriminator().parameters() == b.discriminator().parameters());
  REQUIRE(a.history().size() == b.history().size());
  CHECK(a.history().back().w1 == b.history().back().w1);
  c.seed = 8;
  Trainer other(c);
  other.train(120);
  CHECK(other.generator().parameters() != a.generator().parameters());
}

TEST_CASE("trainer: restoring a saved state continues the run exactly") {
  Config c = smallRingConfig();
  c.penalty.r1 = 0.5;  // exercise the penalty's random-free path too
  Trainer straight(c);
  straight.train(60);
  const TrainerState middle = straight.saveState();
  straight.train(60);

  Trainer resumed(smallRingConfig());  // a different run first, to show the state replaces it
  resumed.train(10);
  resumed.restoreState(middle);
  CHECK(resumed.step() == 60);
  resumed.train(60);
  CHECK(resumed.step() == 120);
  CHECK(resumed.generator().parameters() == straight.generator().parameters());
  CHECK(resumed.discriminator().parameters() == straight.discriminator().parameters());
  CHECK(resumed.history().size() == straight.history().size());
}

TEST_CASE("trainer: metrics are recorded at step 0 and every metrics_every iterations") {
  Config c = smallRingConfig();
  c.metricsEvery = 25;
  Trainer t(c);
  t.train(100);
  REQUIRE(t.history().size() == 5);
  for (std::size_t i = 0; i < 5; ++i) CHECK(t.history()[i].step == static_cast<long long>(25 * i));
  CHECK(t.history().back().modesTotal == 8);
  CHECK(std::isfinite(t.history().back().js));
  CHECK(std::isfinite(t.history().back().w1));
  CHECK(std::isnan(t.history().back().theta));
}

TEST_CASE("trainer: step mode moves one network at a time and leaves the iteration count alone") {
  Trainer t(smallRingConfig());
  const Vector g0 = t.generator().parameters(), d0 = t.discriminator().parameters();
  t.updateDiscriminator();
  CHECK(t.generator().parameters() == g0);
  CHECK(t.discriminator().parameters() != d0);
  const Vector d1 = t.discriminator().parameters();
  t.updateGenerator();
  CHECK(t.discriminator().parameters() == d1);  // G's step never changes D
  CHECK(t.generator().parameters() != g0);
  CHECK(t.step() == 0);
}

TEST_CASE("trainer: WGAN clips every critic weight to ±c after each update") {
  Config c = smallRingConfig();
  c.loss = LossKind::Wgan;
  c.penalty.clip = 0.01;
  Trainer t(c);
  t.train(5);
  CHECK(t.discriminator().parameters().cwiseAbs().maxCoeff() <= 0.01f);
  CHECK(t.discriminator().parameters().cwiseAbs().maxCoeff() == doctest::Approx(0.01));
}

TEST_CASE("trainer: a learning-rate change keeps the networks and optimizer state, an architecture change rebuilds") {
  Config c = smallRingConfig();
  Trainer t(c);
  t.train(30);
  const Vector g = t.generator().parameters();
  Config faster = c;
  faster.optimizer.d.lr = 5e-3;
  faster.loss = LossKind::Hinge;
  faster.batch = 48;
  CHECK_FALSE(t.setConfig(faster));
  CHECK(t.step() == 30);
  CHECK(t.generator().parameters() == g);
  CHECK(t.config().optimizer.d.lr == 5e-3);
  t.train(5);  // runs with the new batch size
  CHECK(t.step() == 35);

  Config wider = faster;
  wider.generator.hidden = {32};
  CHECK(t.setConfig(wider));
  CHECK(t.step() == 0);
  CHECK(t.generator().parameterCount() != g.size());

  Config bad = wider;
  bad.batch = 0;
  CHECK_THROWS_AS(t.setConfig(bad), ConfigError);
  CHECK(t.config() == wider);  // a rejected config changes nothing
}

TEST_CASE("trainer: a NaN or Inf stops training in a diverged state with a message saying where") {
  Config c = smallRingConfig();
  c.loss = LossKind::Wgan;
  c.penalty.clip = 10.0;  // the widest clip allowed: hardly any clipping, the critic's output grows without bound
  c.optimizer.d.kind = OptimizerKind::Sgd;
  c.optimizer.d.lr = 10.0;
  c.optimizer.g.kind = OptimizerKind::Sgd;
  c.optimizer.g.lr = 10.0;
  Trainer t(c);
  t.train(5000);
  REQUIRE(t.diverged());
  CHECK(t.divergence().find("diverged at iteration") != std::string::npos);
  const bool namesNetwork = t.divergence().find("discriminator") != std::string::npos ||
                            t.divergence().find("generator") != std::string::npos;
  CHECK(namesNetwork);
  const long long stoppedAt = t.step();
  CHECK(stoppedAt < 5000);
  t.train(10);  // a diverged trainer does nothing more
  CHECK(t.step() == stoppedAt);
}

TEST_CASE("trainer: Dirac-GAN — simultaneous GD spirals out, alternating GD stays bounded, R1 converges") {
  // Mescheder et al. 2018, §2: the equilibrium (0, 0) has a purely imaginary Jacobian.
  Trainer simultaneous(diracConfig(UpdateOrder::Simultaneous, 0.0));
  Trainer alternating(diracConfig(UpdateOrder::Alternating, 0.0));
  Trainer r1(diracConfig(UpdateOrder::Simultaneous, 1.0));
  const double start = std::sqrt(2.0);
  CHECK(radius(simultaneous) == doctest::Approx(start));
  simultaneous.train(300);
  alternating.train(300);
  r1.train(300);
  CHECK(radius(simultaneous) > 1.5 * start);
  CHECK(radius(alternating) < 1.2 * start);
  CHECK(radius(alternating) > 0.5);  // it circles rather than converging
  CHECK(radius(r1) < 1e-3);
  CHECK(r1.history().back().theta == doctest::Approx(r1.generator().parameters()[0]));
  CHECK(r1.history().back().w1 == doctest::Approx(std::abs(r1.generator().parameters()[0])).epsilon(1e-3));
}

TEST_CASE("trainer: a 1D Gaussian target is learned to a small Wasserstein distance") {
  // The gaussian-1d preset's recipe: N(4, 0.5²), leaky-relu 32×32 networks, two timescales (D 1e-3, G 2e-4, 3 D
  // steps). W1 starts near 4; a perfect sampler scores about 0.02 on 2,500 against 2,500 samples.
  for (std::uint64_t seed : {1, 2, 3}) {
    CAPTURE(seed);
    Config c;
    c.data.kind = DataKind::Gaussian1d;
    c.data.mean = 4.0;
    c.data.std = 0.5;
    c.latent.dim = 1;
    c.generator.hidden = c.discriminator.hidden = {32, 32};
    c.generator.activation = c.discriminator.activation = Activation::LeakyRelu;
    c.optimizer.g.lr = 2e-4;
    c.optimizer.d.lr = 1e-3;
    c.batch = 128;
    c.dSteps = 3;
    c.metricsEvery = 250;
    c.seed = seed;
    Trainer t(c);
    const double initial = t.history().front().w1;
    t.train(4000);
    CHECK(initial > 2.0);
    // W1 of a learned sampler still wanders between about 0.03 and 0.15 from one measurement to the next (the game
    // does not settle), so a single snapshot passes or fails on the last bits of the arithmetic: the median of the
    // last five measurements (steps 3,000 to 4,000) is what must be small.
    std::vector<double> last;
    for (auto row = t.history().end() - 5; row != t.history().end(); ++row) last.push_back(row->w1);
    std::nth_element(last.begin(), last.begin() + 2, last.end());
    CHECK(last[2] < 0.1);
  }
}

TEST_CASE("trainer: latent quantiles are Φ⁻¹(p) for Gaussian noise and 2p − 1 for uniform noise") {
  CHECK(latentQuantile(LatentDistribution::Gaussian, 0.5) == doctest::Approx(0.0).scale(1.0));
  CHECK(latentQuantile(LatentDistribution::Gaussian, 0.975) == doctest::Approx(1.959963985).epsilon(1e-9));
  CHECK(latentQuantile(LatentDistribution::Gaussian, 0.1587) == doctest::Approx(-0.99982).epsilon(1e-4));
  CHECK(latentQuantile(LatentDistribution::Gaussian, 0.001) == doctest::Approx(-3.090232306).epsilon(1e-9));
  CHECK(latentQuantile(LatentDistribution::Uniform, 0.25) == doctest::Approx(-0.5));
  CHECK(latentQuantile(LatentDistribution::Uniform, 0.9) == doctest::Approx(0.8));
}
