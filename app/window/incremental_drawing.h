#pragma once
// Drawing only what changed since the last frame, into a picture that is kept between frames.
#include <imgui.h>

#include <span>
#include <vector>

#include "app/window/damage_tracker.h"

namespace ganscope {

/// Draws a frame's ImGui draw data into a target that keeps its pixels between frames (a back buffer that the
/// driver keeps, or a framebuffer of our own), clearing and drawing again only the areas that differ from the
/// last frame (DamageTracker) and the `changedImages` (images whose texture changed under the same draw command).
/// On a software rasterizer this is most of a frame's cost saved: a frame redraws about a fifth of the window.
class IncrementalDrawing {
 public:
  /// Draws `data` into the framebuffer bound now (of `width` × `height` pixels). Returns the share of its pixels
  /// drawn again. A new size draws everything.
  double draw(ImDrawData& data, int width, int height, std::span<const DamageRect> changedImages);

 private:
  int drawnWidth_ = 0, drawnHeight_ = 0;  // the size the kept picture was drawn at
  DamageTracker damage_;
  std::vector<ImVec4> clipRects_;       // the frame's clip rectangles, restored for each damaged area
  std::vector<ImDrawList*> drawnLists_;  // the lists with something inside the area being drawn
};

}  // namespace ganscope
