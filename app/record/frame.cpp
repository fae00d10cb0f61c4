#include "app/record/frame.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "app/record/record_error.h"

namespace ganscope {
namespace {

std::size_t byteCount(int width, int height) {
  return static_cast<std::size_t>(width) * height * 4;
}

// `value` limited to [low, high], computed wide so that x + w cannot overflow.
int clampedTo(long long value, int low, int high) {
  return static_cast<int>(std::clamp<long long>(value, low, high));
}

std::string sizeText(int width, int height) {
  std::string text = std::to_string(width);
  text.append("x").append(std::to_string(height));
  return text;
}

}  // namespace

Frame croppedFrame(const std::vector<std::uint8_t>& rgba, int width, int height, int x, int y, int w, int h) {
  if (width < 0 || height < 0 || rgba.size() != byteCount(width, height)) {
    throw std::invalid_argument("croppedFrame: " + std::to_string(rgba.size()) +
                                " bytes are not an RGBA image of " + sizeText(width, height));
  }
  const int left = clampedTo(x, 0, width),
            right = clampedTo(static_cast<long long>(x) + std::max(w, 0), 0, width);
  const int top = clampedTo(y, 0, height),
            bottom = clampedTo(static_cast<long long>(y) + std::max(h, 0), 0, height);
  Frame frame;
  if (right <= left || bottom <= top) return frame;
  frame.width = right - left;
  frame.height = bottom - top;
  frame.rgba.resize(byteCount(frame.width, frame.height));
  const std::size_t rowBytes = static_cast<std::size_t>(frame.width) * 4;
  for (int row = 0; row < frame.height; ++row) {
    const std::size_t from = (static_cast<std::size_t>(top + row) * width + left) * 4;
    std::memcpy(frame.rgba.data() + row * rowBytes, rgba.data() + from, rowBytes);
  }
  return frame;
}

Frame evenSized(Frame frame) {
  const int width = frame.width & ~1, height = frame.height & ~1;
  if (width == frame.width && height == frame.height) return frame;
  if (width == frame.width) {  // only the last row goes: the rows before it stay where they are
    frame.height = height;
    frame.rgba.resize(byteCount(width, height));
    return frame;
  }
  return croppedFrame(frame.rgba, frame.width, frame.height, 0, 0, width, height);
}

void requireFrameSize(const Frame& frame, int width, int height, const std::filesystem::path& target) {
  if (frame.width == width && frame.height == height && frame.rgba.size() == byteCount(width, height)) return;
  std::string message("recording '");
  message.append(target.string()).append("': a frame of ").append(sizeText(frame.width, frame.height));
  if (frame.rgba.size() != byteCount(frame.width, frame.height)) {
    message.append(" holding ").append(std::to_string(frame.rgba.size())).append(" bytes");
  }
  message.append(" where every frame must be ")
      .append(sizeText(width, height))
      .append(" (the first frame's size)");
  throw RecordError(message);
}

}  // namespace ganscope
