#pragma once
// The 1D view: Goodfellow et al. 2014, Figure 1, live: p_data, p_g, D, D* and the mapping z → x = G(z).
#include <imgui.h>

#include <span>
#include <vector>

#include "app/views/mode_markers.h"
#include "core/data/data_config.h"
#include "core/nn/mlp.h"
#include "core/nn/tensor.h"
#include "core/runtime/snapshot.h"

namespace ganscope {

/// Which parts of the 1D view are drawn.
struct LineViewOptions {
  bool dataDensity = true;           ///< p_data (black), a spike for the Dirac-GAN's point mass
  bool histogram = true;             ///< a histogram of G's samples as densities (light green bars)
  bool generatorDensity = true;      ///< a Gaussian KDE of G's samples (green)
  bool discriminator = true;         ///< D(x) (blue) on the right-hand [0, 1] axis
  bool optimalDiscriminator = true;  ///< D*(x) = p_data / (p_data + p_g) (dashed orange), for comparison
  bool mapping = true;               ///< the lower panel: lines from latent quantiles z to x = G(z)
  bool legend = true;                ///< the legend at the top right of the plot
  bool modes = true;                 ///< a mixture's mode centres on the x axis, filled when G captures them
  int gridPoints = 400;              ///< points on which the curves are evaluated
  int mappingLines = 31;             ///< evenly spaced latent quantiles in the lower panel
};

/// Draws the 1D picture of Goodfellow et al. 2014, Figure 1 from a snapshot, every frame: the data density
/// p_data, the generator's density p_g (a histogram and a KDE of G applied to the snapshot's latent samples),
/// the discriminator D(x), the optimal discriminator D*(x) = p_data / (p_data + p_g) and, underneath, the
/// mapping from a latent axis z to x = G(z). Keeps its buffers and the displayed x range between frames (the
/// range follows the data and G's samples with hysteresis, so it does not jitter); allocates nothing once
/// sized.
class LineView {
 public:
  /// Draws the view for snapshot `s` into the rectangle (topLeft, size) of `drawList`.
  void draw(const Snapshot& s, ImDrawList* drawList, ImVec2 topLeft, ImVec2 size);

  /// The toggles for each curve.
  LineViewOptions& options() { return options_; }
  /// The toggles for each curve.
  const LineViewOptions& options() const { return options_; }

  /// The x range drawn in the last frame.
  double xMin() const { return xMin_; }
  /// The x range drawn in the last frame.
  double xMax() const { return xMax_; }
  /// The last frame's plot area on screen: x0, y0, x1, y1 (x0 = x1 before any).
  ImVec4 plotRect() const { return ImVec4(plotLeft_, plotTop_, plotLeft_ + plotWidth_, plotBottom_); }
  /// The x at screen column `screenX` in the last frame's plot (for painting a 1D drawing).
  double xAt(float screenX) const {
    return plotWidth_ > 0.0f ? xMin_ + (screenX - plotLeft_) / plotWidth_ * (xMax_ - xMin_) : xMin_;
  }
  /// Holds the x range where it is (true while a drawing is painted: the range would follow the strokes).
  void setRangeHeld(bool held) { rangeHeld_ = held; }
  /// Marks `samples` (a drawing being painted) as ticks along the bottom of the plot in the next draw().
  void setDrawnSamples(const std::vector<double>* samples) { drawnSamples_ = samples; }

 private:
  void compute(const Snapshot& s, float plotWidth);
  void updateRange(const Snapshot& s);

  LineViewOptions options_;
  ModeMarkers modeMarkers_;

  // The displayed ranges (animated towards their targets) and what they were set up for.
  bool haveRange_ = false;
  DataConfig rangeData_;
  double xMin_ = -1.0, xMax_ = 1.0;            // drawn
  float plotLeft_ = 0.0f, plotWidth_ = 0.0f;   // where the last frame's plot was on screen
  float plotTop_ = 0.0f, plotBottom_ = 0.0f;
  bool rangeHeld_ = false;
  const std::vector<double>* drawnSamples_ = nullptr;
  double targetMin_ = -1.0, targetMax_ = 1.0;  // where the drawn range is heading
  double densityTop_ = 1.0;                    // the density at the top of the plot

  // Per-frame results, kept to avoid allocation.
  MlpWorkspace generatorWs_, discriminatorWs_, mappingWs_;
  Matrix grid_;              // 1 × gridPoints: the x grid, for D
  Matrix mappingLatent_;     // latent dim × mappingLines
  Vector point_;             // one x, for Distribution::density
  std::vector<float> fake_;  // G's finite samples, sorted
  std::vector<float> real_;  // the real samples, sorted (p_data's KDE when there is no density)
  std::vector<double> xs_, pData_, pG_, d_, dStar_;
  std::vector<double> histogram_;            // densities per bin
  std::vector<double> kdeBins_, kdeKernel_;  // binned KDE scratch
  std::vector<double> quantiles_;            // latent quantiles z_i
  std::vector<float> mappedX_;               // G(z_i)
  std::vector<ImVec2> points_;               // polyline scratch
  double histogramLo_ = 0.0, histogramBin_ = 1.0;
  double bandwidth_ = 0.0;  // the KDE's bandwidth this frame
  double dRawMin_ = 0.0, dRawMax_ = 0.0;
  bool fakeIsPoint_ = false;  // G's samples all (nearly) equal: a point mass at fakePoint_
  double fakePoint_ = 0.0;
  double fakeInRange_ = 1.0;  // fraction of G's samples inside the drawn range
  double pgPeak_ = 0.0;
};

/// Silverman's rule-of-thumb bandwidth for a Gaussian KDE (Silverman 1986, "Density Estimation for Statistics
/// and Data Analysis", eq. 3.31): h = 0.9 · min(σ̂, IQR / 1.34) · n^(−1/5), on sorted samples; σ̂ alone when
/// the IQR is 0.
double silvermanBandwidth(std::span<const float> sorted);

/// Evaluates the Gaussian kernel density estimate (1/nh) Σ φ((x − x_i)/h) of sorted samples at each of `xs`
/// (increasing), summing only the samples within 5h; writes one density per point into `out` (same size as
/// xs).
void gaussianKde(std::span<const float> sorted, double bandwidth, std::span<const double> xs,
                 std::span<double> out);

/// The same estimate on the uniform grid lo + i·step, i = 0..out.size()−1, by linear binning and a discrete
/// convolution with the sampled kernel (Wand 1994, "Fast computation of multivariate kernel estimators"): no
/// exp per sample and point, so it costs O(n + points · h/step). Accurate for bandwidth ≥ step; `bins` and
/// `kernel` are scratch buffers reused between calls. Where h/step would exceed n (a bandwidth far wider than the
/// view) it sums the kernel directly instead, O(points · n), and leaves the buffers alone.
void binnedGaussianKde(std::span<const float> samples, double bandwidth, double lo, double step,
                       std::span<double> out, std::vector<double>& bins, std::vector<double>& kernel);

}  // namespace ganscope
