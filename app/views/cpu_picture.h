#pragma once
// The plane's picture drawn on the CPU, for software rasterizers: the field (FieldPicture), the generator's
// manifold and the samples, in the order and with the blending the GPU's passes use, so the GPU only adds the
// arrows. On Mesa's llvmpipe the samples' 5,000 point sprites cost about 13 ms of its threads per picture at
// 1920 × 1080, where this loop costs a few milliseconds of one core and the picture's upload is a copy.
#include <cstdint>
#include <glm/vec4.hpp>
#include <span>
#include <vector>

#include "app/views/field_picture.h"
#include "core/data/bounds.h"

namespace ganscope {

/// One RGBA8 picture (rows from the bottom, as OpenGL uploads them) and the layers drawn into it.
class CpuPicture {
 public:
  /// Starts the picture with the field (or the background where there is none, or where it is switched off).
  void beginWithField(const FieldPicture& shader, const FieldPictureInput& input);
  /// Starts the picture with the background colour alone, width × height pixels.
  void beginWithBackground(int width, int height);

  /// Draws triangles of (x, y, alpha) vertices in data coordinates, three a triangle, in `colour` with its
  /// alpha times each triangle's (the manifold's cells: one alpha per cell), blended over the picture; the
  /// pixels whose centres lie inside, edges by the top-left rule, as OpenGL rasterizes them without
  /// multisampling.
  void fillTriangles(std::span<const float> vertices, const Bounds& view, glm::vec4 colour);
  /// Draws one-pixel lines between pairs of (x, y, alpha) vertices, blended over the picture (the manifold's
  /// grid).
  void drawLines(std::span<const float> vertices, const Bounds& view, glm::vec4 colour);

  /// A sample's look: its shape and sizes in pixels, as shaders/points.frag draws it.
  struct SpriteStyle {
    bool diamond = false;    ///< a diamond (generated samples) or a disc (real ones)
    float extentPx = 5.0f;   ///< the disc's diameter, or the diamond's diagonal, outline included
    float outlinePx = 1.0f;  ///< the outline's width
    glm::vec4 fill{};        ///< the fill colour (straight alpha)
    glm::vec4 outline{};     ///< the outline colour
  };
  /// Draws samples given as (x, y) pairs in data coordinates, each one anti-aliased over a pixel and blended
  /// over the picture.
  void drawSprites(std::span<const float> positions, const Bounds& view, const SpriteStyle& style);

  /// The picture's pixels: width() × height() RGBA8 texels, four bytes each.
  std::span<const std::uint8_t> bytes() const {
    return {reinterpret_cast<const std::uint8_t*>(pixels_.data()), pixels_.size() * 4};
  }
  /// Width in pixels.
  int width() const { return width_; }
  /// Height in pixels.
  int height() const { return height_; }
  /// The pixel at column x, row y (from the bottom), as its four bytes R, G, B, A.
  std::uint32_t pixel(int x, int y) const { return pixels_[static_cast<std::size_t>(y) * width_ + x]; }

 private:
  // Blends `colour` (0–255 a channel) with opacity `alpha` over pixel (x, y), as
  // glBlendFuncSeparate(SRC_ALPHA, ONE_MINUS_SRC_ALPHA, ONE, ONE_MINUS_SRC_ALPHA) does over an opaque
  // picture.
  void blend(int x, int y, const float rgb[3], float alpha);
  // blend() over the pixels [xBegin, xEnd) of row y, in fixed point.
  void blendSpan(int y, int xBegin, int xEnd, const float rgb[3], float alpha);
  std::vector<std::uint32_t> pixels_;
  int width_ = 0;
  int height_ = 0;
};

}  // namespace ganscope
