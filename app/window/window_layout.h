#pragma once
// Where the window's panels go: one computation for every layout (the researcher's and the lecture's), from
// the window's size and the UI scale, so that nothing in the frame loop is a fixed pixel constant.

namespace ganscope {

/// The window's arrangement: the researcher's (every setting and chart) or the lecture's (the view first, a
/// handful of controls, a few large charts).
enum class LayoutMode { Normal, Lecture };

/// A rectangle in window pixels, from its top-left corner.
struct PanelRect {
  float x = 0.0f;       ///< left edge
  float y = 0.0f;       ///< top edge
  float width = 0.0f;   ///< width
  float height = 0.0f;  ///< height
};

/// Which side panels the user folded to a strip (the view takes their room).
struct PanelFolding {
  bool settings = false;  ///< the settings panel on the left
  bool metrics = false;   ///< the charts on the right
};

/// The window's panels, side by side under the toolbar: settings, view, metrics.
struct WindowLayout {
  PanelRect toolbar;    ///< across the top
  PanelRect settings;   ///< the left column (a strip when folded)
  PanelRect view;       ///< the middle: the picture, its banner and the rewind slider
  PanelRect metrics;    ///< the right column (a strip when folded)
  int toolbarRows = 1;  ///< the rows the toolbar's controls take at this width and scale
  /// Each run's part of `view`: one run takes all of it; a comparison's two runs share it, side by side or one
  /// above the other, whichever leaves each picture the longer shorter side below a header of about eight lines.
  PanelRect runViews[2];
  int runs = 1;  ///< the runs shown: 1, or 2 when comparing
};

/// The panels of a window `width` × `height` pixels at UI scale `scale` (1: 15-pixel text). The side panels
/// take their preferred widths (times `scale`) when the view keeps its share of the width (half in the normal
/// layout, 60 % in the lecture layout); otherwise they shrink in proportion, down to their minimum widths. A
/// folded panel keeps a strip of foldedPanelWidth(scale).
/// `toolbarRows`, when positive, is the rows the toolbar's controls take at this width (ToolbarFlow, from the last
/// frame's: they change with slow motion's controls, a recording's indicator); otherwise the rows a toolbar typical
/// of the layout would take.
/// With `runs` 2 (a comparison) the view keeps a larger share (60 % normal, 70 % lecture) and is split in two.
WindowLayout computeLayout(LayoutMode mode, float width, float height, float scale, PanelFolding folded = {},
                           int toolbarRows = 0, int runs = 1);

/// The width a folded side panel keeps (room for its unfold button) at UI scale `scale`.
float foldedPanelWidth(float scale);

/// The toolbar's height for `rows` rows of controls at UI scale `scale`.
float toolbarHeight(int rows, float scale);

}  // namespace ganscope
