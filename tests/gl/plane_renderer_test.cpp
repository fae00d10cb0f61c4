// The plane's picture drawn in two halves over two frames (software rasterizers) is the picture drawn at once,
// and the last whole picture stays shown while the next one is half drawn.
#include "app/views/plane_renderer.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "tests/gl/hidden_context.h"

using namespace ganscope;
using ganscope::testing::HiddenContext;

namespace {

// A scene with every layer: a field with its 0.5 level across the view, samples, a warped grid and arrows.
PlaneScene fullScene(float shift) {
  PlaneScene scene;
  scene.view = {-2.0, 2.0, -2.0, 2.0};
  scene.fieldWidth = scene.fieldHeight = 32;
  for (int row = 0; row < 32; ++row)
    for (int col = 0; col < 32; ++col)
      scene.field.push_back(1.0f / (1.0f + std::exp(-(col - 16 + shift) / 4.0f)));
  for (int i = 0; i < 200; ++i) {
    const float angle = 0.0314f * static_cast<float>(i);
    scene.real.push_back({1.5f * std::cos(angle), 1.5f * std::sin(angle)});
    scene.fake.push_back({0.5f * std::cos(angle) + shift * 0.1f, 0.5f * std::sin(angle)});
  }
  scene.manifoldColumns = scene.manifoldRows = 5;
  for (int row = 0; row < 5; ++row)
    for (int col = 0; col < 5; ++col)
      scene.manifold.push_back({-1.0f + 0.5f * col + 0.1f * row * shift, -1.0f + 0.5f * row});
  scene.arrowTails = {{0.0f, 0.0f}, {1.0f, -1.0f}};
  scene.arrowHeads = {{0.5f, 0.5f}, {1.5f, -0.5f}};
  scene.fieldRevision = scene.samplesRevision = scene.manifoldRevision = scene.arrowsRevision =
      static_cast<std::uint64_t>(10 + shift);
  return scene;
}

std::vector<std::uint8_t> pixels(const PlaneRenderer& renderer) {
  std::vector<std::uint8_t> rgba;
  renderer.readPixels(rgba);
  return rgba;
}

}  // namespace

TEST_CASE("gl: a picture begun in one frame and finished in the next equals the picture rendered at once") {
  HiddenContext context;
  PlaneRenderer atOnce, inHalves;
  const PlaneScene first = fullScene(0.0f), second = fullScene(3.0f);
  constexpr int kWidth = 160, kHeight = 120;

  atOnce.render(first, kWidth, kHeight);
  inHalves.render(first, kWidth, kHeight);
  const std::vector<std::uint8_t> firstPicture = pixels(atOnce);
  REQUIRE(firstPicture.size() == static_cast<std::size_t>(kWidth * kHeight * 4));
  CHECK(pixels(inHalves) == firstPicture);

  atOnce.render(second, kWidth, kHeight);
  const std::vector<std::uint8_t> secondPicture = pixels(atOnce);
  REQUIRE(secondPicture != firstPicture);  // the scenes differ, so the comparisons below can tell them apart

  inHalves.beginPicture(second, kWidth, kHeight);
  CHECK(inHalves.picturePending());
  CHECK(pixels(inHalves) == firstPicture);  // half drawn: the last whole picture is what is shown
  inHalves.finishPicture(second);
  CHECK_FALSE(inHalves.picturePending());
  CHECK(pixels(inHalves) == secondPicture);

  inHalves.finishPicture(second);  // nothing pending: nothing changes
  CHECK(pixels(inHalves) == secondPicture);
}
