#pragma once
// Sliders bound to a config key's range (core/gan/config_ranges.h): what the window lets a user set is what the
// validator accepts.
#include <string_view>

namespace ganscope {

/// A slider over the config number `key`: the handle covers the range's slider span (logarithmic where the range
/// says so); a typed value (Ctrl+click) may go past that span up to the range's bounds, and is clamped to them (a
/// NaN or an unreadable number keeps the old value). Returns true when `value` changed. `format` is ImGui's
/// (nullptr: "%.2e" on a logarithmic slider, "%.3f" on another).
bool rangedSlider(const char* label, std::string_view key, double& value, const char* format = nullptr);

/// The same over an integer key. `sliderHigh` and `high`, when positive, narrow the range's slider end and upper
/// bound (the grid's modes per side stop at 10 where a ring's modes go to 100).
bool rangedSlider(const char* label, std::string_view key, int& value, const char* format = "%d", int sliderHigh = 0,
                  int high = 0);

}  // namespace ganscope
