#include "app/ui/ranged_slider.h"

#include <imgui.h>

#include <cmath>

#include "core/gan/config_ranges.h"

namespace ganscope {
namespace {

ImGuiSliderFlags flagsOf(const NumberRange& range) {
  return range.logarithmic ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None;
}

}  // namespace

bool rangedSlider(const char* label, std::string_view key, double& value, const char* format) {
  const NumberRange& range = rangeOf(key);
  if (format == nullptr) format = range.logarithmic ? "%.2e" : "%.3f";
  float shown = static_cast<float>(value);
  if (!ImGui::SliderFloat(label, &shown, static_cast<float>(range.sliderLow), static_cast<float>(range.sliderHigh),
                          format, flagsOf(range))) {
    return false;
  }
  // ImGui keeps a typed number as typed (no AlwaysClamp: typing past the handle's span is allowed); the range's
  // bounds are enforced here. A value the float cannot tell apart from the old one is no change.
  const double kept = clampToRange(range, static_cast<double>(shown), value);
  if (static_cast<float>(kept) == static_cast<float>(value)) return false;
  value = kept;
  return true;
}

bool rangedSlider(const char* label, std::string_view key, int& value, const char* format, int sliderHigh, int high) {
  NumberRange range = rangeOf(key);
  if (sliderHigh > 0) range.sliderHigh = sliderHigh;
  if (high > 0) range.high = high;
  int shown = value;
  if (!ImGui::SliderInt(label, &shown, static_cast<int>(range.sliderLow), static_cast<int>(range.sliderHigh), format,
                        flagsOf(range))) {
    return false;
  }
  const int kept = static_cast<int>(clampToRange(range, shown, value));
  if (kept == value) return false;
  value = kept;
  return true;
}

}  // namespace ganscope
