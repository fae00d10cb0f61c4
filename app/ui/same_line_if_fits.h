#pragma once
// Items side by side while the row has room, one under the other in a narrow panel: nothing cut off at its
// edge.
#include <imgui.h>

namespace ganscope {

/// The width a checkbox with `label` takes (its box, the spacing and the label's text).
inline float checkboxWidth(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
         ImGui::CalcTextSize(label, nullptr, true).x;
}

/// Puts the next item, `nextWidth` pixels wide, on the same row as the last one when it fits inside the
/// window's content region, else on the next row.
inline void sameLineIfFits(float nextWidth) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + nextWidth <= right) ImGui::SameLine();
}

}  // namespace ganscope
