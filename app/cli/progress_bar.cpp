#include "app/cli/progress_bar.h"

#include <unistd.h>

#include <algorithm>
#include <string>

namespace ganscope {

ProgressBar::ProgressBar(long long total, const char* unit)
    : total_(std::max(total, 1LL)), unit_(unit), enabled_(::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()), lastDraw_(start_) {}

void ProgressBar::update(long long done) {
  if (!enabled_ || done < nextCheck_) return;
  nextCheck_ = done + (std::string(unit_) == "it" ? 256 : 1);
  const auto now = std::chrono::steady_clock::now();
  if (now - lastDraw_ < std::chrono::milliseconds(100)) return;
  lastDraw_ = now;
  draw(done, std::chrono::duration<double>(now - start_).count());
}

void ProgressBar::finish(long long done) {
  if (!enabled_) return;
  draw(done, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  std::fputc('\n', stderr);
}

void ProgressBar::draw(long long done, double seconds) {
  constexpr int kWidth = 30;
  const double fraction = std::clamp(static_cast<double>(done) / static_cast<double>(total_), 0.0, 1.0);
  const int filled = static_cast<int>(fraction * kWidth);
  const std::string bar = std::string(filled, '#') + std::string(kWidth - filled, '.');
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
  std::fprintf(stderr, "\r[%s] %3d%%  %lld/%lld %s  %.0f %s/s  eta %.1f s ", bar.c_str(),
               static_cast<int>(fraction * 100.0), done, total_, std::string(unit_) == "it" ? "" : unit_, rate, unit_,
               eta);
  std::fflush(stderr);
}

}  // namespace ganscope
