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

}  // namespace

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
                           int toolbarRows, int runs) {
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

  const float strip = foldedPanelWidth(scale);
  float settings = folded.settings ? strip : rules.settings.preferred * scale;
  float metrics = folded.metrics ? strip : rules.metrics.preferred * scale;
  const float budget = width * (1.0f - rules.viewShare);
  if (settings + metrics > budget) {
    // Shrink the unfolded panels in proportion to what each can give up.
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
  const float below = height - top;
  layout.settings = {0.0f, top, settings, below};
  layout.metrics = {width - metrics, top, metrics, below};
  layout.view = {settings, top, width - settings - metrics, below};
  layout.runs = runs;
  layout.runViews[0] = layout.view;
  if (runs == 2) {
    // The split that gives each run's picture the longer shorter side, once each view's header (its name, banners
    // and collapse banner, about eight lines of text) is taken from its height.
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
  return layout;
}

}  // namespace ganscope
