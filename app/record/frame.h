#pragma once
// A finished picture handed to the recorder: RGBA pixels, rows from the top.
#include <cstdint>
#include <filesystem>
#include <vector>

namespace ganscope {

/// RGBA pixels, 4 bytes a pixel, rows from the top down (as readFramebuffer in app/window/screenshot.h gives
/// them); `rgba` holds width × height × 4 bytes.
struct Frame {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;
};

/// The rectangle (x, y, w, h) of an RGBA image of width × height (rows from the top, y counted from the top),
/// clamped into the image first: a rectangle partly outside gives the part inside, one wholly outside an
/// empty frame (0 × 0). Throws std::invalid_argument when `rgba` does not hold width × height × 4 bytes.
Frame croppedFrame(const std::vector<std::uint8_t>& rgba, int width, int height, int x, int y, int w, int h);

/// The frame without its last column when the width is odd and without its last row when the height is odd:
/// H.264 in yuv420p (one chroma sample per 2 × 2 pixels) needs even dimensions.
Frame evenSized(Frame frame);

/// Throws RecordError naming `target` (the file or folder being recorded) unless `frame` is width × height
/// and holds that many pixels: every frame of a recording has the size of its first.
void requireFrameSize(const Frame& frame, int width, int height, const std::filesystem::path& target);

}  // namespace ganscope
