#include "app/ui/help_overlay.h"

#include <algorithm>

#include "app/ui/shortcuts.h"

namespace ganscope {

void drawHelpOverlay(bool& open, ImVec2 display) {
  if (!open) return;
  const float font = ImGui::GetFontSize();
  const ImVec2 size(std::min(display.x * 0.9f, font * 40.0f), std::min(display.y * 0.9f, font * 30.0f));
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
  if (ImGui::Button("Close (Esc)")) open = false;
  ImGui::End();
}

}  // namespace ganscope
