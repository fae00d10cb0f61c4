#include "app/record/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "app/record/record_error.h"

extern char** environ;

namespace ganscope {
namespace {

// An unlinked temporary file, open for reading and writing (close-on-exec).
int anonymousFile() {
  std::string name = (std::filesystem::temp_directory_path() / "ganscope-child-stderr-XXXXXX").string();
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(name.c_str());
  return fd;
}

// Closes `fd` if it is open and marks it closed.
void closeFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, bool feedInput) {
  const std::string program = argv.empty() ? std::string() : argv.front();
  auto refuse = [&](const std::string& why) {
    closeFd(input_);
    closeFd(errors_);
    throw RecordError("cannot start " + program + ": " + why);
  };
  if (argv.empty()) refuse("no program named");
  int childInput = -1;
  if (feedInput) {
    int ends[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) refuse(std::strerror(errno));
    input_ = ends[0];
    childInput = ends[1];
    ::shutdown(input_, SHUT_RD);
    ::shutdown(childInput, SHUT_WR);
    const int bufferBytes = 1 << 20;  // fewer wake-ups per 3.7 MB frame (the kernel may cap it)
    ::setsockopt(input_, SOL_SOCKET, SO_SNDBUF, &bufferBytes, sizeof bufferBytes);
  }
  errors_ = anonymousFile();
  if (errors_ < 0) {
    if (childInput >= 0) ::close(childInput);
    refuse(std::string("no temporary file for its messages: ") + std::strerror(errno));
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (feedInput) {
    posix_spawn_file_actions_adddup2(&actions, childInput, 0);
  } else {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, errors_, 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int signal : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&defaults, signal);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int failed = ::posix_spawnp(&pid, program.c_str(), &actions, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (childInput >= 0) ::close(childInput);
  if (failed != 0) refuse(std::strerror(failed));
  pid_ = pid;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    kill();
    wait();
  }
  closeFd(input_);
  closeFd(errors_);
}

bool ChildProcess::write(const void* data, std::size_t size) {
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    if (input_ < 0) return false;
    const ssize_t sent = ::send(input_, bytes, size, MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) continue;
      return false;  // EPIPE or ECONNRESET: it has stopped reading
    }
    bytes += sent;
    size -= static_cast<std::size_t>(sent);
  }
  return true;
}

void ChildProcess::closeInput() {
  closeFd(input_);
}

std::string ChildProcess::wait() {
  closeInput();
  if (pid_ <= 0) return status_;
  int status = 0;
  pid_t reaped;
  do {
    reaped = ::waitpid(pid_, &status, 0);
  } while (reaped < 0 && errno == EINTR);
  pid_ = 0;
  if (reaped < 0) {
    status_ = std::string("cannot be waited for: ") + std::strerror(errno);
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    status_.clear();
  } else if (WIFEXITED(status)) {
    status_ = "exited with status " + std::to_string(WEXITSTATUS(status));
  } else if (WIFSIGNALED(status)) {
    status_ = "was killed by signal " + std::to_string(WTERMSIG(status));
  } else {
    status_ = "ended abnormally";
  }
  const std::string line = lastErrorLine();
  if (!status_.empty() && !line.empty()) status_.append(": ").append(line);
  return status_;
}

void ChildProcess::kill() {
  if (pid_ > 0) ::kill(pid_, SIGKILL);
}

std::string ChildProcess::lastErrorLine() const {
  if (errors_ < 0) return {};
  const off_t end = ::lseek(errors_, 0, SEEK_END);
  if (end <= 0) return {};
  const off_t start = end > 4096 ? end - 4096 : 0;
  std::string tail(static_cast<std::size_t>(end - start), '\0');
  const ssize_t got = ::pread(errors_, tail.data(), tail.size(), start);
  tail.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  // The last line with anything in it; ffmpeg ends progress lines with '\r'.
  const std::size_t last = tail.find_last_not_of("\r\n ");
  if (last == std::string::npos) return {};
  const std::size_t newline = tail.find_last_of("\r\n", last);
  const std::size_t first = newline == std::string::npos ? 0 : newline + 1;
  return tail.substr(first, last + 1 - first);
}

}  // namespace ganscope
