// FieldPicture, the CPU's shading of the decision surface for software rasterizers: where the D = ½ line
// falls, the colormap's ends, the background beyond the lattice, and bad input refused. (tests/gl/ compares
// it with the GPU's shader pixel for pixel.)
#include "app/views/field_picture.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

#include "app/views/cpu_picture.h"
#include "app/views/plane_style.h"

using namespace ganscope;

namespace {

std::array<int, 4> bytesOf(std::uint32_t pixel) {
  std::array<std::uint8_t, 4> b{};
  std::memcpy(b.data(), &pixel, 4);
  return {b[0], b[1], b[2], b[3]};
}

int byteOf(float c) {
  return static_cast<int>(std::lround(c * 255.0f));
}

// D rising linearly from 0 at x = 0 to 1 at x = 1 on a 32 × 4 lattice over [0, 1] × [0, 1].
FieldPictureInput rampInput(std::vector<float>& field) {
  const int n = 32, m = 4;
  field.resize(n * m);
  for (int r = 0; r < m; ++r)
    for (int c = 0; c < n; ++c) field[r * n + c] = (c + 0.5f) / n;
  FieldPictureInput input;
  input.field = field;
  input.fieldWidth = n;
  input.fieldHeight = m;
  input.fieldBounds = {0.0, 1.0, 0.0, 1.0};
  input.view = {0.0, 1.0, 0.0, 1.0};
  input.width = 200;
  input.height = 10;
  return input;
}

}  // namespace

TEST_CASE("FieldPicture draws the D = ½ line where D crosses ½, the colormap's ends away from it") {
  std::vector<float> field;
  FieldPictureInput input = rampInput(field);
  const FieldPicture shader;
  std::vector<std::uint32_t> rgba;
  shader.shade(input, rgba);
  REQUIRE(rgba.size() == 200u * 10u);
  // The darkest pixel of a row is on the line: x = 0.5, between pixels 99 and 100.
  int darkest = 0, darkestSum = 1 << 20;
  for (int x = 0; x < 200; ++x) {
    const auto b = bytesOf(rgba[5 * 200 + x]);
    if (b[0] + b[1] + b[2] < darkestSum) darkestSum = b[0] + b[1] + b[2], darkest = x;
    CHECK(b[3] == 255);
  }
  CHECK((darkest == 99 || darkest == 100));
  CHECK(darkestSum < 3 * 80);  // the line's near black, not the near-white middle of the map
  // Far from the line: the map's fake end on the left (bluer than red), its real end on the right.
  const auto left = bytesOf(rgba[5 * 200 + 2]), right = bytesOf(rgba[5 * 200 + 197]);
  CHECK(left[2] > left[0]);
  CHECK(right[0] > right[2]);
  // Without the line, the middle is the map's near white.
  input.showContour = false;
  shader.shade(input, rgba);
  const auto middle = bytesOf(rgba[5 * 200 + 100]);
  CHECK(middle[0] > 230);
  // Without the field, everything but the line is the background.
  input.showField = false;
  shader.shade(input, rgba);
  const auto plain = bytesOf(rgba[5 * 200 + 20]);
  CHECK(plain[0] == byteOf(plane_style::kBackground.r));
  CHECK(plain[1] == byteOf(plane_style::kBackground.g));
}

TEST_CASE("FieldPicture shows the background where the lattice does not reach") {
  std::vector<float> field;
  FieldPictureInput input = rampInput(field);
  input.view = {-1.0, 1.0, 0.0, 1.0};  // the left half of the picture lies beyond the lattice
  const FieldPicture shader;
  std::vector<std::uint32_t> rgba;
  shader.shade(input, rgba);
  const auto outside = bytesOf(rgba[5 * 200 + 50]), inside = bytesOf(rgba[5 * 200 + 150]);
  CHECK(outside[0] == byteOf(plane_style::kBackground.r));
  CHECK(outside[2] == byteOf(plane_style::kBackground.b));
  CHECK(inside != outside);
}

TEST_CASE("FieldPicture refuses a lattice that does not match its values, and an empty picture") {
  std::vector<float> field;
  FieldPictureInput input = rampInput(field);
  const FieldPicture shader;
  std::vector<std::uint32_t> rgba;
  input.fieldWidth = 31;
  CHECK_THROWS_AS(shader.shade(input, rgba), std::invalid_argument);
  input.fieldWidth = 32;
  input.width = 0;
  CHECK_THROWS_AS(shader.shade(input, rgba), std::invalid_argument);
}

TEST_CASE(
    "A diverged run's picture: NaN in the field, samples and cells far away or infinite, drawn without "
    "harm") {
  std::vector<float> field;
  FieldPictureInput input = rampInput(field);
  field[5] = std::numeric_limits<float>::quiet_NaN();
  field[40] = std::numeric_limits<float>::infinity();
  const FieldPicture shader;
  CpuPicture picture;
  picture.beginWithField(shader, input);
  REQUIRE(picture.width() == 200);
  const float far = 1e30f, inf = std::numeric_limits<float>::infinity(),
              nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> points = {0.25f, 0.5f, far, -far, inf, 0.0f, nan, 0.5f, -far, 0.5f};
  CpuPicture::SpriteStyle style;
  style.fill = {1, 0, 0, 1};
  style.outline = {0, 0, 0, 1};
  picture.drawSprites(points, input.view, style);
  // The sample at (0.25, 0.5) is drawn (red fill).
  const auto sample = bytesOf(picture.pixel(50, 5));
  CHECK(sample[0] > sample[2]);
  // (x, y, alpha) triangles and lines reaching far outside, or through infinity.
  const std::vector<float> cells = {0.1f, 0.1f, 1.0f, far, 0.2f, 1.0f, 0.1f, far,  1.0f,
                                    0.2f, 0.2f, 1.0f, inf, 0.3f, 1.0f, 0.3f, 0.9f, 1.0f};
  picture.fillTriangles(cells, input.view, {0, 0, 1, 0.5f});
  const std::vector<float> lines = {-far, 0.5f, 1.0f, far, 0.6f, 1.0f, 0.5f, -far, 1.0f, 0.5f, far, 1.0f};
  picture.drawLines(lines, input.view, {0, 0, 0, 1});
  // The picture stays opaque everywhere.
  for (int y = 0; y < picture.height(); ++y)
    for (int x = 0; x < picture.width(); ++x) CHECK(bytesOf(picture.pixel(x, y))[3] == 255);
}
