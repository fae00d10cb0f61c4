#include "app/views/mode_markers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ganscope {
namespace {

// Teal reads against the orange real samples, the violet fakes and both ends of D's colormap, and in grey.
constexpr ImU32 kCaptured = IM_COL32(0, 128, 112, 255);
constexpr ImU32 kMissed = IM_COL32(20, 20, 24, 255);
constexpr ImU32 kNear = IM_COL32(0, 150, 132, 255);  // a lighter teal: G's mass is here, but not within 3σ
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

// How a mode is drawn: captured (a sample within 3σ), near (missed, but its basin holds half a fair share of
// G's samples: a wide cloud sits on it) or missed.
enum class MarkerState { Captured, Near, Missed };

// A marker around a mode on the plane, leaving the mode's own samples (its 3σ disc, `inner` pixels) visible:
// a captured mode gets a broad filled band (an annulus), a near one a thin teal ring, a missed one a thin
// dark ring. Segments: ImGui's own count for the radius (within 1.6 px of the true circle), a third of a
// fixed 40's triangles at these radii: a software rasterizer draws them again with every picture.
void addPlaneMarker(ImDrawList* drawList, ImVec2 centre, float inner, MarkerState state) {
  if (state == MarkerState::Captured) {
    const float band = std::max(5.0f, inner * 0.6f);
    const float middle = inner + band * 0.5f;
    drawList->AddCircle(centre, middle, kHalo, 0, band + 3.0f);
    drawList->AddCircle(centre, middle, kCaptured, 0, band);
  } else {
    const float middle = inner + 2.0f;
    const bool near = state == MarkerState::Near;
    drawList->AddCircle(centre, middle, kHalo, 0, near ? 6.5f : 5.5f);
    drawList->AddCircle(centre, middle, near ? kNear : kMissed, 0, near ? 3.5f : 2.5f);
  }
}

// The state of mode k under `coverage`.
MarkerState stateOf(const ModeCoverage& coverage, Eigen::Index k) {
  if (coverage.highQualityPerMode[static_cast<std::size_t>(k)] > 0) return MarkerState::Captured;
  const bool held = k < 64 && ((coverage.heldModes >> k) & 1U) != 0;
  return held ? MarkerState::Near : MarkerState::Missed;
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
  bool anyNear = false;
  for (Eigen::Index k = 0; k < modes_->centres.cols(); ++k) {
    const ImVec2 centre(origin.x + static_cast<float>((modes_->centres(0, k) - view.xMin) * pixelsPerUnit),
                        origin.y + static_cast<float>((view.yMax - modes_->centres(1, k)) * pixelsPerUnit));
    // Around the mode's 3σ disc, where its high-quality samples lie, and never smaller than a projector can show.
    const float inner = std::clamp(3.0f * modes_->stds[k] * pixelsPerUnit + 2.0f, kMinRadiusPx * 0.6f, kMaxRadiusPx);
    const MarkerState state = stateOf(coverage_, k);
    anyNear = anyNear || state == MarkerState::Near;
    addPlaneMarker(drawList, centre, inner, state);
  }
  // Legend: "● captured  ◌ near  ○ missed   3 of 8 modes captured"; "near" only while some mode is near.
  const float font = ImGui::GetFontSize();
  const ImVec2 at(origin.x + font * 2.6f, origin.y + font * 0.6f);
  char text[64];
  std::snprintf(text, sizeof text, "%d of %d modes captured", coverage_.modesCaptured, coverage_.modesTotal);
  const float r = font * 0.42f;
  struct Entry {
    MarkerState state;
    const char* label;
  };
  const Entry entries[3] = {
      {MarkerState::Captured, "captured"}, {MarkerState::Near, "near"}, {MarkerState::Missed, "missed"}};
  const auto listed = [&](const Entry& e) { return e.state != MarkerState::Near || anyNear; };
  float width = ImGui::CalcTextSize(text).x + font * 1.0f;
  for (const Entry& e : entries) {
    if (listed(e)) width += 2 * r + font * 1.1f + ImGui::CalcTextSize(e.label).x;
  }
  drawList->AddRectFilled(ImVec2(at.x - font * 0.4f, at.y - font * 0.25f), ImVec2(at.x + width, at.y + font * 1.25f),
                          IM_COL32(255, 255, 255, 215), font * 0.3f);
  float x = at.x;
  const float mid = at.y + font * 0.5f;
  for (const Entry& e : entries) {
    if (!listed(e)) continue;
    addPlaneMarker(drawList, ImVec2(x + r, mid), r * (e.state == MarkerState::Captured ? 0.45f : 0.6f),
                   e.state);
    x += 2 * r + font * 0.3f;
    drawList->AddText(ImVec2(x, at.y), kMissed, e.label);
    x += ImGui::CalcTextSize(e.label).x + font * 0.8f;
  }
  x += font * 0.2f;
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
