#include "app/ui/collapse_banner.h"

#include <algorithm>
#include <string>

#include "app/ui/control_panel.h"
#include "app/views/fitted_text.h"
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

void CollapseBanner::beginEpisode(const ConditionReport& report) {
  if (report.condition == shownCondition_ && report.since == shownSince_) return;
  shownCondition_ = report.condition;
  shownSince_ = report.since;
  unfoldedSeconds_ = 0.0;
  const bool read = std::find(read_.begin(), read_.end(), report.condition) != read_.end();
  folded_ = lecture_ && read;
  foldChosen_ = false;
}

void CollapseBanner::setFolded(bool folded) {
  folded_ = folded;
  foldChosen_ = true;
}

void CollapseBanner::noteReading(TrainingCondition condition) {
  if (folded_) {
    if (std::find(read_.begin(), read_.end(), condition) == read_.end()) read_.push_back(condition);
    return;
  }
  unfoldedSeconds_ += ImGui::GetIO().DeltaTime;
  if (unfoldedSeconds_ >= kBannerReadingSeconds &&
      std::find(read_.begin(), read_.end(), condition) == read_.end())
    read_.push_back(condition);
}

void CollapseBanner::drawFix(const SuggestedFix& fix, int index, const Snapshot& snapshot, ImU32 accent) {
  ImGui::PushID(index);
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

void CollapseBanner::drawFolded(const ConditionReport& report, const Snapshot& snapshot, ImU32 accent,
                                float right) {
  // One line: the headline cut to its room (a click unfolds it), then as many fix buttons as fit; where not
  // even the first fits beside the headline, the buttons take a second line.
  const float left = ImGui::GetCursorScreenPos().x;
  const std::string headline = fittedText(report.headline.c_str(), nullptr, right - left);
  ImGui::PushStyleColor(ImGuiCol_Text, accent);
  ImGui::TextUnformatted(headline.c_str());
  ImGui::PopStyleColor();
  if (ImGui::IsItemClicked()) setFolded(false);
  tooltip((report.explanation + "\n(Click to show the whole message.)").c_str());
  const ImGuiStyle& style = ImGui::GetStyle();
  auto widthOf = [&](const std::string& label) {
    return ImGui::CalcTextSize(label.c_str()).x + style.FramePadding.x * 2;
  };
  for (std::size_t i = 0; i < report.fixes.size(); ++i) {
    const std::string more = "+" + std::to_string(report.fixes.size() - i);
    const bool last = i + 1 == report.fixes.size();
    const float needed = widthOf(report.fixes[i].name) + (last ? 0.0f : style.ItemSpacing.x + widthOf(more));
    ImGui::SameLine();
    if (i == 0 && ImGui::GetCursorScreenPos().x + needed > right) ImGui::NewLine();  // a line of their own
    if (ImGui::GetCursorScreenPos().x + needed > right) {
      // The rest would run past the corner: one button for them, which unfolds the banner.
      if (ImGui::SmallButton(more.c_str())) setFolded(false);
      tooltip("More fixes: show the whole message.");
      break;
    }
    drawFix(report.fixes[i], static_cast<int>(i), snapshot, accent);
  }
}

void CollapseBanner::drawUnfolded(const ConditionReport& report, const Snapshot& snapshot, ImU32 accent,
                                  float right, float edge) {
  // The headline stops short of the fold and dismiss buttons; the text below runs to the card's edge.
  ImGui::PushTextWrapPos(right - ImGui::GetWindowPos().x);
  ImGui::PushStyleColor(ImGuiCol_Text, accent);
  ImGui::TextUnformatted(report.headline.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  if (ImGui::IsItemClicked()) setFolded(true);
  tooltip("Click to fold this message to one line.");
  if (cards_ != nullptr) {
    const TrainingCondition c = report.condition;
    if (c == TrainingCondition::ModeCollapse || c == TrainingCondition::ModeHopping ||
        c == TrainingCondition::VanishingGradients || c == TrainingCondition::Oscillation) {
      ImGui::SameLine();
      if (ImGui::GetCursorScreenPos().x + ImGui::GetFrameHeight() > right)
        ImGui::NewLine();  // clear of the corner
      cards_->button(c == TrainingCondition::VanishingGradients ? Concept::NonSaturatingLoss
                     : c == TrainingCondition::Oscillation      ? Concept::NashEquilibrium
                                                                 : Concept::ModeCollapse,
                     "banner concept");
    }
  }
  ImGui::PushTextWrapPos(edge - ImGui::GetWindowPos().x);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(25, 25, 25, 255));
  ImGui::TextWrapped("%s", report.explanation.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  if (!report.fixes.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(25, 25, 25, 255));
    ImGui::TextUnformatted("Try:");
    ImGui::PopStyleColor();
    for (std::size_t i = 0; i < report.fixes.size(); ++i) {
      ImGui::SameLine();
      // Wrap the buttons when the next one would not fit.
      const float buttonWidth =
          ImGui::CalcTextSize(report.fixes[i].name.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
      if (ImGui::GetCursorScreenPos().x + buttonWidth > edge) ImGui::NewLine();
      drawFix(report.fixes[i], static_cast<int>(i), snapshot, accent);
    }
  } else if (!report.suggestion.empty()) {
    ImGui::TextWrapped("%s", report.suggestion.c_str());
  }
}

void CollapseBanner::draw(const Snapshot& snapshot, float room) {
  if (snapshot.version != seenVersion_ && snapshot.history) {
    monitor_.update(*snapshot.history, snapshot.config);
    seenVersion_ = snapshot.version;
  }
  const ConditionReport& report = monitor_.report();
  if (report.condition == TrainingCondition::Healthy) return;
  if (report.condition == dismissedCondition_ && report.since == dismissedSince_) return;
  beginEpisode(report);
  // Unfolded it would not fit its room: folded, so that the fixes stay in sight (a click unfolds it).
  if (!folded_ && !foldChosen_ && unfoldedHeight_ > room) folded_ = true;
  noteReading(report.condition);

  // Widgets on the front channel, the coloured card behind them once their size is known.
  const ImU32 accent = conditionColour(report.condition);
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  const float font = ImGui::GetFontSize();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float right = start.x + width - font * 3.0f;  // room for the fold and dismiss buttons
  drawList->ChannelsSplit(2);
  drawList->ChannelsSetCurrent(1);
  ImGui::PushID("collapse banner");
  ImGui::SetCursorScreenPos(ImVec2(start.x + font * 0.8f, start.y + font * (folded_ ? 0.2f : 0.35f)));
  ImGui::BeginGroup();
  if (folded_) {
    drawFolded(report, snapshot, accent, right);
  } else {
    drawUnfolded(report, snapshot, accent, right, start.x + width - font);
  }
  ImGui::EndGroup();
  const ImVec2 groupMax = ImGui::GetItemRectMax();
  // The fold (or unfold) and dismiss buttons in the top right corner.
  ImGui::SetCursorScreenPos(ImVec2(start.x + width - font * 2.9f, start.y + font * 0.2f));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.0f, 0.0f));  // as small as the text
  if (ImGui::ArrowButton("fold", folded_ ? ImGuiDir_Down : ImGuiDir_Up)) setFolded(!folded_);
  ImGui::PopStyleVar();
  tooltip(folded_ ? "Show the whole message." : "Fold this message to one line: its headline and fixes.");
  ImGui::SameLine(0.0f, font * 0.2f);
  if (ImGui::SmallButton("x")) {
    dismissedCondition_ = report.condition;
    dismissedSince_ = report.since;
  }
  tooltip("Hide this message until something else goes wrong.");
  ImGui::PopID();

  const ImVec2 end(start.x + width, groupMax.y + font * (folded_ ? 0.2f : 0.4f));
  drawList->ChannelsSetCurrent(0);
  drawList->AddRectFilled(start, end, IM_COL32(255, 250, 240, 245), font * 0.3f);
  drawList->AddRectFilled(start, ImVec2(start.x + font * 0.35f, end.y), accent, font * 0.3f,
                          ImDrawFlags_RoundCornersLeft);
  drawList->AddRect(start, end, accent, font * 0.3f, ImDrawFlags_None, 1.5f);
  drawList->ChannelsMerge();
  if (!folded_) unfoldedHeight_ = end.y + font * 0.3f - start.y;
  // Leave the space taken, so the view below starts under the banner.
  ImGui::SetCursorScreenPos(ImVec2(start.x, end.y + font * 0.3f));
  ImGui::Dummy(ImVec2(0.0f, 0.0f));
}

}  // namespace ganscope
