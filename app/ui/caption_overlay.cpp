#include "app/ui/caption_overlay.h"

#include <algorithm>

#include "app/window/imgui_style.h"
#include "core/gan/timeline.h"

namespace ganscope {

void drawCaption(const Snapshot& snapshot, ImDrawList* drawList, ImVec2 topLeft, ImVec2 size) {
  drawCaptionText(captionAt(snapshot.config.timeline, snapshot.step), drawList, topLeft, size);
}

void drawCaptionText(const std::string& caption, ImDrawList* drawList, ImVec2 topLeft, ImVec2 size) {
  if (caption.empty() || size.x < 40.0f || size.y < 40.0f) return;
  ImFont* font = captionFont();
  const float fontSize = std::min(scaled(kCaptionFontSize), size.y / 8.0f);
  const float margin = 0.5f * fontSize;
  const float wrap = size.x - 4.0f * margin;
  const ImVec2 text = font->CalcTextSizeA(fontSize, wrap, wrap, caption.c_str());
  const float bandHeight = text.y + 2.0f * margin;
  const ImVec2 bandMin(topLeft.x + margin, topLeft.y + size.y - bandHeight - margin);
  const ImVec2 bandMax(topLeft.x + size.x - margin, topLeft.y + size.y - margin);
  drawList->AddRectFilled(bandMin, bandMax, IM_COL32(10, 10, 14, 200), 6.0f);
  const ImVec2 at(topLeft.x + (size.x - text.x) / 2.0f, bandMin.y + margin);
  drawList->AddText(font, fontSize, at, IM_COL32(255, 255, 255, 255), caption.c_str(), nullptr, wrap);
}

}  // namespace ganscope
