#pragma once
// The decision surface shaded on the CPU, pixel for pixel what shaders/field.frag draws (the lattice filtered
// bilinearly, the diverging colormap and the anti-aliased D = ½ contour), for software rasterizers: on Mesa's
// llvmpipe a fragment pass over a 1,200 × 1,000 picture costs about 16 ms of CPU whatever its shader does,
// where this loop costs a few and the upload is a copy.
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "core/data/bounds.h"

namespace ganscope {

/// Four bytes R, G, B, A as one 32-bit pixel, in memory order (as OpenGL uploads RGBA8 texels).
inline std::uint32_t packPixel(std::array<std::uint8_t, 4> bytes) {
  std::uint32_t pixel = 0;
  std::memcpy(&pixel, bytes.data(), 4);
  return pixel;
}

/// What one field picture is made of: D's lattice (values in [0, 1], row-major from the bottom row) over
/// `fieldBounds`, seen through `view` in a picture of width × height pixels.
struct FieldPictureInput {
  std::span<const float> field;  ///< fieldWidth × fieldHeight values of D in [0, 1], at cell centres
  int fieldWidth = 0;
  int fieldHeight = 0;
  Bounds fieldBounds;            ///< the data rectangle the lattice covers
  Bounds view;                   ///< the data rectangle the picture shows
  int width = 0;                 ///< picture width in pixels
  int height = 0;                ///< picture height in pixels
  bool showField = true;         ///< the colormap (otherwise the background colour)
  bool showContour = true;       ///< the D = ½ line
  float contourWidthPx = 1.75f;  ///< the line's width in pixels
};

/// Shades field pictures: the colormap table is built once from plane_style::fieldColor, as the GPU's lookup
/// texture is.
class FieldPicture {
 public:
  /// Builds the colormap table.
  FieldPicture();

  /// Writes width × height RGBA8 pixels (each one 32-bit word holding the bytes R, G, B, A in memory order;
  /// rows from the bottom, as OpenGL uploads them) into `rgba`, resized to fit: the background where the
  /// lattice does not reach, opaque everywhere. Throws std::invalid_argument when the lattice's size does not
  /// match its values or the picture is empty.
  void shade(const FieldPictureInput& input, std::vector<std::uint32_t>& rgba) const;

 private:
  // The GPU's 256-entry colormap texture as it filters it linearly, tabulated finely enough that a nearest
  // lookup is within rounding of it.
  static constexpr int kTableSize = 4096;
  std::array<std::uint32_t, kTableSize> table_{};
};

}  // namespace ganscope
