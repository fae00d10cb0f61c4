#include "app/views/class_palette.h"

#include <array>
#include <cmath>
#include <numbers>

#include "app/views/plane_style.h"

namespace ganscope {

namespace {

// Hue angles in OKLab (degrees): orange-red, olive-yellow, green, blue, purple.
constexpr std::array<float, 5> kHues = {35.0f, 100.0f, 150.0f, 245.0f, 310.0f};
// Lightness levels: dark enough for a light background (0.925), light enough against the field's dark blue.
constexpr std::array<float, 5> kLightness = {0.42f, 0.52f, 0.62f, 0.72f, 0.82f};
constexpr float kChroma = 0.12f;

}  // namespace

glm::vec4 classColor(int k) {
  k = ((k % 25) + 25) % 25;
  const float hue = kHues[static_cast<std::size_t>((k + k / 5) % 5)] * std::numbers::pi_v<float> / 180.0f;
  const float lightness = kLightness[static_cast<std::size_t>((2 * k + k / 5) % 5)];
  return plane_style::oklabToSrgb({lightness, kChroma * std::cos(hue), kChroma * std::sin(hue)});
}

}  // namespace ganscope
