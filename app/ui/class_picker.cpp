#include "app/ui/class_picker.h"

#include <algorithm>
#include <string>

#include "app/ui/control_panel.h"
#include "app/views/class_palette.h"
#include "app/views/plane_style.h"
#include "app/window/imgui_style.h"
#include "core/data/distribution.h"
#include "core/gan/conditioning.h"

namespace ganscope {

namespace {

ImU32 toU32(glm::vec4 c, float alpha) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, alpha));
}

// Data coordinates to the screen: `picture` (x0, y0, x1, y1) shows `view`, y up.
ImVec2 toScreen(float x, float y, ImVec4 picture, const Bounds& view) {
  return {
      picture.x + static_cast<float>((x - view.xMin) / (view.xMax - view.xMin)) * (picture.z - picture.x),
      picture.y + static_cast<float>((view.yMax - y) / (view.yMax - view.yMin)) * (picture.w - picture.y)};
}

}  // namespace

std::shared_ptr<const Snapshot> ClassPicker::shown(const std::shared_ptr<const Snapshot>& source) {
  if (!source || !source->conditionalDiscriminator || !source->data || !source->generator ||
      !source->latentSamples) {
    return source;
  }
  const int classes = source->data->classCount();
  if (picked_ >= classes) picked_ = kAll;
  if (source == source_ && picked_ == shownPick_ && shown_) return shown_;
  auto snapshot = std::make_shared<Snapshot>(*source);
  const int dim = source->data->dim(), latentDim = source->config.latent.dim;
  // Both pictures of D need one class: the picked one, or the first for "all" (the legend says which).
  snapshot->discriminator = std::make_shared<const Mlp>(
      classConditionedNetwork(*source->conditionalDiscriminator, dim, std::max(picked_, 0)));
  if (picked_ != kAll) {
    snapshot->generator =
        std::make_shared<const Mlp>(classConditionedNetwork(*source->generator, latentDim, picked_));
    if (latentSource_ != source->latentSamples) {
      latent_ = std::make_shared<const Matrix>(source->latentSamples->topRows(latentDim));
      latentSource_ = source->latentSamples;
    }
    snapshot->latentSamples = latent_;
  }
  // A version of its own: a new pick redraws the views even while training is paused.
  snapshot->version = ++version_;
  source_ = source;
  shownPick_ = picked_;
  shown_ = std::move(snapshot);
  return shown_;
}

void ClassPicker::hidePlaneLayers(const Snapshot& shown, PlaneLayers& layers) const {
  if (!shown.conditionalDiscriminator) return;
  layers.real = layers.fake = false;
  if (shownPick_ == kAll) layers.manifold = layers.arrows = false;
}

void ClassPicker::drawOverlay(ImDrawList* drawList, ImVec4 picture, const Bounds& view, const Snapshot& shown,
                              const PlaneLayers& layers) {
  if (!shown.conditionalDiscriminator || !shown.data || shown.data->dim() != 2) return;
  // 1.5 times the plane's own glyphs: a class is told by its colour, which needs more pixels than "real or
  // fake".
  const float scale = 1.5f * std::max(1.0f, (picture.w - picture.y) / plane_style::kReferenceHeightPx);
  drawList->PushClipRect(ImVec2(picture.x, picture.y), ImVec2(picture.z, picture.w), true);
  if (layers.real && shown.realSamples && shown.realClasses) {
    const Matrix& real = *shown.realSamples;
    const float radius = 0.5f * plane_style::kRealDiameterPx * scale;
    const ImU32 outline = toU32(plane_style::kRealOutline, 1.0f);
    for (Eigen::Index i = 0; i < real.cols(); ++i) {
      const int k = (*shown.realClasses)[static_cast<std::size_t>(i)];
      const bool faded = shownPick_ != kAll && k != shownPick_;
      const ImVec2 p = toScreen(real(0, i), real(1, i), picture, view);
      drawList->AddCircleFilled(p, radius, toU32(classColor(k), faded ? 0.2f : 0.95f), 8);
      if (!faded) drawList->AddCircle(p, radius, outline, 8, plane_style::kRealOutlinePx * scale);
    }
  }
  if (layers.fake && shown.latentSamples) {
    if (fakeVersion_ != shown.version) {
      fake_ = shown.generator->forward(*shown.latentSamples, workspace_);
      fakeVersion_ = shown.version;
    }
    const float half = 0.5f * plane_style::kFakeDiagonalPx * scale;
    const ImU32 outline = toU32(plane_style::kFakeOutline, 1.0f);
    for (Eigen::Index i = 0; i < fake_.cols(); ++i) {
      const int k = shownPick_ != kAll   ? shownPick_
                    : shown.latentLabels ? (*shown.latentLabels)[static_cast<std::size_t>(i)]
                                         : 0;
      const ImVec2 p = toScreen(fake_(0, i), fake_(1, i), picture, view);
      const ImVec2 top(p.x, p.y - half), right(p.x + half, p.y), bottom(p.x, p.y + half),
          left(p.x - half, p.y);
      drawList->AddQuadFilled(top, right, bottom, left, toU32(classColor(k), 0.95f));
      drawList->AddQuad(top, right, bottom, left, outline, plane_style::kFakeOutlinePx * scale);
    }
  }
  drawList->PopClipRect();
  drawPicker(drawList, picture, shown);
}

void ClassPicker::drawPicker(ImDrawList* drawList, ImVec4 picture, const Snapshot& shown) {
  if (!shown.conditionalDiscriminator || !shown.data) return;
  const int classes = shown.data->classCount();
  // At the picture's bottom left (the top holds the mode legend and the pointer's coordinates), and what D's
  // surface shows beside it.
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  const float width = scaled(150);
  const ImVec2 pickerAt(picture.x + scaled(8),
                        picture.w - ImGui::GetFrameHeight() - scaled(28));  // above the axis
  ImGui::SetCursorScreenPos(pickerAt);
  ImGui::SetNextItemWidth(width);
  const std::string current = picked_ == kAll ? "all classes" : "class " + std::to_string(picked_);
  if (ImGui::BeginCombo("##class picker", current.c_str())) {
    if (ImGui::Selectable("all classes", picked_ == kAll)) picked_ = kAll;
    for (int k = 0; k < classes; ++k) {
      const std::string label = "class " + std::to_string(k);
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(classColor(k).r, classColor(k).g, classColor(k).b, 1.0f));
      ImGui::Bullet();
      ImGui::PopStyleColor();
      ImGui::SameLine();
      if (ImGui::Selectable(label.c_str(), picked_ == k)) picked_ = k;
    }
    ImGui::EndCombo();
  }
  tooltip(
      "Conditional GAN: show G(z | y = k) and D(x | y = k) for one class k, or the samples of every class "
      "(each class in its colour; D's surface is then the first class's).");
  const std::string legend = picked_ == kAll ? "colour: class; D for class 0 (pick one for its own)"
                                             : "G and D for class " + std::to_string(picked_);
  const ImVec2 size = ImGui::CalcTextSize(legend.c_str());
  const ImVec2 at(pickerAt.x + width + scaled(8), pickerAt.y + 0.5f * (ImGui::GetFrameHeight() - size.y));
  drawList->AddRectFilled(ImVec2(at.x - 3, at.y - 1), ImVec2(at.x + size.x + 3, at.y + size.y + 1),
                          IM_COL32(255, 255, 255, 200), 3.0f);
  drawList->AddText(at, IM_COL32(20, 20, 24, 255), legend.c_str());
  ImGui::SetCursorScreenPos(cursor);
}

bool drawConditionalCheckbox(Config& edited) {
  if (!kindHasClasses(edited.data.kind)) return false;
  const bool changed = ImGui::Checkbox("conditional", &edited.conditional);
  tooltip(
      "Conditional GAN (Mirza & Osindero 2014): G(z | y) and D(x | y) read the class y as a one-hot vector "
      "beside their input; on a ring or grid the class is the mode index, so each label pins its mode. "
      "Changing it rebuilds the networks.");
  return changed;
}

}  // namespace ganscope
