// The stabilizers against mode collapse: unrolled G steps, PacGAN packing, instance noise, spectral normalisation.
// (Their gradients are checked end to end in trainer_test.cpp.)
#include <doctest/doctest.h>

#include <Eigen/SVD>

#include "core/gan/instance_noise.h"
#include "core/gan/packing.h"
#include "core/gan/spectral_norm.h"
#include "core/gan/trainer.h"
#include "tests/gradient_check.h"
#include "tests/small_ring_config.h"

using namespace ganscope;

namespace {

// The shared small ring run, with this file's seed.
Config smallRing() { return ganscope::testing::smallRingConfig(11); }

// The largest singular value of a matrix, by SVD.
double largestSingularValue(const Eigen::MatrixXf& w) {
  return Eigen::JacobiSVD<Eigen::MatrixXf>(w).singularValues()(0);
}

}  // namespace

TEST_CASE("unroll: D is put back exactly after G's unrolled step") {
  Config c = smallRing();
  c.unroll = 3;
  c.spectralNorm = true;  // the σ estimates must be put back too
  Trainer t(c);
  t.train(10);
  const TrainerState before = t.saveState();
  t.updateGenerator();
  const TrainerState after = t.saveState();
  CHECK(after.discriminatorParameters == before.discriminatorParameters);
  CHECK(after.discriminatorOptimizer == before.discriminatorOptimizer);
  CHECK(after.spectralNorm == before.spectralNorm);
  CHECK(after.lastStats.lossD == before.lastStats.lossD);
  CHECK(after.generatorParameters != before.generatorParameters);
}

// The generator's gradient is the total derivative of its loss against the unrolled D, second-order term included:
// central differences of "restore, set G's weights, unroll k D steps, measure L_G" must agree with it. With SGD the
// unrolled updates are exactly θ − lr·g, so the only approximation left is the finite-difference Hessian-vector
// product; the first-order gradient (no term through D's updates) must be measurably further off.
TEST_CASE("unroll: G's gradient is the total derivative through k SGD updates of D (second-order term kept)") {
  for (int k : {1, 4}) {
    CAPTURE(k);
    Config c = smallRing();
    c.unroll = k;
    c.batch = 8;
    c.generator.activation = c.discriminator.activation = Activation::Tanh;
    c.optimizer.d.kind = OptimizerKind::Sgd;
    c.optimizer.d.lr = 0.5;  // large steps: D moves enough for the second-order term to matter
    Trainer t(c);
    t.train(5);
    const TrainerState state = t.saveState();
    t.updateGenerator();
    const Eigen::VectorXd total = t.lastGeneratorGradient().cast<double>();

    Vector weights = state.generatorParameters;
    auto unrolledLoss = [&] {
      TrainerState s = state;
      s.generatorParameters = weights;
      Trainer replay(c);
      replay.restoreState(s);
      replay.updateGenerator();
      return replay.lastStats().lossG;
    };
    const Eigen::VectorXd numeric = ganscope::testing::numericGradient(unrolledLoss, weights, 1e-2);
    const double error = ganscope::testing::relativeError(total, numeric);
    CHECK(error < 1e-3);  // measured 4e-5 (k = 1) and 1e-4 (k = 4)

    // The first-order gradient: G's gradient against the same unrolled D, without the term through D's updates.
    Config plain = c;
    plain.unroll = 0;
    TrainerState start = state;
    start.config = plain;
    Trainer b(plain);
    b.restoreState(start);
    for (int i = 0; i < k; ++i) b.updateDiscriminator();
    b.updateGenerator();
    const double firstOrderError = ganscope::testing::relativeError(b.lastGeneratorGradient().cast<double>(), numeric);
    CAPTURE(firstOrderError);
    CHECK(firstOrderError > 4 * error);
  }
}

TEST_CASE("pack: D reads m samples per input, and the view network is D on m copies of a point") {
  Config c = smallRing();
  c.pack = 4;
  Trainer t(c);
  CHECK(t.discriminator().inputDim() == 8);  // 4 samples of 2 coordinates
  t.train(30);
  const Mlp view = t.discriminatorForView();
  CHECK(view.inputDim() == 2);

  Rng rng(3);
  Matrix points(2, 5);
  for (Eigen::Index i = 0; i < points.size(); ++i) points.data()[i] = static_cast<float>(rng.normal());
  Matrix replicated(8, 5);
  for (int k = 0; k < 4; ++k) replicated.middleRows(2 * k, 2) = points;
  MlpWorkspace a, b;
  const Matrix direct = t.discriminator().forward(replicated, a);
  const Matrix viewed = view.forward(points, b);
  CHECK((direct - viewed).cwiseAbs().maxCoeff() < 1e-4f);

  // Without packing the view network is D itself.
  Trainer plain(smallRing());
  CHECK(plain.discriminatorForView().parameters() == plain.discriminator().parameters());
}

TEST_CASE("pack: the packed view reads columns in place (m samples stacked per pack)") {
  Matrix samples(2, 6);
  for (Eigen::Index i = 0; i < samples.size(); ++i) samples.data()[i] = static_cast<float>(i);
  const auto packs = packedView(samples, 3);
  REQUIRE(packs.rows() == 6);
  REQUIRE(packs.cols() == 2);
  CHECK(packs(0, 1) == samples(0, 3));  // the second pack starts with the fourth sample
  CHECK(packs(5, 0) == samples(1, 2));  // the first pack ends with the third sample's y
}

TEST_CASE("spectral norm: the weights D evaluates have largest singular value 1, and σ tracks the raw weights") {
  Config c = smallRing();
  c.spectralNorm = true;
  Trainer t(c);
  t.train(300);  // one power iteration per D update: σ has converged long before
  const Mlp view = t.discriminatorForView();
  for (int l = 1; l <= view.layerCount(); ++l) {
    CAPTURE(l);
    const Eigen::MatrixXf raw = t.discriminator().weight(l);
    const Eigen::MatrixXf normalised = view.weight(l);
    CHECK(largestSingularValue(normalised) == doctest::Approx(1.0).epsilon(0.02));
    CHECK(largestSingularValue(raw) > 0.0);
    CHECK((normalised * static_cast<float>(largestSingularValue(raw)) - raw).cwiseAbs().maxCoeff() <
          0.02 * raw.cwiseAbs().maxCoeff());
    CHECK(view.bias(l) == t.discriminator().bias(l));  // biases are not normalised
  }
}

TEST_CASE("spectral norm: the power iteration converges to the largest singular value") {
  Mlp net(3, {7}, 4, Activation::Relu);
  Rng rng(5);
  net.initialize(rng);
  SpectralNorm norm;
  norm.initialize(net, rng);
  for (int i = 0; i < 60; ++i) norm.powerIteration(net);
  Mlp normalised = net;
  norm.normalize(net, normalised);
  for (int l = 1; l <= net.layerCount(); ++l) {
    CAPTURE(l);
    CHECK(norm.sigmas()[l - 1] == doctest::Approx(largestSingularValue(net.weight(l))).epsilon(1e-4));
  }
}

TEST_CASE("spectral norm: switching it on live keeps the run, and saved state restores it exactly") {
  Trainer t(smallRing());
  t.train(20);
  Config on = t.config();
  on.spectralNorm = true;
  CHECK_FALSE(t.setConfig(on));  // no rebuild
  CHECK(t.step() == 20);
  CHECK(t.discriminatorForView().parameters() != t.discriminator().parameters());
  t.train(20);
  const TrainerState middle = t.saveState();
  t.train(30);
  Trainer resumed(on);
  resumed.restoreState(middle);
  resumed.train(30);
  CHECK(resumed.discriminator().parameters() == t.discriminator().parameters());
  CHECK(resumed.generator().parameters() == t.generator().parameters());
}

TEST_CASE("instance noise: the std anneals linearly to zero, or stays constant") {
  Config c;
  c.instanceNoise = 0.4;
  CHECK(instanceNoiseStd(c, 0) == 0.4);
  CHECK(instanceNoiseStd(c, 100000) == 0.4);
  c.instanceNoiseAnneal = 1000;
  CHECK(instanceNoiseStd(c, 0) == doctest::Approx(0.4));
  CHECK(instanceNoiseStd(c, 250) == doctest::Approx(0.3));
  CHECK(instanceNoiseStd(c, 1000) == 0.0);
  CHECK(instanceNoiseStd(c, 5000) == 0.0);
  c.instanceNoise = 0.0;
  CHECK(instanceNoiseStd(c, 0) == 0.0);
}

TEST_CASE("instance noise: D sees noisy inputs (its loss changes), and once annealed the run is noise-free") {
  Config noisy = smallRing();
  noisy.instanceNoise = 1.0;
  Trainer a(noisy), b(smallRing());
  a.updateDiscriminator();
  b.updateDiscriminator();
  CHECK(a.lastStats().lossD != b.lastStats().lossD);
  // Noise blurs the point masses: D cannot separate as well, so its loss stays nearer its chance value.
  Config annealed = noisy;
  annealed.instanceNoiseAnneal = 5;
  Trainer c(annealed);
  c.train(5);
  CHECK(instanceNoiseStd(c.config(), c.step()) == 0.0);
}
