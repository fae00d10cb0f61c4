#pragma once
// Saving what the window shows as a PNG.
#include <cstdint>
#include <filesystem>
#include <vector>

namespace ganscope {

/// Reads the default framebuffer's back buffer (width × height, after rendering, before the swap) as RGBA rows from
/// the top down.
std::vector<std::uint8_t> readFramebuffer(int width, int height);

/// Encodes RGBA pixels (rows from the top) as PNG and writes the file whole or not at all. Throws
/// std::runtime_error naming the path.
void writePng(const std::filesystem::path& path, const std::vector<std::uint8_t>& rgba, int width, int height);

}  // namespace ganscope
