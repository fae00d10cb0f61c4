#include "app/window/window_layout.h"

#include <algorithm>
#include <cmath>

namespace ganscope {
namespace {

// The widths of a side panel at UI scale 1: preferred, and the least it shrinks to.
struct ColumnWidths {
  float preferred;
  float minimum;
};

struct LayoutRules {
  ColumnWidths settings;
  ColumnWidths metrics;
  float viewShare;      // the least share of the width the view keeps while the side panels can shrink
  float toolbarOneRow;  // the width, at scale 1, the toolbar's controls need on one row
};

// Normal: every setting (sliders of 160 pixels with their labels) and ten charts. Lecture: a handful of
// controls and three large charts, the view first.
constexpr LayoutRules kNormal{{330.0f, 270.0f}, {360.0f, 200.0f}, 0.5f, 1180.0f};
constexpr LayoutRules kLecture{{300.0f, 160.0f}, {380.0f, 160.0f}, 0.6f, 900.0f};

// A view's window at UI scale 1: its title bar (15-pixel text, 3 pixels of padding above and below), the
// window's padding of 8 pixels, and the rewind slider's row (a frame and the spacing of 5 below it).
constexpr float kTitleBar = 21.0f;
constexpr float kWindowPadding = 8.0f;
constexpr float kRewindRow = 26.0f;

// The side panels' widths for the view to keep `viewShare` of `width`: preferred, shrunk in proportion to
// what each can give up, and never more than three quarters of the window together.
void fitColumns(const LayoutRules& rules, PanelFolding folded, float width, float scale, float& settings,
                float& metrics) {
  const float strip = foldedPanelWidth(scale);
  settings = folded.settings ? strip : rules.settings.preferred * scale;
  metrics = folded.metrics ? strip : rules.metrics.preferred * scale;
  const float budget = width * (1.0f - rules.viewShare);
  if (settings + metrics > budget) {
    const float settingsSpare = folded.settings ? 0.0f : settings - rules.settings.minimum * scale;
    const float metricsSpare = folded.metrics ? 0.0f : metrics - rules.metrics.minimum * scale;
    const float spare = settingsSpare + metricsSpare;
    const float excess = settings + metrics - budget;
    if (spare > 0.0f) {
      const float given = std::min(excess, spare);
      settings -= given * settingsSpare / spare;
      metrics -= given * metricsSpare / spare;
    }
  }
  // A window too small for even the minimums: the view keeps a quarter, the panels share the rest.
  const float most = width * 0.75f;
  if (settings + metrics > most) {
    const float factor = most / (settings + metrics);
    settings *= factor;
    metrics *= factor;
  }
}

// The side panels folded so that the view keeps kReadableViewShare of the width: none more than needed, the
// one without priority first.
PanelFolding foldToFit(const LayoutRules& rules, PanelFolding folded, PanelPriority priority, float width,
                       float scale) {
  for (int round = 0; round < 2; ++round) {
    float settings = 0.0f, metrics = 0.0f;
    fitColumns(rules, folded, width, scale, settings, metrics);
    if (width - settings - metrics >= kReadableViewShare * width) break;
    const bool metricsFirst = priority == PanelPriority::Settings;
    bool& first = metricsFirst ? folded.metrics : folded.settings;
    bool& second = metricsFirst ? folded.settings : folded.metrics;
    (first ? second : first) = true;
  }
  return folded;
}

// A comparison's view split in two: side by side or one above the other, whichever gives each picture the
// longer shorter side once each view's header (about eight lines of text) is taken from its height.
void splitForComparison(WindowLayout& layout, float scale) {
  const PanelRect& v = layout.view;
  const float header = 8.0f * 15.0f * scale;
  const float sideBySide = std::min(v.width * 0.5f, v.height - header);
  const float stacked = std::min(v.width, v.height * 0.5f - header);
  if (sideBySide >= stacked) {
    const float half = std::floor(v.width * 0.5f);
    layout.runViews[0] = {v.x, v.y, half, v.height};
    layout.runViews[1] = {v.x + half, v.y, v.width - half, v.height};
  } else {
    const float half = std::floor(v.height * 0.5f);
    layout.runViews[0] = {v.x, v.y, v.width, half};
    layout.runViews[1] = {v.x, v.y + half, v.width, v.height - half};
  }
}

}  // namespace

float largestUiScale(float width, float height) {
  return std::max(1.0f, std::min(height / 400.0f, width / 512.0f));
}

ViewParts cutView(const PanelRect& view, float scale, ViewContent content) {
  const float padding = kWindowPadding * scale;
  const float top = view.y + kTitleBar * scale + padding;
  const float inner = std::max(0.0f, view.y + view.height - padding - top);
  const float plotLeast = std::min(inner, 0.5f * view.height);
  // The rewind slider's row, when the plot's half leaves room for it; then the header and the caption.
  const float rewind = inner - plotLeast >= kRewindRow * scale ? kRewindRow * scale : 0.0f;
  const float spare = inner - plotLeast - rewind;
  const float captionWanted = std::max(0.0f, content.caption);
  const float captionLeast = std::min(captionWanted, spare / 3.0f);
  const float header = std::clamp(content.header, 0.0f, spare - captionLeast);
  const float caption = std::min(captionWanted, spare - header);
  const float plot = inner - rewind - header - caption;
  const float x = view.x + padding;
  const float w = std::max(0.0f, view.width - 2.0f * padding);
  ViewParts parts;
  parts.header = {x, top, w, header};
  parts.plot = {x, top + header, w, plot};
  parts.caption = {x, top + header + plot, w, caption};
  parts.rewind = {x, top + header + plot + caption, w, rewind};
  parts.headerMost = spare - captionLeast;
  return parts;
}

float foldedPanelWidth(float scale) {
  return 34.0f * scale;
}

float toolbarHeight(int rows, float scale) {
  // A row is a button (15-pixel text and 3 pixels of padding above and below), rows 5 apart, 8 pixels of
  // window padding above and below, and 3 to spare.
  const int n = std::max(1, rows);
  return (16.0f + 21.0f * n + 5.0f * (n - 1) + 3.0f) * scale;
}

WindowLayout computeLayout(LayoutMode mode, float width, float height, float scale, PanelFolding folded,
                           int toolbarRows, int runs, ViewContent content, PanelPriority priority) {
  LayoutRules rules = mode == LayoutMode::Lecture ? kLecture : kNormal;
  runs = std::clamp(runs, 1, 2);
  if (runs == 2) rules.viewShare = mode == LayoutMode::Lecture ? 0.7f : 0.6f;
  scale = std::max(scale, 0.25f);
  width = std::max(width, 1.0f);
  height = std::max(height, 1.0f);
  WindowLayout layout;
  layout.toolbarRows = toolbarRows > 0
                           ? toolbarRows
                           : std::clamp(static_cast<int>(std::ceil(rules.toolbarOneRow * scale / width)), 1, 3);
  const float top = std::min(toolbarHeight(layout.toolbarRows, scale), height);
  layout.toolbar = {0.0f, 0.0f, width, top};

  layout.folded = foldToFit(rules, folded, priority, width, scale);
  float settings = 0.0f, metrics = 0.0f;
  fitColumns(rules, layout.folded, width, scale, settings, metrics);
  const float below = height - top;
  layout.settings = {0.0f, top, settings, below};
  layout.metrics = {width - metrics, top, metrics, below};
  layout.view = {settings, top, width - settings - metrics, below};
  layout.runs = runs;
  layout.runViews[0] = layout.view;
  if (runs == 2) splitForComparison(layout, scale);
  for (int r = 0; r < runs; ++r) layout.runParts[r] = cutView(layout.runViews[r], scale, content);
  return layout;
}

}  // namespace ganscope
