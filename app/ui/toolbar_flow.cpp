#include "app/ui/toolbar_flow.h"

#include <imgui.h>

#include <algorithm>

namespace ganscope {

void ToolbarFlow::begin(float right) {
  right_ = right;
  group_ = 0;
  rows_ = 1;
  ImGui::BeginGroup();
}

void ToolbarFlow::endGroup() {
  ImGui::EndGroup();
  const float width = ImGui::GetItemRectSize().x;
  if (static_cast<std::size_t>(group_) >= widths_.size())
    widths_.resize(static_cast<std::size_t>(group_) + 1, 0.0f);
  widths_[static_cast<std::size_t>(group_)] = width;
  ++group_;
}

void ToolbarFlow::next() {
  endGroup();
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float end = ImGui::GetItemRectMax().x;
  const float coming =
      static_cast<std::size_t>(group_) < widths_.size() ? widths_[static_cast<std::size_t>(group_)] : 0.0f;
  if (end + spacing + coming <= right_) {
    ImGui::SameLine();
  } else {
    ++rows_;  // ImGui starts the next item on a new line
  }
  ImGui::BeginGroup();
}

void ToolbarFlow::end() {
  endGroup();
}

int ToolbarFlow::rowsFor(std::span<const float> widths, float available, float spacing) {
  int rows = 1;
  float used = 0.0f;
  bool first = true;
  for (const float w : widths) {
    if (first) {
      used = w;
      first = false;
    } else if (used + spacing + w <= available) {
      used += spacing + w;
    } else {
      ++rows;
      used = w;
    }
  }
  return rows;
}

}  // namespace ganscope
