#include "app/views/cpu_picture.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "app/views/plane_style.h"

namespace ganscope {

namespace {

// A data point's position in the picture's pixel units (x from the left, y from the bottom), where pixel
// (i, j) has its centre at (i + ½, j + ½).
struct PixelMap {
  double x0, y0, sx, sy;
  PixelMap(const Bounds& view, int width, int height)
      : x0(view.xMin),
        y0(view.yMin),
        sx(width / (view.xMax - view.xMin)),
        sy(height / (view.yMax - view.yMin)) {}
  float x(float dataX) const { return static_cast<float>((dataX - x0) * sx); }
  float y(float dataY) const { return static_cast<float>((dataY - y0) * sy); }
};

// v (a pixel index, whole already) clamped to [0, limit] in floating point first, so a coordinate far outside
// the picture (a diverged generator's) or an infinite one never overflows the conversion.
int clampedIndex(float v, int limit) {
  if (!(v > 0.0f)) return 0;  // NaN too
  return v >= static_cast<float>(limit) ? limit : static_cast<int>(v);
}

// Twice the signed area of (a, b, p): positive when p is left of a → b.
float edge(float ax, float ay, float bx, float by, float px, float py) {
  return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

}  // namespace

void CpuPicture::beginWithField(const FieldPicture& shader, const FieldPictureInput& input) {
  shader.shade(input, pixels_);
  width_ = input.width;
  height_ = input.height;
}

void CpuPicture::beginWithBackground(int width, int height) {
  const std::uint32_t background = packPixel(plane_style::rgba8(plane_style::kBackground));
  width_ = std::max(width, 0);
  height_ = std::max(height, 0);
  pixels_.assign(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_), background);
}

void CpuPicture::blend(int x, int y, const float rgb[3], float alpha) {
  // The picture is opaque from its start (field or background), so its alpha stays 255: only colour blends.
  std::uint8_t* pixel = reinterpret_cast<std::uint8_t*>(&pixels_[static_cast<std::size_t>(y) * width_ + x]);
  for (int k = 0; k < 3; ++k)
    pixel[k] = static_cast<std::uint8_t>(rgb[k] * alpha + pixel[k] * (1.0f - alpha) + 0.5f);
}

void CpuPicture::blendSpan(int y, int xBegin, int xEnd, const float rgb[3], float alpha) {
  // Fixed point: the colour premultiplied by alpha in 1/256ths, then each pixel in one multiply-add a
  // channel.
  const int weight = static_cast<int>(alpha * 256.0f + 0.5f), keep = 256 - weight;
  const int premultiplied[3] = {static_cast<int>(rgb[0] * weight + 0.5f),
                                static_cast<int>(rgb[1] * weight + 0.5f),
                                static_cast<int>(rgb[2] * weight + 0.5f)};
  std::uint8_t* row = reinterpret_cast<std::uint8_t*>(&pixels_[static_cast<std::size_t>(y) * width_]);
  for (int x = xBegin; x < xEnd; ++x) {
    std::uint8_t* pixel = row + 4 * x;
    for (int k = 0; k < 3; ++k)
      pixel[k] = static_cast<std::uint8_t>((premultiplied[k] + pixel[k] * keep + 128) >> 8);
  }
}

void CpuPicture::fillTriangles(std::span<const float> v, const Bounds& view, glm::vec4 colour) {
  const PixelMap map(view, width_, height_);
  const float rgb[3] = {colour.r * 255.0f, colour.g * 255.0f, colour.b * 255.0f};
  for (std::size_t t = 0; t + 9 <= v.size(); t += 9) {
    const float xs[3] = {map.x(v[t]), map.x(v[t + 3]), map.x(v[t + 6])};
    const float ys[3] = {map.y(v[t + 1]), map.y(v[t + 4]), map.y(v[t + 7])};
    const float alpha = colour.a * v[t + 2];
    const float area = edge(xs[0], ys[0], xs[1], ys[1], xs[2], ys[2]);
    if (area == 0.0f || !std::isfinite(area) || alpha <= 0.0f) continue;
    // Counter-clockwise order: inside is left of every edge.
    const int order[3] = {0, area > 0.0f ? 1 : 2, area > 0.0f ? 2 : 1};
    const int yBegin = clampedIndex(std::ceil(std::min({ys[0], ys[1], ys[2]}) - 0.5f), height_);
    const int yEnd = clampedIndex(std::ceil(std::max({ys[0], ys[1], ys[2]}) - 0.5f), height_);
    for (int y = yBegin; y < yEnd; ++y) {
      const float py = y + 0.5f;
      // Each edge bounds the centres px on one side: left(px) ≥ 0 is a + b·px ≥ 0. A centre exactly on an
      // edge shared by two triangles goes to the one that has it as a lower bound, so no pixel is drawn twice
      // or missed (a consistent tie rule, as OpenGL requires).
      float low = 0.0f, high = static_cast<float>(width_);
      bool empty = false;
      for (int e = 0; e < 3 && !empty; ++e) {
        const int i = order[e], j = order[(e + 1) % 3];
        const float ax = xs[i], ay = ys[i], bx = xs[j], by = ys[j];
        const float slope = ay - by;                                // the coefficient of px
        const float constant = (bx - ax) * (py - ay) - slope * ax;  // left(px) = constant + slope·px
        if (slope > 0.0f) {
          low = std::max(low, -constant / slope);  // px ≥ bound
        } else if (slope < 0.0f) {
          high = std::min(high, -constant / slope);  // px < bound
        } else if (constant < 0.0f || (constant == 0.0f && !(bx < ax))) {
          empty = true;  // a horizontal edge: the row is outside, or on it and the edge is not a top one
        }
      }
      if (empty) continue;
      // Pixels whose centres x + ½ lie in [low, high).
      const int xBegin = clampedIndex(std::ceil(low - 0.5f), width_);
      const int xEnd = clampedIndex(std::ceil(high - 0.5f), width_);
      if (xBegin < xEnd) blendSpan(y, xBegin, xEnd, rgb, alpha);
    }
  }
}

void CpuPicture::drawLines(std::span<const float> v, const Bounds& view, glm::vec4 colour) {
  const PixelMap map(view, width_, height_);
  const float rgb[3] = {colour.r * 255.0f, colour.g * 255.0f, colour.b * 255.0f};
  for (std::size_t s = 0; s + 6 <= v.size(); s += 6) {
    float x0 = map.x(v[s]), y0 = map.y(v[s + 1]), x1 = map.x(v[s + 3]), y1 = map.y(v[s + 4]);
    const float alpha = colour.a * v[s + 2];
    if (!std::isfinite(x0 + y0 + x1 + y1)) continue;
    // One pixel per column (or row, for a steep line) whose centre the line passes, as the diamond-exit rule
    // gives for a line of width 1: the columns from round(start) to round(end), the last one left out; only
    // those inside the picture are visited, however far the line reaches.
    const bool steep = std::abs(y1 - y0) > std::abs(x1 - x0);
    if (steep) {
      std::swap(x0, y0);
      std::swap(x1, y1);
    }
    const int major = steep ? height_ : width_, minor = steep ? width_ : height_;
    const float slope = x1 != x0 ? (y1 - y0) / (x1 - x0) : 0.0f;
    const int first = clampedIndex(std::round(std::min(x0, x1)), major);
    const int last = clampedIndex(std::round(std::max(x0, x1)), major);
    for (int column = first; column < last; ++column) {
      const float along = column + 0.5f;
      const float y = std::floor(y0 + (along - x0) * slope);
      if (!(y >= 0.0f) || y >= static_cast<float>(minor)) continue;
      const int row = static_cast<int>(y);
      steep ? blend(row, column, rgb, alpha) : blend(column, row, rgb, alpha);
    }
  }
}

void CpuPicture::drawSprites(std::span<const float> positions, const Bounds& view, const SpriteStyle& style) {
  const PixelMap map(view, width_, height_);
  const float sprite =
      std::ceil(style.extentPx) + 2.0f;  // the shape plus a pixel each side (plane_renderer.cpp)
  const float radius = 0.5f * style.extentPx;
  const float fill[4] = {style.fill.r * 255.0f, style.fill.g * 255.0f, style.fill.b * 255.0f, style.fill.a};
  const float outline[4] = {style.outline.r * 255.0f, style.outline.g * 255.0f, style.outline.b * 255.0f,
                            style.outline.a};
  for (std::size_t i = 0; i + 2 <= positions.size(); i += 2) {
    const float cx = map.x(positions[i]), cy = map.y(positions[i + 1]);
    if (!std::isfinite(cx) || !std::isfinite(cy)) continue;
    // The point's square covers the pixels whose centres lie in [c − sprite/2, c + sprite/2).
    const int xBegin = clampedIndex(std::ceil(cx - 0.5f * sprite - 0.5f), width_);
    const int xEnd = clampedIndex(std::ceil(cx + 0.5f * sprite - 0.5f), width_);
    const int yBegin = clampedIndex(std::ceil(cy - 0.5f * sprite - 0.5f), height_);
    const int yEnd = clampedIndex(std::ceil(cy + 0.5f * sprite - 0.5f), height_);
    for (int y = yBegin; y < yEnd; ++y) {
      const float py = y + 0.5f - cy;
      for (int x = xBegin; x < xEnd; ++x) {
        const float px = x + 0.5f - cx;
        const float sdf = style.diamond ? (std::abs(px) + std::abs(py) - radius) * 0.70710678f
                                        : std::sqrt(px * px + py * py) - radius;
        const float coverage = std::clamp(0.5f - sdf, 0.0f, 1.0f);
        if (coverage <= 0.0f) continue;
        const float t = std::clamp(sdf + style.outlinePx + 0.5f, 0.0f, 1.0f);
        const float rgb[3] = {fill[0] + t * (outline[0] - fill[0]), fill[1] + t * (outline[1] - fill[1]),
                              fill[2] + t * (outline[2] - fill[2])};
        blend(x, y, rgb, (fill[3] + t * (outline[3] - fill[3])) * coverage);
      }
    }
  }
}

}  // namespace ganscope
