#pragma once
// Which part of the window a new ImGui frame changes, found by comparing its draw lists with the last
// frame's.
#include <imgui.h>

#include <optional>
#include <vector>

namespace ganscope {

/// A rectangle of the display (ImGui coordinates, x0 < x1 and y0 < y1 when not empty).
struct DamageRect {
  float x0 = 0.0f, y0 = 0.0f, x1 = 0.0f, y1 = 0.0f;
  /// Whether it covers nothing.
  bool empty() const { return !(x1 > x0 && y1 > y0); }
  /// Grows it to cover `other` too.
  void add(const DamageRect& other);
  /// The part of it inside `other` (empty if none).
  DamageRect clippedTo(const DamageRect& other) const;
};

/// Adds `rect` to `rects`, merged with any rectangle whose union with it covers no more pixels than the two.
void addDamage(std::vector<DamageRect>& rects, DamageRect rect);

/// Keeps a copy of the last frame's draw lists (vertices, indices, commands) and compares each new frame with
/// it, so a software rasterizer redraws only what changed (damage tracking, as compositors do). Pure CPU: no
/// GL.
class DamageTracker {
 public:
  /// The areas to draw again for the frame `data` (see addDamage): for a draw list drawn with the same
  /// commands as in the last frame (clip rectangles, textures, callbacks), the bounds of its triangles that
  /// changed (old and new); for any other list that differs, its bounds (old and new); the whole display on the first frame, after a resize, or when
  /// the number of lists changed (a tooltip or popup opened or closed). None when nothing changed. Remembers
  /// the frame.
  std::vector<DamageRect> update(const ImDrawData& data);

  /// Forgets the last frame, so the next update() returns the whole display.
  void reset() { lists_.clear(); }

 private:
  struct ListCopy {
    std::vector<ImDrawVert> vertices;
    std::vector<ImDrawIdx> indices;
    std::vector<ImDrawCmd> commands;
    DamageRect bounds;
  };
  // The areas a list drawn with the same commands as its copy changes: the triangles that differ, found past
  // the vertices and indices both share at the start and the end; nullopt when the commands differ (then the
  // list's bounds are the damage).
  static std::optional<std::vector<DamageRect>> changedParts(const ImDrawList& list, const ListCopy& copy);
  // The bounding box of a list's vertices, inside the display.
  static DamageRect boundsOf(const ImDrawList& list, const DamageRect& display);
  std::vector<ListCopy> lists_;
  ImVec2 displayPos_{0, 0};
  ImVec2 displaySize_{0, 0};
};

}  // namespace ganscope
