#pragma once
// A one-line progress bar with iterations per second, redrawn in place on a terminal.
#include <chrono>
#include <cstdio>

namespace ganscope {

/// Draws "[#####.....]  45%  2250/5000  3412 it/s  eta 0.8 s" on stderr, at most ten times a second; draws nothing
/// when stderr is not a terminal.
class ProgressBar {
 public:
  /// A bar for `total` iterations (or other `unit`s: "frames" for a recording); enabled only when stderr is a
  /// terminal.
  explicit ProgressBar(long long total, const char* unit = "it");
  /// Reports that `done` iterations are complete (cheap: reads the clock every 256 calls at most).
  void update(long long done);
  /// Draws the final state and ends the line.
  void finish(long long done);

 private:
  void draw(long long done, double seconds);
  long long total_;
  const char* unit_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point lastDraw_;
  long long nextCheck_ = 0;
};

}  // namespace ganscope
