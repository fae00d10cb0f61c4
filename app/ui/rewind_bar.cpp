#include "app/ui/rewind_bar.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/ui/control_panel.h"
#include "app/window/imgui_style.h"

namespace ganscope {

float RewindBar::height() {
  return ImGui::GetFrameHeightWithSpacing();
}

void RewindBar::draw(const Snapshot& snapshot, float width) {
  ImGui::PushID("rewind");
  const auto& steps = snapshot.checkpointSteps;
  const int count = steps ? static_cast<int>(steps->size()) : 0;
  const bool rewound = snapshot.rewoundFrom >= 0;
  if (count < 2 || snapshot.rewindOff) {
    ImGui::TextDisabled(snapshot.rewindOff
                            ? "Rewind is off: one checkpoint of these networks does not fit the "
                              "memory budget twice"
                            : "Rewind: the first checkpoints come as training goes");
    ImGui::PopID();
    return;
  }
  // The index shown: the checkpoint the trainer shows (or is being dragged to), the newest while live.
  int shown = count - 1;
  if (rewound) {
    const auto it = std::upper_bound(steps->begin(), steps->end(), snapshot.step);
    shown = std::max(0, static_cast<int>(it - steps->begin()) - 1);
  }
  if (dragged_ >= 0 && dragged_ < count) shown = dragged_;
  const float buttons = rewound ? scaled(250.0f) : 0.0f;
  ImGui::SetNextItemWidth(std::max(scaled(120.0f), width - buttons - scaled(110.0f)));
  const std::string label = "step " + std::to_string((*steps)[static_cast<std::size_t>(shown)]);
  int index = shown;
  if (ImGui::SliderInt("##checkpoint", &index, 0, count - 1, label.c_str(), ImGuiSliderFlags_AlwaysClamp)) {
    dragged_ = index;
    thread_.send(RewindCommand{(*steps)[static_cast<std::size_t>(index)]});
  }
  if (!ImGui::IsItemActive()) dragged_ = -1;
  tooltip(
      "Scrub back through the run: the view, the banner and the charts show it at that checkpoint (paused). "
      "Play, Step or a new setting resume from there (a new branch: the later checkpoints are forgotten).");
  ImGui::SameLine();
  if (rewound) {
    if (ImGui::Button("Back to latest")) thread_.send(ReturnToLatestCommand{});
    tooltip("Show the run where it had got to, as if it had never been rewound.");
    ImGui::SameLine();
    if (ImGui::Button("Resume from here")) thread_.send(ResumeCommand{});
    tooltip("Train on from this checkpoint, exactly as the original run went on from it.");
    ImGui::SameLine();
  }
  ImGui::TextDisabled("%d checkpoints", count);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Checkpoints are the trainer's whole state, dense for recent iterations and thinning out for "
                      "older ones: %.1f MiB of a %.0f MiB budget.",
                      static_cast<double>(snapshot.checkpointBytes) / (1 << 20),
                      static_cast<double>(snapshot.checkpointBudget) / (1 << 20));
  }
  ImGui::PopID();
}

void RewindBar::scrub(const Snapshot& snapshot, int direction) {
  const auto& steps = snapshot.checkpointSteps;
  if (!steps || steps->empty() || snapshot.rewindOff || direction == 0) return;
  const bool rewound = snapshot.rewoundFrom >= 0;
  if (direction < 0) {
    // The newest checkpoint before the step shown (live: before the newest step).
    const auto it = std::lower_bound(steps->begin(), steps->end(), snapshot.step);
    if (it == steps->begin()) return;
    thread_.send(RewindCommand{*(it - 1)});
  } else if (rewound) {
    // The next checkpoint; past the newest, back to where the run had got to.
    const auto it = std::upper_bound(steps->begin(), steps->end(), snapshot.step);
    if (it == steps->end()) {
      thread_.send(ReturnToLatestCommand{});
    } else {
      thread_.send(RewindCommand{*it});
    }
  }
}

}  // namespace ganscope
