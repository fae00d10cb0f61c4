#pragma once
// A program run beside ours (ffmpeg): started without a shell, fed through its standard input.
#include <sys/types.h>

#include <cstddef>
#include <string>
#include <vector>

namespace ganscope {

/// A program found on PATH and started with posix_spawnp (no shell, so no quoting), in a process group of its
/// own (a Ctrl-C in the terminal reaches our program, which decides, not the child). Its stdin is a socket
/// fed by write() (or /dev/null), its stdout /dev/null, its stderr an anonymous temporary file whose last
/// line names a failure. Writing to a program that has exited is a `false`, never a SIGPIPE.
class ChildProcess {
 public:
  /// Starts argv[0] with the arguments argv[1...]; with `feedInput` false its stdin is /dev/null. Throws
  /// RecordError when it cannot be started (e.g. not on PATH).
  ChildProcess(const std::vector<std::string>& argv, bool feedInput);
  /// Kills the program (SIGKILL) and reaps it, unless wait() already did.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// Sends all `size` bytes to its stdin, blocking while it is busy; false when it stopped reading (exited or
  /// closed its input), after which wait() tells why.
  bool write(const void* data, std::size_t size);
  /// Closes its stdin and waits for it to exit. Returns "" for exit status 0, else why, with its last line on
  /// stderr: "exited with status 1: Unknown encoder 'libx264'" or "was killed by signal 9".
  std::string wait();
  /// Kills it at once (SIGKILL); wait() then reports the signal.
  void kill();
  /// Its process id (0 once reaped).
  pid_t pid() const { return pid_; }
  /// The last line that is not empty it has written to stderr so far ("" when none).
  std::string lastErrorLine() const;

 private:
  void closeInput();

  pid_t pid_ = 0;
  int input_ = -1;   // our end of its stdin
  int errors_ = -1;  // its stderr, an unlinked temporary file
  std::string status_;
};

}  // namespace ganscope
