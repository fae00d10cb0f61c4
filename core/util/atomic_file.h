#pragma once
// Writing a file so that it appears whole or not at all.
#include <filesystem>
#include <string_view>

namespace ganscope {

/// Writes `content` to a temporary file beside `path`, then renames it over `path` (atomic on POSIX), so a reader
/// never sees half a file and a failed write leaves any old file untouched. Throws std::runtime_error naming the
/// path and the reason.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

/// Throws std::runtime_error naming `path` unless its folder exists and is writable (checked before long work, so
/// a run does not fail only at its end).
void checkWritable(const std::filesystem::path& path);

}  // namespace ganscope
