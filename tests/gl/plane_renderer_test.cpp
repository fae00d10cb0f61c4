// The plane's picture drawn in two halves over two frames (software rasterizers) is the picture drawn at once,
// and the last whole picture stays shown while the next one is half drawn.
#include "app/views/plane_renderer.h"

#include <GL/glcorearb.h>
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "app/gl/framebuffer.h"
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

// The window gets the picture by copying its pixels (PlaneRenderer::copyShown): any sub-rectangle lands where it is
// asked to, pixel for pixel, and nothing outside it is touched.
TEST_CASE("gl: copying part of the shown picture puts exactly those pixels at the place asked for") {
  HiddenContext context;
  constexpr int kWidth = 96, kHeight = 80;
  PlaneRenderer renderer;
  renderer.render(fullScene(0.0f), kWidth, kHeight);
  const std::vector<std::uint8_t> picture = pixels(renderer);  // rows from the top

  Framebuffer target;
  target.resize(120, 100);
  target.bind();
  glClearColor(1.0f, 0.0f, 1.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  // The picture's columns [10, 70) and rows [5, 45) counted from the bottom, to (30, 40) in the target.
  renderer.copyShown(10, 5, 70, 45, 30, 40);
  target.resolve();
  std::vector<std::uint8_t> copied;
  target.readPixels(copied);  // rows from the top

  auto at = [](const std::vector<std::uint8_t>& rgba, int width, int height, int x, int yFromBottom) {
    const std::size_t i = (static_cast<std::size_t>(height - 1 - yFromBottom) * width + x) * 4;
    return std::vector<std::uint8_t>(rgba.begin() + static_cast<std::ptrdiff_t>(i),
                                     rgba.begin() + static_cast<std::ptrdiff_t>(i + 3));
  };
  const std::vector<std::uint8_t> magenta = {255, 0, 255};
  int mismatches = 0, outsideTouched = 0;
  for (int y = 0; y < 100; ++y) {
    for (int x = 0; x < 120; ++x) {
      const bool inside = x >= 30 && x < 90 && y >= 40 && y < 80;
      const std::vector<std::uint8_t> got = at(copied, 120, 100, x, y);
      if (inside)
        mismatches += got != at(picture, kWidth, kHeight, x - 30 + 10, y - 40 + 5) ? 1 : 0;
      else
        outsideTouched += got != magenta ? 1 : 0;
    }
  }
  CHECK(mismatches == 0);
  CHECK(outsideTouched == 0);
}
