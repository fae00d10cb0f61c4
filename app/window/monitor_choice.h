#pragma once
// Which monitor fullscreen fills: the one the window is on (a lecturer drags it onto the projector, then
// presses F), not the primary one.
#include <cstddef>
#include <optional>
#include <span>

namespace ganscope {

/// A rectangle of the virtual desktop in screen coordinates: its top-left corner and size.
struct ScreenRect {
  int x = 0, y = 0, width = 0, height = 0;
};

/// The index of the monitor that holds the largest part of `window`; nullopt when it overlaps none (then the
/// primary monitor is the sensible choice).
std::optional<std::size_t> monitorWithMostOf(const ScreenRect& window, std::span<const ScreenRect> monitors);

}  // namespace ganscope
