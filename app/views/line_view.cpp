#include "app/views/line_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "app/views/metric_plot.h"
#include "core/gan/gan_loss.h"
#include "core/gan/metrics_evaluator.h"

namespace ganscope {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInvSqrt2Pi = 0.39894228040143267794;

// The colours of Goodfellow et al. 2014, Figure 1 (black data, green generator, blue discriminator), plus
// orange for the optimal discriminator.
constexpr ImU32 kDataColour = IM_COL32(20, 20, 20, 255);
constexpr ImU32 kBarColour = IM_COL32(160, 222, 160, 210);
constexpr ImU32 kBarEdgeColour = IM_COL32(120, 190, 120, 255);
constexpr ImU32 kKdeColour = IM_COL32(20, 140, 50, 255);
constexpr ImU32 kDColour = IM_COL32(30, 90, 220, 255);
constexpr ImU32 kDStarColour = IM_COL32(235, 120, 0, 255);
constexpr ImU32 kMappingColour = IM_COL32(70, 70, 70, 150);
constexpr ImU32 kHalfColour = IM_COL32(30, 90, 220, 90);

double sigmoid(double t) {
  return 1.0 / (1.0 + std::exp(-t));
}

// The value at fraction q of sorted samples (nearest rank).
float quantile(std::span<const float> sorted, double q) {
  const auto last = static_cast<double>(sorted.size() - 1);
  return sorted[static_cast<std::size_t>(std::clamp(std::round(q * last), 0.0, last))];
}

// How D's output is shown on the [0, 1] axis.
enum class DisplayMap {
  Sigmoid,  // minimax, non-saturating: D(x) = σ(d)
  Clamp,    // LSGAN, 0-1 coding: the raw output is already on the 0 (fake) to 1 (real) scale
  MinMax,   // WGAN, WGAN-GP, hinge: a raw critic score, rescaled to [0, 1] over the view
};

DisplayMap displayMapFor(LossKind loss) {
  if (lossIsProbabilistic(loss)) return DisplayMap::Sigmoid;
  if (loss == LossKind::Lsgan) return DisplayMap::Clamp;
  return DisplayMap::MinMax;
}

// Draws a vertical arrow from the plot's bottom to `top` at x: a point mass.
void addSpike(ImDrawList* drawList, float x, float bottom, float top, ImU32 colour, float width) {
  const float head = width * 3.0f;
  drawList->AddLine(ImVec2(x, bottom), ImVec2(x, top + head), colour, width);
  drawList->AddTriangleFilled(ImVec2(x, top), ImVec2(x - head * 0.7f, top + head * 1.6f),
                              ImVec2(x + head * 0.7f, top + head * 1.6f), colour);
}

// Draws `text` (when `draw`) broken at spaces into lines no wider than `width` (ImGui's own wrapping also
// breaks after '.', splitting numbers); returns the height used.
float addWrappedText(ImDrawList* drawList, ImVec2 pos, ImU32 colour, const char* text, float width,
                     bool draw) {
  const float lineHeight = ImGui::GetTextLineHeight();
  float y = pos.y;
  const char* lineStart = text;
  const char* lastBreak = nullptr;  // the last space on the current line
  const char* word = text;
  for (;;) {
    const char* wordEnd = word;
    while (*wordEnd && *wordEnd != ' ') ++wordEnd;
    if (lastBreak && ImGui::CalcTextSize(lineStart, wordEnd).x > width) {
      if (draw) drawList->AddText(ImVec2(pos.x, y), colour, lineStart, lastBreak);
      y += lineHeight;
      lineStart = lastBreak + 1;
      lastBreak = nullptr;
      continue;  // the same word again, at the start of the new line
    }
    if (!*wordEnd) {
      if (draw) drawList->AddText(ImVec2(pos.x, y), colour, lineStart, wordEnd);
      return y + lineHeight - pos.y;
    }
    lastBreak = wordEnd;
    word = wordEnd + 1;
  }
}

// One entry of the legend: a sample of the curve's stroke and its label.
struct LegendEntry {
  enum class Kind { Line, Dashed, Bar, Spike } kind;
  ImU32 colour;
  char text[160];
};

}  // namespace

// [SECTION] Density estimation helpers

double silvermanBandwidth(std::span<const float> sorted) {
  const std::size_t n = sorted.size();
  if (n < 2) return 0.0;
  double mean = 0.0;
  for (float v : sorted) mean += v;
  mean /= static_cast<double>(n);
  double var = 0.0;
  for (float v : sorted) var += (v - mean) * (v - mean);
  const double sd = std::sqrt(var / static_cast<double>(n - 1));
  const double iqr =
      static_cast<double>(quantile(sorted, 0.75)) - static_cast<double>(quantile(sorted, 0.25));
  const double spread = iqr > 0.0 ? std::min(sd, iqr / 1.34) : sd;
  return 0.9 * spread * std::pow(static_cast<double>(n), -0.2);
}

void gaussianKde(std::span<const float> sorted, double bandwidth, std::span<const double> xs,
                 std::span<double> out) {
  const std::size_t n = sorted.size();
  if (n == 0 || !(bandwidth > 0.0)) {
    std::fill(out.begin(), out.end(), 0.0);
    return;
  }
  const double reach = 5.0 * bandwidth, invH = 1.0 / bandwidth;
  const double scale = kInvSqrt2Pi * invH / static_cast<double>(n);
  std::size_t first = 0;  // the first sample ≥ x − reach (xs increase, so it only moves right)
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double x = xs[i];
    while (first < n && sorted[first] < x - reach) ++first;
    double sum = 0.0;
    for (std::size_t j = first; j < n && sorted[j] <= x + reach; ++j) {
      const double u = (x - sorted[j]) * invH;
      sum += std::exp(-0.5 * u * u);
    }
    out[i] = sum * scale;
  }
}

void binnedGaussianKde(std::span<const float> samples, double bandwidth, double lo, double step,
                       std::span<double> out, std::vector<double>& bins, std::vector<double>& kernel) {
  const std::size_t m = out.size();
  if (samples.empty() || m == 0 || !(bandwidth > 0.0) || !(step > 0.0)) {
    std::fill(out.begin(), out.end(), 0.0);
    return;
  }
  // Bins reach 5 bandwidths past both ends, so every sample that matters to a grid point is counted.
  const double reachSteps = std::ceil(5.0 * bandwidth / step);
  if (reachSteps > static_cast<double>(samples.size())) {
    // A bandwidth many grid steps wide (samples spread far past the view: a diverging G, a view zoomed in) would
    // make the bins and the convolution that wide; the direct sum costs m·n, less than m·reach, and allocates
    // nothing. (Without it, a G spread over 10^6 around a target of width 10^-4 took 0.9 s a frame.)
    const double invH = 1.0 / bandwidth;
    const double scale = kInvSqrt2Pi * invH / static_cast<double>(samples.size());
    for (std::size_t i = 0; i < m; ++i) {
      const double x = lo + step * static_cast<double>(i);
      double sum = 0.0;
      for (float v : samples) {
        const double u = (x - v) * invH;
        sum += std::exp(-0.5 * u * u);
      }
      out[i] = sum * scale;
    }
    return;
  }
  const auto reach = static_cast<std::size_t>(reachSteps);
  bins.assign(m + 2 * reach, 0.0);
  for (float v : samples) {
    const double t = (v - lo) / step + static_cast<double>(reach);
    if (!(t >= 0.0) || t >= static_cast<double>(bins.size() - 1)) continue;
    const auto k = static_cast<std::size_t>(t);
    const double frac = t - static_cast<double>(k);
    bins[k] += 1.0 - frac;
    bins[k + 1] += frac;
  }
  kernel.resize(reach + 1);
  const double scale = kInvSqrt2Pi / (bandwidth * static_cast<double>(samples.size()));
  for (std::size_t j = 0; j <= reach; ++j) {
    const double u = static_cast<double>(j) * step / bandwidth;
    kernel[j] = scale * std::exp(-0.5 * u * u);
  }
  for (std::size_t i = 0; i < m; ++i) {
    const double* centre = bins.data() + i + reach;
    double sum = kernel[0] * centre[0];
    for (std::size_t j = 1; j <= reach; ++j) sum += kernel[j] * (centre[j] + *(centre - j));
    out[i] = sum;
  }
}

// [SECTION] Per-frame computation

void LineView::updateRange(const Snapshot& s) {
  if (rangeHeld_ && haveRange_) return;  // painting a drawing: the axis stays put under the brush
  const Bounds b = s.data->bounds();
  const double width = std::max(b.xMax - b.xMin, 1e-6);
  const double baseMin = b.xMin - 0.08 * width, baseMax = b.xMax + 0.08 * width;
  const double margin = 0.1 * width, limit = 4.0 * width;

  // The data's box, widened to hold most (2 % to 98 %) of G's samples, within a limit for a diverging G.
  double wantMin = baseMin, wantMax = baseMax;
  if (!fake_.empty()) {
    wantMin = std::max(std::min(wantMin, static_cast<double>(quantile(fake_, 0.02)) - 0.04 * width),
                       baseMin - limit);
    wantMax = std::min(std::max(wantMax, static_cast<double>(quantile(fake_, 0.98)) + 0.04 * width),
                       baseMax + limit);
  }

  if (!haveRange_ || !(s.config.data == rangeData_)) {
    haveRange_ = true;
    rangeData_ = s.config.data;
    targetMin_ = xMin_ = wantMin;
    targetMax_ = xMax_ = wantMax;
    densityTop_ = 0.0;
    return;
  }
  // Hysteresis: grow at once (with a margin), shrink only when far more room than needed is left.
  if (wantMin < targetMin_)
    targetMin_ = wantMin < baseMin ? wantMin - margin : wantMin;
  else if (wantMin - targetMin_ > 2.0 * margin)
    targetMin_ = wantMin < baseMin ? wantMin - margin : wantMin;
  if (wantMax > targetMax_)
    targetMax_ = wantMax > baseMax ? wantMax + margin : wantMax;
  else if (targetMax_ - wantMax > 2.0 * margin)
    targetMax_ = wantMax > baseMax ? wantMax + margin : wantMax;
  // Glide towards the target so a change of range reads as a zoom, not a jump.
  xMin_ += (targetMin_ - xMin_) * 0.2;
  xMax_ += (targetMax_ - xMax_) * 0.2;
  if (std::abs(targetMin_ - xMin_) < 1e-4 * width) xMin_ = targetMin_;
  if (std::abs(targetMax_ - xMax_) < 1e-4 * width) xMax_ = targetMax_;
}

void LineView::compute(const Snapshot& s, float plotWidth) {
  const Distribution& data = *s.data;
  const bool dirac = s.config.data.kind == DataKind::Dirac;

  // G's samples: G applied to the snapshot's fixed latent batch.
  const Matrix& fake = s.generator->forward(*s.latentSamples, generatorWs_);
  modeMarkers_.update(s.version, data, fake);  // once per snapshot
  fake_.clear();
  fake_.reserve(static_cast<std::size_t>(fake.cols()));
  for (Eigen::Index j = 0; j < fake.cols(); ++j)
    if (std::isfinite(fake(0, j))) fake_.push_back(fake(0, j));
  std::sort(fake_.begin(), fake_.end());
  const double totalFake = static_cast<double>(std::max<Eigen::Index>(1, fake.cols()));

  real_.clear();
  if (!dirac && !data.hasDensity() && s.realSamples) {
    const Matrix& real = *s.realSamples;
    real_.reserve(static_cast<std::size_t>(real.cols()));
    for (Eigen::Index j = 0; j < real.cols(); ++j)
      if (std::isfinite(real(0, j))) real_.push_back(real(0, j));
    std::sort(real_.begin(), real_.end());
  }

  updateRange(s);
  const double lo = xMin_, hi = xMax_, range = hi - lo;

  // A generator whose samples (nearly) coincide is a point mass: the Dirac-GAN's G(z) = θ, or a total
  // collapse.
  fakeIsPoint_ = false;
  if (!fake_.empty()) {
    const double spread = static_cast<double>(fake_.back()) - static_cast<double>(fake_.front());
    fakeIsPoint_ = spread <= 1e-4 * range;
    fakePoint_ = quantile(fake_, 0.5);
  }
  std::size_t inside = 0;
  for (float v : fake_) inside += (v >= lo && v <= hi) ? 1 : 0;
  fakeInRange_ = static_cast<double>(inside) / totalFake;

  // The grid and the curves on it.
  const int points = std::max(16, options_.gridPoints);
  const auto np = static_cast<std::size_t>(points);
  xs_.resize(np);
  pData_.assign(np, kNaN);
  pG_.assign(np, kNaN);
  d_.resize(np);
  dStar_.assign(np, kNaN);
  grid_.resize(1, points);
  point_.resize(1);
  for (int i = 0; i < points; ++i) {
    xs_[static_cast<std::size_t>(i)] = lo + range * i / (points - 1);
    grid_(0, i) = static_cast<float>(xs_[static_cast<std::size_t>(i)]);
  }
  const double gridStep = range / (points - 1);

  if (data.hasDensity()) {
    for (std::size_t i = 0; i < np; ++i) {
      point_(0) = static_cast<float>(xs_[i]);
      pData_[i] = data.density(point_);
    }
  } else if (!real_.empty()) {
    binnedGaussianKde(real_, std::max(silvermanBandwidth(real_), gridStep), lo, gridStep, pData_, kdeBins_,
                      kdeKernel_);
  }

  bandwidth_ = 0.0;
  pgPeak_ = 0.0;
  if (!fake_.empty() && !fakeIsPoint_) {
    // The KDE's bandwidth never drops below the grid's spacing, so a collapsing G stays a visible, unit-mass
    // bump.
    bandwidth_ = std::max(silvermanBandwidth(fake_), gridStep);
    binnedGaussianKde(fake_, bandwidth_, lo, gridStep, pG_, kdeBins_, kdeKernel_);
    // Samples outside the latent batch's finite ones carry no mass; scale to the whole batch.
    const double share = static_cast<double>(fake_.size()) / totalFake;
    for (double& v : pG_) {
      v *= share;
      pgPeak_ = std::max(pgPeak_, v);
    }
  }

  // D on the grid, mapped to [0, 1] for display.
  const Matrix& dOut = s.discriminator->forward(grid_, discriminatorWs_);
  const DisplayMap map = displayMapFor(s.config.loss);
  dRawMin_ = std::numeric_limits<double>::infinity();
  dRawMax_ = -dRawMin_;
  for (int i = 0; i < points; ++i) {
    const double raw = dOut(0, i);
    if (std::isfinite(raw)) {
      dRawMin_ = std::min(dRawMin_, raw);
      dRawMax_ = std::max(dRawMax_, raw);
    }
    d_[static_cast<std::size_t>(i)] = raw;
  }
  for (double& v : d_) {
    if (!std::isfinite(v)) {
      v = kNaN;
    } else if (map == DisplayMap::Sigmoid) {
      v = sigmoid(v);
    } else if (map == DisplayMap::Clamp) {
      v = std::clamp(v, 0.0, 1.0);
    } else {
      const double span = dRawMax_ - dRawMin_;
      v = span > 1e-12 ? (v - dRawMin_) / span : 0.5;
    }
  }

  // D* = p_data / (p_data + p_g) (Goodfellow et al. 2014, Proposition 1), where the densities are not both
  // ~0.
  double dataPeak = 0.0;
  for (double v : pData_)
    if (std::isfinite(v)) dataPeak = std::max(dataPeak, v);
  const double floor = 0.01 * std::max(dataPeak, pgPeak_);
  if (!dirac && !fakeIsPoint_ && !fake_.empty()) {
    for (std::size_t i = 0; i < np; ++i) {
      const double pd = std::isfinite(pData_[i]) ? pData_[i] : 0.0;
      const double pg = std::isfinite(pG_[i]) ? pG_[i] : 0.0;
      if (pd + pg > floor) dStar_[i] = pd / (pd + pg);
    }
  }

  // The histogram: bins on a 1-2-5 width anchored at multiples of it, so bars do not shimmer as the range
  // glides.
  const int targetBins = std::clamp(static_cast<int>(plotWidth / (ImGui::GetFontSize() * 0.9f)), 20, 90);
  histogramBin_ = niceTickStep(range, targetBins);
  histogramLo_ = std::floor(lo / histogramBin_) * histogramBin_;
  const auto bins = static_cast<std::size_t>(std::ceil((hi - histogramLo_) / histogramBin_));
  histogram_.assign(bins, 0.0);
  double histPeak = 0.0;
  if (!fakeIsPoint_) {
    for (float v : fake_) {
      const double k = std::floor((v - histogramLo_) / histogramBin_);
      if (k >= 0.0 && k < static_cast<double>(bins)) histogram_[static_cast<std::size_t>(k)] += 1.0;
    }
    for (double& h : histogram_) {
      h /= totalFake * histogramBin_;
      histPeak = std::max(histPeak, h);
    }
  }

  // The density at the top of the plot: p_data's peak with room, or p_g's when there is no p_data; a p_g far
  // taller than p_data (a collapse) is clipped and its peak labelled, so p_data stays readable. Grows
  // quickly, shrinks slowly and only when much too tall.
  double want;
  if (dataPeak > 0.0)
    want = 1.15 * std::max(dataPeak, std::min(std::max(pgPeak_, histPeak), 2.0 * dataPeak));
  else
    want = pgPeak_ > 0.0 ? 1.15 * std::max(pgPeak_, histPeak) : 1.0;
  if (densityTop_ <= 0.0)
    densityTop_ = want;
  else if (want > densityTop_)
    densityTop_ += (want - densityTop_) * 0.35;
  else if (want < 0.75 * densityTop_)
    densityTop_ += (want - densityTop_) * 0.1;

  // The lower panel: evenly spaced latent quantiles on the first coordinate, the others 0, through G.
  quantiles_.clear();
  mappedX_.clear();
  const int latentDim = s.generator->inputDim();
  if (latentDim > 0 && options_.mapping) {
    const int k = std::max(2, options_.mappingLines);
    mappingLatent_.setZero(latentDim, k);
    for (int i = 0; i < k; ++i) {
      const double p = (i + 0.5) / k;
      const double z = latentQuantile(s.config.latent.dist, p);
      quantiles_.push_back(z);
      mappingLatent_(0, i) = static_cast<float>(z);
    }
    const Matrix& mapped = s.generator->forward(mappingLatent_, mappingWs_);
    for (int i = 0; i < k; ++i) mappedX_.push_back(mapped(0, i));
  }
}

// [SECTION] Drawing

void LineView::draw(const Snapshot& s, ImDrawList* drawList, ImVec2 topLeft, ImVec2 size) {
  const PlotStyle style = PlotStyle::current();
  const float font = style.fontSize;
  const float line = style.lineWidth + 0.5f;
  const ImVec2 bottomRight(topLeft.x + size.x, topLeft.y + size.y);
  drawList->AddRectFilled(topLeft, bottomRight, style.card, 4.0f);

  const char* problem = nullptr;
  if (!s.generator || !s.discriminator || !s.data || !s.latentSamples)
    problem = "Waiting for the first snapshot.";
  else if (s.data->dim() != 1)
    problem = "The line view shows 1D data; this run's data is 2D.";
  else if (s.generator->outputDim() != 1 || s.discriminator->inputDim() != 1 ||
           s.latentSamples->rows() != s.generator->inputDim())
    problem = "The networks do not match 1D data.";
  if (problem || size.x < 12.0f * font || size.y < 12.0f * font) {
    if (!problem) problem = "(too small)";
    drawList->AddText(ImVec2(topLeft.x + font, topLeft.y + font), style.mutedText, problem);
    return;
  }

  const bool dirac = s.config.data.kind == DataKind::Dirac;
  const DisplayMap map = displayMapFor(s.config.loss);
  char text[160];

  // [SECTION] Legend entries (they set the height of the legend rows).
  LegendEntry legend[6];
  int legendCount = 0;
  auto addEntry = [&](LegendEntry::Kind kind, ImU32 colour, const char* label) {
    legend[legendCount].kind = kind;
    legend[legendCount].colour = colour;
    std::snprintf(legend[legendCount].text, sizeof legend[0].text, "%s", label);
    ++legendCount;
  };

  // Axis margins: room for the density labels on the left and D's on the right.
  const float pad = std::round(font * 0.5f);
  const float leftMargin = pad + ImGui::CalcTextSize("0.000").x + font * 0.9f;
  const float rightMargin = pad + ImGui::CalcTextSize("1.0").x + font * 0.9f;
  const float plotLeft = topLeft.x + leftMargin, plotRight = bottomRight.x - rightMargin;
  const float plotWidth = plotRight - plotLeft;
  plotLeft_ = plotLeft;
  plotWidth_ = plotWidth;

  compute(s, plotWidth);

  if (options_.dataDensity) {
    if (dirac)
      addEntry(LegendEntry::Kind::Spike, kDataColour, "p_data = delta(0)");
    else if (s.data->hasDensity())
      addEntry(LegendEntry::Kind::Line, kDataColour, "p_data");
    else
      addEntry(LegendEntry::Kind::Line, kDataColour, "p_data (KDE of real samples)");
  }
  if (fakeIsPoint_ && (options_.histogram || options_.generatorDensity)) {
    addEntry(LegendEntry::Kind::Spike, kKdeColour,
             dirac ? "p_g = delta(theta)" : "p_g (all samples at one point)");
  } else {
    if (options_.histogram) addEntry(LegendEntry::Kind::Bar, kBarColour, "p_g histogram");
    if (options_.generatorDensity) {
      std::snprintf(text, sizeof text, "p_g (KDE, Silverman h = %.3g)", bandwidth_);
      addEntry(LegendEntry::Kind::Line, kKdeColour, text);
    }
  }
  if (options_.discriminator) {
    const char* label = map == DisplayMap::Sigmoid ? "D(x) = sigmoid(d(x))"
                        : map == DisplayMap::Clamp ? "D(x), raw output clamped to [0, 1]"
                                                   : "critic d(x), rescaled to [0, 1]";
    addEntry(LegendEntry::Kind::Line, kDColour, label);
  }
  const bool showDStar = options_.optimalDiscriminator && !dirac && !fakeIsPoint_;
  if (showDStar) addEntry(LegendEntry::Kind::Dashed, kDStarColour, "D*(x) = p_data / (p_data + p_g)");

  // Legend layout: entries left to right, wrapping to a new row when the width runs out.
  const float swatchW = font * 2.0f, entryGap = font * 1.2f, rowH = font * 1.35f;
  float legendH = 0.0f;
  ImVec2 legendPos[6];
  if (options_.legend && legendCount > 0) {
    float cx = plotLeft, cy = topLeft.y + pad * 0.6f;
    for (int i = 0; i < legendCount; ++i) {
      const float w = swatchW + font * 0.4f + ImGui::CalcTextSize(legend[i].text).x;
      if (cx > plotLeft && cx + w > bottomRight.x - pad) {
        cx = plotLeft;
        cy += rowH;
      }
      legendPos[i] = ImVec2(cx, cy);
      cx += w + entryGap;
    }
    legendH = cy + rowH - topLeft.y;
  }

  // Captions under everything: what the view simplifies.
  char captions[4][200];
  int captionCount = 0;
  const int latentDim = s.generator->inputDim();
  const int panelCaption =
      options_.mapping && latentDim > 1 ? captionCount : -1;  // says what the panel shows
  if (panelCaption >= 0)
    std::snprintf(captions[captionCount++], sizeof captions[0],
                  "Lower panel: z is the first latent coordinate z1 (the other %d held at 0).",
                  latentDim - 1);
  if (options_.mapping && latentDim == 0)
    std::snprintf(captions[captionCount++], sizeof captions[0],
                  "G has no input: G(z) = theta = %.4g for every z, so there is no mapping to draw.",
                  fakePoint_);
  if (options_.discriminator && map == DisplayMap::Clamp)
    std::snprintf(captions[captionCount++], sizeof captions[0],
                  "LSGAN (0-1 coding): D's raw output, clamped to [0, 1] (raw range here %.3g to %.3g).",
                  dRawMin_, dRawMax_);
  if (options_.discriminator && map == DisplayMap::MinMax)
    std::snprintf(
        captions[captionCount++], sizeof captions[0],
        "%.*s: d(x) is a raw critic score, not a probability; drawn as (d - min) / (max - min) over the "
        "view (d from %.3g to %.3g).",
        static_cast<int>(lossName(s.config.loss).size()), lossName(s.config.loss).data(), dRawMin_, dRawMax_);
  if (fakeInRange_ < 0.98 && captionCount < 4)
    std::snprintf(captions[captionCount++], sizeof captions[0], "%.0f%% of G's samples lie outside the view.",
                  100.0 * (1.0 - fakeInRange_));

  // Vertical layout: legend, axis titles, plot, x ticks, mapping panel, z ticks, captions.
  const float wrapWidth = size.x - 2.0f * pad;
  auto captionHeight = [&](int i) {
    return addWrappedText(drawList, ImVec2(0.0f, 0.0f), 0, captions[i], wrapWidth, false) + font * 0.15f;
  };
  float captionH = 0.0f;
  for (int i = 0; i < captionCount; ++i) captionH += captionHeight(i);
  const float tickH = font * 1.4f;
  const float plotTop = topLeft.y + legendH + font * 1.9f;
  // The mapping panel under the plot, where the plot keeps room beside it (large text in a small window: the
  // plot alone, and no caption about the panel).
  const float mappingWanted = std::max(font * 4.0f, size.y * 0.2f);
  const bool mapping = options_.mapping && !quantiles_.empty() &&
                       bottomRight.y - pad - captionH - mappingWanted - tickH * 2.0f - plotTop >= font * 6.0f;
  if (!mapping && panelCaption >= 0) {
    captionH -= captionHeight(panelCaption);
    for (int i = panelCaption; i + 1 < captionCount; ++i)
      std::memcpy(captions[i], captions[i + 1], sizeof captions[i]);
    --captionCount;
  }
  const float mappingH = mapping ? mappingWanted : 0.0f;
  const float plotBottom = bottomRight.y - pad - captionH - (mapping ? mappingH + tickH * 2.0f : tickH);
  plotTop_ = plotTop;
  plotBottom_ = plotBottom;
  if (plotBottom - plotTop < font * 4.0f) {
    drawList->AddText(ImVec2(topLeft.x + font, topLeft.y + font), style.mutedText, "(too small)");
    return;
  }
  const ImVec2 plotMin(plotLeft, plotTop), plotMax(plotRight, plotBottom);
  const float plotH = plotBottom - plotTop;
  const double lo = xMin_, hi = xMax_;
  auto toX = [&](double x) { return plotLeft + static_cast<float>((x - lo) / (hi - lo)) * plotWidth; };
  auto toYDensity = [&](double p) { return plotBottom - static_cast<float>(p / densityTop_) * plotH; };
  if (drawnSamples_ != nullptr) {
    // A drawing being painted: a tick for each sample along the bottom of the plot.
    for (double x : *drawnSamples_) {
      if (x < lo || x > hi) continue;
      const float px = toX(x);
      drawList->AddLine(ImVec2(px, plotBottom), ImVec2(px, plotBottom - font * 0.8f), IM_COL32(20, 20, 24, 200), 1.5f);
    }
  }
  // D's axis puts 1 a little below the top, so a D (or D*) of exactly 1 stays visible inside the frame.
  auto toYUnit = [&](double v) { return plotBottom - static_cast<float>(v) * plotH * 0.95f; };

  drawList->AddRectFilled(plotMin, plotMax, style.plot);

  // [SECTION] Axes: x ticks below, density on the left, D on the right.
  const double xStep = niceTickStep(hi - lo, std::max(3, static_cast<int>(plotWidth / (font * 5.0f))));
  for (double t = std::ceil(lo / xStep) * xStep; t <= hi + 1e-9 * xStep; t += xStep) {
    const float px = toX(t);
    drawList->AddLine(ImVec2(px, plotTop), ImVec2(px, plotBottom), style.grid, style.thinLine);
    drawList->AddLine(ImVec2(px, plotBottom), ImVec2(px, plotBottom + font * 0.3f), style.frame,
                      style.thinLine);
    formatTick(text, sizeof text, t, xStep);
    const ImVec2 ls = ImGui::CalcTextSize(text);
    drawList->AddText(ImVec2(px - ls.x * 0.5f, plotBottom + font * 0.3f), style.mutedText, text);
  }
  drawList->AddText(ImVec2(plotRight + font * 0.4f, plotBottom + font * 0.3f), style.text, "x");
  const bool densityAxis = !(dirac || (fakeIsPoint_ && !s.data->hasDensity() && real_.empty()));
  if (densityAxis) {
    const double yStep = niceTickStep(densityTop_, std::max(2, static_cast<int>(plotH / (font * 2.8f))));
    for (double t = 0.0; t <= densityTop_ + 1e-9 * yStep; t += yStep) {
      const float py = toYDensity(t);
      drawList->AddLine(ImVec2(plotLeft, py), ImVec2(plotRight, py), style.grid, style.thinLine);
      formatTick(text, sizeof text, t, yStep);
      const ImVec2 ls = ImGui::CalcTextSize(text);
      drawList->AddText(ImVec2(plotLeft - font * 0.35f - ls.x, py - ls.y * 0.5f), style.mutedText, text);
    }
    drawList->AddText(ImVec2(plotLeft - ImGui::CalcTextSize("density").x * 0.5f, plotTop - font * 1.7f),
                      style.text, "density");
  }
  if (options_.discriminator || showDStar) {
    for (double t : {0.0, 0.5, 1.0}) {
      const float py = toYUnit(t);
      std::snprintf(text, sizeof text, t == 0.5 ? "0.5" : "%.0f", t);
      drawList->AddText(ImVec2(plotRight + font * 0.35f, py - font * 0.5f), kDColour, text);
    }
    const char* title = map == DisplayMap::MinMax ? "critic (rescaled)" : "D(x)";
    const float tw = ImGui::CalcTextSize(title).x;
    drawList->AddText(
        ImVec2(std::min(plotRight - tw * 0.5f, bottomRight.x - pad - tw), plotTop - font * 1.7f), kDColour,
        title);
  }

  // [SECTION] Curves, clipped to the plot.
  drawList->PushClipRect(plotMin, plotMax, true);
  if (options_.discriminator || showDStar) {
    const ImVec2 half[2] = {ImVec2(plotLeft, toYUnit(0.5)), ImVec2(plotRight, toYUnit(0.5))};
    addDashedPolyline(drawList, half, 2, kHalfColour, style.thinLine * 1.5f, font * 0.3f, font * 0.3f);
  }
  if (options_.histogram && !fakeIsPoint_) {
    for (std::size_t k = 0; k < histogram_.size(); ++k) {
      if (histogram_[k] <= 0.0) continue;
      const double x0 = histogramLo_ + histogramBin_ * static_cast<double>(k);
      const ImVec2 a(toX(x0) + 0.5f, toYDensity(histogram_[k])),
          b(toX(x0 + histogramBin_) - 0.5f, plotBottom);
      drawList->AddRectFilled(a, b, kBarColour);
      drawList->AddRect(a, ImVec2(b.x, b.y + 1.0f), kBarEdgeColour, 0.0f, ImDrawFlags_None, 1.0f);
    }
  }
  auto strokeCurve = [&](const std::vector<double>& ys, bool unitAxis, ImU32 colour, bool dashed,
                         float width) {
    points_.clear();
    auto flush = [&]() {
      if (points_.size() >= 2) {
        if (dashed)
          addDashedPolyline(drawList, points_.data(), static_cast<int>(points_.size()), colour, width,
                            font * 0.8f, font * 0.45f);
        else
          drawList->AddPolyline(points_.data(), static_cast<int>(points_.size()), colour, ImDrawFlags_None,
                                width);
      }
      points_.clear();
    };
    for (std::size_t i = 0; i < ys.size(); ++i) {
      if (!std::isfinite(ys[i])) {
        flush();
        continue;
      }
      // Densities far above the top are drawn just past it (clipped), not at their true height, so a curve's
      // slope stays sane and float pixels stay finite.
      const double y = unitAxis ? ys[i] : std::min(ys[i], densityTop_ * 1.05);
      points_.emplace_back(toX(xs_[i]), unitAxis ? toYUnit(y) : toYDensity(y));
    }
    flush();
  };
  if (options_.dataDensity && !dirac) strokeCurve(pData_, false, kDataColour, false, line);
  if (options_.generatorDensity && !fakeIsPoint_) strokeCurve(pG_, false, kKdeColour, false, line);
  if (showDStar) strokeCurve(dStar_, true, kDStarColour, true, line);
  if (options_.discriminator) strokeCurve(d_, true, kDColour, false, line);
  if (options_.dataDensity && dirac)
    addSpike(drawList, toX(0.0), plotBottom, plotTop + font * 0.4f, kDataColour, line);
  if (fakeIsPoint_ && (options_.histogram || options_.generatorDensity) && fakePoint_ >= lo &&
      fakePoint_ <= hi) {
    const float px = toX(fakePoint_), top = plotTop + font * 2.2f;
    addSpike(drawList, px, plotBottom, top, kKdeColour, line);
    std::snprintf(text, sizeof text, dirac ? "theta = %.3g" : "x = %.3g", fakePoint_);
    const float tw = ImGui::CalcTextSize(text).x;
    addLabel(drawList,
             ImVec2(std::clamp(px - tw * 0.5f, plotLeft + 2.0f, plotRight - tw - 2.0f), top - font * 1.3f),
             kKdeColour, IM_COL32(255, 255, 255, 220), text);
  }
  drawList->PopClipRect();
  drawList->AddRect(plotMin, plotMax, style.frame, 0.0f, ImDrawFlags_None, style.thinLine);
  if (options_.modes) modeMarkers_.drawAxis(drawList, plotBottom, lo, hi, plotLeft, plotWidth);

  // A p_g clipped at the top says how tall it really is.
  if (options_.generatorDensity && !fakeIsPoint_ && pgPeak_ > densityTop_) {
    std::size_t peak = 0;
    for (std::size_t i = 0; i < pG_.size(); ++i)
      if (pG_[i] > pG_[peak]) peak = i;
    std::snprintf(text, sizeof text, "p_g peak %.3g", pgPeak_);
    const float tw = ImGui::CalcTextSize(text).x;
    const float px = std::clamp(toX(xs_[peak]) - tw * 0.5f, plotLeft + 2.0f, plotRight - tw - 2.0f);
    addLabel(drawList, ImVec2(px, plotTop + font * 0.3f), kKdeColour, IM_COL32(255, 255, 255, 220), text);
  }

  // [SECTION] Legend.
  for (int i = 0; i < legendCount && options_.legend; ++i) {
    const LegendEntry& e = legend[i];
    const ImVec2 p = legendPos[i];
    const float mid = p.y + font * 0.55f;
    switch (e.kind) {
      case LegendEntry::Kind::Line:
        drawList->AddLine(ImVec2(p.x, mid), ImVec2(p.x + swatchW, mid), e.colour, line);
        break;
      case LegendEntry::Kind::Dashed: {
        const ImVec2 ends[2] = {ImVec2(p.x, mid), ImVec2(p.x + swatchW, mid)};
        addDashedPolyline(drawList, ends, 2, e.colour, line, font * 0.55f, font * 0.35f);
        break;
      }
      case LegendEntry::Kind::Bar:
        drawList->AddRectFilled(ImVec2(p.x + font * 0.3f, p.y + font * 0.1f),
                                ImVec2(p.x + swatchW - font * 0.3f, p.y + font * 1.05f), e.colour);
        drawList->AddRect(ImVec2(p.x + font * 0.3f, p.y + font * 0.1f),
                          ImVec2(p.x + swatchW - font * 0.3f, p.y + font * 1.05f), kBarEdgeColour);
        break;
      case LegendEntry::Kind::Spike:
        addSpike(drawList, p.x + swatchW * 0.5f, p.y + font * 1.1f, p.y, e.colour, line * 0.8f);
        break;
    }
    drawList->AddText(ImVec2(p.x + swatchW + font * 0.4f, p.y), style.text, e.text);
  }

  // [SECTION] The lower panel (Goodfellow et al. 2014, Figure 1, bottom): z on the lower line, x = G(z) on
  // the upper.
  float y = plotBottom + tickH;
  if (mapping) {
    const float xLine = y + font * 0.4f, zLine = y + mappingH;
    const bool uniform = s.config.latent.dist == LatentDistribution::Uniform;
    const double zHalf = uniform ? 1.0 : 3.0;
    auto toXz = [&](double z) {
      return plotLeft + static_cast<float>((z + zHalf) / (2.0 * zHalf)) * plotWidth;
    };
    drawList->AddLine(ImVec2(plotLeft, xLine), ImVec2(plotRight, xLine), style.text, style.thinLine * 1.5f);
    drawList->AddLine(ImVec2(plotLeft, zLine), ImVec2(plotRight, zLine), style.text, style.thinLine * 1.5f);
    drawList->AddText(ImVec2(plotLeft - font * 1.2f, xLine - font * 0.5f), style.text, "x");
    drawList->AddText(ImVec2(plotLeft - font * 1.2f, zLine - font * 0.5f), style.text, "z");
    const double zStep = uniform ? 0.5 : 1.0;
    for (double t = -zHalf; t <= zHalf + 1e-9; t += zStep) {
      const float px = toXz(t);
      drawList->AddLine(ImVec2(px, zLine), ImVec2(px, zLine + font * 0.3f), style.frame, style.thinLine);
      formatTick(text, sizeof text, t, zStep);
      const ImVec2 ls = ImGui::CalcTextSize(text);
      drawList->AddText(ImVec2(px - ls.x * 0.5f, zLine + font * 0.3f), style.mutedText, text);
    }
    drawList->PushClipRect(ImVec2(plotLeft - 2.0f, xLine - font), ImVec2(plotRight + 2.0f, zLine + 2.0f),
                           true);
    const float head = line * 2.4f;
    for (std::size_t i = 0; i < quantiles_.size(); ++i) {
      if (!std::isfinite(mappedX_[i])) continue;
      const ImVec2 from(toXz(quantiles_[i]), zLine), to(toX(mappedX_[i]), xLine);
      const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
      const ImVec2 u(dx / len, dy / len), n(-u.y, u.x);
      const ImVec2 base(to.x - u.x * head * 1.8f, to.y - u.y * head * 1.8f);
      drawList->AddLine(from, base, kMappingColour, style.thinLine * 1.6f);
      drawList->AddTriangleFilled(to, ImVec2(base.x + n.x * head * 0.7f, base.y + n.y * head * 0.7f),
                                  ImVec2(base.x - n.x * head * 0.7f, base.y - n.y * head * 0.7f),
                                  kMappingColour);
      drawList->AddCircleFilled(from, line * 0.9f, style.text);
    }
    drawList->PopClipRect();
    y = zLine + tickH;
  }

  // [SECTION] Captions.
  for (int i = 0; i < captionCount; ++i) {
    y += addWrappedText(drawList, ImVec2(topLeft.x + pad, y), style.mutedText, captions[i], wrapWidth, true) +
         font * 0.15f;
  }
}

}  // namespace ganscope
