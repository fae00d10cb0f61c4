#pragma once
// Running the real program from a test: a temporary folder removed afterwards, and a shell command whose exit code,
// stdout and stderr are captured. Shared by the command-line and window tests.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace ganscope::testing {

/// A fresh folder under the system's temporary folder, removed with everything in it when the test ends (also when a
/// REQUIRE fails). `work()` is a working folder that holds nothing else; captured output goes beside it.
class TempFolder {
 public:
  /// Makes ganscope-NAME-PID-N and its work/ folder.
  explicit TempFolder(std::string_view name = "test") {
    static std::atomic<int> counter{0};
    std::string leaf("ganscope-");
    leaf.append(name).append("-").append(std::to_string(::getpid())).append("-").append(std::to_string(counter++));
    root_ = std::filesystem::temp_directory_path() / leaf;
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "work");
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  /// The folder itself.
  const std::filesystem::path& root() const { return root_; }
  /// The working folder inside it.
  std::filesystem::path work() const { return root_ / "work"; }

 private:
  std::filesystem::path root_;
};

/// What a command left: exit code, stdout and stderr.
struct RunResult {
  int code = -1;
  std::string out;
  std::string err;
};

/// The whole content of a file ("" when it cannot be read).
inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// `text` single-quoted for the shell. (Built by appending: `"x" + std::string` trips GCC 12's false -Wrestrict at
/// -O3, GCC bug 105329.)
inline std::string shellQuoted(std::string_view text) {
  std::string q(1, '\'');
  for (char c : text) {
    if (c == '\'') {
      q.append("'\\''");
    } else {
      q.push_back(c);
    }
  }
  q.push_back('\'');
  return q;
}

/// Runs a shell command with no standard input, its stdout and stderr captured in files in `folder`.
inline RunResult runCommand(const std::string& command, const TempFolder& folder) {
  const auto outFile = folder.root() / "stdout.txt", errFile = folder.root() / "stderr.txt";
  std::string full(command);
  full.append(" >").append(shellQuoted(outFile.string()));
  full.append(" 2>").append(shellQuoted(errFile.string())).append(" </dev/null");
  const int status = std::system(full.c_str());
  RunResult result;
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = readFile(outFile);
  result.err = readFile(errFile);
  return result;
}

#if defined(GANSCOPE_EXE) && defined(GANSCOPE_XVFB_RUN)
/// The program in a 1280 × 800 Xvfb screen, up to its arguments. Leak checking is off for it: Mesa and X11 keep
/// allocations until exit by design. -noreset: a program that exits right after it connected leaves Xvfb resetting
/// just as xvfb-run's SIGTERM arrives, which Xvfb then misses; it would run on holding the Xvfb lock, and every later
/// window test would wait.
inline std::string windowCommand() {
  return "ASAN_OPTIONS=detect_leaks=0 " + std::string(GANSCOPE_XVFB_RUN) + " -s \"-screen 0 1280x800x24 -noreset\" " +
         std::string(GANSCOPE_EXE);
}
#endif

}  // namespace ganscope::testing
