#include "app/window/incremental_drawing.h"

#include <GL/glcorearb.h>
#include <imgui_impl_opengl3.h>

#include <cmath>

#include "app/window/imgui_style.h"

namespace ganscope {

double IncrementalDrawing::draw(ImDrawData& data, int width, int height, std::span<const DamageRect> changedImages) {
  if (width != drawnWidth_ || height != drawnHeight_) {  // a new size: nothing of the last picture is kept
    damage_.reset();
    drawnWidth_ = width;
    drawnHeight_ = height;
  }
  std::vector<DamageRect> damage = damage_.update(data);
  for (const DamageRect& image : changedImages) addDamage(damage, image);
  const DamageRect display{data.DisplayPos.x, data.DisplayPos.y, data.DisplayPos.x + data.DisplaySize.x,
                           data.DisplayPos.y + data.DisplaySize.y};
  clipRects_.clear();
  for (int n = 0; n < data.CmdListsCount; ++n)
    for (const ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) clipRects_.push_back(cmd.ClipRect);
  double damagedPixels = 0.0;
  for (const DamageRect& area : damage) {
    // Whole pixels, so the clear and the clipped drawing cover the same ones.
    const ImVec2 scale = data.FramebufferScale;
    const DamageRect clipped = area.clippedTo(display);
    if (clipped.empty()) continue;
    const int x0 = static_cast<int>(std::floor((clipped.x0 - display.x0) * scale.x));
    const int x1 = static_cast<int>(std::ceil((clipped.x1 - display.x0) * scale.x));
    const int y0 = static_cast<int>(std::floor((clipped.y0 - display.y0) * scale.y));
    const int y1 = static_cast<int>(std::ceil((clipped.y1 - display.y0) * scale.y));
    const DamageRect pixels{display.x0 + x0 / scale.x, display.y0 + y0 / scale.y, display.x0 + x1 / scale.x,
                            display.y0 + y1 / scale.y};
    // Every command draws only inside this area (the backend skips commands clipped away).
    // The lists with nothing inside it are left out: the backend would upload their vertices for nothing.
    std::size_t k = 0;
    drawnLists_.clear();
    for (int n = 0; n < data.CmdListsCount; ++n) {
      bool inside = false;
      for (ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) {
        const ImVec4& original = clipRects_[k++];
        const DamageRect clip = DamageRect{original.x, original.y, original.z, original.w}.clippedTo(pixels);
        cmd.ClipRect = clip.empty() ? ImVec4(0, 0, 0, 0) : ImVec4(clip.x0, clip.y0, clip.x1, clip.y1);
        inside = inside || (!clip.empty() && (cmd.ElemCount > 0 || cmd.UserCallback != nullptr));
      }
      if (inside) drawnLists_.push_back(data.CmdLists[n]);
    }
    ImDrawData part = data;
    part.CmdLists = drawnLists_.data();
    part.CmdListsCount = static_cast<int>(drawnLists_.size());
    glEnable(GL_SCISSOR_TEST);
    glScissor(x0, height - y1, x1 - x0, y1 - y0);  // OpenGL counts rows from the bottom
    glClearColor(windowBackground()[0], windowBackground()[1], windowBackground()[2], windowBackground()[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);
    ImGui_ImplOpenGL3_RenderDrawData(&part);
    damagedPixels += static_cast<double>(x1 - x0) * (y1 - y0);
  }
  return damagedPixels / (static_cast<double>(width) * height);
}

}  // namespace ganscope
