#pragma once
// Reading a file a user named (a preset, a points CSV, a session, a timeline) without ever hanging on it.
#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ganscope {

/// A file that cannot be read as input: the message names the file, what it is, and what is allowed.
class InputFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The most bytes a config or preset file may hold (1 MiB; the largest preset is under 2 KiB).
inline constexpr std::size_t kMaxConfigFileBytes = std::size_t{1} << 20;
/// The most bytes a points CSV may hold (64 MiB: about four million 2D points).
inline constexpr std::size_t kMaxPointsFileBytes = std::size_t{64} << 20;

/// The whole content of `path`, which must be a regular file of at most `maxBytes` bytes. The file is opened
/// without blocking and checked on its open descriptor (fstat), so a FIFO, a device, a socket or a directory
/// is refused at once, never waited on, and a file swapped between a check and the open cannot slip past.
/// `what` names the file's role in messages ("data.file", "preset"). Throws InputFileError with one line,
/// e.g. "data.file '/tmp/x': is a FIFO, not a regular file". With `magic`, a file that does not start with it
/// (and is not a shorter piece of it, which the caller reports as truncated) is refused before the rest is
/// read.
std::string readInputFile(const std::filesystem::path& path, std::size_t maxBytes, const std::string& what,
                          std::string_view magic = {});

}  // namespace ganscope
