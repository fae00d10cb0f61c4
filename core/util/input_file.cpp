#include "core/util/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ganscope {
namespace {

// What a file that is not a regular file is, in words.
const char* kindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// "1 MiB", "64 MiB", or bytes below a MiB.
std::string sizeText(std::size_t bytes) {
  if (bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// Closes a descriptor when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string readInputFile(const std::filesystem::path& path, std::size_t maxBytes, const std::string& what,
                          std::string_view magic) {
  const std::string name = what + " '" + path.string() + "'";
  if (path.empty()) throw InputFileError(what + ": no file named (an empty path)");
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
  Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    const int error = errno;
    if (error == ENOENT) throw InputFileError(name + ": does not exist");
    throw InputFileError(name + ": cannot be opened for reading (" + std::strerror(error) + ")");
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    throw InputFileError(name + ": cannot be examined (" + std::strerror(errno) + ")");
  }
  if (!S_ISREG(info.st_mode)) {
    throw InputFileError(name + ": is " + kindOf(info.st_mode) + ", not a regular file");
  }
  if (static_cast<unsigned long long>(info.st_size) > maxBytes) {
    throw InputFileError(name + ": is " + std::to_string(info.st_size) + " bytes, more than the " +
                         sizeText(maxBytes) + " allowed");
  }
  // Judged by its first bytes before it is read whole (a 2 GiB file of the wrong kind is refused at once).
  if (!magic.empty()) {
    std::string head(magic.size(), '\0');
    const ssize_t got = ::pread(fd.get(), head.data(), head.size(), 0);
    if (got >= 0) {
      head.resize(static_cast<std::size_t>(got));
      const bool prefix = head.size() < magic.size() && magic.starts_with(head);  // short: a truncated file
      if (head != magic && !prefix)
        throw InputFileError(name + ": is not a ganscope " + what +
                             " (it does not start with its magic line)");
    }
  }
  // Reads at most maxBytes + 1, so a file that grows while it is read is still caught.
  std::string content;
  content.resize(static_cast<std::size_t>(info.st_size) + 1);
  std::size_t filled = 0;
  while (true) {
    if (filled == content.size()) {
      if (content.size() > maxBytes) break;
      content.resize(std::min(maxBytes + 1, content.size() * 2 + 4096));
    }
    const ssize_t got = ::read(fd.get(), content.data() + filled, content.size() - filled);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw InputFileError(name + ": could not be read (" + std::strerror(errno) + ")");
    }
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  if (filled > maxBytes) {
    throw InputFileError(name + ": is more than the " + sizeText(maxBytes) + " allowed");
  }
  content.resize(filled);
  return content;
}

}  // namespace ganscope
