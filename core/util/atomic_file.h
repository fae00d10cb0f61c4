#pragma once
// Writing a file so that it appears whole or not at all.
#include <filesystem>
#include <string_view>

namespace ganscope {

/// Writes `content` to a temporary file beside `path`, then renames it over `path` (atomic on POSIX), so a reader
/// never sees half a file and a failed write leaves any old file untouched. Throws std::runtime_error naming the
/// path and the reason.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

/// Throws std::runtime_error naming `path` and the reason unless it can be written whole (checked before long
/// work, so a run does not fail only at its end): a non-empty name short enough for its file system (the
/// temporary name beside it included), in a folder that exists and is writable, and not a folder, a device, a
/// pipe, a socket or a symbolic link (which writing would replace by a regular file).
void checkWritable(const std::filesystem::path& path);

}  // namespace ganscope
