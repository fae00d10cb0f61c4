#pragma once
// The stack of metric charts drawn from a snapshot's history, inside an ImGui window.
#include <imgui.h>

#include <limits>
#include <vector>

#include "app/views/metric_plot.h"
#include "core/runtime/snapshot.h"

namespace ganscope {

/// Charts of the metric history, one above the other: the losses of D and G with their values at the
/// equilibrium, D's mean output on real and fake samples, the gradient norms (log scale), modes captured
/// (with "modes 3 / 8" in large type), the high-quality fraction, the reverse KL over modes, JS and W1, the
/// penalty when one is on, and the Dirac-GAN's θ and ψ. Charts whose series are all NaN are hidden. Hovering
/// one chart shows the values at that step in every chart.
class MetricsPanel {
 public:
  /// Draws the charts into a child region of the current ImGui window of the given size (scrolling when they
  /// do not fit at a readable height).
  void draw(const Snapshot& s, ImVec2 size);

 private:
  struct Column {
    std::vector<double> values;
    bool any = false;       // has a finite value
    bool positive = false;  // has a finite value > 0
  };
  void extract(const std::vector<MetricsRow>& history);

  MetricPlot plot_;
  std::vector<double> steps_;
  Column lossD_, lossG_, penalty_, dReal_, dFake_, gradD_, gradG_, modes_, modesTotal_, highQuality_, modeKl_,
      js_, w1_, theta_, psi_;
  double cursor_ = std::numeric_limits<double>::quiet_NaN();  // the step hovered in the last frame
};

}  // namespace ganscope
