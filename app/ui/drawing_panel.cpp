#include "app/ui/drawing_panel.h"

#include <imgui.h>

#include "app/ui/control_panel.h"
#include "app/ui/same_line_if_fits.h"
#include "app/views/fitted_text.h"
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
  const int dim = snapshot.generator->outputDim();
  if (snapshot.config.data.kind == DataKind::Dirac || (dim != 1 && dim != 2)) {
    ImGui::TextDisabled("Drawing your own data: not for the Dirac-GAN");
    active_ = false;
    ImGui::PopID();
    return;
  }
  if (active_ && canvas_.dim() != dim) active_ = false;  // the data changed dimension under the drawing
  // The full label where it fits, "Draw data" in a narrow column (the lecture layout at 1024 × 768).
  const std::string label =
      fittedText("Draw your own data", "Draw data", ImGui::GetContentRegionAvail().x - checkboxWidth("")) +
      "###draw your own data";
  if (ImGui::Checkbox(label.c_str(), &active_) && active_) {
    // Carry on with the drawing the run trains on, if it is one.
    canvas_ = DrawingCanvas(dim);
    canvas_.load(snapshot.config.data);
    message_ = dim == 2
                   ? "Left-drag paints samples, right-drag erases; each stroke trains at once."
                   : "Hold the left button to grow a bar of samples, drag to spread it, right-drag erases.";
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

void DrawingPanel::paintOnLine(LineView& view, ImVec2 size, const Snapshot& latest) {
  ImGui::InvisibleButton("##line drawing", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const double x = view.xAt(ImGui::GetIO().MousePos.x);
  if (ImGui::IsItemActivated()) canvas_.beginStroke();
  if (ImGui::IsItemActive()) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Right)) {
      canvas_.erase(x, 0.0, brush_);
    } else {
      canvas_.paint(x, 0.0, brush_, density_);  // every frame: a bar grows where the button is held
    }
  }
  if (ImGui::IsItemDeactivated()) apply(latest);
}

}  // namespace ganscope
