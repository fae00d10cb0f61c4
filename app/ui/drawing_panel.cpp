#include "app/ui/drawing_panel.h"

#include <imgui.h>

#include "app/ui/control_panel.h"
#include "app/window/imgui_style.h"
#include "core/data/distribution.h"
#include "core/util/atomic_file.h"

namespace ganscope {

void DrawingPanel::apply(const Snapshot& snapshot) {
  if (canvas_.size() == 0) {
    message_ = "Draw at least one sample: the run keeps its data until then.";
    return;
  }
  Config edited = snapshot.config;
  edited.data = canvas_.applyTo(edited.data);
  const auto problems = validate(edited);
  if (!problems.empty()) {
    message_ = "Not applied: " + problems.front();
    return;
  }
  message_.clear();
  thread_.send(SetConfigCommand{edited});
}

void DrawingPanel::draw(const Snapshot& snapshot) {
  ImGui::PushID("drawing");
  const int dim = configuredDataDimension(snapshot.config.data);
  const bool plane = snapshot.generator->outputDim() == 2 && dim != 1;
  if (!plane) {
    ImGui::TextDisabled("Drawing your own data: on 2D data");
    tooltip("Switch the distribution to a 2D one (ring, points, ...) to paint samples on the plane.");
    active_ = false;
    ImGui::PopID();
    return;
  }
  if (ImGui::Checkbox("Draw your own data", &active_) && active_) {
    // Carry on with the drawing the run trains on, if it is one.
    canvas_ = DrawingCanvas(2);
    canvas_.load(snapshot.config.data);
    message_ = "Left-drag paints samples, right-drag erases; each stroke trains at once.";
  }
  tooltip(
      "Paint the data yourself on the plane (as in GAN Lab): left-drag sprays samples, right-drag erases, "
      "the "
      "wheel zooms. Each stroke becomes the run's data (a points distribution kept in the config and "
      "sessions) "
      "and G and D train on it at once.");
  if (active_) {
    ImGui::SetNextItemWidth(scaled(120));
    ImGui::SliderFloat("brush", &brush_, 0.02f, 2.0f, "%.2f",
                       ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    tooltip("The brush's radius, in the data's units.");
    ImGui::SetNextItemWidth(scaled(120));
    ImGui::SliderInt("density", &density_, 1, 50, "%d a dab", ImGuiSliderFlags_AlwaysClamp);
    tooltip("Samples sprayed at each dab (one each time the pointer moves a third of the brush).");
    if (ImGui::Button("Undo")) {
      if (canvas_.undo()) apply(snapshot);
    }
    tooltip("Back one stroke.");
    ImGui::SameLine();
    if (ImGui::Button("Clear")) canvas_.clear();
    tooltip("Remove every sample (Undo brings them back); the run keeps its data until you draw again.");
    ImGui::SameLine();
    ImGui::Text("%zu samples", canvas_.size());
    ImGui::SetNextItemWidth(scaled(150));
    ImGui::InputText("##drawing path", path_, sizeof path_);
    tooltip("Where Save CSV writes the drawing (one sample a line, x,y), for --set data.file=... later.");
    ImGui::SameLine();
    if (ImGui::Button("Save CSV")) {
      try {
        if (canvas_.size() == 0) throw std::runtime_error("the drawing is empty");
        writeFileAtomically(path_, canvas_.csv());
        message_ = "saved " + std::to_string(canvas_.size()) + " samples to " + std::string(path_);
      } catch (const std::exception& e) {
        message_ = std::string("not saved: ") + e.what();
      }
    }
    if (!message_.empty()) ImGui::TextWrapped("%s", message_.c_str());
  }
  ImGui::PopID();
}

}  // namespace ganscope
