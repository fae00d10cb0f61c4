#include "app/ui/compare_panel.h"

#include <imgui.h>

#include <algorithm>

#include "app/ui/control_panel.h"
#include "app/ui/discard_confirmation.h"
#include "app/window/imgui_style.h"
#include "core/gan/config_json.h"

namespace ganscope {
namespace {

// The presets a menu offers: those that change at most this many settings of the run in view.
constexpr std::size_t kMostChanges = 6;

// A value cut to fit the table's column (a drawn point cloud's list would fill the panel).
std::string shortened(std::string text) {
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

}  // namespace

ComparePanel::ComparePanel(RunGroup& runs, std::vector<PresetInfo> presets)
    : runs_(runs), presets_(std::move(presets)) {}

std::string ComparePanel::compareWithSettings(const std::string& text) {
  try {
    const std::vector<std::string> settings = splitSettings(text);
    if (settings.empty()) return "give run B's settings as key=value, e.g. pack=4";
    return start(makeComparison(runs_.latest(0)->config, nullptr, "", settings));
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::string ComparePanel::compareWithPreset(const std::string& name) {
  try {
    const Config preset = loadPreset(name);
    return start(makeComparison(runs_.latest(0)->config, &preset, name, {}));
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::string ComparePanel::start(const Comparison& comparison) {
  if (confirmation_ == nullptr) {
    runs_.compare(comparison);
    return "";
  }
  // Asked first when run A has more than a few seconds to lose; a refusal found only then is shown in the
  // menu.
  message_.clear();
  confirmation_->request(*runs_.latest(0), "Start a comparison", [this, comparison] {
    try {
      runs_.compare(comparison);
    } catch (const std::exception& e) {
      message_ = e.what();
    }
  });
  return message_;
}

void ComparePanel::findCandidates(const Config& runA) {
  candidates_.clear();
  for (const PresetInfo& info : presets_) {
    try {
      Config preset = loadPreset(info.name);
      preset.seed = runA.seed;
      std::vector<std::string> changes = configDifferences(runA, preset);
      if (changes.empty() || changes.size() > kMostChanges) continue;
      candidates_.push_back({info.name, std::move(changes)});
    } catch (const std::exception&) {
      // A preset that cannot be read is not offered (the presets menu says why).
    }
  }
  std::stable_sort(candidates_.begin(), candidates_.end(),
                   [](const Candidate& x, const Candidate& y) { return x.changes.size() < y.changes.size(); });
}

void ComparePanel::drawToolbarButton() {
  const bool comparing = runs_.comparing();
  if (comparing) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  if (ImGui::Button(comparing ? "Comparing A | B" : "Compare...")) {
    findCandidates(runs_.latest(0)->config);
    message_.clear();
    ImGui::OpenPopup("##compare menu");
  }
  if (comparing) ImGui::PopStyleColor();
  tooltip(
      "Side by side: run B trains beside this run (A) on the same data and seed, with the settings you choose "
      "changed. Both start again at step 0 and stay at the same iteration; every setting in the panel goes to "
      "both. Also --compare key=value and --compare-preset NAME.");
  if (ImGui::BeginPopup("##compare menu")) {
    drawMenu();
    ImGui::EndPopup();
  }
}

void ComparePanel::drawMenu() {
  ImGui::TextUnformatted("Compare with... (run B beside this run, both from step 0, same seed)");
  ImGui::Separator();
  if (candidates_.empty()) ImGui::TextDisabled("No preset differs from this run in only a few settings.");
  for (const Candidate& candidate : candidates_) {
    std::string changes;
    for (const std::string& change : candidate.changes) changes += (changes.empty() ? "" : ", ") + change;
    if (changes.size() > 60) changes = changes.substr(0, 57) + "...";
    const std::string label = candidate.name + "   (" + changes + ")";
    if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_DontClosePopups)) {
      message_ = compareWithPreset(candidate.name);
      if (message_.empty()) ImGui::CloseCurrentPopup();
    }
  }
  ImGui::Separator();
  ImGui::TextUnformatted("or run B's settings:");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18.0f);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();  // open the menu, type B's settings, Return
  const bool entered = ImGui::InputText("##compare settings", settingsText_, sizeof settingsText_,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  tooltip("key=value settings, as --set takes them: pack=4, penalty.r1=1, loss=wgan-gp, optimizer.d.lr=4e-4");
  ImGui::SameLine();
  if (ImGui::Button("Compare") || entered) {
    message_ = compareWithSettings(settingsText_);
    if (message_.empty()) ImGui::CloseCurrentPopup();
  }
  if (runs_.comparing()) {
    ImGui::Separator();
    if (ImGui::Button("Stop comparing")) {
      runs_.stopComparing();
      ImGui::CloseCurrentPopup();
    }
  }
  if (!message_.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetFontSize() * 30.0f);
    ImGui::TextColored(errorColour(), "%s", message_.c_str());
    ImGui::PopTextWrapPos();
  }
}

void ComparePanel::drawDifferences(const Snapshot& a, const Snapshot* b) {
  if (!runs_.comparing() || b == nullptr) return;
  ImGui::TextUnformatted("Run B differs in:");
  if (!(a.config == shownA_) || !(b->config == shownB_)) {
    // Worked out again only when a config changed (snapshots come every 16 ms; configs seldom change).
    shownA_ = a.config;
    shownB_ = b->config;
    differences_.clear();
    for (const std::string& change : configDifferences(a.config, b->config)) {
      const std::string key = settingKey(change);
      differences_.push_back({key, shortened(configValueText(a.config, key)), shortened(configValueText(b->config, key))});
    }
  }
  if (ImGui::BeginTable("##compare differences", 3,
                        ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("setting");
    ImGui::TableSetupColumn("A");
    ImGui::TableSetupColumn("B");
    ImGui::TableHeadersRow();
    for (const Difference& difference : differences_) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(difference.key.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(difference.valueA.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(difference.valueB.c_str());
    }
    ImGui::EndTable();
  }
  if (differences_.empty()) ImGui::TextDisabled("nothing: both runs have the same settings now");
  if (ImGui::SmallButton("Stop comparing")) runs_.stopComparing();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("The settings below go to both runs.");
  ImGui::PopStyleColor();
  ImGui::Separator();
}

}  // namespace ganscope
