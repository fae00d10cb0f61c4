// Gradient checks and hand-computed cases for the networks, activations, losses, penalties and optimizers.
#include <doctest/doctest.h>

#include <cmath>

#include "core/gan/gan_loss.h"
#include "core/gan/penalty.h"
#include "core/nn/mlp.h"
#include "core/nn/optimizer.h"
#include "tests/gradient_check.h"

using namespace ganscope;
using ganscope::testing::numericGradient;
using ganscope::testing::relativeError;

namespace {

const Activation kAllActivations[] = {Activation::Relu, Activation::LeakyRelu, Activation::Tanh, Activation::Elu,
                                      Activation::Sigmoid};

Matrix randomMatrix(Eigen::Index rows, Eigen::Index cols, Rng& rng, double scale = 1.0) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.normal(0.0, scale));
  return m;
}

// Float32 forward passes with h = 1e-3 leave a relative error of about 1e-4 on smooth functions; kinks of relu
// crossed by a finite difference add rare outliers, so the bar is 2e-3 on the whole gradient vector.
constexpr double kGradTolerance = 2e-3;

}  // namespace

TEST_CASE("activations: derivatives computed from the output match central differences of f") {
  for (Activation f : kAllActivations) {
    CAPTURE(activationName(f));
    Matrix z(1, 7);
    z << -2.1f, -0.7f, -0.3f, 0.2f, 0.45f, 1.3f, 2.4f;
    Matrix a = z, up = z, down = z;
    applyActivation(f, a);
    const float h = 1e-3f;
    up.array() += h;
    down.array() -= h;
    applyActivation(f, up);
    applyActivation(f, down);
    Matrix first(1, 7), second(1, 7), firstUp(1, 7), firstDown(1, 7);
    derivativeFromOutput(f, a, first);
    secondDerivativeFromOutput(f, a, second);
    derivativeFromOutput(f, up, firstUp);
    derivativeFromOutput(f, down, firstDown);
    for (int i = 0; i < 7; ++i) {
      CHECK(first(0, i) == doctest::Approx((up(0, i) - down(0, i)) / (2 * h)).epsilon(2e-3));
      CHECK(second(0, i) == doctest::Approx((firstUp(0, i) - firstDown(0, i)) / (2 * h)).epsilon(5e-3).scale(1.0));
    }
  }
}

TEST_CASE("mlp: backward gives the weight and input gradients of a random projection of the output") {
  for (Activation f : kAllActivations) {
    for (const auto& hidden : {std::vector<int>{}, std::vector<int>{5}, std::vector<int>{6, 4}}) {
      CAPTURE(activationName(f));
      CAPTURE(hidden.size());
      Rng rng(11);
      Mlp net(3, hidden, 2, f);
      net.initialize(rng);
      // Nonzero biases: with zero biases a sample that is dead in one relu layer has a pre-activation of exactly 0
      // in the next, right on the kink, where a central difference sees half a slope at every step size.
      for (int l = 1; l <= net.layerCount(); ++l) {
        for (auto& b : net.bias(net.parameters(), l)) b = static_cast<float>(rng.normal(0.0, 0.3));
      }
      const Matrix x = randomMatrix(3, 9, rng);
      const Matrix projection = randomMatrix(2, 9, rng);
      MlpWorkspace ws;
      auto loss = [&] { return net.forward(x, ws).cwiseProduct(projection).cast<double>().sum(); };
      // Smooth activations: h = 1e-2 keeps the O(h²) truncation near 1e-4 while float32 rounding (1e-7 relative
      // on each output, divided by h) stays below 1e-5. Piecewise-linear ones have no truncation error at all.
      const bool linearPieces = isPiecewiseLinear(f);
      const double h = linearPieces ? 1e-3 : 1e-2;

      net.forward(x, ws);
      Vector grad = Vector::Zero(net.parameterCount());
      Matrix inputGrad;
      net.backward(ws, projection, &grad, &inputGrad);
      double kinks = 0.0;
      CHECK(ganscope::testing::checkGradient(grad.cast<double>(), loss, net.parameters(), h, linearPieces, &kinks) <
            kGradTolerance);
      CHECK(kinks < 0.05);

      Vector flatX = Eigen::Map<const Vector>(x.data(), x.size());
      auto lossOfInput = [&] {
        const Matrix xi = Eigen::Map<Matrix>(flatX.data(), 3, 9);
        return net.forward(xi, ws).cwiseProduct(projection).cast<double>().sum();
      };
      const Vector analyticInput = Eigen::Map<const Vector>(inputGrad.data(), inputGrad.size());
      CHECK(ganscope::testing::checkGradient(analyticInput.cast<double>(), lossOfInput, flatX, h, linearPieces,
                                             &kinks) < kGradTolerance);
      CHECK(kinks < 0.05);
    }
  }
}

TEST_CASE("mlp: backward accumulates into the gradient and skips what is not asked for") {
  Rng rng(3);
  Mlp net(2, {4}, 1, Activation::Tanh);
  net.initialize(rng);
  const Matrix x = randomMatrix(2, 5, rng);
  MlpWorkspace ws;
  net.forward(x, ws);
  const Matrix ones = Matrix::Ones(1, 5);
  Vector once = Vector::Zero(net.parameterCount());
  net.backward(ws, ones, &once, nullptr);
  Vector twice = once;
  net.backward(ws, ones, &twice, nullptr);
  CHECK((twice - 2 * once).norm() < 1e-6f * once.norm());
  Matrix inputGrad;
  net.backward(ws, ones, nullptr, &inputGrad);
  CHECK(inputGrad.rows() == 2);
  CHECK(inputGrad.cols() == 5);
}

TEST_CASE("mlp: a network without hidden layers is the linear model W x + b") {
  Mlp net(2, {}, 1, Activation::Relu);
  net.parameters() << 2.0f, -3.0f, 0.5f;  // W = [2 -3], b = 0.5
  Matrix x(2, 2);
  x << 1.0f, 0.0f, 1.0f, 2.0f;
  MlpWorkspace ws;
  const Matrix& y = net.forward(x, ws);
  CHECK(y(0, 0) == doctest::Approx(2 - 3 + 0.5));
  CHECK(y(0, 1) == doctest::Approx(0 - 6 + 0.5));
}

TEST_CASE("input gradients: ∇ₓD matches central differences of D in x") {
  for (Activation f : kAllActivations) {
    CAPTURE(activationName(f));
    Rng rng(5);
    Mlp net(2, {7, 5}, 1, f);
    net.initialize(rng);
    const Matrix x = randomMatrix(2, 6, rng);
    InputGradientWorkspace ws;
    computeInputGradients(net, x, ws);
    MlpWorkspace plain;
    for (int i = 0; i < 6; ++i) {
      for (int k = 0; k < 2; ++k) {
        Matrix up = x.col(i), down = x.col(i);
        up(k, 0) += 1e-3f;
        down(k, 0) -= 1e-3f;
        const double numeric = (net.forward(up, plain)(0, 0) - net.forward(down, plain)(0, 0)) / 2e-3;
        CHECK(ws.inputGrad(k, i) == doctest::Approx(numeric).epsilon(5e-3).scale(1.0));
      }
    }
  }
}

TEST_CASE("penalties: the double-backprop weight gradient of R1 and WGAN-GP matches central differences") {
  for (Activation f : kAllActivations) {
    for (const auto& hidden : {std::vector<int>{}, std::vector<int>{6}, std::vector<int>{5, 4}}) {
      for (PenaltyShape shape : {PenaltyShape::ZeroCentered, PenaltyShape::OneCentered}) {
        CAPTURE(activationName(f));
        CAPTURE(hidden.size());
        CAPTURE(static_cast<int>(shape));
        Rng rng(17);
        Mlp net(2, hidden, 1, f);
        net.initialize(rng);
        const Matrix x = randomMatrix(2, 8, rng);
        InputGradientWorkspace ws;
        Vector grad = Vector::Zero(net.parameterCount());
        const double value = applyGradientPenalty(net, x, shape, 0.7, ws, grad);
        Vector scratch = Vector::Zero(net.parameterCount());
        auto penalty = [&] { return applyGradientPenalty(net, x, shape, 0.7, ws, scratch); };
        CHECK(value == doctest::Approx(penalty()));
        const Eigen::VectorXd numeric = numericGradient(penalty, net.parameters());
        CHECK(numeric.norm() > 1e-4);  // the check is not vacuous
        CHECK(relativeError(grad.cast<double>(), numeric) < 5e-3);
      }
    }
  }
}

TEST_CASE("penalties: R1 of a linear critic D(x) = w·x + b is scale·‖w‖², WGAN-GP is λ(‖w‖ − 1)²") {
  Mlp net(2, {}, 1, Activation::Relu);
  net.parameters() << 3.0f, 4.0f, 1.0f;  // ‖w‖ = 5
  Rng rng(1);
  const Matrix x = randomMatrix(2, 10, rng);
  InputGradientWorkspace ws;
  Vector grad = Vector::Zero(3);
  CHECK(applyGradientPenalty(net, x, PenaltyShape::ZeroCentered, 0.5, ws, grad) == doctest::Approx(12.5));
  CHECK(grad[0] == doctest::Approx(3.0));  // d/dw (0.5‖w‖²) = w
  CHECK(grad[1] == doctest::Approx(4.0));
  CHECK(grad[2] == doctest::Approx(0.0));
  grad.setZero();
  CHECK(applyGradientPenalty(net, x, PenaltyShape::OneCentered, 2.0, ws, grad) == doctest::Approx(32.0));
  CHECK(grad[0] == doctest::Approx(2.0 * 2.0 * 4.0 * 3.0 / 5.0));  // λ·2(‖w‖−1)·w/‖w‖
}

TEST_CASE("losses: every loss's gradient matches central differences in the logits") {
  for (LossKind loss : {LossKind::Minimax, LossKind::NonSaturating, LossKind::Wgan, LossKind::WganGp,
                        LossKind::Lsgan, LossKind::Hinge}) {
    CAPTURE(lossName(loss));
    Rng rng(23);
    RowVector real(6), fake(5);
    for (auto& v : real) v = static_cast<float>(rng.normal(0.3, 1.5));
    for (auto& v : fake) v = static_cast<float>(rng.normal(-0.2, 1.5));
    RowVector gradReal(6), gradFake(5), scratchReal(6), scratchFake(5);
    discriminatorLoss(loss, real, fake, gradReal, gradFake);
    Vector both(11);
    both << real.transpose(), fake.transpose();
    auto dLoss = [&] {
      return discriminatorLoss(loss, both.head(6).transpose(), both.tail(5).transpose(), scratchReal, scratchFake);
    };
    Vector analytic(11);
    analytic << gradReal.transpose(), gradFake.transpose();
    CHECK(relativeError(analytic.cast<double>(), numericGradient(dLoss, both)) < 1e-3);

    RowVector gGrad(5);
    generatorLoss(loss, fake, gGrad);
    Vector fakeFlat = fake.transpose();
    auto gLoss = [&] { return generatorLoss(loss, fakeFlat.transpose(), scratchFake); };
    CHECK(relativeError(gGrad.transpose().cast<double>(), numericGradient(gLoss, fakeFlat)) < 1e-3);
  }
}

TEST_CASE("losses: values at hand-computed points") {
  RowVector zero = RowVector::Zero(4), gr(4), gf(4);
  // Minimax at D = 1/2 everywhere: L_D = 2 log 2 (the optimum's value −log 4 is −L_D), L_G = −log 2.
  CHECK(discriminatorLoss(LossKind::Minimax, zero, zero, gr, gf) == doctest::Approx(2 * std::log(2.0)));
  CHECK(generatorLoss(LossKind::Minimax, zero, gf) == doctest::Approx(-std::log(2.0)));
  CHECK(generatorLoss(LossKind::NonSaturating, zero, gf) == doctest::Approx(std::log(2.0)));
  RowVector two = RowVector::Constant(4, 2.0f), minusHalf = RowVector::Constant(4, -0.5f);
  CHECK(discriminatorLoss(LossKind::Wgan, two, minusHalf, gr, gf) == doctest::Approx(-2.5));
  CHECK(discriminatorLoss(LossKind::Lsgan, two, minusHalf, gr, gf) == doctest::Approx(1.0 + 0.25));
  CHECK(generatorLoss(LossKind::Lsgan, minusHalf, gf) == doctest::Approx(2.25));
  CHECK(discriminatorLoss(LossKind::Hinge, two, minusHalf, gr, gf) == doctest::Approx(0.0 + 0.5));
  // Saturation: a confident D (d_f = −10) leaves the minimax generator almost no gradient, NS a full one.
  RowVector confident = RowVector::Constant(4, -10.0f);
  generatorLoss(LossKind::Minimax, confident, gf);
  CHECK(std::abs(gf[0]) < 1e-4f);
  generatorLoss(LossKind::NonSaturating, confident, gf);
  CHECK(gf[0] == doctest::Approx(-0.25).epsilon(1e-4));
  // Softplus is stable far out.
  CHECK(softplus(1000.0) == doctest::Approx(1000.0));
  CHECK(softplus(-1000.0) == 0.0);
}

TEST_CASE("optimizers: one step of each rule against the formula computed by hand") {
  Vector grad(2);
  grad << 0.5f, -2.0f;
  OptimizerConfig config;
  config.lr = 0.1;

  SUBCASE("sgd") {
    config.kind = OptimizerKind::Sgd;
    Vector p = Vector::Ones(2);
    Optimizer opt(2);
    opt.step(p, grad, config);
    CHECK(p[0] == doctest::Approx(0.95));
    CHECK(p[1] == doctest::Approx(1.2));
  }
  SUBCASE("momentum: the second step carries μ times the first") {
    config.kind = OptimizerKind::Momentum;
    config.momentum = 0.9;
    Vector p = Vector::Zero(2);
    Optimizer opt(2);
    opt.step(p, grad, config);
    opt.step(p, grad, config);
    // v1 = g, v2 = 0.9 g + g = 1.9 g; p = −0.1 (g + 1.9 g) = −0.29 g
    CHECK(p[0] == doctest::Approx(-0.29 * 0.5));
    CHECK(p[1] == doctest::Approx(0.58));
  }
  SUBCASE("adam: the bias-corrected first step is lr·sign(g)") {
    config.kind = OptimizerKind::Adam;
    config.beta1 = 0.5;
    config.beta2 = 0.999;
    config.eps = 0.0;
    Vector p = Vector::Zero(2);
    Optimizer opt(2);
    opt.step(p, grad, config);
    CHECK(p[0] == doctest::Approx(-0.1));
    CHECK(p[1] == doctest::Approx(0.1));
    // Second step with gradient (1, 1): m = 0.5·m1 + 0.5·g, v = 0.999 v1 + 0.001 g², corrected by 1−β^2.
    Vector g2 = Vector::Ones(2);
    opt.step(p, g2, config);
    const double m = (0.5 * 0.5 * 0.5 + 0.5 * 1.0) / (1 - 0.25);
    const double v = (0.999 * 0.001 * 0.25 + 0.001 * 1.0) / (1 - 0.999 * 0.999);
    CHECK(p[0] == doctest::Approx(-0.1 - 0.1 * m / std::sqrt(v)));
    CHECK(opt.adamSteps() == 2);
  }
  SUBCASE("rmsprop") {
    config.kind = OptimizerKind::RmsProp;
    config.rho = 0.9;
    config.eps = 0.0;
    Vector p = Vector::Zero(2);
    Optimizer opt(2);
    opt.step(p, grad, config);
    // s = 0.1 g², step = lr·g/√(0.1 g²) = lr·sign(g)/√0.1
    CHECK(p[0] == doctest::Approx(-0.1 / std::sqrt(0.1)));
    CHECK(p[1] == doctest::Approx(0.1 / std::sqrt(0.1)));
  }
  SUBCASE("changing the learning rate keeps Adam's moments") {
    config.kind = OptimizerKind::Adam;
    Vector p = Vector::Zero(2), q = Vector::Zero(2);
    Optimizer a(2), b(2);
    a.step(p, grad, config);
    b.step(q, grad, config);
    config.lr = 0.01;
    a.step(p, grad, config);
    Optimizer fresh(2);
    Vector r = q;
    fresh.step(r, grad, config);  // a fresh optimizer would take a different (uncorrected-history) step
    b.step(q, grad, config);
    CHECK((p - q).norm() == doctest::Approx(0.0));
    CHECK(a.adamSteps() == 2);
  }
}

// The derivative of one optimizer step with respect to its gradient (what unrolled GAN steps differentiate
// through), against central differences of the step, for every rule, from a state with history.
TEST_CASE("optimizer: lastStepGain is the derivative of the last step with respect to its gradient") {
  for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam, OptimizerKind::RmsProp}) {
    CAPTURE(static_cast<int>(kind));
    OptimizerConfig config;
    config.kind = kind;
    config.lr = 0.01;
    Rng rng(4);
    Optimizer history(6);
    Vector params = Vector::Zero(6), grad(6);
    for (int step = 0; step < 3; ++step) {
      for (Eigen::Index i = 0; i < 6; ++i) grad[i] = static_cast<float>(rng.normal());
      history.step(params, grad, config);
    }
    for (Eigen::Index i = 0; i < 6; ++i) grad[i] = static_cast<float>(rng.normal());
    // The step's displacement as a function of the gradient's i-th entry, from the same state each time.
    auto displacement = [&](Eigen::Index i, float gi) {
      Optimizer o = history;
      Vector p = Vector::Zero(6), g = grad;
      g[i] = gi;
      o.step(p, g, config);
      return -static_cast<double>(p[i]);
    };
    Optimizer after = history;
    Vector p = Vector::Zero(6);
    after.step(p, grad, config);
    Vector gain;
    after.lastStepGain(config, grad, gain);
    for (Eigen::Index i = 0; i < 6; ++i) {
      CAPTURE(i);
      const float h = 1e-2f;
      const double numeric = (displacement(i, grad[i] + h) - displacement(i, grad[i] - h)) / (2.0 * h);
      CHECK(gain[i] == doctest::Approx(numeric).epsilon(2e-2));
    }
  }
}
