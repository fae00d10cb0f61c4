#include "app/views/plane_style.h"

#include <algorithm>
#include <cmath>
#include <glm/vec3.hpp>

namespace ganscope::plane_style {

namespace {

// sRGB transfer function and its inverse (IEC 61966-2-1).
float toLinear(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}
float toSrgb(float c) {
  c = std::clamp(c, 0.0f, 1.0f);
  return c <= 0.0031308f ? 12.92f * c : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
}

}  // namespace

// OKLab, a perceptually uniform colour space: Ottosson, "A perceptual color space for image processing",
// 2020.
glm::vec3 srgbToOklab(glm::vec4 srgb) {
  const float r = toLinear(srgb.r), g = toLinear(srgb.g), b = toLinear(srgb.b);
  const float l = std::cbrt(0.4122214708f * r + 0.5363325363f * g + 0.0514459929f * b);
  const float m = std::cbrt(0.2119034982f * r + 0.6806995451f * g + 0.1073969566f * b);
  const float s = std::cbrt(0.0883024619f * r + 0.2817188376f * g + 0.6299787005f * b);
  return {0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s,
          1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s,
          0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s};
}

glm::vec4 oklabToSrgb(glm::vec3 lab) {
  const float l = lab.x + 0.3963377774f * lab.y + 0.2158037573f * lab.z;
  const float m = lab.x - 0.1055613458f * lab.y - 0.0638541728f * lab.z;
  const float s = lab.x - 0.0894841775f * lab.y - 1.2914855480f * lab.z;
  const float l3 = l * l * l, m3 = m * m * m, s3 = s * s * s;
  return {toSrgb(4.0767416621f * l3 - 3.3077115913f * m3 + 0.2309699292f * s3),
          toSrgb(-1.2684380046f * l3 + 2.6097574011f * m3 - 0.3413193965f * s3),
          toSrgb(-0.0041960863f * l3 - 0.7034186147f * m3 + 1.7076147010f * s3), 1.0f};
}

glm::vec4 fieldColor(float d) {
  if (std::isnan(d)) d = 0.5f;  // NaN (a diverged discriminator) shows as the boundary colour
  d = std::clamp(d, 0.0f, 1.0f);
  const float t = std::abs(2.0f * d - 1.0f);
  const glm::vec3 mid = srgbToOklab(kFieldMid);
  const glm::vec3 end = srgbToOklab(d < 0.5f ? kFieldFake : kFieldReal);
  return oklabToSrgb(mid + (end - mid) * t);
}

std::array<std::uint8_t, 4> rgba8(glm::vec4 colour) {
  std::array<std::uint8_t, 4> bytes{};
  for (int k = 0; k < 4; ++k)
    bytes[static_cast<std::size_t>(k)] =
        static_cast<std::uint8_t>(std::lround(std::clamp(colour[k], 0.0f, 1.0f) * 255.0f));
  return bytes;
}

std::array<std::uint8_t, 4> colormapTexel(int i) {
  return rgba8(fieldColor(static_cast<float>(i) / (kColormapSize - 1)));
}

}  // namespace ganscope::plane_style
