#include "app/window/screenshot.h"

#include <GL/glcorearb.h>
#include <stb_image_write.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/util/atomic_file.h"

namespace ganscope {
namespace {

// zlib's level for stb's PNGs: 2 instead of stb's 8 took a 301-frame 1280 × 720 PNG recording from 42 s to 31 s, the
// files the same size (175 MB). Set once, before main, so no two threads ever race on stb's global.
const bool kPngLevelSet = [] {
  stbi_write_png_compression_level = 2;
  return true;
}();

}  // namespace

std::vector<std::uint8_t> readFramebuffer(int width, int height) {
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height * 4);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows start at the bottom; images start at the top.
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  for (int y = 0; y < height / 2; ++y) {
    std::swap_ranges(pixels.begin() + y * row, pixels.begin() + (y + 1) * row,
                     pixels.begin() + (height - 1 - y) * row);
  }
  for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // the window is opaque
  return pixels;
}

void writePng(const std::filesystem::path& path, const std::vector<std::uint8_t>& rgba, int width, int height) {
  std::string encoded;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  if (stbi_write_png_to_func(append, &encoded, width, height, 4, rgba.data(), width * 4) == 0) {
    throw std::runtime_error("cannot encode '" + path.string() + "' as PNG");
  }
  writeFileAtomically(path, encoded);
}

}  // namespace ganscope
