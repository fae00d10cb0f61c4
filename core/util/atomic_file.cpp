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

}  // namespace

void checkWritable(const std::filesystem::path& path) {
  const auto folder = folderOf(path);
  std::error_code ec;
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
  // Built by appending: `"." + std::string` trips GCC 12's false -Wrestrict at -O3 (GCC bug 105329).
  std::string hiddenName(1, '.');
  hiddenName.append(path.filename().string()).append(".tmp-").append(std::to_string(::getpid()));
  const std::filesystem::path temporary = folderOf(path) / hiddenName;
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
