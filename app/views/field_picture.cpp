#include "app/views/field_picture.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include "app/views/plane_style.h"

namespace ganscope {

FieldPicture::FieldPicture() {
  // texture(uColormap, ((d (n − 1) + ½) / n) filters between texels floor(d (n − 1)) and the next.
  constexpr int n = plane_style::kColormapSize;
  std::array<std::array<std::uint8_t, 4>, n> texels{};
  for (int i = 0; i < n; ++i) texels[static_cast<std::size_t>(i)] = plane_style::colormapTexel(i);
  for (int j = 0; j < kTableSize; ++j) {
    const float position = static_cast<float>(j) / (kTableSize - 1) * (n - 1);
    const int i0 = std::min(static_cast<int>(position), n - 2);
    const float t = position - static_cast<float>(i0);
    const std::array<std::uint8_t, 4>&low = texels[static_cast<std::size_t>(i0)],
                                   &high = texels[static_cast<std::size_t>(i0 + 1)];
    std::array<std::uint8_t, 4> bytes{};
    for (std::size_t k = 0; k < 3; ++k)
      bytes[k] = static_cast<std::uint8_t>(std::lround(low[k] * (1.0f - t) + high[k] * t));
    bytes[3] = 255;
    table_[static_cast<std::size_t>(j)] = packPixel(bytes);
  }
}

void FieldPicture::shade(const FieldPictureInput& in, std::vector<std::uint32_t>& rgba) const {
  const int n = in.fieldWidth, m = in.fieldHeight;
  if (n < 1 || m < 1 || in.field.size() != static_cast<std::size_t>(n) * static_cast<std::size_t>(m))
    throw std::invalid_argument("FieldPicture::shade: " + std::to_string(in.field.size()) + " values for a " +
                                std::to_string(n) + "x" + std::to_string(m) + " lattice");
  if (in.width < 1 || in.height < 1)
    throw std::invalid_argument("FieldPicture::shade: picture size " + std::to_string(in.width) + "x" +
                                std::to_string(in.height));
  const int width = in.width, height = in.height;
  rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));

  const glm::vec4 line = plane_style::kContour;
  const std::uint32_t background = packPixel(plane_style::rgba8(plane_style::kBackground));
  const Bounds& f = in.fieldBounds;
  const double fieldW = f.xMax - f.xMin, fieldH = f.yMax - f.yMin;
  if (!(fieldW > 0.0) || !(fieldH > 0.0)) {
    std::fill(rgba.begin(), rgba.end(), background);
    return;
  }

  // Pixel centres in the lattice's texel units (texel i's centre at i), as the field quad's texture
  // coordinates give them: u = ((x − fieldMin) / fieldExtent) · n − ½, clamped to the edge texels as
  // GL_CLAMP_TO_EDGE does. Along a row the pixels fall into spans that share a lattice cell, where D is
  // linear in x.
  const double viewW = in.view.xMax - in.view.xMin, viewH = in.view.yMax - in.view.yMin;
  const double texelsPerPixelX = viewW / width / fieldW * n;
  const float texelsPerPixelY = static_cast<float>(viewH / height / fieldH * m);
  struct Span {
    int begin, end;    // pixels [begin, end)
    int cell;          // the cell's left texel, -1: outside the lattice (background)
    float weight;      // the right texel's weight at `begin`
    float weightStep;  // its change per pixel (0 where the edge texel is held)
  };
  std::vector<Span> spans;
  for (int x = 0; x < width; ++x) {
    const double dataX = in.view.xMin + (x + 0.5) * viewW / width;
    Span pixel{x, x + 1, -1, 0.0f, 0.0f};
    if (dataX >= f.xMin && dataX <= f.xMax) {
      const double u = (dataX - f.xMin) / fieldW * n - 0.5;
      const double clamped = std::clamp(u, 0.0, static_cast<double>(n - 1));
      pixel.cell = n == 1 ? 0 : std::min(static_cast<int>(clamped), n - 2);
      pixel.weight = n == 1 ? 0.0f : static_cast<float>(clamped - pixel.cell);
      pixel.weightStep = n == 1 || u != clamped ? 0.0f : static_cast<float>(texelsPerPixelX);
    }
    Span& last = spans.empty() ? pixel : spans.back();
    if (!spans.empty() && last.cell == pixel.cell &&
        (last.weightStep == 0.0f) == (pixel.weightStep == 0.0f)) {
      last.end = x + 1;
    } else {
      spans.push_back(pixel);
    }
  }

  std::vector<float> rowValue(static_cast<std::size_t>(n)), rowSlope(static_cast<std::size_t>(n));
  const float halfWidth = 0.5f * in.contourWidthPx + 0.5f;
  const float tableScale = static_cast<float>(kTableSize - 1);
  const float lineRgb[3] = {line.r * 255.0f, line.g * 255.0f, line.b * 255.0f};
  const auto colourOf = [&](float d) {
    // NaN (a diverged discriminator) shows as the boundary's colour, as plane_style::fieldColor has it.
    const float shown = d >= 0.0f ? std::min(d, 1.0f) : (d < 0.0f ? 0.0f : 0.5f);
    return in.showField ? table_[static_cast<std::size_t>(shown * tableScale + 0.5f)] : background;
  };
  for (int y = 0; y < height; ++y) {
    std::uint32_t* out = rgba.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
    const double dataY = in.view.yMin + (y + 0.5) * viewH / height;
    if (dataY < f.yMin || dataY > f.yMax) {
      std::fill(out, out + width, background);
      continue;
    }
    const double v = std::clamp((dataY - f.yMin) / fieldH * m - 0.5, 0.0, static_cast<double>(m - 1));
    const int r0 = m == 1 ? 0 : std::min(static_cast<int>(v), m - 2);
    const int r1 = m == 1 ? 0 : r0 + 1;
    const float fy = static_cast<float>(v - r0);
    // The row interpolated between its two lattice rows, and D's slope across them (per texel).
    const float* low = in.field.data() + static_cast<std::size_t>(r0) * static_cast<std::size_t>(n);
    const float* high = in.field.data() + static_cast<std::size_t>(r1) * static_cast<std::size_t>(n);
    for (int c = 0; c < n; ++c) {
      rowValue[static_cast<std::size_t>(c)] = low[c] + fy * (high[c] - low[c]);
      rowSlope[static_cast<std::size_t>(c)] = high[c] - low[c];
    }
    for (const Span& span : spans) {
      if (span.cell < 0) {
        std::fill(out + span.begin, out + span.end, background);
        continue;
      }
      const std::size_t c0 = static_cast<std::size_t>(span.cell), c1 = n == 1 ? c0 : c0 + 1;
      const float a = rowValue[c0], b = rowValue[c1];
      const float sa = rowSlope[c0], sb = rowSlope[c1];
      const float dStep = span.weightStep * (b - a);
      const int count = span.end - span.begin;
      const float dFirst = a + span.weight * (b - a), dLast = dFirst + dStep * static_cast<float>(count - 1);
      // D's gradient in D per pixel: the interpolant's own (the shader takes it from neighbouring pixels);
      // constant across the span in x, linear in y.
      const float gx = span.weightStep == 0.0f ? 0.0f : (b - a) * static_cast<float>(texelsPerPixelX);
      const float gyMax = std::max(std::abs(sa), std::abs(sb)) * texelsPerPixelY;
      const float reach = halfWidth * std::sqrt(gx * gx + gyMax * gyMax);
      const bool nearLine =
          in.showContour && std::min(dFirst, dLast) - reach < 0.5f && std::max(dFirst, dLast) + reach > 0.5f;
      float d = dFirst, weight = span.weight;
      if (!nearLine) {
        for (int x = span.begin; x < span.end; ++x, d += dStep) out[x] = colourOf(d);
        continue;
      }
      // Within reach of the ½ level: the line's coverage, to first order |d − ½| / |∇d| pixels away.
      for (int x = span.begin; x < span.end; ++x, d += dStep, weight += span.weightStep) {
        std::uint32_t colour = colourOf(d);
        const float gy = (sa + weight * (sb - sa)) * texelsPerPixelY;
        const float gradient2 = gx * gx + gy * gy;
        const float offset = std::abs(d - 0.5f);
        if (gradient2 > 1e-14f && offset * offset < halfWidth * halfWidth * gradient2) {
          const float coverage = std::clamp(halfWidth - offset / std::sqrt(gradient2), 0.0f, 1.0f) * line.a;
          std::array<std::uint8_t, 4> bytes;
          std::memcpy(bytes.data(), &colour, 4);
          for (std::size_t k = 0; k < 3; ++k)
            bytes[k] = static_cast<std::uint8_t>(std::lround(bytes[k] + coverage * (lineRgb[k] - bytes[k])));
          std::memcpy(&colour, bytes.data(), 4);
        }
        out[x] = colour;
      }
    }
  }
}

}  // namespace ganscope
