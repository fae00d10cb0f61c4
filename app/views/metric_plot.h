#pragma once
// A line chart of metric series over training steps, drawn with an ImGui draw list, and the small drawing
// helpers (nice ticks, short labels, dashed lines) the views share.
#include <imgui.h>

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace ganscope {

/// One curve of a chart: y values aligned with the chart's x values; NaN (or a value ≤ 0 on a log axis)
/// breaks it.
struct PlotSeries {
  const char* label = "";                 ///< the legend's and the readout's name for the curve
  ImU32 colour = IM_COL32(0, 0, 0, 255);  ///< the curve's colour
  std::span<const double> y;              ///< one value per x, NaN where it does not apply
  bool dashed = false;                    ///< drawn dashed (a comparison's run B)
  /// The legend's name when it differs from `label` (the readout's): "" leaves the curve out of the legend.
  const char* legend = nullptr;
};

/// A horizontal reference line with a label, e.g. a loss's value at the equilibrium.
struct PlotReference {
  double y = 0.0;                               ///< where the line lies on the y axis
  const char* label = "";                       ///< drawn above the line's right end
  const char* shortLabel = nullptr;             ///< drawn instead when the label is wider than the plot
  ImU32 colour = IM_COL32(110, 110, 110, 255);  ///< the line's and the label's colour
};

/// How one chart scales its y axis and what it shows besides the curves.
struct PlotOptions {
  const char* title = "";   ///< drawn at the top left, before the legend
  const char* shortTitle = nullptr;  ///< drawn instead when the title does not fit the chart's width
  float titleReservePx = 0.0f;       ///< room kept free at the header's right end (a button drawn over it)
  bool logScale = false;    ///< a log10 y axis (values ≤ 0 are left out), e.g. for gradient norms
  bool fixedRange = false;  ///< use [yMin, yMax] instead of the data's range
  double yMin = 0.0;        ///< the bottom of a fixed range
  double yMax = 1.0;        ///< the top of a fixed range
  bool rangeIncludesReferences = true;  ///< an automatic range grows to show every reference line
  double cursorX = std::numeric_limits<double>::quiet_NaN();  ///< a step to mark with a readout (NaN: none)
  const char* valueFormat = "%.4g";                           ///< printf format of the readout's values
  bool integerX = true;  ///< x is a step count: no ticks between integers
  /// A comparison: the legend ends with "A" (a solid line) and "B" (a dashed one), naming the two runs' curves.
  bool runsLegend = false;
};

/// A reusable line chart: series over a shared increasing x (the step), NaN gaps, automatic or fixed y range
/// with padding, optional log scale, labelled reference lines, 1-2-5 ticks, a legend and a hover readout.
/// Keeps scratch buffers, so drawing allocates nothing once they have grown.
class MetricPlot {
 public:
  /// Draws the chart into `drawList` over the rectangle (topLeft, size); x must be non-decreasing and as long
  /// as every series. Returns the x under the mouse when the chart's plot area is hovered in the current
  /// window, NaN otherwise (callers pass it back as PlotOptions::cursorX to share one cursor between charts).
  double draw(ImDrawList* drawList, ImVec2 topLeft, ImVec2 size, std::span<const double> x,
              std::span<const PlotSeries> series, std::span<const PlotReference> references,
              const PlotOptions& options);

 private:
  std::vector<ImVec2> line_;   // the polyline being built
  std::vector<ImVec2> spans_;  // per pixel column: (top, bottom) of the min-max span when downsampling
  std::vector<float> spanX_;   // per pixel column: its x
};

/// The colours and sizes the charts and the line view share, derived from ImGui's current font size.
struct PlotStyle {
  float fontSize = 13.0f;                       ///< ImGui::GetFontSize() when the style was made
  float lineWidth = 2.5f;                       ///< curves
  float thinLine = 1.0f;                        ///< grid, axes and reference lines
  ImU32 card = IM_COL32(250, 250, 247, 255);    ///< the chart's background
  ImU32 plot = IM_COL32(255, 255, 255, 255);    ///< the plot area's background
  ImU32 frame = IM_COL32(175, 175, 170, 255);   ///< the plot area's border
  ImU32 grid = IM_COL32(228, 228, 224, 255);    ///< grid lines
  ImU32 text = IM_COL32(30, 30, 30, 255);       ///< titles and labels
  ImU32 mutedText = IM_COL32(95, 95, 95, 255);  ///< tick labels and captions

  /// The style for ImGui's current font (call between NewFrame and Render).
  static PlotStyle current();
};

/// A 1-2-5 step (…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …) giving about `targetCount` ticks over `range`.
double niceTickStep(double range, int targetCount);

/// Writes a short tick label for `value` on an axis ticked every `step`: as few decimals as the step needs,
/// thousands as k and millions as M ("12k", "1.5M"), -0 printed as 0.
void formatTick(char* buffer, std::size_t bufferSize, double value, double step);

/// Strokes an open polyline as dashes of `dash` pixels separated by `gap` pixels (ImGui has no dashed lines).
void addDashedPolyline(ImDrawList* drawList, const ImVec2* points, int count, ImU32 colour, float thickness,
                       float dash, float gap);

/// Draws `text` with its top-left corner at `pos`, over a rounded background box of colour `background`.
void addLabel(ImDrawList* drawList, ImVec2 pos, ImU32 colour, ImU32 background, const char* text);

}  // namespace ganscope
