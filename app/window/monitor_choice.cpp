#include "app/window/monitor_choice.h"

#include <algorithm>

namespace ganscope {

std::optional<std::size_t> monitorWithMostOf(const ScreenRect& window, std::span<const ScreenRect> monitors) {
  std::optional<std::size_t> best;
  long long bestArea = 0;
  for (std::size_t i = 0; i < monitors.size(); ++i) {
    const ScreenRect& m = monitors[i];
    const long long w = std::min<long long>(window.x + window.width, m.x + m.width) - std::max(window.x, m.x);
    const long long h =
        std::min<long long>(window.y + window.height, m.y + m.height) - std::max(window.y, m.y);
    const long long area = w > 0 && h > 0 ? w * h : 0;
    if (area > bestArea) {
      bestArea = area;
      best = i;
    }
  }
  return best;
}

}  // namespace ganscope
