// Tests of the frame watchdog (app/window/frame_watchdog.h). Its one effect is ending the process, so each
// case runs the watchdog in a forked child and reads the child's exit status and stderr; and the option
// through the program.
#include "app/window/frame_watchdog.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>

#include "tests/subprocess.h"

using namespace ganscope;
using namespace ganscope::testing;
using namespace std::chrono_literals;

namespace {

// How a child ended: its exit status (or -1 when a signal ended it), what it wrote on stderr, and how long it
// ran.
struct ChildEnd {
  int status = -1;
  std::string err;
  double seconds = 0.0;
};

// Runs `body` in a forked child whose stderr goes to a pipe; the child exits 0 when `body` returns (4 when it
// throws: the child must never go on into the test runner). No doctest assertions in `body`: they belong to
// the parent.
ChildEnd runInChild(const std::function<void()>& body) {
  int pipeEnds[2];
  REQUIRE(::pipe(pipeEnds) == 0);
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(pipeEnds[0]);
    ::dup2(pipeEnds[1], STDERR_FILENO);
    ::close(pipeEnds[1]);
    try {
      body();
    } catch (...) {
      std::_Exit(4);
    }
    std::_Exit(0);
  }
  ::close(pipeEnds[1]);
  ChildEnd end;
  char buffer[512];
  for (ssize_t n; (n = ::read(pipeEnds[0], buffer, sizeof buffer)) != 0;) {
    if (n > 0) end.err.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipeEnds[0]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  end.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  end.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return end;
}

// A frame that takes `length`.
void frame(FrameWatchdog& watchdog, std::chrono::milliseconds length) {
  watchdog.frameStarted();
  std::this_thread::sleep_for(length);
  watchdog.frameEnded();
}

}  // namespace

TEST_CASE("watchdog: a stuck frame ends the process at once, status 1, one line naming frame and limit") {
  const ChildEnd end = runInChild([] {
    FrameWatchdog watchdog(100);
    watchdog.frameStarted();
    std::this_thread::sleep_for(10s);  // stuck; the child exits 0 if nothing stops it
  });
  CAPTURE(end.err);
  CHECK(end.status == 1);
  CHECK(end.err == "ganscope: frame 1 has taken more than 100 ms (--frame-watchdog 100); stopping\n");
  CHECK(end.seconds >= 0.1);
  CHECK(end.seconds < 2.0);  // within about a tenth of the limit, with room for a loaded machine
}

TEST_CASE("watchdog: frames under the limit and waits between frames do nothing, the slow frame is named") {
  const ChildEnd end = runInChild([] {
    FrameWatchdog watchdog(150);
    if (!watchdog.active()) std::fputs("not active\n", stderr);
    for (int i = 0; i < 10; ++i) frame(watchdog, 20ms);  // frames 1 to 10: well under the limit
    std::this_thread::sleep_for(400ms);                  // between frames: not watched
    frame(watchdog, 60ms);                               // frame 11
    std::this_thread::sleep_for(400ms);
    std::fputs("frames 1 to 11 passed\n", stderr);
    std::fflush(stderr);
    watchdog.frameStarted();  // frame 12 is stuck
    std::this_thread::sleep_for(10s);
  });
  CAPTURE(end.err);
  CHECK(end.status == 1);
  CHECK(end.err ==
        "frames 1 to 11 passed\n"
        "ganscope: frame 12 has taken more than 150 ms (--frame-watchdog 150); stopping\n");
}

TEST_CASE("watchdog: limit 0 is off (no thread, a long frame passes) where 50 ms stops the same frame") {
  auto longFrame = [](int limitMs) {
    return runInChild([limitMs] {
      FrameWatchdog watchdog(limitMs);
      if (watchdog.active() != (limitMs > 0)) std::fputs("active() is wrong\n", stderr);
      frame(watchdog, 500ms);
    });
  };
  const ChildEnd off = longFrame(0);
  CAPTURE(off.err);
  CHECK(off.status == 0);
  CHECK(off.err.empty());
  const ChildEnd on = longFrame(50);
  CAPTURE(on.err);
  CHECK(on.status == 1);
  CHECK(on.err.find("frame 1 has taken more than 50 ms") != std::string::npos);
}

TEST_CASE("watchdog: the destructor stops and joins the thread at once, until then a stuck frame is caught") {
  // A watchdog destroyed in the middle of a frame watches no more: the frame can then run past its limit.
  // (The same frame with the watchdog alive, below, is stopped: the limit is real.)
  const ChildEnd destroyed = runInChild([] {
    const auto start = std::chrono::steady_clock::now();
    {
      FrameWatchdog watchdog(FrameWatchdog::kMaxLimitMs);  // wakes every 100 ms; its destructor must not wait
      watchdog.frameStarted();
    }
    if (std::chrono::steady_clock::now() - start > 50ms) std::fputs("slow destructor\n", stderr);
    {
      FrameWatchdog watchdog(80);
      watchdog.frameStarted();
      std::this_thread::sleep_for(20ms);
    }                                    // destroyed mid-frame
    std::this_thread::sleep_for(300ms);  // the frame goes on past the limit, unwatched
  });
  CAPTURE(destroyed.err);
  CHECK(destroyed.status == 0);
  CHECK(destroyed.err.empty());

  const ChildEnd alive = runInChild([] {
    FrameWatchdog first(80);
    first.frameStarted();
    std::this_thread::sleep_for(20ms);
    first.frameEnded();
    FrameWatchdog second(80);  // two at once: each watches its own frames
    second.frameStarted();
    std::this_thread::sleep_for(1s);
  });
  CAPTURE(alive.err);
  CHECK(alive.status == 1);
  CHECK(alive.err == "ganscope: frame 1 has taken more than 80 ms (--frame-watchdog 80); stopping\n");
}

TEST_CASE("watchdog: --frame-watchdog takes 0 to 600000 ms, out of range it is refused in one line, exit 2") {
  const TempFolder folder("watchdog-cli");
  for (const char* bad : {"-1", "600001", "ten"}) {
    CAPTURE(bad);
    const RunResult run =
        runCommand(std::string(GANSCOPE_EXE) + " --headless --steps 10 --frame-watchdog " + bad, folder);
    CAPTURE(run.err);
    CHECK(run.code == 2);
    CHECK(run.err.find("--frame-watchdog") != std::string::npos);
    CHECK(run.err.find("0 to 600000") != std::string::npos);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    CHECK(run.out.empty());
  }
  // Accepted where there are frames to watch (here the window drawn offscreen); a headless run has none and
  // refuses the flag (cli_test).
  for (const char* good : {"0", "600000"}) {
    CAPTURE(good);
    // (Mesa keeps allocations until exit by design: the sanitizer's leak check is off, as for every window
    // run.)
    const RunResult run = runCommand("ASAN_OPTIONS=detect_leaks=0 env -u DISPLAY -u WAYLAND_DISPLAY " +
                                         std::string(GANSCOPE_EXE) +
                                         " --offscreen --frames 1 --steps 10 --frame-watchdog " + good,
                                     folder);
    CAPTURE(run.err);
    CHECK(run.code == 0);
  }
}

TEST_CASE("watchdog: the window's frames are watched: --frame-watchdog 1 stops it at frame 1, status 1") {
  // Every frame of the window on Mesa's software rasterizer takes milliseconds (the first one far more:
  // shaders), so a limit of 1 ms stops it at once; the same window with the watchdog off runs its 5 frames
  // and exits 0 (windowCommand says why the screen is started with -noreset).
  const TempFolder folder("watchdog-window");
  const std::string window = windowCommand() + " --frames 5";
  const RunResult watched = runCommand(window + " --frame-watchdog 1", folder);
  CAPTURE(watched.err);
  CHECK(watched.code == 1);
  CHECK(watched.err.find("ganscope: frame 1 has taken more than 1 ms (--frame-watchdog 1); stopping\n") !=
        std::string::npos);
  CHECK(watched.out.empty());  // stopped before the summary line
  const RunResult unwatched = runCommand(window + " --frame-watchdog 0", folder);
  CAPTURE(unwatched.err);
  CHECK(unwatched.code == 0);
  CHECK(unwatched.out.find("frames=") != std::string::npos);
  CHECK(unwatched.err.find("watchdog") == std::string::npos);
}
