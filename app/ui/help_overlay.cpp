#include "app/ui/help_overlay.h"

#include <algorithm>

#include "app/ui/shortcuts.h"

namespace ganscope {

void drawHelpOverlay(bool& open, ImVec2 display, ConceptCardOverlay& cards) {
  if (!open) return;
  const float font = ImGui::GetFontSize();
  const ImVec2 size(std::min(display.x * 0.9f, font * 40.0f), std::min(display.y * 0.9f, font * 36.0f));
  ImGui::SetNextWindowPos(ImVec2((display.x - size.x) * 0.5f, (display.y - size.y) * 0.5f));
  ImGui::SetNextWindowSize(size);
  ImGui::SetNextWindowFocus();
  ImGui::Begin("Keyboard shortcuts###help", nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::BeginTable("##shortcuts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed, font * 6.0f);
    ImGui::TableSetupColumn("what it does", ImGuiTableColumnFlags_WidthStretch);
    for (const Shortcut& shortcut : shortcutTable()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(shortcut.keys);
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", shortcut.description);
    }
    ImGui::EndTable();
  }
  ImGui::TextDisabled("No shortcut acts while a text field has the keyboard.");
  ImGui::Separator();
  ImGui::TextUnformatted("Concept cards (also from the ? beside a chart, the banner and the graph's nodes):");
  bool first = true;
  for (const ConceptCard& card : conceptCards()) {
    if (!first) {
      // On the same line while it fits.
      ImGui::SameLine();
      const float width = ImGui::CalcTextSize(card.title).x + 2.0f * ImGui::GetStyle().FramePadding.x;
      if (ImGui::GetCursorPosX() + width > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
    }
    first = false;
    if (ImGui::SmallButton(card.title)) {
      cards.open(card.topic);
      open = false;
    }
  }
  if (ImGui::Button("Close (Esc)")) open = false;
  ImGui::End();
}

}  // namespace ganscope
