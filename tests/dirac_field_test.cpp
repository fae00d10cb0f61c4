// The Dirac-GAN's vector field (core/gan/dirac_field.h): the trainer's own gradients at chosen points, for every
// loss and penalty, and the Jacobian at the equilibrium that Mescheder et al. 2018 derive.
#include <doctest/doctest.h>

#include <cmath>

#include "core/gan/dirac_field.h"
#include "core/gan/trainer.h"

using namespace ganscope;

namespace {

Config diracConfig(LossKind loss) {
  Config c;
  c.data.kind = DataKind::Dirac;
  c.loss = loss;
  c.optimizer.g.kind = c.optimizer.d.kind = OptimizerKind::Sgd;
  c.optimizer.g.lr = c.optimizer.d.lr = 0.2;
  c.batch = 4;
  c.metricsEvery = 1;
  c.metricsSamples = 10;
  c.penalty.clip = 10.0;  // WGAN: keep every test point inside the clip box
  return c;
}

// The trainer's ∂L_D/∂ψ and ∂L_G/∂θ at (θ, ψ): restore a state with those parameters, take one update of each
// (from the same restored state) and read the gradient the update used.
DiracVector trainerGradients(const Config& config, double theta, double psi) {
  Trainer t(config);
  TrainerState state = t.saveState();
  state.generatorParameters[0] = static_cast<float>(theta);
  state.discriminatorParameters[0] = static_cast<float>(psi);
  t.restoreState(state);
  t.updateDiscriminator();
  const double dPsi = t.lastDiscriminatorGradient()[0];
  t.restoreState(state);
  t.updateGenerator();
  const double dTheta = t.lastGeneratorGradient()[0];
  return {dTheta, dPsi};
}

}  // namespace

TEST_CASE("dirac field: equals the trainer's gradients for every loss and penalty, at several points") {
  const LossKind losses[] = {LossKind::Minimax, LossKind::NonSaturating, LossKind::Wgan,
                             LossKind::WganGp,  LossKind::Lsgan,         LossKind::Hinge};
  struct Penalties {
    double r1, r2, gp;
  };
  const Penalties penalties[] = {{0.0, 0.0, 0.0}, {1.0, 0.0, 0.1}, {0.0, 0.5, 2.0}, {0.3, 0.7, 0.0}};
  // Points on both sides of every kink (the hinge's ψθ = −1 and ψθ = 1, WGAN-GP's |ψ| = 1), none on one.
  const double points[][2] = {{1.0, 1.0}, {-0.7, 0.4}, {0.3, -1.5}, {2.0, -0.8}, {-1.2, -1.3}, {0.05, 3.0}};
  for (LossKind loss : losses) {
    for (const Penalties& p : penalties) {
      Config config = diracConfig(loss);
      config.penalty.r1 = p.r1;
      config.penalty.r2 = p.r2;
      config.penalty.gp = p.gp;
      DiracField field(config);
      for (const auto& point : points) {
        CAPTURE(lossName(loss));
        CAPTURE(p.r1);
        CAPTURE(p.r2);
        CAPTURE(p.gp);
        CAPTURE(point[0]);
        CAPTURE(point[1]);
        const DiracVector expected = trainerGradients(config, point[0], point[1]);
        const DiracVector v = field.at(point[0], point[1]);
        CHECK(v.theta == doctest::Approx(-expected.theta).epsilon(1e-5).scale(1.0));
        CHECK(v.psi == doctest::Approx(-expected.psi).epsilon(1e-5).scale(1.0));
        CHECK(field.generatorGradient(point[0], point[1]) == doctest::Approx(expected.theta).scale(1.0));
        CHECK(field.discriminatorGradient(point[0], point[1]) == doctest::Approx(expected.psi).scale(1.0));
      }
    }
  }
}

TEST_CASE("dirac field: the Jacobian at (0, 0) has eigenvalues −γ/2 ± sqrt(γ²/4 − f'(0)²) (Mescheder et al. 2018)") {
  // Minimax/non-saturating: f'(0) = σ(0) = ½, so trace J = −γ and det J = f'(0)² = ¼ for R1 of weight γ;
  // without a penalty the eigenvalues are ±i/2, purely imaginary (§2.2, Lemma 2.2 and §4.1).
  for (double gamma : {0.0, 0.3, 1.0, 4.0}) {
    CAPTURE(gamma);
    Config config = diracConfig(LossKind::Minimax);
    config.penalty.r1 = gamma;
    DiracField field(config);
    const double h = 1e-2;
    const DiracVector tp = field.at(h, 0), tm = field.at(-h, 0), pp = field.at(0, h), pm = field.at(0, -h);
    const double j11 = (tp.theta - tm.theta) / (2 * h), j12 = (pp.theta - pm.theta) / (2 * h);
    const double j21 = (tp.psi - tm.psi) / (2 * h), j22 = (pp.psi - pm.psi) / (2 * h);
    CHECK(j11 + j22 == doctest::Approx(-gamma).scale(1.0).epsilon(1e-4));
    CHECK(j11 * j22 - j12 * j21 == doctest::Approx(0.25).epsilon(1e-4));
    CHECK(field.at(0.0, 0.0).theta == 0.0);  // (0, 0) is a stationary point
    CHECK(field.at(0.0, 0.0).psi == 0.0);
  }
}

TEST_CASE("dirac field: the field rotates about (0, 0) without a penalty and points inwards with R1") {
  // Without a penalty v is perpendicular to (θ, ψ) near the origin (a pure rotation, so simultaneous steps spiral
  // out); with R1 it has an inward component.
  Config plain = diracConfig(LossKind::NonSaturating);
  Config r1 = plain;
  r1.penalty.r1 = 1.0;
  DiracField fieldPlain(plain), fieldR1(r1);
  for (double angle = 0.1; angle < 6.28; angle += 0.7) {
    const double theta = 0.05 * std::cos(angle), psi = 0.05 * std::sin(angle);
    const DiracVector a = fieldPlain.at(theta, psi), b = fieldR1.at(theta, psi);
    const double radial = (a.theta * theta + a.psi * psi) / std::hypot(a.theta, a.psi) / 0.05;
    CHECK(std::abs(radial) < 0.05);
    CHECK(b.theta * theta + b.psi * psi < 0.0);
  }
}

TEST_CASE("dirac field: diracFieldHasPenalty names the penalties that act") {
  Config c = diracConfig(LossKind::Minimax);
  CHECK_FALSE(diracFieldHasPenalty(c));  // gp is set by default but only WGAN-GP uses it
  c.penalty.r2 = 0.5;
  CHECK(diracFieldHasPenalty(c));
  c = diracConfig(LossKind::WganGp);
  c.penalty.gp = 0.1;
  CHECK(diracFieldHasPenalty(c));
}
