#include "app/views/mode_markers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ganscope {
namespace {

// Teal reads against the orange real samples, the violet fakes and both ends of D's colormap, and in grey.
constexpr ImU32 kCaptured = IM_COL32(0, 128, 112, 255);
constexpr ImU32 kMissed = IM_COL32(20, 20, 24, 255);
constexpr ImU32 kHalo = IM_COL32(255, 255, 255, 235);
constexpr float kMinRadiusPx = 9.0f;   // readable from the back of a lecture hall
constexpr float kMaxRadiusPx = 40.0f;  // a wide mode does not hide its samples

// One marker: a filled disc or a hollow ring, each with a white halo so it reads on any background.
void addMarker(ImDrawList* drawList, ImVec2 centre, float radius, bool captured) {
  const float ring = std::max(2.5f, radius * 0.22f);
  if (captured) {
    drawList->AddCircleFilled(centre, radius + 1.5f, kHalo, 32);
    drawList->AddCircleFilled(centre, radius, kCaptured, 32);
  } else {
    drawList->AddCircle(centre, radius, kHalo, 32, ring + 3.0f);
    drawList->AddCircle(centre, radius, kMissed, 32, ring);
  }
}

// A marker around a mode on the plane, leaving the mode's own samples (its 3σ disc, `inner` pixels) visible: a
// captured mode gets a broad filled band (an annulus), a missed one a thin ring. Segments: ImGui's own count for
// the radius (within 1.6 px of the true circle), a third of a fixed 40's triangles at these radii: a software
// rasterizer draws them again with every picture.
void addPlaneMarker(ImDrawList* drawList, ImVec2 centre, float inner, bool captured) {
  if (captured) {
    const float band = std::max(5.0f, inner * 0.6f);
    const float middle = inner + band * 0.5f;
    drawList->AddCircle(centre, middle, kHalo, 0, band + 3.0f);
    drawList->AddCircle(centre, middle, kCaptured, 0, band);
  } else {
    const float middle = inner + 2.0f;
    drawList->AddCircle(centre, middle, kHalo, 0, 5.5f);
    drawList->AddCircle(centre, middle, kMissed, 0, 2.5f);
  }
}

}  // namespace

void ModeMarkers::update(long long version, const Distribution& data, const Matrix& fake) {
  if (version == version_) return;
  version_ = version;
  modes_ = data.modes();
  if (!modes_ || fake.rows() != modes_->centres.rows()) {
    modes_.reset();
    coverage_ = {};
    return;
  }
  coverage_ = measureModeCoverage(fake, *modes_);
}

void ModeMarkers::drawPlane(ImDrawList* drawList, ImVec2 origin, ImVec2 size, const Bounds& view) const {
  if (!modes_ || modes_->centres.rows() != 2) return;
  const float pixelsPerUnit = static_cast<float>(size.x / (view.xMax - view.xMin));
  drawList->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  for (Eigen::Index k = 0; k < modes_->centres.cols(); ++k) {
    const ImVec2 centre(origin.x + static_cast<float>((modes_->centres(0, k) - view.xMin) * pixelsPerUnit),
                        origin.y + static_cast<float>((view.yMax - modes_->centres(1, k)) * pixelsPerUnit));
    // Around the mode's 3σ disc, where its high-quality samples lie, and never smaller than a projector can show.
    const float inner = std::clamp(3.0f * modes_->stds[k] * pixelsPerUnit + 2.0f, kMinRadiusPx * 0.6f, kMaxRadiusPx);
    addPlaneMarker(drawList, centre, inner, coverage_.highQualityPerMode[static_cast<std::size_t>(k)] > 0);
  }
  // Legend: "● captured  ○ missed   3 of 8 modes".
  const float font = ImGui::GetFontSize();
  const ImVec2 at(origin.x + font * 2.6f, origin.y + font * 0.6f);
  char text[64];
  std::snprintf(text, sizeof text, "%d of %d modes captured", coverage_.modesCaptured, coverage_.modesTotal);
  const float r = font * 0.42f;
  const float capturedW = ImGui::CalcTextSize("captured").x, missedW = ImGui::CalcTextSize("missed").x;
  const float width = 4 * r + capturedW + missedW + ImGui::CalcTextSize(text).x + font * 3.2f;
  drawList->AddRectFilled(ImVec2(at.x - font * 0.4f, at.y - font * 0.25f), ImVec2(at.x + width, at.y + font * 1.25f),
                          IM_COL32(255, 255, 255, 215), font * 0.3f);
  float x = at.x;
  const float mid = at.y + font * 0.5f;
  addPlaneMarker(drawList, ImVec2(x + r, mid), r * 0.45f, true);
  x += 2 * r + font * 0.3f;
  drawList->AddText(ImVec2(x, at.y), kMissed, "captured");
  x += capturedW + font * 0.8f;
  addPlaneMarker(drawList, ImVec2(x + r, mid), r * 0.6f, false);
  x += 2 * r + font * 0.3f;
  drawList->AddText(ImVec2(x, at.y), kMissed, "missed");
  x += missedW + font * 1.0f;
  drawList->AddText(ImVec2(x, at.y), kMissed, text);
  drawList->PopClipRect();
}

void ModeMarkers::drawAxis(ImDrawList* drawList, float y, double lo, double hi, float left, float width) const {
  if (!modes_ || modes_->centres.rows() != 1 || !(hi > lo)) return;
  const float radius = std::max(kMinRadiusPx * 0.8f, ImGui::GetFontSize() * 0.55f);
  for (Eigen::Index k = 0; k < modes_->centres.cols(); ++k) {
    const double x = modes_->centres(0, k);
    if (x < lo || x > hi) continue;
    const ImVec2 centre(left + static_cast<float>((x - lo) / (hi - lo)) * width, y);
    addMarker(drawList, centre, radius, coverage_.highQualityPerMode[static_cast<std::size_t>(k)] > 0);
  }
}

}  // namespace ganscope
