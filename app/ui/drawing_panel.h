#pragma once
// The controls of drawing your own data: on or off, the brush, undo, clear, and saving the drawing as CSV. A
// finished stroke becomes the run's data at once (a points distribution kept in the config, and so in
// sessions).
#include <imgui.h>

#include <string>

#include "app/views/drawing_canvas.h"
#include "app/views/line_view.h"
#include "core/runtime/snapshot.h"
#include "core/runtime/command_target.h"

namespace ganscope {

/// Drawing your own data: the canvas, the brush, and what is sent to the trainer.
class DrawingPanel {
 public:
  /// A panel that sends the drawing to `thread`.
  explicit DrawingPanel(CommandTarget& thread) : thread_(thread) {}

  /// Whether draw mode is on (the plane paints instead of panning).
  bool active() const { return active_; }
  /// The canvas being drawn on.
  DrawingCanvas& canvas() { return canvas_; }
  /// The brush's radius in data units.
  double brushRadius() const { return brush_; }
  /// Samples a dab sprays.
  int density() const { return density_; }

  /// The section's controls (at the cursor, in the settings panel): the plane for 2D data, the line for 1D
  /// (the Dirac-GAN has nothing to draw).
  void draw(const Snapshot& snapshot);
  /// A stroke ended (or undo, clear): the drawing becomes the run's data, training on at once.
  void apply(const Snapshot& snapshot);
  /// 1D: the line view was just drawn at the cursor, `size` large; this puts the painting surface over it.
  /// Holding the left button sprays `density` samples a frame at the pointer's x (a bar grows where it is
  /// held), the right one erases; releasing applies the drawing.
  void paintOnLine(LineView& view, ImVec2 size, const Snapshot& latest);

 private:
  CommandTarget& thread_;
  bool active_ = false;
  DrawingCanvas canvas_;
  float brush_ = 0.2f;
  int density_ = 6;
  char path_[512] = "drawing.csv";
  std::string message_;
};

}  // namespace ganscope
