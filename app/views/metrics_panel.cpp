#include "app/views/metrics_panel.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "core/gan/gan_loss.h"

namespace ganscope {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Colours shared with the line view: D blue, G and fake samples green, real samples near-black.
constexpr ImU32 kDColour = IM_COL32(30, 90, 220, 255);
constexpr ImU32 kGColour = IM_COL32(20, 140, 50, 255);
constexpr ImU32 kRealColour = IM_COL32(40, 40, 40, 255);
constexpr ImU32 kDRefColour = IM_COL32(90, 130, 220, 255);
constexpr ImU32 kGRefColour = IM_COL32(60, 150, 80, 255);
constexpr ImU32 kRefColour = IM_COL32(110, 110, 110, 255);
constexpr ImU32 kModesColour = IM_COL32(150, 60, 170, 255);
constexpr ImU32 kQualityColour = IM_COL32(0, 130, 150, 255);
constexpr ImU32 kKlColour = IM_COL32(200, 80, 40, 255);
constexpr ImU32 kJsColour = IM_COL32(220, 140, 0, 255);
constexpr ImU32 kW1Colour = IM_COL32(190, 50, 90, 255);
constexpr ImU32 kPenaltyColour = IM_COL32(120, 90, 40, 255);

// One chart of the stack: up to three series and three reference lines.
struct Chart {
  PlotOptions options;
  std::array<PlotSeries, 3> series{};
  int seriesCount = 0;
  std::array<PlotReference, 3> references{};
  int referenceCount = 0;
  bool modesBadge = false;

  void add(const char* label, ImU32 colour, const std::vector<double>& values) {
    series[static_cast<std::size_t>(seriesCount++)] = PlotSeries{label, colour, values};
  }
  void reference(double y, const char* label, ImU32 colour) {
    references[static_cast<std::size_t>(referenceCount++)] = PlotReference{y, label, colour};
  }
};

double lastFinite(const std::vector<double>& values) {
  for (auto it = values.rbegin(); it != values.rend(); ++it)
    if (std::isfinite(*it)) return *it;
  return kNaN;
}

}  // namespace

void MetricsPanel::extract(const std::vector<MetricsRow>& history) {
  const std::size_t n = history.size();
  steps_.resize(n);
  for (std::size_t i = 0; i < n; ++i) steps_[i] = static_cast<double>(history[i].step);
  auto column = [&](Column& c, double MetricsRow::*field) {
    c.values.resize(n);
    c.any = c.positive = false;
    for (std::size_t i = 0; i < n; ++i) {
      const double v = history[i].*field;
      c.values[i] = v;
      if (std::isfinite(v)) {
        c.any = true;
        c.positive = c.positive || v > 0.0;
      }
    }
  };
  column(lossD_, &MetricsRow::lossD);
  column(lossG_, &MetricsRow::lossG);
  column(penalty_, &MetricsRow::penalty);
  column(dReal_, &MetricsRow::dReal);
  column(dFake_, &MetricsRow::dFake);
  column(gradD_, &MetricsRow::gradNormD);
  column(gradG_, &MetricsRow::gradNormG);
  column(modes_, &MetricsRow::modes);
  column(modesTotal_, &MetricsRow::modesTotal);
  column(highQuality_, &MetricsRow::highQuality);
  column(modeKl_, &MetricsRow::modeKl);
  column(js_, &MetricsRow::js);
  column(w1_, &MetricsRow::w1);
  column(theta_, &MetricsRow::theta);
  column(psi_, &MetricsRow::psi);
}

void MetricsPanel::draw(const Snapshot& s, ImVec2 size) {
  ImGui::BeginChild("##metrics_panel", size, false);
  if (!s.history || s.history->empty()) {
    ImGui::TextDisabled("No metrics yet.");
    ImGui::EndChild();
    return;
  }
  extract(*s.history);
  const LossKind loss = s.config.loss;
  const bool probabilistic = lossIsProbabilistic(loss);

  std::array<Chart, 10> charts{};
  int count = 0;
  char modesLabel[48] = "", klLabel[48] = "", hqLabel[48] = "";

  // [SECTION] Losses, with their values at the equilibrium p_g = p_data.
  if (lossD_.any || lossG_.any) {
    Chart& c = charts[static_cast<std::size_t>(count++)];
    c.options.title = probabilistic ? "Losses (equilibrium: D = 1/2, V = -log 4)" : "Losses";
    if (lossD_.any) c.add("L_D", kDColour, lossD_.values);
    if (lossG_.any) c.add("L_G", kGColour, lossG_.values);
    switch (loss) {
      case LossKind::Minimax:  // Goodfellow et al. 2014, Theorem 1: V(D*, G*) = -log 4
        c.reference(std::log(4.0), "L_D at equilibrium: log 4 = 1.386", kDRefColour);
        c.reference(-std::log(2.0), "L_G at equilibrium: -log 2 = -0.693", kGRefColour);
        break;
      case LossKind::NonSaturating:
        c.reference(std::log(4.0), "L_D at equilibrium: log 4 = 1.386", kDRefColour);
        c.reference(std::log(2.0), "L_G at equilibrium: log 2 = 0.693", kGRefColour);
        break;
      case LossKind::Lsgan:  // Mao et al. 2017, 0-1 coding: D* = 1/2 at p_g = p_data
        c.reference(0.5, "L_D at D = 1/2: 0.5", kDRefColour);
        c.reference(0.25, "L_G at D = 1/2: 0.25", kGRefColour);
        break;
      case LossKind::Wgan:
      case LossKind::WganGp:
        c.reference(0.0, "L_D at p_g = p_data: 0", kDRefColour);
        break;
      case LossKind::Hinge:
        c.reference(2.0, "L_D at p_g = p_data: 2 (its minimum)", kDRefColour);
        break;
    }
  }

  // [SECTION] D's mean output on real and fake samples.
  if (dReal_.any || dFake_.any) {
    Chart& c = charts[static_cast<std::size_t>(count++)];
    c.options.title = probabilistic             ? "Mean D(x) on real and fake samples"
                      : loss == LossKind::Lsgan ? "Mean D(x) on real and fake (LSGAN, raw 0-1 coding)"
                                                : "Mean critic score on real and fake (raw)";
    if (dReal_.any) c.add("D(real)", kRealColour, dReal_.values);
    if (dFake_.any) c.add("D(fake)", kGColour, dFake_.values);
    if (probabilistic) {
      c.options.fixedRange = true;
      c.options.yMin = -0.02;
      c.options.yMax = 1.02;
    }
    if (probabilistic || loss == LossKind::Lsgan) c.reference(0.5, "D = 1/2: equilibrium", kRefColour);
  }

  // [SECTION] Gradient norms, on a log axis.
  if (gradD_.positive || gradG_.positive) {
    Chart& c = charts[static_cast<std::size_t>(count++)];
    c.options.title = "Gradient norms (log scale)";
    c.options.logScale = true;
    if (gradD_.positive) c.add("|dL_D/dtheta_D|", kDColour, gradD_.values);
    if (gradG_.positive) c.add("|dL_G/dtheta_G|", kGColour, gradG_.values);
  }

  // [SECTION] Mode metrics (VEEGAN / PacGAN protocol), where the target is a mixture of Gaussians.
  const double total = lastFinite(modesTotal_.values);
  // A single mode is always captured and always uniform: its charts would say nothing.
  const bool severalModes = std::isfinite(total) && total > 1.0;
  if (modes_.any && severalModes) {
    Chart& c = charts[static_cast<std::size_t>(count++)];
    c.options.title = "Modes captured";
    c.add("modes", kModesColour, modes_.values);
    c.options.fixedRange = true;
    c.options.yMin = 0.0;
    c.options.yMax = total * 1.1;
    c.options.valueFormat = "%.0f";
    std::snprintf(modesLabel, sizeof modesLabel, "all %.0f modes", total);
    c.reference(total, modesLabel, kRefColour);
    c.modesBadge = true;
  }
  if (highQuality_.any) {
    Chart& c = charts[static_cast<std::size_t>(count++)];
    c.options.title = "High-quality fraction (within 3 sd of a mode)";
    c.add("high quality", kQualityColour, highQuality_.values);
    c.options.fixedRange = true;
    c.options.yMin = 0.0;
    c.options.yMax = 1.05;
    // A perfect sampler: P(chi_d < 3) = erf(3/sqrt 2) in 1D, 1 - e^-4.5 in 2D.
    const bool oneD = s.data && s.data->dim() == 1;
    const double perfect = oneD ? std::erf(3.0 / std::sqrt(2.0)) : 1.0 - std::exp(-4.5);
    std::snprintf(hqLabel, sizeof hqLabel, "perfect sampler: %.1f%%", 100.0 * perfect);
    c.reference(perfect, hqLabel, kRefColour);
  }
  if (modeKl_.any && severalModes) {
    Chart& c = charts[static_cast<std::size_t>(count++)];
    c.options.title = "Reverse KL of the modes' histogram vs uniform (nats)";
    c.add("reverse KL", kKlColour, modeKl_.values);
    c.reference(0.0, "uniform over modes: 0", kRefColour);
    {
      std::snprintf(klLabel, sizeof klLabel, "one mode: ln %.0f = %.3f", total, std::log(total));
      c.reference(std::log(total), klLabel, kRefColour);
    }
  }

  // [SECTION] Distances between p_g and p_data.
  if (js_.any) {
    Chart& c = charts[static_cast<std::size_t>(count++)];
    c.options.title = "Jensen-Shannon divergence on a grid (nats)";
    c.add("JS", kJsColour, js_.values);
    c.options.fixedRange = true;
    c.options.yMin = -0.02;
    c.options.yMax = std::log(2.0) * 1.08;
    c.reference(std::log(2.0), "disjoint supports: ln 2", kRefColour);
  }
  if (w1_.any) {
    Chart& c = charts[static_cast<std::size_t>(count++)];
    c.options.title = s.data && s.data->dim() == 1 ? "Wasserstein-1 (exact, 1D)" : "Wasserstein-1 (sliced)";
    c.add("W1", kW1Colour, w1_.values);
    c.reference(0.0, "p_g = p_data: 0", kRefColour);
  }
  if (penalty_.positive) {
    Chart& c = charts[static_cast<std::size_t>(count++)];
    c.options.title = "Penalty added to L_D (GP, R1, R2)";
    c.add("penalty", kPenaltyColour, penalty_.values);
  }
  if ((theta_.any || psi_.any) && count < static_cast<int>(charts.size())) {
    Chart& c = charts[static_cast<std::size_t>(count++)];
    c.options.title = "Dirac-GAN parameters";
    if (theta_.any) c.add("theta (G)", kGColour, theta_.values);
    if (psi_.any) c.add("psi (D)", kDColour, psi_.values);
    c.reference(0.0, "equilibrium: 0", kRefColour);
  }

  // [SECTION] Layout: share the height, but never below a readable minimum (the child scrolls instead).
  const float font = ImGui::GetFontSize();
  const float gap = std::round(font * 0.5f);
  const float minHeight = font * 7.5f;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float share =
      (avail.y - gap * static_cast<float>(count - 1)) / static_cast<float>(std::max(1, count));
  const float height = std::max(minHeight, std::min(share, font * 22.0f));
  const float width = avail.x;  // already without the scrollbar, once the child has one
  ImDrawList* drawList = ImGui::GetWindowDrawList();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, gap));
  double hovered = kNaN;
  for (int i = 0; i < count; ++i) {
    Chart& c = charts[static_cast<std::size_t>(i)];
    c.options.cursorX = cursor_;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImVec2 chartSize(width, height);
    ImGui::Dummy(chartSize);
    if (!ImGui::IsItemVisible()) continue;
    if (c.modesBadge) {
      // "modes 3 / 8", large, beside the chart.
      const float badgeW = font * 7.5f;
      drawList->AddRectFilled(pos, ImVec2(pos.x + badgeW - gap * 0.5f, pos.y + height),
                              IM_COL32(250, 250, 247, 255), 4.0f);
      const double now = lastFinite(modes_.values);
      char big[32];
      std::snprintf(big, sizeof big, "%.0f / %.0f", now, total);
      const float bigSize = font * 2.6f;
      ImFont* f = ImGui::GetFont();
      const ImVec2 bigExtent = f->CalcTextSizeA(bigSize, 1e9f, 0.0f, big);
      const float cx = pos.x + (badgeW - gap * 0.5f) * 0.5f;
      const float cy = pos.y + height * 0.5f;
      const ImU32 colour = now >= total ? IM_COL32(20, 140, 50, 255) : kModesColour;
      const ImVec2 small = ImGui::CalcTextSize("modes");
      drawList->AddText(ImVec2(cx - small.x * 0.5f, cy - bigExtent.y * 0.5f - small.y),
                        IM_COL32(60, 60, 60, 255), "modes");
      drawList->AddText(f, bigSize, ImVec2(cx - bigExtent.x * 0.5f, cy - bigExtent.y * 0.5f), colour, big);
      pos.x += badgeW;
      chartSize.x -= badgeW;
    }
    const double h = plot_.draw(
        drawList, pos, chartSize, steps_,
        std::span<const PlotSeries>(c.series.data(), static_cast<std::size_t>(c.seriesCount)),
        std::span<const PlotReference>(c.references.data(), static_cast<std::size_t>(c.referenceCount)),
        c.options);
    if (std::isfinite(h)) hovered = h;
  }
  ImGui::PopStyleVar();
  cursor_ = hovered;
  ImGui::EndChild();
}

}  // namespace ganscope
