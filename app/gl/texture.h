#pragma once
// A 2D OpenGL texture owned by RAII: a single-channel float field, an RGBA8 colour target or an RGBA32F target.
#include <cstdint>
#include <span>

namespace ganscope {

/// A 2D texture with linear filtering and clamped edges; move-only, deleted with its owner. Needs a current
/// OpenGL context. Rows are stored from the bottom (OpenGL's origin is the lower-left corner).
class Texture {
 public:
  /// Creates a texture with no storage yet.
  Texture();
  ~Texture();
  Texture(Texture&& other) noexcept;
  Texture& operator=(Texture&& other) noexcept;
  Texture(const Texture&) = delete;
  Texture& operator=(const Texture&) = delete;

  /// Uploads width × height floats (row-major, bottom row first) as a single-channel R32F texture; storage is
  /// reallocated only when the size or format changes.
  void uploadR32F(int width, int height, std::span<const float> values);
  /// Uploads width × height RGBA8 texels (4 bytes each, bottom row first); storage is reallocated only when
  /// the size or format changes.
  void uploadRgba8(int width, int height, std::span<const std::uint8_t> rgba);
  /// Gives the texture uninitialised RGBA8 storage of width × height (to render into); no-op if it already
  /// has it.
  void allocateRgba8(int width, int height);
  /// Gives the texture uninitialised RGBA32F storage of width × height (to render raw values into); no-op if it
  /// already has it.
  void allocateRgba32F(int width, int height);
  /// Binds the texture to texture unit `unit` (GL_TEXTURE0 + unit).
  void bind(int unit) const;

  /// Width in texels (0 before any storage).
  int width() const { return width_; }
  /// Height in texels (0 before any storage).
  int height() const { return height_; }
  /// The OpenGL name of the texture.
  unsigned id() const { return id_; }

 private:
  enum class Format { None, R32F, Rgba8, Rgba32F };
  // Uploads width × height texels of `format` (allocating only when the size or format changes).
  void upload(Format format, int width, int height, std::size_t bytes, std::size_t bytesPerTexel, const void* data,
              const char* caller);
  // Gives the texture uninitialised storage of `format` (nothing to do when it has it already).
  void allocate(Format format, int width, int height, const char* caller);
  unsigned id_ = 0;
  int width_ = 0;
  int height_ = 0;
  Format format_ = Format::None;
};

}  // namespace ganscope
