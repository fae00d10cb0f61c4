#pragma once
// The toolbar's controls in groups that wrap onto more rows when the window is too narrow for one, so no
// control is ever cut off at the window's edge (a projector's 1024 × 768 at lecture scale).
#include <span>
#include <vector>

namespace ganscope {

/// Lays out groups of ImGui items left to right, each group on the current row when it fits (its width as
/// measured in the last frame), else at the start of a new row. Use: begin() before the first group, next()
/// between two groups, end() after the last, all in the same ImGui window.
class ToolbarFlow {
 public:
  /// Starts the first group; `right` is the screen x the rows must not pass (the window's content edge).
  void begin(float right);
  /// Ends the group drawn since the last call, then starts the next on the same row or a new one.
  void next();
  /// Ends the last group.
  void end();
  /// The rows this frame's groups took.
  int rows() const { return rows_; }
  /// The rows the groups measured last frame would take in a row `available` pixels wide, `spacing` between
  /// groups (at least one).
  int rowsFor(float available, float spacing) const { return rowsFor(widths_, available, spacing); }
  /// The rows groups of these widths take in a row `available` pixels wide, `spacing` between groups: each on
  /// the current row when it fits, else on a new one (a group wider than the row has a row to itself).
  static int rowsFor(std::span<const float> widths, float available, float spacing);

 private:
  // Ends the group in progress and records its width.
  void endGroup();
  std::vector<float> widths_;  // each group's width, from the last frame it was drawn
  float right_ = 0.0f;
  int group_ = 0;
  int rows_ = 1;
};

}  // namespace ganscope
