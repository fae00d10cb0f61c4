#pragma once
// The help overlay (H or ?): every keyboard shortcut, from the one table the window acts on.
#include <imgui.h>

namespace ganscope {

/// Draws the list of shortcuts over the middle of a display of `display` size while `open`; its Close button
/// and Esc (handled with the other shortcuts) set `open` to false.
void drawHelpOverlay(bool& open, ImVec2 display);

}  // namespace ganscope
