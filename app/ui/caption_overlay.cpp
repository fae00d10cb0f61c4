#include "app/ui/caption_overlay.h"

#include <algorithm>

#include "app/window/imgui_style.h"
#include "core/gan/timeline.h"

namespace ganscope {
namespace {

// The band's margin around the text, as a share of the font's size; the most lines a band asks room for.
constexpr float kMargin = 0.4f;
constexpr float kMostLines = 3.0f;

ImVec2 captionTextSize(const std::string& caption, float fontSize, float width) {
  const float wrap = std::max(1.0f, width - 4.0f * kMargin * fontSize);
  return captionFont()->CalcTextSizeA(fontSize, wrap, wrap, caption.c_str());
}

}  // namespace

std::string shownCaption(const Snapshot& snapshot, const std::string& slowMotionCaption) {
  return slowMotionCaption.empty() ? captionAt(snapshot.config.timeline, snapshot.step) : slowMotionCaption;
}

float captionBandHeight(const std::string& caption, float width) {
  if (caption.empty()) return 0.0f;
  const float fontSize = scaled(kCaptionFontSize);
  const float text = std::min(captionTextSize(caption, fontSize, width).y, kMostLines * fontSize);
  return text + 2.0f * kMargin * fontSize;
}

void drawCaptionBand(const std::string& caption, ImDrawList* drawList, ImVec2 topLeft, ImVec2 size) {
  if (caption.empty() || size.x < 40.0f || size.y < 12.0f) return;
  // The largest font up to the caption's own size whose wrapped text fits the band's height.
  float fontSize = scaled(kCaptionFontSize);
  ImVec2 text = captionTextSize(caption, fontSize, size.x);
  while (fontSize > 9.0f && text.y + 2.0f * kMargin * fontSize > size.y) {
    fontSize *= 0.9f;
    text = captionTextSize(caption, fontSize, size.x);
  }
  const float wrap = size.x - 4.0f * kMargin * fontSize;
  const ImVec2 bandMax(topLeft.x + size.x, topLeft.y + size.y);
  drawList->AddRectFilled(topLeft, bandMax, IM_COL32(10, 10, 14, 230), 6.0f);
  drawList->PushClipRect(topLeft, bandMax, true);
  const ImVec2 at(topLeft.x + (size.x - text.x) / 2.0f, topLeft.y + (size.y - text.y) / 2.0f);
  drawList->AddText(captionFont(), fontSize, at, IM_COL32(255, 255, 255, 255), caption.c_str(), nullptr,
                    wrap);
  drawList->PopClipRect();
}

}  // namespace ganscope
