#include "app/views/dirac_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "app/views/metric_plot.h"
#include "core/gan/gan_loss.h"

namespace ganscope {
namespace {

constexpr double kMinHalf = 2.0;  // the paper's start (1, 1) well inside
constexpr ImU32 kTrail = IM_COL32(220, 80, 20, 255);
constexpr ImU32 kCurrent = IM_COL32(200, 40, 10, 255);
constexpr ImU32 kEquilibrium = IM_COL32(20, 20, 20, 255);

// An arrow's colour from its relative magnitude m in [0, 1]: pale blue-grey for a weak push, dark navy for a strong.
ImU32 arrowColour(double m) {
  const double t = std::sqrt(std::clamp(m, 0.0, 1.0));
  auto mix = [t](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * t)); };
  return IM_COL32(mix(185, 25), mix(195, 45), mix(215, 115), 255);
}

void addArrow(ImDrawList* drawList, ImVec2 from, ImVec2 to, ImU32 colour, float thickness) {
  const float dx = to.x - from.x, dy = to.y - from.y, length = std::sqrt(dx * dx + dy * dy);
  if (length < 1.0f) return;
  const ImVec2 u(dx / length, dy / length), n(-u.y, u.x);
  const float head = std::min(length * 0.45f, thickness * 4.0f);
  const ImVec2 base(to.x - u.x * head, to.y - u.y * head);
  drawList->AddLine(from, base, colour, thickness);
  drawList->AddTriangleFilled(to, ImVec2(base.x + n.x * head * 0.55f, base.y + n.y * head * 0.55f),
                              ImVec2(base.x - n.x * head * 0.55f, base.y - n.y * head * 0.55f), colour);
}

}  // namespace

void DiracView::updateRange(const Snapshot& s) {
  const std::vector<MetricsRow>& rows = *s.history;
  const long long firstStep = rows.empty() ? -1 : rows.front().step;
  double need = 0.0;
  for (const MetricsRow& r : rows) {
    if (std::isfinite(r.theta) && std::isfinite(r.psi)) need = std::max({need, std::abs(r.theta), std::abs(r.psi)});
  }
  const double theta = s.generator->parameters()[0], psi = s.discriminator->parameters()[0];
  if (std::isfinite(theta) && std::isfinite(psi)) need = std::max({need, std::abs(theta), std::abs(psi)});
  need *= 1.15;
  // Grow at once (with room to spare), shrink only when far more room than needed is left: no jitter.
  if (!haveRange_ || firstStep != rangeFirstStep_) {
    half_ = std::max(kMinHalf, need);
    haveRange_ = true;
    rangeFirstStep_ = firstStep;
  } else if (need > half_) {
    half_ = need * 1.25;
  } else if (need < 0.4 * half_) {
    half_ = std::max(kMinHalf, need * 1.25);
  }
}

void DiracView::updateField(const Config& config) {
  if (haveField_ && fieldLoss_ == config.loss && fieldPenalty_ == config.penalty && fieldHalf_ == half_) return;
  DiracField field(config);
  const int n = kArrowsPerSide;
  arrows_.resize(static_cast<std::size_t>(n) * n);
  arrowMax_ = 0.0;
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      const double theta = -half_ + (col + 0.5) * 2.0 * half_ / n, psi = -half_ + (row + 0.5) * 2.0 * half_ / n;
      const DiracVector v = field.at(theta, psi);
      arrows_[static_cast<std::size_t>(row) * n + col] = v;
      if (std::isfinite(v.theta) && std::isfinite(v.psi)) arrowMax_ = std::max(arrowMax_, std::hypot(v.theta, v.psi));
    }
  }
  haveField_ = true;
  fieldLoss_ = config.loss;
  fieldPenalty_ = config.penalty;
  fieldHalf_ = half_;
}

void DiracView::draw(const Snapshot& s, ImDrawList* drawList, ImVec2 topLeft, ImVec2 size) {
  const PlotStyle style = PlotStyle::current();
  const float font = style.fontSize;
  drawList->AddRectFilled(topLeft, ImVec2(topLeft.x + size.x, topLeft.y + size.y), style.card);
  if (!s.history || !s.generator || s.generator->parameterCount() < 1 || s.discriminator->parameterCount() < 1) return;
  updateRange(s);
  updateField(s.config);
  // Nothing past its rectangle (large text in a small view: the caption's last lines are cut, not drawn over
  // the rewind slider below).
  drawList->PushClipRect(topLeft, ImVec2(topLeft.x + size.x, topLeft.y + size.y), true);

  // Layout: the caption (three lines) at the bottom, a square plot above it with room for tick labels.
  const float captionH = font * 4.3f;
  const float left = font * 3.2f, bottom = font * 2.6f, top = font * 1.8f, right = font * 1.2f;
  const float side = std::max(font * 6.0f, std::min(size.x - left - right, size.y - captionH - bottom - top));
  const float plotLeft = topLeft.x + left + std::max(0.0f, (size.x - left - right - side) * 0.5f);
  const float plotTop = topLeft.y + top;
  const ImVec2 plotMin(plotLeft, plotTop), plotMax(plotLeft + side, plotTop + side);
  const double h = half_;
  auto toX = [&](double theta) { return plotLeft + static_cast<float>((theta + h) / (2 * h)) * side; };
  auto toY = [&](double psi) { return plotTop + side - static_cast<float>((psi + h) / (2 * h)) * side; };
  char text[256];

  // [SECTION] Axes, grid and ticks.
  drawList->AddRectFilled(plotMin, plotMax, style.plot);
  const double step = niceTickStep(2 * h, std::max(3, static_cast<int>(side / (font * 4.0f))));
  for (double t = std::ceil(-h / step) * step; t <= h + 1e-9 * step; t += step) {
    const float px = toX(t), py = toY(t);
    drawList->AddLine(ImVec2(px, plotTop), ImVec2(px, plotMax.y), style.grid, style.thinLine);
    drawList->AddLine(ImVec2(plotLeft, py), ImVec2(plotMax.x, py), style.grid, style.thinLine);
    formatTick(text, sizeof text, t, step);
    const ImVec2 ts = ImGui::CalcTextSize(text);
    drawList->AddText(ImVec2(px - ts.x * 0.5f, plotMax.y + font * 0.25f), style.mutedText, text);
    drawList->AddText(ImVec2(plotLeft - ts.x - font * 0.35f, py - ts.y * 0.5f), style.mutedText, text);
  }
  // The axes through (0, 0).
  drawList->AddLine(ImVec2(toX(0), plotTop), ImVec2(toX(0), plotMax.y), style.frame, style.thinLine * 1.5f);
  drawList->AddLine(ImVec2(plotLeft, toY(0)), ImVec2(plotMax.x, toY(0)), style.frame, style.thinLine * 1.5f);
  const char* xTitle = "θ  (the generator: G outputs θ)";
  drawList->AddText(ImVec2(plotLeft + side * 0.5f - ImGui::CalcTextSize(xTitle).x * 0.5f, plotMax.y + font * 1.35f),
                    style.text, xTitle);
  drawList->AddText(ImVec2(plotLeft - font * 0.4f, plotTop - font * 1.5f), style.text,
                    "ψ  (the discriminator: D(x) = ψ·x)");

  // [SECTION] The field: arrows at the cell centres, length and darkness by magnitude.
  drawList->PushClipRect(plotMin, plotMax, true);
  const int n = kArrowsPerSide;
  const float cell = side / n;
  if (arrowMax_ > 0.0) {
    for (int row = 0; row < n; ++row) {
      for (int col = 0; col < n; ++col) {
        const DiracVector& v = arrows_[static_cast<std::size_t>(row) * n + col];
        const double magnitude = std::hypot(v.theta, v.psi);
        if (!(magnitude > 0.0) || !std::isfinite(magnitude)) continue;
        const double m = magnitude / arrowMax_;
        const float length = cell * 0.85f * static_cast<float>(0.35 + 0.65 * std::sqrt(m));
        const ImVec2 centre(plotLeft + (col + 0.5f) * cell, plotTop + side - (row + 0.5f) * cell);
        const float ux = static_cast<float>(v.theta / magnitude), uy = static_cast<float>(-v.psi / magnitude);
        addArrow(drawList, ImVec2(centre.x - ux * length * 0.5f, centre.y - uy * length * 0.5f),
                 ImVec2(centre.x + ux * length * 0.5f, centre.y + uy * length * 0.5f), arrowColour(m),
                 std::max(1.2f, font * 0.1f));
      }
    }
  }

  // [SECTION] The trajectory from the history, the start, the equilibrium and the current point.
  trail_.clear();
  const MetricsRow* first = nullptr;
  for (const MetricsRow& r : *s.history) {
    if (!std::isfinite(r.theta) || !std::isfinite(r.psi)) continue;
    if (!first) first = &r;
    trail_.emplace_back(toX(r.theta), toY(r.psi));
  }
  const double theta = s.generator->parameters()[0], psi = s.discriminator->parameters()[0];
  const bool currentFinite = std::isfinite(theta) && std::isfinite(psi);
  if (currentFinite) trail_.emplace_back(toX(theta), toY(psi));
  if (trail_.size() >= 2) {
    drawList->AddPolyline(trail_.data(), static_cast<int>(trail_.size()), IM_COL32(255, 255, 255, 200),
                          ImDrawFlags_None, style.lineWidth + 2.0f);
    drawList->AddPolyline(trail_.data(), static_cast<int>(trail_.size()), kTrail, ImDrawFlags_None, style.lineWidth);
  }
  // The equilibrium: a black cross in a white disc.
  const ImVec2 eq(toX(0), toY(0));
  const float r = font * 0.45f;
  drawList->AddCircleFilled(eq, r * 1.3f, IM_COL32(255, 255, 255, 230), 20);
  drawList->AddLine(ImVec2(eq.x - r, eq.y - r), ImVec2(eq.x + r, eq.y + r), kEquilibrium, 2.5f);
  drawList->AddLine(ImVec2(eq.x - r, eq.y + r), ImVec2(eq.x + r, eq.y - r), kEquilibrium, 2.5f);
  addLabel(drawList, ImVec2(eq.x + r * 1.6f, eq.y + r * 0.6f), kEquilibrium, IM_COL32(255, 255, 255, 220),
           "equilibrium (0, 0)");
  if (first) {
    const ImVec2 p(toX(first->theta), toY(first->psi));
    drawList->AddCircle(p, r * 0.8f, kEquilibrium, 16, 2.0f);
    addLabel(drawList, ImVec2(p.x + r, p.y - font * 1.4f), style.text, IM_COL32(255, 255, 255, 200), "start");
  }
  if (currentFinite) {
    const ImVec2 p(toX(theta), toY(psi));
    drawList->AddCircleFilled(p, r * 1.25f, IM_COL32(255, 255, 255, 255), 20);
    drawList->AddCircleFilled(p, r, kCurrent, 20);
  }
  drawList->PopClipRect();
  drawList->AddRect(plotMin, plotMax, style.frame, 0.0f, ImDrawFlags_None, style.thinLine);

  // [SECTION] Caption: what is being run, and what the picture shows.
  const Config& c = s.config;
  const std::string_view loss = lossName(c.loss);
  std::string penalties;
  char part[96];
  std::snprintf(part, sizeof part, "R1 γ = %g", c.penalty.r1);
  penalties = part;
  if (c.penalty.r2 > 0) {
    std::snprintf(part, sizeof part, ", R2 γ = %g", c.penalty.r2);
    penalties += part;
  }
  if (c.loss == LossKind::WganGp) {
    std::snprintf(part, sizeof part, ", GP λ = %g", c.penalty.gp);
    penalties += part;
  }
  if (c.loss == LossKind::Wgan) {
    std::snprintf(part, sizeof part, ", ψ clipped to ±%g", c.penalty.clip);
    penalties += part;
  }
  float y = plotMax.y + font * 2.9f;
  std::snprintf(text, sizeof text, "%s gradient descent · %.*s loss · %s · step sizes %g (G), %g (D)",
                c.update == UpdateOrder::Simultaneous ? "Simultaneous" : "Alternating", static_cast<int>(loss.size()),
                loss.data(), penalties.c_str(), c.optimizer.g.lr, c.optimizer.d.lr);
  drawList->AddText(ImVec2(topLeft.x + font * 0.6f, y), style.text, text);
  y += font * 1.25f;
  if (currentFinite) {
    std::snprintf(text, sizeof text, "Now (θ, ψ) = (%.3g, %.3g), distance to the equilibrium %.3g, step %lld.", theta,
                  psi, std::hypot(theta, psi), s.step);
    drawList->AddText(ImVec2(topLeft.x + font * 0.6f, y), style.text, text);
  }
  y += font * 1.25f;
  drawList->AddText(ImVec2(topLeft.x + font * 0.6f, y), style.mutedText,
                    "Arrows: v = (−∂L_G/∂θ, −∂L_D/∂ψ), darker where stronger. Line: the path.");
  drawList->PopClipRect();
}

}  // namespace ganscope
