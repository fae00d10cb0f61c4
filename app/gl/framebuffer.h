#pragma once
// An offscreen OpenGL render target owned by RAII: an RGBA8 (or RGBA32F) colour texture, optionally drawn with
// multisampling.
#include <cstdint>
#include <span>
#include <vector>

#include "app/gl/texture.h"

namespace ganscope {

/// An offscreen framebuffer whose picture ends in an RGBA8 texture; move-only, deleted with its owner. Needs
/// a current OpenGL context. With more than one sample, drawing goes to a multisampled renderbuffer and
/// resolve() copies it into the texture, which smooths the edges of triangles and lines.
class Framebuffer {
 public:
  /// What the colour texture stores.
  enum class Format { Rgba8, Rgba32F };

  /// Creates a framebuffer drawing with `samples` samples per pixel (clamped to what the driver offers); an
  /// RGBA32F framebuffer (raw values, e.g. a network's output per pixel) always draws with one.
  explicit Framebuffer(int samples = 1, Format format = Format::Rgba8);
  ~Framebuffer();
  Framebuffer(Framebuffer&& other) noexcept;
  Framebuffer& operator=(Framebuffer&& other) noexcept;
  Framebuffer(const Framebuffer&) = delete;
  Framebuffer& operator=(const Framebuffer&) = delete;

  /// Sets the size in pixels; storage is reallocated only when it changes. Throws if the result is
  /// incomplete.
  void resize(int width, int height);
  /// Binds the framebuffer for drawing and sets the viewport to cover it.
  void bind() const;
  /// Copies the multisampled drawing into the colour texture (nothing to do with one sample).
  void resolve() const;
  /// Copies the resolved picture, pixel for pixel, into the framebuffer named `target` (0: the window's) at the
  /// same place; leaves `target` bound for drawing.
  void blitTo(unsigned target) const;
  /// Copies the resolved picture's pixels [x0, x1) × [y0, y1) (rows from the bottom) into the framebuffer bound for
  /// drawing, with its corner (x0, y0) at (targetX, targetY) there; no scaling, no blending, the scissor test
  /// off. On Mesa's llvmpipe a copy of pixels of one format costs a fraction of drawing a textured quad.
  void blitRegionToDrawn(int x0, int y0, int x1, int y1, int targetX, int targetY) const;
  /// Replaces the whole picture with width() × height() RGBA8 pixels (rows from the bottom), uploaded straight
  /// into the colour texture: an RGBA8 framebuffer drawn with one sample only; throws std::logic_error
  /// otherwise, and std::invalid_argument when the size does not match.
  void uploadColor(std::span<const std::uint8_t> rgba);
  /// The colour texture (valid after resolve()); its first row is the bottom of the picture.
  const Texture& colorTexture() const { return color_; }
  /// Reads the resolved picture as RGBA8, width × height × 4 bytes, rows from the top (as image files store
  /// them).
  void readPixels(std::vector<std::uint8_t>& rgba) const;
  /// Reads an RGBA32F framebuffer's values, width × height × 4 floats, rows from the BOTTOM (OpenGL's order).
  void readPixels(std::vector<float>& rgba) const;

  /// Width in pixels (0 before resize()).
  int width() const { return width_; }
  /// Height in pixels (0 before resize()).
  int height() const { return height_; }
  /// Samples per pixel actually used.
  int samples() const { return samples_; }

 private:
  void release();
  // Reads the resolved picture, bottom row first, as RGBA of GL type `type` with the given row alignment.
  void readResolved(unsigned type, int alignment, void* rgba) const;
  Texture color_;
  unsigned resolveFbo_ = 0;    // holds color_
  unsigned drawFbo_ = 0;       // the multisampled target, or 0 when drawing straight into color_
  unsigned renderbuffer_ = 0;  // multisampled colour storage of drawFbo_
  int width_ = 0;
  int height_ = 0;
  int samples_ = 1;
  Format format_ = Format::Rgba8;
};

}  // namespace ganscope
