// The conditional GAN (Mirza & Osindero 2014): the config key, classes in the data, the one-hot plumbing,
// exact gradients (penalties on ∇ₓD only), the class accuracy metric, its CSV column and sessions.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/views/drawing_canvas.h"
#include "core/data/distribution.h"
#include "core/data/gaussian_mixture.h"
#include "core/data/point_cloud.h"
#include "core/gan/conditioning.h"
#include "core/gan/config_json.h"
#include "core/gan/penalty.h"
#include "core/gan/trainer.h"
#include "core/metrics/class_accuracy.h"
#include "core/runtime/session.h"
#include "tests/replayed_loss.h"
#include "tests/gradient_check.h"
#include "tests/small_ring_config.h"

using namespace ganscope;
using ganscope::testing::replayedGradientError;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string allProblems(const Config& c) {
  std::string text;
  for (const std::string& problem : validate(c)) text += problem + "\n";
  return text;
}

// The small ring, conditional, with smooth networks and batch 8 (central differences need a smooth loss).
Config smoothConditional() {
  Config c = ganscope::testing::smallRingConfig(11);
  c.conditional = true;
  c.discriminator.activation = Activation::Tanh;
  c.generator.activation = Activation::Tanh;
  c.batch = 8;
  return c;
}

// Drawn 2D points in three classes (two points each).
Config drawnClassesConfig() {
  Config c = ganscope::testing::smallRingConfig(5);
  c.data = dataDefaults(DataKind::Points);
  c.data.points = {0.0, 0.0, 0.1, 0.0, 2.0, 2.0, 2.1, 2.0, -2.0, 2.0, -2.1, 2.0};
  c.data.pointClasses = {0, 0, 1, 1, 2, 2};
  c.conditional = true;
  return c;
}


std::filesystem::path tempPath(const std::string& name) {
  const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
  return std::filesystem::temp_directory_path() /
         ("ganscope_conditional_" + std::to_string(ticks) + "_" + name);
}

}  // namespace

// [SECTION] The config

TEST_CASE("conditional: validate refuses data without classes, too many classes and unroll, naming the key") {
  Config c;
  c.conditional = true;
  CHECK(validate(c).empty());  // the ring of 8: the class is the mode index
  for (DataKind kind : {DataKind::Grid, DataKind::Mixture1d}) {
    Config k = c;
    k.data = dataDefaults(kind);
    CHECK(validate(k).empty());
  }
  Config moons = c;
  moons.data = dataDefaults(DataKind::Moons);
  const std::vector<std::string> problems = validate(moons);
  REQUIRE(problems.size() == 1);
  CHECK(has(problems.front(), "conditional"));
  CHECK(has(problems.front(), "moons"));
  CHECK(has(problems.front(), "ring, grid or mixture1d"));

  Config dirac = c;
  dirac.data.kind = DataKind::Dirac;
  CHECK(has(allProblems(dirac), "conditional: true needs data with classes"));

  Config bigRing = c;
  bigRing.data.modes = 26;
  CHECK(has(allProblems(bigRing), "conditional: true takes at most 25 classes (got ring with 26)"));
  Config bigGrid = c;
  bigGrid.data = dataDefaults(DataKind::Grid);
  bigGrid.data.modes = 6;
  CHECK(has(allProblems(bigGrid), "at most 25 classes (got grid with 36)"));

  Config unrolled = c;
  unrolled.unroll = 5;
  CHECK(has(allProblems(unrolled), "conditional: true is not available with unroll"));

  Config unlabelled = drawnClassesConfig();
  unlabelled.data.pointClasses.clear();
  CHECK(has(allProblems(unlabelled), "conditional: true needs points with classes"));
  unlabelled.conditional = false;
  CHECK(validate(unlabelled).empty());
  CHECK(validate(drawnClassesConfig()).empty());
}

TEST_CASE("conditional: the key reads from JSON and --set, and data.point_classes is checked") {
  Config c;
  applySetting(c, "conditional=true");
  CHECK(c.conditional);
  CHECK(configFromJson(toJson(c)).conditional);
  CHECK_FALSE(Config{}.conditional);
  CHECK_THROWS_WITH_AS(applySetting(c, "conditional=3"), doctest::Contains("conditional"), ConfigError);

  Config drawn = drawnClassesConfig();
  drawn.data.pointClasses.pop_back();
  CHECK(has(allProblems(drawn), "data.point_classes must hold one class for each drawn sample (6 samples)"));
  drawn = drawnClassesConfig();
  drawn.data.pointClasses = {0, 0, 2, 2, 2, 2};
  CHECK(has(allProblems(drawn), "data.point_classes must use every class from 0 to its largest, 2"));
  drawn = drawnClassesConfig();
  drawn.data.pointClasses[0] = 25;
  CHECK(has(allProblems(drawn), "data.point_classes[0]: must be an integer from 0 to 24 (got 25)"));
  drawn = drawnClassesConfig();
  drawn.data.points.clear();
  drawn.data.file = "elsewhere.csv";
  CHECK(has(allProblems(drawn), "data.point_classes must be empty unless data.points holds drawn samples"));
}

TEST_CASE("conditional: switching it, or changing the class count, rebuilds the networks") {
  Config before;
  Config after = before;
  after.conditional = true;
  CHECK(needsRebuild(before, after));
  CHECK(needsRebuild(after, before));
  Config sixModes = after;
  sixModes.data.modes = 6;
  CHECK(needsRebuild(after, sixModes));  // the one-hot block narrows from 8 to 6
  Config wider = after;
  wider.data.radius = 3.0;
  CHECK_FALSE(needsRebuild(after, wider));  // same classes: the networks train on
  Config plainSix = before;
  plainSix.data.modes = 6;
  CHECK_FALSE(needsRebuild(before, plainSix));  // unconditional, as before
  Config moreClasses = drawnClassesConfig();
  moreClasses.data.points.insert(moreClasses.data.points.end(), {4.0, 4.0});
  moreClasses.data.pointClasses.push_back(3);
  CHECK(needsRebuild(drawnClassesConfig(), moreClasses));
}

// [SECTION] Classes in the data

TEST_CASE(
    "conditional: mixtures sample with their mode index as the class, and classOf finds the nearest mode") {
  const GaussianMixture ring = GaussianMixture::ring(8, 2.0, 0.02);
  CHECK(ring.classCount() == 8);
  Rng a(3), b(3);
  Matrix plain(2, 500), labelled(2, 500);
  std::vector<int> classes(500);
  ring.sample(a, plain);
  ring.sampleWithClasses(b, labelled, classes);
  CHECK(plain == labelled);  // the same draws as sample()
  const ModeSet modes = *ring.modes();
  std::vector<int> seen(8, 0);
  for (int i = 0; i < 500; ++i) {
    const int k = classes[static_cast<std::size_t>(i)];
    ++seen[static_cast<std::size_t>(k)];
    CHECK((labelled.col(i) - modes.centres.col(k)).norm() < 0.2f);
    CHECK(ring.classOf(labelled.col(i).data()) == k);
  }
  for (int n : seen) CHECK(n > 30);  // a uniform prior: about 62 each
  std::vector<int> prior(4000);
  ring.sampleClasses(a, prior);
  std::vector<int> counts(8, 0);
  for (int k : prior) ++counts[static_cast<std::size_t>(k)];
  for (int n : counts) CHECK(std::abs(n - 500) < 100);

  const GaussianMixture weighted = GaussianMixture::mixture1d({-2.0, 2.0}, {0.5, 0.5}, {0.9, 0.1});
  weighted.sampleClasses(a, prior);
  int first = 0;
  for (int k : prior) first += k == 0;
  CHECK(std::abs(first - 3600) < 150);  // the prior is the mixture's weights
  const auto moons = makeDistribution(dataDefaults(DataKind::Moons));
  CHECK(moons->classCount() == 0);
  CHECK_THROWS_AS(moons->sampleClasses(a, prior), std::logic_error);
}

TEST_CASE("conditional: a points file's class column, named in its header") {
  const PointsCsv two = parseLabelledPointsCsv("x,y,Class\n0,0,0\n1,1,1\n2,2, 1\n", "p.csv");
  REQUIRE(two.points.rows() == 2);
  REQUIRE(two.points.cols() == 3);
  CHECK(two.classes == std::vector<int>{0, 1, 1});
  CHECK(two.points(1, 2) == 2.0f);
  const PointsCsv one = parseLabelledPointsCsv("value,class\n-1,1\n3,0\n", "q.csv");
  CHECK(one.points.rows() == 1);
  CHECK(one.classes == std::vector<int>{1, 0});
  CHECK(parseLabelledPointsCsv("1,2\n3,4\n", "r.csv")
            .classes.empty());  // no header: two columns are 2D, as before
  CHECK(parsePointsCsv("x,class\n5,0\n", "s.csv").rows() == 1);

  struct Bad {
    const char* content;
    const char* expected;
  };
  const Bad cases[] = {
      {"x,y,class\n1,2,2.5\n",
       "data.file 'b.csv' line 2: '2.5' is not a class; expected a class from 0 to 24"},
      {"x,y,class\n1,2,25\n", "line 2: '25' is not a class"},
      {"x,y,class\n1,2,-1\n", "line 2: '-1' is not a class"},
      {"x,y,class\n1,2,\n", "line 2: the class is empty"},
      {"x,class\n1,0\n2,2\n", "has classes up to 2 but no point of class 1"},
      {"a,b,c,class\n", "line 1: 4 values, more than two columns and the class column"},
      {"class\n1\n", "line 1: a class column needs one or two columns of numbers before it"},
      {"1,2,3\n",
       "line 1: 3 values, more than two columns (a class column needs a header naming it: x,y,class)"},
      {"x,y,class\n1,2\n", "line 2: 2 values, but line 1 has 3"},
  };
  for (const Bad& bad : cases) {
    CAPTURE(bad.content);
    std::string message;
    try {
      (void)parseLabelledPointsCsv(bad.content, "b.csv");
    } catch (const std::invalid_argument& e) {
      message = e.what();
    }
    CAPTURE(message);
    CHECK(has(message, bad.expected));
  }

  const auto file = tempPath("classes.csv");
  std::ofstream(file) << "x,y,class\n0,0,0\n3,0,1\n0,3,2\n";
  DataConfig data = dataDefaults(DataKind::Points);
  data.file = file.string();
  const auto cloud = makeDistribution(data);
  CHECK(cloud->classCount() == 3);
  const float near[] = {2.6f, 0.2f};
  CHECK(cloud->classOf(near) == 1);
  Config c;
  c.data = data;
  c.conditional = true;
  CHECK(validate(c).empty());
  Trainer t(c);
  CHECK(t.classCount() == 3);
  t.train(5);
  CHECK_FALSE(t.diverged());
  std::filesystem::remove(file);
}

// [SECTION] The networks and their exact gradients

TEST_CASE("conditional: G reads [z; onehot(y)] and D [x; onehot(y)] per sample, packs of such samples") {
  Config c = ganscope::testing::smallRingConfig(3);
  c.conditional = true;
  c.latent.dim = 4;
  c.pack = 3;
  Trainer t(c);
  CHECK(t.classCount() == 8);
  CHECK(t.generator().inputDim() == 4 + 8);
  CHECK(t.discriminator().inputDim() == 3 * (2 + 8));
  CHECK(t.metricsLatent().rows() == 12);
  CHECK(t.discriminatorForView().inputDim() == 2);
  CHECK(t.conditionalDiscriminatorForView().inputDim() == 10);
  // The metrics' labels: every class in turn, written as the latent batch's one-hot rows.
  const std::vector<int>& labels = t.metricsLabels();
  REQUIRE(std::ssize(labels) == t.metricsLatent().cols());
  for (Eigen::Index i = 0; i < t.metricsLatent().cols(); ++i) {
    CHECK(labels[static_cast<std::size_t>(i)] == i % 8);
    CHECK(t.metricsLatent()(4 + labels[static_cast<std::size_t>(i)], i) == 1.0f);
    CHECK(t.metricsLatent().col(i).tail(8).sum() == 1.0f);
  }
  Trainer plain(ganscope::testing::smallRingConfig(3));
  CHECK(plain.classCount() == 0);
  CHECK(plain.metricsLabels().empty());
  CHECK(std::isnan(plain.history().back().classAccuracy));
  CHECK_FALSE(std::isnan(t.history().back().classAccuracy));
}

TEST_CASE("conditional: a class folded into the first layer's bias is the network on [u; onehot(k)]") {
  Rng rng(4);
  Mlp net(2 + 5, {6, 4}, 1, Activation::Tanh);
  net.initialize(rng);
  Matrix x(2, 7);
  sampleLatent(LatentDistribution::Gaussian, rng, x);
  MlpWorkspace a, b;
  for (int k = 0; k < 5; ++k) {
    CAPTURE(k);
    Matrix full = Matrix::Zero(7, 7);
    full.topRows(2) = x;
    full.row(2 + k).setOnes();
    const Mlp folded = classConditionedNetwork(net, 2, k);
    CHECK(folded.inputDim() == 2);
    const Matrix expected = net.forward(full, a);
    const Matrix got = folded.forward(x, b);
    CHECK((expected - got).cwiseAbs().maxCoeff() < 1e-5f);
  }
  CHECK_THROWS_AS(classConditionedNetwork(net, 2, 5), std::invalid_argument);
}

// Central differences of L_G and of L_D (penalties included) against the trainer's gradients, conditional,
// with GP, R1, R2, pack and instance noise: the one-hot plumbing and the data-rows-only penalties are exact.
TEST_CASE("conditional: both players' gradients equal central differences, penalties and packs included") {
  for (int variant = 0; variant < 6; ++variant) {
    Config c = smoothConditional();
    if (variant == 1) c.penalty.r1 = 3.0;
    if (variant == 2) c.penalty.r2 = 2.0;
    if (variant == 3) c.loss = LossKind::WganGp, c.penalty.gp = 1.0;
    if (variant == 4) c.pack = 3, c.penalty.r1 = 1.0, c.instanceNoise = 0.2;
    if (variant == 5) c.pack = 2, c.loss = LossKind::WganGp, c.penalty.gp = 1.0, c.spectralNorm = true;
    CAPTURE(variant);
    Trainer trainer(c);
    trainer.train(10);
    const TrainerState state = trainer.saveState();
    for (bool generator : {false, true}) {
      CAPTURE(generator);
      double penalty = 0.0;
      CHECK(replayedGradientError(c, state, generator, &penalty) < 5e-3);
      if (!generator && variant > 0) CHECK(penalty > 0.0);
    }
  }
}

// The penalty's norm covers ∇ₓD on the data rows of each sample (of each pack), never the one-hot rows: its
// value equals (γ/2)·mean ‖∂D/∂x‖² with ∂D/∂x by central differences in the data coordinates alone.
TEST_CASE("conditional: R1 and WGAN-GP take the norm of the gradient on the data rows only") {
  Rng rng(9);
  const int dim = 2, classes = 3, pack = 2, rows = dim + classes, n = 4;
  Mlp d(rows * pack, {8, 8}, 1, Activation::Tanh);
  d.initialize(rng);
  Matrix x(rows * pack, n);
  sampleLatent(LatentDistribution::Gaussian, rng, x);
  for (int j = 0; j < n; ++j) {
    for (int s = 0; s < pack; ++s) {
      x.block(s * rows + dim, j, classes, 1).setZero();
      x(s * rows + dim + (j + s) % classes, j) = 1.0f;
    }
  }
  // ‖∂D/∂x‖² and ‖∂D/∂x‖ per column by central differences over the data rows, in double.
  std::vector<double> squared(n, 0.0);
  MlpWorkspace ws;
  for (int j = 0; j < n; ++j) {
    for (int s = 0; s < pack; ++s) {
      for (int i = 0; i < dim; ++i) {
        Matrix up = x.col(j), down = x.col(j);
        const float h = 1e-2f;
        up(s * rows + i, 0) += h;
        down(s * rows + i, 0) -= h;
        const double g =
            (static_cast<double>(d.forward(up, ws)(0, 0)) - d.forward(down, ws)(0, 0)) / (2.0 * h);
        squared[static_cast<std::size_t>(j)] += g * g;
      }
    }
  }
  double r1 = 0.0, gp = 0.0;
  for (double v : squared) r1 += v / n, gp += (std::sqrt(v) - 1.0) * (std::sqrt(v) - 1.0) / n;
  InputGradientWorkspace pws;
  Vector grad = Vector::Zero(d.parameterCount());
  const double gotR1 = applyGradientPenalty(d, x, PenaltyShape::ZeroCentered, 1.0, pws, grad, {rows, dim});
  const double gotGp = applyGradientPenalty(d, x, PenaltyShape::OneCentered, 1.0, pws, grad, {rows, dim});
  CHECK(gotR1 == doctest::Approx(r1).epsilon(2e-3));
  CHECK(gotGp == doctest::Approx(gp).epsilon(2e-3));
  // Over every row (the unconditional penalty) the one-hot's gradient would count too: a different number.
  const double allRows = applyGradientPenalty(d, x, PenaltyShape::ZeroCentered, 1.0, pws, grad);
  CHECK(allRows > gotR1 * 1.01);
}

// [SECTION] Metrics, CSV, sessions

TEST_CASE(
    "conditional: class accuracy is the mean over classes of the share of samples landing in their class") {
  const GaussianMixture ring = GaussianMixture::ring(4, 2.0, 0.02);
  const ModeSet modes = *ring.modes();
  Matrix samples(2, 8);
  const std::vector<int> labels = balancedLabels(8, 4);
  for (int i = 0; i < 8; ++i) samples.col(i) = modes.centres.col(labels[static_cast<std::size_t>(i)]);
  CHECK(measureClassAccuracy(samples, labels, ring).mean == 1.0);
  samples.col(1) = modes.centres.col(2);                // one of class 1's two samples lands on mode 2
  samples.col(4) = Vector::Constant(2, std::nanf(""));  // a diverged sample is wrong
  const ClassAccuracy accuracy = measureClassAccuracy(samples, labels, ring);
  CHECK(accuracy.perClass == std::vector<double>{0.5, 0.5, 1.0, 1.0});
  CHECK(accuracy.mean == 0.75);
}

TEST_CASE("conditional: the metrics CSV gains class_accuracy for conditional runs only") {
  MetricsRow row;
  row.classAccuracy = 0.875;
  CHECK(metricsCsvHeader(false).find("class_accuracy") == std::string::npos);
  CHECK(metricsCsvHeader(false, true).ends_with(",off_data,class_accuracy"));
  CHECK(metricsCsvLine(row, false, true).ends_with(",0.875"));
  CHECK(metricsCsvLine(row, false) == metricsCsvLine(MetricsRow{}, false));
}

TEST_CASE(
    "conditional: a saved session restores a conditional run, class accuracy and all, and continues it") {
  Config c = ganscope::testing::smallRingConfig(2);
  c.conditional = true;
  c.pack = 2;
  Trainer t(c);
  t.train(120);
  Session session;
  session.state = t.saveState();
  const auto file = tempPath("run.session");
  saveSession(file, session);
  const Session loaded = loadSession(file);
  std::filesystem::remove(file);
  REQUIRE(loaded.state.history.size() == t.history().size());
  for (std::size_t i = 0; i < t.history().size(); ++i) {
    CHECK(loaded.state.history[i].classAccuracy == t.history()[i].classAccuracy);
  }
  Trainer revived(loaded.state.config);
  revived.restoreState(loaded.state);
  t.train(30);
  revived.train(30);
  CHECK(revived.generator().parameters() == t.generator().parameters());
  CHECK(revived.discriminator().parameters() == t.discriminator().parameters());
}

TEST_CASE("conditional: drawn points with classes train, and a run is the same bit for bit from its seed") {
  const Config c = drawnClassesConfig();
  Trainer a(c), b(c);
  a.train(60);
  b.train(60);
  CHECK_FALSE(a.diverged());
  CHECK(a.classCount() == 3);
  CHECK(a.generator().parameters() == b.generator().parameters());
  CHECK(a.history().back().classAccuracy == b.history().back().classAccuracy);
  Config simultaneous = smoothConditional();
  simultaneous.update = UpdateOrder::Simultaneous;
  Trainer s(simultaneous);
  s.train(20);
  CHECK_FALSE(s.diverged());
}

TEST_CASE(
    "conditional: a drawing applied to a conditional run is refused with a message naming what is missing") {
  // The window's drawing assigns no classes: a conditional ring turned into a drawing, or a drawing with
  // classes given one more sample, does not validate, and the message says why (DrawingPanel shows it).
  Config ring;
  ring.conditional = true;
  DrawingCanvas canvas(2);
  canvas.paint(0.0, 0.0, 0.5, 10);
  Config drawn = ring;
  drawn.data = canvas.applyTo(ring.data);
  CHECK(has(allProblems(drawn), "conditional: true needs points with classes"));
  const Config labelled = drawnClassesConfig();
  DrawingCanvas more(2);
  REQUIRE(more.load(labelled.data));
  more.paint(1.0, 1.0, 0.2, 1);
  Config grown = labelled;
  grown.data = more.applyTo(labelled.data);
  CHECK(has(allProblems(grown), "data.point_classes must hold one class for each drawn sample (7 samples)"));
}
