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

/// Which side panel keeps its room when the window is too narrow for both beside a readable view.
enum class PanelPriority { Settings, Metrics };

/// What a run's view holds besides its plot, as the last frame measured it (pixels at the scale in use).
struct ViewContent {
  float header = 0.0f;   ///< above the plot: banners, the run's name, tabs, the model graph
  float caption = 0.0f;  ///< below the plot: a timeline's or slow motion's caption (0: none)
};

/// One run's view cut top to bottom: what it holds above the plot, the plot, its caption and the rewind
/// slider. The plot keeps at least half the view's height; the header and the caption get what is left (a
/// header taller than its part scrolls).
struct ViewParts {
  PanelRect header;   ///< banners and the rest of ViewContent::header
  PanelRect plot;     ///< the picture: the plane, the 1D plot or the phase portrait
  PanelRect caption;  ///< the caption's band (height 0 when there is none)
  PanelRect rewind;   ///< the rewind slider (height 0 when even the plot's half does not leave room for it)
  float headerMost =
      0.0f;  ///< the tallest header the plot's half leaves room for (header.height at most this)
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
  ViewParts runParts[2];  ///< each of runViews cut into its parts
  int runs = 1;           ///< the runs shown: 1, or 2 when comparing
  /// The side panels shown as strips: those the user folded, and those folded because the view would not keep
  /// a readable width beside them (the metrics first, unless PanelPriority::Metrics).
  PanelFolding folded;
};

/// The panels of a window `width` × `height` pixels at UI scale `scale` (1: 15-pixel text). The side panels
/// take their preferred widths (times `scale`) when the view keeps its share of the width (half in the normal
/// layout, 60 % in the lecture layout); otherwise they shrink in proportion, down to their minimum widths. A
/// folded panel keeps a strip of foldedPanelWidth(scale).
/// `toolbarRows`, when positive, is the rows the toolbar's controls take at this width (ToolbarFlow, from the
/// last frame's: they change with slow motion's controls, a recording's indicator); otherwise the rows a
/// toolbar typical of the layout would take. With `runs` 2 (a comparison) the view keeps a larger share (60 %
/// normal, 70 % lecture) and is split in two. Where even the panels' minimum widths leave the view less than
/// kReadableViewShare of the window, a side panel folds to a strip (the metrics first; the settings first
/// with `priority` Metrics), then the other. Each run's view is cut into ViewParts for `content`.
WindowLayout computeLayout(LayoutMode mode, float width, float height, float scale, PanelFolding folded = {},
                           int toolbarRows = 0, int runs = 1, ViewContent content = {},
                           PanelPriority priority = PanelPriority::Settings);

/// The least share of the window's width the view keeps before a side panel folds.
inline constexpr float kReadableViewShare = 0.45f;

/// A run's view at `view` cut into its parts at UI scale `scale`: the plot keeps at least half of `view`'s
/// height, the header and the caption share the rest (the header first, the caption at least a third of what
/// is left when it asks for it).
ViewParts cutView(const PanelRect& view, float scale, ViewContent content);

/// The largest UI scale the window offers at `width` × `height` pixels: text whose toolbar, banners and
/// rewind slider leave the plot half of the view (2 at 1280 × 800, 1.92 at 1024 × 768), never below 1.
float largestUiScale(float width, float height);

/// The width a folded side panel keeps (room for its unfold button) at UI scale `scale`.
float foldedPanelWidth(float scale);

/// The toolbar's height for `rows` rows of controls at UI scale `scale`.
float toolbarHeight(int rows, float scale);

}  // namespace ganscope
