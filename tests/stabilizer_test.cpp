// The stabilizers against mode collapse: unrolled G steps, PacGAN packing, instance noise, spectral normalisation.
// (Their gradients are checked end to end in trainer_test.cpp.)
#include <doctest/doctest.h>

#include <Eigen/SVD>

#include "core/gan/instance_noise.h"
#include "core/gan/packing.h"
#include "core/gan/spectral_norm.h"
#include "core/gan/trainer.h"

using namespace ganscope;

namespace {

Config smallRing() {
  Config c;
  c.data.kind = DataKind::Ring;
  c.generator.hidden = {16, 16};
  c.discriminator.hidden = {16, 16};
  c.batch = 32;
  c.metricsEvery = 50;
  c.metricsSamples = 200;
  c.seed = 11;
  return c;
}

// The largest singular value of a matrix, by SVD.
double largestSingularValue(const Eigen::MatrixXf& w) {
  return Eigen::JacobiSVD<Eigen::MatrixXf>(w).singularValues()(0);
}

}  // namespace

TEST_CASE("unroll: G's step equals a plain G step against D after k real updates, and D is put back exactly") {
  for (int k : {1, 3}) {
    CAPTURE(k);
    Config unrolled = smallRing();
    unrolled.unroll = k;
    unrolled.spectralNorm = (k == 3);  // the σ estimates must be put back too
    Trainer a(unrolled);
    a.train(10);
    const TrainerState before = a.saveState();
    a.updateGenerator();

    // D is exactly as it was: weights, optimizer state and σ estimates.
    const TrainerState after = a.saveState();
    CHECK(after.discriminatorParameters == before.discriminatorParameters);
    CHECK(after.discriminatorOptimizer == before.discriminatorOptimizer);
    CHECK(after.spectralNorm == before.spectralNorm);
    CHECK(after.generatorParameters != before.generatorParameters);

    // The same random stream, consumed by k visible D updates and then a plain G step, gives the same gradient.
    Config plain = unrolled;
    plain.unroll = 0;
    TrainerState start = before;
    start.config = plain;
    Trainer b(plain);
    b.restoreState(start);
    for (int i = 0; i < k; ++i) b.updateDiscriminator();
    b.updateGenerator();
    CHECK(b.lastGeneratorGradient() == a.lastGeneratorGradient());
    CHECK(b.generator().parameters() == a.generator().parameters());
    // …and differs from the gradient against the D of the moment.
    Trainer c(plain);
    c.restoreState(start);
    c.updateGenerator();
    CHECK(c.lastGeneratorGradient() != a.lastGeneratorGradient());
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
