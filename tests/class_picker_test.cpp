// The window's side of a conditional run: the class palette and the snapshot the class picker hands the
// views.
#include "app/ui/class_picker.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "app/views/class_palette.h"
#include "app/views/plane_style.h"
#include "core/gan/conditioning.h"
#include "core/gan/trainer.h"
#include "tests/small_ring_config.h"

using namespace ganscope;

namespace {

// A snapshot of a trainer as the training thread publishes one (the fields the picker reads).
std::shared_ptr<const Snapshot> snapshotOf(const Trainer& t) {
  auto s = std::make_shared<Snapshot>();
  s->version = 7;
  s->config = t.config();
  s->generator = std::make_shared<const Mlp>(t.generator());
  s->discriminator = std::make_shared<const Mlp>(t.discriminatorForView());
  s->data = t.sharedData();
  s->latentSamples = std::make_shared<const Matrix>(t.metricsLatent());
  if (t.classCount() > 0) {
    s->conditionalDiscriminator = std::make_shared<const Mlp>(t.conditionalDiscriminatorForView());
    s->latentLabels = std::make_shared<const std::vector<int>>(t.metricsLabels());
  }
  return s;
}

}  // namespace

TEST_CASE("class palette: 25 colours, any two apart in OKLab, consecutive ones apart in lightness") {
  for (int a = 0; a < 25; ++a) {
    const glm::vec3 la = plane_style::srgbToOklab(classColor(a));
    const glm::vec3 next = plane_style::srgbToOklab(classColor((a + 1) % 25));
    CAPTURE(a);
    CHECK(std::abs(la.x - next.x) > 0.15f);  // neighbouring modes read apart in grey
    // Against the light background of the lecture theme: no class colour is as light as it.
    CHECK(plane_style::srgbToOklab(plane_style::kBackground).x - la.x > 0.1f);
    for (int b = a + 1; b < 25; ++b) {
      const glm::vec3 lb = plane_style::srgbToOklab(classColor(b));
      CAPTURE(b);
      CHECK(std::hypot(la.x - lb.x, la.y - lb.y, la.z - lb.z) > 0.08f);
    }
  }
  CHECK(classColor(25) == classColor(0));
}

TEST_CASE(
    "class picker: a class picked folds y = k into G and D, all classes keeps G on the labelled batch") {
  Config c = ganscope::testing::smallRingConfig(4);
  c.conditional = true;
  c.pack = 2;
  Trainer t(c);
  t.train(30);
  const auto source = snapshotOf(t);
  ClassPicker picker;
  const auto all = picker.shown(source);
  CHECK(all->generator == source->generator);  // G itself on [z; onehot(y)]
  CHECK(all->latentSamples == source->latentSamples);
  CHECK(all->discriminator->inputDim() == 2);
  CHECK(picker.shown(source) == all);  // cached
  PlaneLayers layers;
  picker.hidePlaneLayers(*all, layers);
  CHECK_FALSE(layers.real);
  CHECK_FALSE(layers.manifold);

  picker.pick(3);
  const auto three = picker.shown(source);
  CHECK(three->version > all->version);  // a new pick is a new picture, even while paused
  REQUIRE(three->generator->inputDim() == c.latent.dim);
  CHECK(three->latentSamples->rows() == c.latent.dim);
  // G(z | y = 3) on the batch's z equals G on [z; onehot(3)]; D(x | y = 3) equals D on [x; onehot(3)] in a
  // pack of 2.
  Matrix withLabel = *source->latentSamples;
  std::vector<int> threes(static_cast<std::size_t>(withLabel.cols()), 3);
  writeOneHot(withLabel.bottomRows(8), threes);
  MlpWorkspace a, b;
  const Matrix expected = t.generator().forward(withLabel, a);
  CHECK((three->generator->forward(*three->latentSamples, b) - expected).cwiseAbs().maxCoeff() < 1e-5f);
  Matrix x = expected.leftCols(5);
  Matrix packed = Matrix::Zero(2 * 10, 5);
  for (int s = 0; s < 2; ++s) {
    packed.middleRows(s * 10, 2) = x;
    packed.row(s * 10 + 2 + 3).setOnes();
  }
  const Matrix dExpected = t.evaluatedDiscriminator().forward(packed, a);
  CHECK((three->discriminator->forward(x, b) - dExpected).cwiseAbs().maxCoeff() < 1e-4f);
  layers = PlaneLayers{};
  picker.hidePlaneLayers(*three, layers);
  CHECK_FALSE(layers.fake);
  CHECK(layers.manifold);  // one class: its manifold is G(· | y = 3)'s

  Trainer plain(ganscope::testing::smallRingConfig(4));
  const auto unconditional = snapshotOf(plain);
  CHECK(picker.shown(unconditional) == unconditional);
}
