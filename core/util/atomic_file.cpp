#include "core/util/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace ganscope {
namespace {

std::filesystem::path folderOf(const std::filesystem::path& path) {
  const auto parent = path.parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

// The hidden name of the temporary file a path is written through: ".NAME.tmp-PID".
std::string temporaryName(const std::filesystem::path& path) {
  // Built by appending: `"." + std::string` trips GCC 12's false -Wrestrict at -O3 (GCC bug 105329).
  std::string hiddenName(1, '.');
  hiddenName.append(path.filename().string()).append(".tmp-").append(std::to_string(::getpid()));
  return hiddenName;
}

// The bytes temporaryName adds to a file name.
std::size_t temporarySuffixBytes() {
  return temporaryName("x").size() - 1;
}

}  // namespace

void checkWritable(const std::filesystem::path& path) {
  if (path.empty()) throw std::runtime_error("cannot write a file with an empty name");
  const auto folder = folderOf(path);
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(path, ec);
  if (std::filesystem::is_symlink(status)) {
    throw std::runtime_error(
        "cannot write '" + path.string() +
        "': it is a symbolic link, which writing would replace by a file; name the file it "
        "points to");
  }
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
      !std::filesystem::is_directory(status)) {
    throw std::runtime_error("cannot write '" + path.string() +
                             "': it is not a regular file (a device, pipe or socket)");
  }
  // The file is written beside itself under a longer hidden name first: both names must fit the file system.
  const long nameMax = ::pathconf(folder.c_str(), _PC_NAME_MAX);
  const std::size_t fits = (nameMax > 0 ? static_cast<std::size_t>(nameMax) : 255) - temporarySuffixBytes();
  if (path.filename().string().size() > fits) {
    throw std::runtime_error("cannot write '" + path.string() + "': its name is " +
                             std::to_string(path.filename().string().size()) + " bytes, and at most " +
                             std::to_string(fits) + " fit in that folder");
  }
  if (!std::filesystem::is_directory(folder, ec)) {
    throw std::runtime_error("cannot write '" + path.string() + "': the folder '" + folder.string() +
                             "' does not exist");
  }
  if (std::filesystem::is_directory(path, ec)) {
    throw std::runtime_error("cannot write '" + path.string() + "': it is a folder");
  }
  if (::access(folder.c_str(), W_OK) != 0) {
    throw std::runtime_error("cannot write '" + path.string() + "': the folder '" + folder.string() +
                             "' is not writable");
  }
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view content) {
  checkWritable(path);
  const std::filesystem::path temporary = folderOf(path) / temporaryName(path);
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) {
    throw std::runtime_error("cannot write '" + path.string() + "': " + std::strerror(errno));
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const int savedErrno = errno;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) {
    std::remove(temporary.c_str());
    throw std::runtime_error("cannot write '" + path.string() + "': " + std::strerror(savedErrno));
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::remove(temporary.c_str());
    throw std::runtime_error("cannot write '" + path.string() + "': " + ec.message());
  }
}

}  // namespace ganscope
