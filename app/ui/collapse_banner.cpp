#include "app/ui/collapse_banner.h"

#include <string>

#include "app/ui/control_panel.h"
#include "core/gan/config_json.h"

namespace ganscope {

ImU32 conditionColour(TrainingCondition condition) {
  switch (condition) {
    case TrainingCondition::Divergence: return IM_COL32(200, 40, 40, 255);
    case TrainingCondition::VanishingGradients:
    case TrainingCondition::SamplesOffData:
      return IM_COL32(215, 105, 10, 255);
    case TrainingCondition::ModeCollapse:
    case TrainingCondition::ModeHopping: return IM_COL32(170, 35, 140, 255);
    case TrainingCondition::Oscillation: return IM_COL32(175, 130, 0, 255);
    case TrainingCondition::Healthy: break;
  }
  return IM_COL32(90, 90, 90, 255);
}

void CollapseBanner::draw(const Snapshot& snapshot) {
  if (snapshot.version != seenVersion_ && snapshot.history) {
    monitor_.update(*snapshot.history, snapshot.config);
    seenVersion_ = snapshot.version;
  }
  const ConditionReport& report = monitor_.report();
  if (report.condition == TrainingCondition::Healthy) return;
  if (report.condition == dismissedCondition_ && report.since == dismissedSince_) return;

  // Widgets on the front channel, the coloured card behind them once their size is known.
  const ImU32 accent = conditionColour(report.condition);
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const float font = ImGui::GetFontSize();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  drawList->ChannelsSplit(2);
  drawList->ChannelsSetCurrent(1);
  ImGui::PushID("collapse banner");
  ImGui::SetCursorScreenPos(ImVec2(start.x + font * 0.8f, start.y + font * 0.35f));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(start.x + width - font * 2.2f - ImGui::GetWindowPos().x);
  ImGui::PushStyleColor(ImGuiCol_Text, accent);
  ImGui::TextUnformatted(report.headline.c_str());
  if (cards_ != nullptr) {
    const TrainingCondition c = report.condition;
    if (c == TrainingCondition::ModeCollapse || c == TrainingCondition::ModeHopping ||
        c == TrainingCondition::VanishingGradients || c == TrainingCondition::Oscillation) {
      ImGui::SameLine();
      cards_->button(c == TrainingCondition::VanishingGradients ? Concept::NonSaturatingLoss
                     : c == TrainingCondition::Oscillation      ? Concept::NashEquilibrium
                                                                 : Concept::ModeCollapse,
                     "banner concept");
    }
  }
  ImGui::PopStyleColor();
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(25, 25, 25, 255));
  ImGui::TextWrapped("%s", report.explanation.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  if (!report.fixes.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(25, 25, 25, 255));
    ImGui::TextUnformatted("Try:");
    ImGui::PopStyleColor();
    for (std::size_t i = 0; i < report.fixes.size(); ++i) {
      const SuggestedFix& fix = report.fixes[i];
      ImGui::SameLine();
      // Wrap the buttons when the next one would not fit.
      const float buttonWidth = ImGui::CalcTextSize(fix.name.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
      if (ImGui::GetCursorScreenPos().x + buttonWidth > start.x + width - font) ImGui::NewLine();
      ImGui::PushID(static_cast<int>(i));
      ImGui::PushStyleColor(ImGuiCol_Button, accent);
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(40, 40, 40, 255));
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
      const bool clicked = ImGui::SmallButton(fix.name.c_str());
      ImGui::PopStyleColor(3);
      if (clicked) {
        Config edited = snapshot.config;
        try {
          for (const std::string& assignment : fix.assignments) applySetting(edited, assignment);
          thread_.send(SetConfigCommand{edited});
        } catch (const ConfigError&) {
          // The monitor offers only fixes that apply; a config changed since is left alone.
        }
      }
      std::string help = "Apply now (the networks keep training):";
      for (const std::string& assignment : fix.assignments) help += "\n  --set " + assignment;
      if (!fix.evidence.empty()) help += "\nMeasured: " + fix.evidence + ".";
      if (!fix.cost.empty()) help += "\nCost: " + fix.cost + ".";
      tooltip(help.c_str());
      ImGui::PopID();
    }
  } else if (!report.suggestion.empty()) {
    ImGui::TextWrapped("%s", report.suggestion.c_str());
  }
  ImGui::EndGroup();
  const ImVec2 groupMax = ImGui::GetItemRectMax();
  // The dismiss button in the top right corner.
  ImGui::SetCursorScreenPos(ImVec2(start.x + width - font * 1.7f, start.y + font * 0.25f));
  if (ImGui::SmallButton("x")) {
    dismissedCondition_ = report.condition;
    dismissedSince_ = report.since;
  }
  tooltip("Hide this message until something else goes wrong.");
  ImGui::PopID();

  const ImVec2 end(start.x + width, groupMax.y + font * 0.4f);
  drawList->ChannelsSetCurrent(0);
  drawList->AddRectFilled(start, end, IM_COL32(255, 250, 240, 245), font * 0.3f);
  drawList->AddRectFilled(start, ImVec2(start.x + font * 0.35f, end.y), accent, font * 0.3f,
                          ImDrawFlags_RoundCornersLeft);
  drawList->AddRect(start, end, accent, font * 0.3f, ImDrawFlags_None, 1.5f);
  drawList->ChannelsMerge();
  // Leave the space taken, so the view below starts under the banner.
  ImGui::SetCursorScreenPos(ImVec2(start.x, end.y + font * 0.3f));
  ImGui::Dummy(ImVec2(0.0f, 0.0f));
}

}  // namespace ganscope
