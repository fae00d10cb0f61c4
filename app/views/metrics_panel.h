#pragma once
// The stack of metric charts drawn from a snapshot's history, inside an ImGui window.
#include <imgui.h>

#include <array>
#include <chrono>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

#include "app/views/metric_plot.h"
#include "core/runtime/snapshot.h"

namespace ganscope {

/// Charts of the metric history, one above the other: the losses of D and G with their values at the
/// equilibrium, D's mean output on real and fake samples, the gradient norms (log scale), modes captured
/// (with "modes 3 / 8" in large type), a conditional run's class accuracy, the high-quality fraction, the
/// reverse KL over modes, JS and W1, the penalty when one is on, and the Dirac-GAN's θ and ψ. Charts whose
/// series are all NaN are hidden. Hovering one chart shows the values at that step in every chart.
class MetricsPanel {
 public:
  /// The charts that have a "?" for their concept.
  enum class ExplainedChart { Losses, MeanOutput };
  /// Shows a "?" on the losses chart and on D's mean outputs that calls `onHelp` when clicked (concept cards).
  void setHelpHandler(std::function<void(ExplainedChart)> onHelp) { onHelp_ = std::move(onHelp); }

  /// Draws the charts into a child region of the current ImGui window of the given size (scrolling when they
  /// do not fit at a readable height), from `s`'s history, or, when staggered, from what each chart was last
  /// given; when staggered, at most `chartsToRefresh` charts are given a newer history in this frame.
  /// With `b` (a comparison's run B), every chart draws B's curves too, dashed in the same colours, named "A" and
  /// "B" in the legend, at A's steps.
  void draw(const Snapshot& s, ImVec2 size, int chartsToRefresh = 1, const Snapshot* b = nullptr);

  /// Staggered (for software rasterizers, where drawing every chart again costs about a frame's worth): the
  /// newest history is taken at most once per `interval` and handed to the charts a few per frame (draw's
  /// chartsToRefresh), so a frame draws only those charts again. Off (the default): every chart shows the
  /// newest history every frame.
  void setStaggered(bool staggered, std::chrono::milliseconds interval);
  /// The lecture layout's charts only (on): the losses, D's mean outputs and the modes (the Dirac-GAN's θ and ψ in
  /// their place), each larger; off: every chart.
  void setLectureCharts(bool on) { lectureCharts_ = on; }
  /// The area of one chart in framebuffer pixels, as last drawn (0 before any): what drawing one again costs a
  /// software rasterizer.
  float chartAreaPx() const { return chartAreaPx_; }
  /// Whether every chart shows the history of the snapshot with this version.
  bool showing(long long version) const;
  /// Whether every chart also shows run B's snapshot with this version (a comparison).
  bool showingB(long long version) const;

 private:
  struct History;
  static constexpr std::size_t kChartKinds = 11;  // charts the panel can show, one slot each
  void takeHistory(const Snapshot& latest, const Snapshot* latestB, int chartsToRefresh);
  // Whether chart k is drawn from `history`: it has data, and the layout shows it.
  bool drawn(const History& history, std::size_t k) const;
  float chartAreaPx_ = 0.0f;

  MetricPlot plot_;
  bool staggered_ = false;
  bool lectureCharts_ = false;
  std::function<void(ExplainedChart)> onHelp_;
  std::chrono::milliseconds interval_{0};
  std::shared_ptr<const History> newest_;                     // the last history taken
  std::array<std::shared_ptr<const History>, kChartKinds> shown_;  // what each chart (by kind) shows
  std::size_t next_ = kChartKinds;                             // the next chart of the round to hand newest_ to
  std::chrono::steady_clock::time_point roundStart_{};
  long long emptyVersion_ = -1;  // the last snapshot drawn that had no history yet
  double cursor_ = std::numeric_limits<double>::quiet_NaN();  // the step hovered in the last frame
};

}  // namespace ganscope
