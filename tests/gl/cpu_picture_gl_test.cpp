// The field a software rasterizer gets from the CPU (FieldPicture, uploaded as the picture's first layer)
// against the one the GPU draws with shaders/field.frag: the same scene through two PlaneRenderers, one of
// each, must give the same pixels to within rounding, away from the D = ½ line, and the line in the same
// place.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "app/views/plane_renderer.h"
#include "app/views/plane_style.h"
#include "tests/gl/hidden_context.h"

using namespace ganscope;
using ganscope::testing::HiddenContext;

namespace {

// A field with a curved D = ½ boundary, steep and shallow stretches and both saturated ends, on an n × n
// lattice of cell centres over `bounds`.
PlaneScene fieldScene(const Bounds& bounds, int n) {
  PlaneScene scene;
  scene.view = bounds;
  scene.fieldWidth = scene.fieldHeight = n;
  scene.field.resize(static_cast<std::size_t>(n) * n);
  for (int row = 0; row < n; ++row)
    for (int col = 0; col < n; ++col) {
      const double x = bounds.xMin + (col + 0.5) * (bounds.xMax - bounds.xMin) / n;
      const double y = bounds.yMin + (row + 0.5) * (bounds.yMax - bounds.yMin) / n;
      const double score = 3.0 * (x * x + 0.6 * y * y - 1.0) + std::sin(2.0 * x);
      scene.field[static_cast<std::size_t>(row) * n + col] =
          static_cast<float>(1.0 / (1.0 + std::exp(score)));
    }
  scene.fieldRevision = 1;
  scene.layers.real = scene.layers.fake = scene.layers.manifold = scene.layers.arrows = false;
  return scene;
}

std::vector<std::uint8_t> render(PlaneRenderer& renderer, PlaneScene scene, const Bounds& view, int w,
                                 int h) {
  renderer.render(scene, w, h);  // uploads the field, computed over scene.view
  scene.view = view;             // then a picture of another view, the field's revision unchanged
  renderer.render(scene, w, h);
  std::vector<std::uint8_t> rgba;
  renderer.readPixels(rgba);
  return rgba;
}

struct Difference {
  int maxChannel = 0;     // the largest difference of one channel over all pixels
  double farShare = 0.0;  // the share of pixels with a channel more than `far` apart
};

Difference compare(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, int far) {
  REQUIRE(a.size() == b.size());
  Difference d;
  long long farPixels = 0;
  for (std::size_t p = 0; p < a.size(); p += 4) {
    int worst = 0;
    for (std::size_t k = 0; k < 4; ++k) worst = std::max(worst, std::abs(int(a[p + k]) - int(b[p + k])));
    d.maxChannel = std::max(d.maxChannel, worst);
    if (worst > far) ++farPixels;
  }
  d.farShare = static_cast<double>(farPixels) / static_cast<double>(a.size() / 4);
  return d;
}

}  // namespace

// The field scene with a warped grid over it (cells of different densities, some folded over others) and
// samples of both kinds, some at the picture's edge.
PlaneScene fullScene(const Bounds& bounds) {
  PlaneScene scene = fieldScene(bounds, 64);
  scene.layers.real = scene.layers.fake = scene.layers.manifold = true;
  const int columns = 13, rows = 11;
  scene.manifoldColumns = columns;
  scene.manifoldRows = rows;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < columns; ++c) {
      const float u = -1.0f + 2.0f * c / (columns - 1), v = -1.0f + 2.0f * r / (rows - 1);
      scene.manifold.push_back({1.3f * u + 0.35f * std::sin(3.0f * v), 0.9f * v + 0.3f * u * u});
    }
  scene.manifoldRevision = 1;
  for (int i = 0; i < 400; ++i) {
    const float t = 0.137f * i;
    scene.real.push_back({1.9f * std::cos(t) * (0.3f + 0.002f * i), 1.5f * std::sin(1.3f * t)});
    scene.fake.push_back({2.05f * std::sin(0.7f * t), 1.2f * std::cos(t) * (i % 7) / 6.0f});
  }
  scene.samplesRevision = 1;
  return scene;
}

// Two renderers in one context, the GPU's and the CPU's, and the picture both draw: a 400 × 320 view of
// bounds.
struct BothWays {
  HiddenContext context;
  PlaneRenderer gpu, cpu;
  const Bounds bounds{-2.0, 2.0, -1.6, 1.6};
  const int w = 400, h = 320;
  BothWays() { cpu.setPictureOnCpu(true); }
};

TEST_CASE_FIXTURE(
    BothWays, "The picture drawn on the CPU is the GPU's: field, manifold and samples to within rounding") {
  PlaneScene scene = fullScene(bounds);
  const std::vector<std::uint8_t> a = render(gpu, scene, bounds, w, h), b = render(cpu, scene, bounds, w, h);
  const Difference d = compare(a, b, 8);
  MESSAGE("largest channel difference " << d.maxChannel << ", pixels more than 8 apart " << d.farShare * 100
                                        << " %");
  // Inside shapes the two agree to rounding; they differ on the D = ½ line (how the gradient is taken), on
  // anti-aliased sprite rims (the GPU's 8-bit blending) and on a one-pixel line's choice between two pixels.
  CHECK(d.farShare < 0.01);
  // The comparison sees each layer: the CPU's picture without the samples, or without the manifold, is far
  // from the GPU's with them.
  scene.layers.real = scene.layers.fake = false;
  CHECK(compare(a, render(cpu, scene, bounds, w, h), 8).farShare > 0.02);
  scene.layers.real = scene.layers.fake = true;
  scene.layers.manifold = false;
  CHECK(compare(a, render(cpu, scene, bounds, w, h), 8).farShare > 0.02);
}

TEST_CASE_FIXTURE(BothWays,
                  "The field shaded on the CPU is the GPU's field, pixel for pixel to within rounding") {
  SUBCASE("the field over the whole picture") {
    const PlaneScene scene = fieldScene(bounds, 64);
    const std::vector<std::uint8_t> a = render(gpu, scene, bounds, w, h),
                                    b = render(cpu, scene, bounds, w, h);
    CHECK(cpu.lastCpuPictureMs() > 0.0);
    CHECK(gpu.lastCpuPictureMs() == 0.0);
    const Difference d = compare(a, b, 2);
    MESSAGE("largest channel difference " << d.maxChannel << ", pixels more than 2 apart " << d.farShare * 100
                                          << " %");
    // Off the line the two differ by rounding (8-bit filtering weights on the GPU); on it, by how the
    // gradient is taken (neighbouring pixels on the GPU, the interpolant's own on the CPU): under 1 % of the
    // pixels.
    CHECK(d.farShare < 0.01);
  }
  SUBCASE("a panned view: the field where it was computed, the background beside it") {
    const PlaneScene scene = fieldScene(bounds, 48);
    const Bounds panned{-1.0, 3.0, -1.0, 2.2};
    const std::vector<std::uint8_t> a = render(gpu, scene, panned, w, h),
                                    b = render(cpu, scene, panned, w, h);
    const Difference d = compare(a, b, 2);
    MESSAGE("largest channel difference " << d.maxChannel << ", pixels more than 2 apart " << d.farShare * 100
                                          << " %");
    CHECK(d.farShare < 0.01);
    // The top-right corner lies outside the field: the background colour on both.
    const std::size_t corner = 4 * static_cast<std::size_t>(w - 2);  // row 0 of readPixels is the top
    CHECK(b[corner] == std::lround(plane_style::kBackground.r * 255.0f));
    CHECK(a[corner] == b[corner]);
  }
  SUBCASE("the layers: contour alone, field alone") {
    PlaneScene scene = fieldScene(bounds, 64);
    scene.layers.field = false;
    const Difference contourOnly =
        compare(render(gpu, scene, bounds, w, h), render(cpu, scene, bounds, w, h), 2);
    CHECK(contourOnly.farShare < 0.01);
    scene.layers.field = true;
    scene.layers.contour = false;
    const std::vector<std::uint8_t> noLine = render(cpu, scene, bounds, w, h);
    const Difference fieldOnly = compare(render(gpu, scene, bounds, w, h), noLine, 2);
    CHECK(fieldOnly.farShare < 0.002);
    // The comparison sees the line: the CPU's picture without it against the GPU's with it differs on the
    // line's pixels, more than the tolerance above.
    scene.layers.contour = true;
    const Difference missingLine = compare(render(gpu, scene, bounds, w, h), noLine, 2);
    CHECK(missingLine.farShare > 0.01);
  }
}
