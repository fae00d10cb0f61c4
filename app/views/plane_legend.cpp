#include "app/views/plane_legend.h"

#include <algorithm>

#include "app/views/class_palette.h"
#include "app/views/plane_style.h"

namespace ganscope {
namespace {

ImU32 colour(const glm::vec4& c) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
}

}  // namespace

void drawPlaneLegend(ImDrawList* drawList, ImVec2 origin, ImVec2 size, bool byClass) {
  using namespace plane_style;
  const float font = ImGui::GetFontSize();
  const float pad = font * 0.5f, mark = font * 1.6f, row = font * 1.45f;
  const char* labels[] = {byClass ? "real data, coloured by class" : "real data",
                          byClass ? "G's samples, by the class asked" : "generator's samples",
                          "D says fake  ·  D says real", "D = ½: cannot tell"};
  // A conditional run: both marks in one class's colour (the picker's palette).
  const glm::vec4 realFill = byClass ? classColor(2) : kRealFill, fakeFill = byClass ? classColor(2) : kFakeFill;
  float textWidth = 0.0f;
  for (const char* label : labels) textWidth = std::max(textWidth, ImGui::CalcTextSize(label).x);
  const float width = pad * 3.0f + mark + textWidth, height = pad * 2.0f + row * 4.0f;
  // Below the row of the modes' legend (top left, as wide as a third of a narrow view) and the pointer's
  // coordinates (top right), clear of the caption (bottom).
  const float top = font * 2.1f;
  if (width > size.x * 0.9f || top + height > size.y * 0.6f) return;  // no room: the view itself comes first
  const ImVec2 corner(origin.x + size.x - pad - width, origin.y + top);
  drawList->AddRectFilled(corner, ImVec2(corner.x + width, corner.y + height), IM_COL32(255, 255, 255, 225),
                          font * 0.3f);
  const ImU32 text = IM_COL32(20, 20, 24, 255);
  const float markX = corner.x + pad, textX = markX + mark + pad;
  for (int i = 0; i < 4; ++i) {
    const float top = corner.y + pad + row * static_cast<float>(i);
    const ImVec2 centre(markX + mark * 0.5f, top + row * 0.5f);
    const float r = font * 0.32f;
    switch (i) {
      case 0:
        drawList->AddCircleFilled(centre, r, colour(realFill), 16);
        drawList->AddCircle(centre, r, colour(kRealOutline), 16, 1.5f);
        break;
      case 1: {
        const float d = r * 1.35f;
        const ImVec2 p[4] = {{centre.x, centre.y - d},
                             {centre.x + d, centre.y},
                             {centre.x, centre.y + d},
                             {centre.x - d, centre.y}};
        drawList->AddConvexPolyFilled(p, 4, colour(fakeFill));
        drawList->AddPolyline(p, 4, colour(kFakeOutline), ImDrawFlags_Closed, 1.0f);
        break;
      }
      case 2: {
        // The surface's colours from fake through ½ to real.
        const ImVec2 a(markX, top + row * 0.2f), b(markX + mark, top + row * 0.8f);
        const float mid = (a.x + b.x) * 0.5f;
        drawList->AddRectFilledMultiColor(a, ImVec2(mid, b.y), colour(kFieldFake), colour(kFieldMid),
                                          colour(kFieldMid), colour(kFieldFake));
        drawList->AddRectFilledMultiColor(ImVec2(mid, a.y), b, colour(kFieldMid), colour(kFieldReal),
                                          colour(kFieldReal), colour(kFieldMid));
        break;
      }
      default:
        drawList->AddLine(ImVec2(markX, centre.y), ImVec2(markX + mark, centre.y), colour(kContour), 2.5f);
        break;
    }
    drawList->AddText(ImVec2(textX, top + (row - font) * 0.5f), text, labels[i]);
  }
}

}  // namespace ganscope
