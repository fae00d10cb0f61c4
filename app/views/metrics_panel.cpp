#include "app/views/metrics_panel.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <deque>
#include <iterator>
#include <string>

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
constexpr ImU32 kClassColour = IM_COL32(70, 110, 40, 255);

// One chart of the stack: up to three series per run (run B's dashed, when comparing) and three reference lines.
struct Chart {
  PlotOptions options;
  std::array<PlotSeries, 6> series{};
  int seriesCount = 0;
  std::array<PlotReference, 3> references{};
  int referenceCount = 0;
  bool modesBadge = false;
  bool shown = false;  // the history has something for it to show

  void add(const char* label, ImU32 colour, const std::vector<double>& values, bool dashed = false,
           const char* legend = nullptr) {
    series[static_cast<std::size_t>(seriesCount++)] = PlotSeries{label, colour, values, dashed, legend};
  }
  void reference(double y, const char* label, ImU32 colour, const char* shortLabel = nullptr) {
    PlotReference& r = references[static_cast<std::size_t>(referenceCount++)];
    r.y = y;
    r.label = label;
    r.shortLabel = shortLabel;
    r.colour = colour;
  }
};

double lastFinite(const std::vector<double>& values) {
  for (auto it = values.rbegin(); it != values.rend(); ++it)
    if (std::isfinite(*it)) return *it;
  return kNaN;
}

// The charts, in the order of the stack.
enum class ChartKind {
  Losses, MeanOutput, GradientNorms, Modes, ClassAccuracy, HighQuality, ModeKl, Js, W1, Penalty, Dirac, Count
};

}  // namespace

// One snapshot's metric history as columns, and every chart it gives (the charts point into the columns, so it
// is neither copied nor moved once built).
struct MetricsPanel::History {
  struct Column {
    std::vector<double> values;
    bool any = false;       // has a finite value
    bool positive = false;  // has a finite value > 0
  };

  static_assert(static_cast<std::size_t>(ChartKind::Count) == kChartKinds, "one slot per chart kind");

  /// Run A's history, and run B's beside it (aligned to A's steps) when comparing.
  History(const Snapshot& s, const Snapshot* b);
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  long long version = 0;
  long long versionB = -1;  // run B's snapshot, -1 without one
  LossKind loss = LossKind::NonSaturating;
  int dataDim = 0;
  std::vector<double> steps;
  // Every metric's column, for one run.
  struct Columns {
    Column lossD, lossG, penalty, dReal, dFake, gradD, gradG, modes, modesTotal, highQuality, modeKl, js, w1, theta,
        psi, classAccuracy;
  };
  Columns runA, runB;  // B's rows at A's steps (NaN where B has no row there); all NaN without B
  bool compared = false;
  Column &lossD = runA.lossD, &lossG = runA.lossG, &penalty = runA.penalty, &dReal = runA.dReal, &dFake = runA.dFake,
         &gradD = runA.gradD, &gradG = runA.gradG, &modes = runA.modes, &modesTotal = runA.modesTotal,
         &highQuality = runA.highQuality, &modeKl = runA.modeKl, &js = runA.js, &w1 = runA.w1, &theta = runA.theta,
         &psi = runA.psi;
  double total = kNaN;     // modes in the target
  double modesNow = kNaN;  // modes captured at the last row
  double modesNowB = kNaN;  // run B's, when comparing
  std::deque<std::string> labels;  // "L_D A", "L_D B": the series' names when comparing (stable addresses)
  std::array<Chart, kChartKinds> charts{};
  std::array<char, 48> modesLabel{}, modesShortLabel{}, klLabel{}, hqLabel{};

 private:
  // Adds run A's series of `column` (and run B's, dashed, when comparing) to `chart`.
  void add(Chart& chart, const char* label, ImU32 colour, Column Columns::*column) {
    if (!compared) {
      chart.add(label, colour, (runA.*column).values);
      return;
    }
    // The legend names each curve once, then "A" solid and "B" dashed (runsLegend); the readout names both.
    chart.options.runsLegend = true;
    chart.add(labels.emplace_back(std::string(label) + " A").c_str(), colour, (runA.*column).values, false, label);
    if ((runB.*column).any) {
      chart.add(labels.emplace_back(std::string(label) + " B").c_str(), colour, (runB.*column).values, true, "");
    }
  }
  Chart& show(ChartKind kind) {
    Chart& c = charts[static_cast<std::size_t>(kind)];
    c.shown = true;
    return c;
  }
  void buildCharts();
};

MetricsPanel::History::History(const Snapshot& s, const Snapshot* b)
    : version(s.version), loss(s.config.loss), dataDim(s.data ? s.data->dim() : 0) {
  const std::vector<MetricsRow>& history = *s.history;
  const std::size_t n = history.size();
  steps.resize(n);
  for (std::size_t i = 0; i < n; ++i) steps[i] = static_cast<double>(history[i].step);
  // Run B's row at each of A's steps (both record every metrics_every iterations, so the steps mostly agree).
  compared = b != nullptr && b->history;
  if (compared) versionB = b->version;
  std::vector<const MetricsRow*> rowsB(n, nullptr);
  if (compared) {
    const std::vector<MetricsRow>& other = *b->history;
    std::size_t j = 0;
    for (std::size_t i = 0; i < n; ++i) {
      while (j < other.size() && other[j].step < history[i].step) ++j;
      if (j < other.size() && other[j].step == history[i].step) rowsB[i] = &other[j];
    }
  }
  auto fill = [n](Column& c, auto&& valueAt) {
    c.values.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double v = valueAt(i);
      c.values[i] = v;
      if (std::isfinite(v)) {
        c.any = true;
        c.positive = c.positive || v > 0.0;
      }
    }
  };
  auto column = [&](Column Columns::*member, double MetricsRow::*field) {
    Column& c = runA.*member;
    fill(c, [&](std::size_t i) { return history[i].*field; });
    if (!compared) return;
    // Run B's twin column; a chart is shown when either run has something for it.
    Column& twin = runB.*member;
    fill(twin, [&](std::size_t i) { return rowsB[i] ? rowsB[i]->*field : kNaN; });
    c.any = c.any || twin.any;
    c.positive = c.positive || twin.positive;
  };
  column(&Columns::lossD, &MetricsRow::lossD);
  column(&Columns::lossG, &MetricsRow::lossG);
  column(&Columns::penalty, &MetricsRow::penalty);
  column(&Columns::dReal, &MetricsRow::dReal);
  column(&Columns::dFake, &MetricsRow::dFake);
  column(&Columns::gradD, &MetricsRow::gradNormD);
  column(&Columns::gradG, &MetricsRow::gradNormG);
  column(&Columns::modes, &MetricsRow::modes);
  column(&Columns::modesTotal, &MetricsRow::modesTotal);
  column(&Columns::highQuality, &MetricsRow::highQuality);
  column(&Columns::modeKl, &MetricsRow::modeKl);
  column(&Columns::js, &MetricsRow::js);
  column(&Columns::w1, &MetricsRow::w1);
  column(&Columns::theta, &MetricsRow::theta);
  column(&Columns::psi, &MetricsRow::psi);
  column(&Columns::classAccuracy, &MetricsRow::classAccuracy);
  buildCharts();
}

void MetricsPanel::History::buildCharts() {
  const bool probabilistic = lossIsProbabilistic(loss);

  // [SECTION] Losses, with their values at the equilibrium p_g = p_data.
  if (lossD.any || lossG.any) {
    Chart& c = show(ChartKind::Losses);
    c.options.title = probabilistic ? "Losses (equilibrium: D = 1/2, V = -log 4)" : "Losses";
    c.options.shortTitle = "Losses";
    if (lossD.any) add(c, "L_D", kDColour, &Columns::lossD);
    if (lossG.any) add(c, "L_G", kGColour, &Columns::lossG);
    switch (loss) {
      case LossKind::Minimax:  // Goodfellow et al. 2014, Theorem 1: V(D*, G*) = -log 4
        c.reference(std::log(4.0), "L_D at equilibrium: log 4 = 1.386", kDRefColour, "log 4 = 1.386");
        c.reference(-std::log(2.0), "L_G at equilibrium: -log 2 = -0.693", kGRefColour, "-log 2 = -0.693");
        break;
      case LossKind::NonSaturating:
        c.reference(std::log(4.0), "L_D at equilibrium: log 4 = 1.386", kDRefColour, "log 4 = 1.386");
        c.reference(std::log(2.0), "L_G at equilibrium: log 2 = 0.693", kGRefColour, "log 2 = 0.693");
        break;
      case LossKind::Lsgan:  // Mao et al. 2017, 0-1 coding: D* = 1/2 at p_g = p_data
        c.reference(0.5, "L_D at D = 1/2: 0.5", kDRefColour, "D = 1/2: 0.5");
        c.reference(0.25, "L_G at D = 1/2: 0.25", kGRefColour, "D = 1/2: 0.25");
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
  if (dReal.any || dFake.any) {
    Chart& c = show(ChartKind::MeanOutput);
    c.options.title = probabilistic             ? "Mean D(x) on real and fake samples"
                      : loss == LossKind::Lsgan ? "Mean D(x) on real and fake (LSGAN, raw 0-1 coding)"
                                                : "Mean critic score on real and fake (raw)";
    c.options.shortTitle = probabilistic || loss == LossKind::Lsgan ? "Mean D(x)" : "Mean critic score";
    if (dReal.any) add(c, "D(real)", kRealColour, &Columns::dReal);
    if (dFake.any) add(c, "D(fake)", kGColour, &Columns::dFake);
    if (probabilistic) {
      c.options.fixedRange = true;
      c.options.yMin = -0.02;
      c.options.yMax = 1.02;
    }
    if (probabilistic || loss == LossKind::Lsgan) c.reference(0.5, "D = 1/2: equilibrium", kRefColour, "D = 1/2");
  }

  // [SECTION] Gradient norms, on a log axis.
  if (gradD.positive || gradG.positive) {
    Chart& c = show(ChartKind::GradientNorms);
    c.options.title = "Gradient norms (log scale)";
    c.options.shortTitle = "Gradient norms";
    c.options.logScale = true;
    if (gradD.positive) add(c, "|dL_D/dtheta_D|", kDColour, &Columns::gradD);
    if (gradG.positive) add(c, "|dL_G/dtheta_G|", kGColour, &Columns::gradG);
  }

  // [SECTION] Mode metrics (VEEGAN / PacGAN protocol), where the target is a mixture of Gaussians.
  total = lastFinite(modesTotal.values);
  modesNow = lastFinite(modes.values);
  modesNowB = lastFinite(runB.modes.values);
  // A single mode is always captured and always uniform: its charts would say nothing.
  const bool severalModes = std::isfinite(total) && total > 1.0;
  if (modes.any && severalModes) {
    Chart& c = show(ChartKind::Modes);
    c.options.title = "Modes captured";
    add(c, "modes", kModesColour, &Columns::modes);
    c.options.fixedRange = true;
    c.options.yMin = 0.0;
    c.options.yMax = total * 1.1;
    c.options.valueFormat = "%.0f";
    std::snprintf(modesLabel.data(), modesLabel.size(), "all %.0f modes", total);
    std::snprintf(modesShortLabel.data(), modesShortLabel.size(), "all %.0f", total);
    c.reference(total, modesLabel.data(), kRefColour, modesShortLabel.data());
    c.modesBadge = true;
  }
  if (runA.classAccuracy.any) {
    // A conditional run (Mirza & Osindero 2014): the share of G(z | y = k)'s samples whose nearest mode is k.
    Chart& c = show(ChartKind::ClassAccuracy);
    c.options.title = "Class accuracy (nearest mode is the class asked for)";
    c.options.shortTitle = "Class accuracy";
    add(c, "class accuracy", kClassColour, &Columns::classAccuracy);
    c.options.fixedRange = true;
    c.options.yMin = 0.0;
    c.options.yMax = 1.05;
    c.reference(1.0, "every sample on its class: 1", kRefColour, "1");
  }
  if (highQuality.any) {
    Chart& c = show(ChartKind::HighQuality);
    c.options.title = "High-quality fraction (within 3 sd of a mode)";
    c.options.shortTitle = "High-quality fraction";
    add(c, "high quality", kQualityColour, &Columns::highQuality);
    c.options.fixedRange = true;
    c.options.yMin = 0.0;
    c.options.yMax = 1.05;
    // A perfect sampler: P(chi_d < 3) = erf(3/sqrt 2) in 1D, 1 - e^-4.5 in 2D.
    const bool oneD = dataDim == 1;
    const double perfect = oneD ? std::erf(3.0 / std::sqrt(2.0)) : 1.0 - std::exp(-4.5);
    std::snprintf(hqLabel.data(), hqLabel.size(), "perfect sampler: %.1f%%", 100.0 * perfect);
    c.reference(perfect, hqLabel.data(), kRefColour);
  }
  if (modeKl.any && severalModes) {
    Chart& c = show(ChartKind::ModeKl);
    c.options.title = "Reverse KL of the modes' histogram vs uniform (nats)";
    c.options.shortTitle = "Reverse KL (nats)";
    add(c, "reverse KL", kKlColour, &Columns::modeKl);
    c.reference(0.0, "uniform over modes: 0", kRefColour);
    {
      std::snprintf(klLabel.data(), klLabel.size(), "one mode: ln %.0f = %.3f", total, std::log(total));
      c.reference(std::log(total), klLabel.data(), kRefColour);
    }
  }

  // [SECTION] Distances between p_g and p_data.
  if (js.any) {
    Chart& c = show(ChartKind::Js);
    c.options.title = "Jensen-Shannon divergence on a grid (nats)";
    c.options.shortTitle = "JS divergence (nats)";
    add(c, "JS", kJsColour, &Columns::js);
    c.options.fixedRange = true;
    c.options.yMin = -0.02;
    c.options.yMax = std::log(2.0) * 1.08;
    c.reference(std::log(2.0), "disjoint supports: ln 2", kRefColour);
  }
  if (w1.any) {
    Chart& c = show(ChartKind::W1);
    c.options.title = dataDim == 1 ? "Wasserstein-1 (exact, 1D)" : "Wasserstein-1 (sliced)";
    add(c, "W1", kW1Colour, &Columns::w1);
    c.reference(0.0, "p_g = p_data: 0", kRefColour);
  }
  if (penalty.positive) {
    Chart& c = show(ChartKind::Penalty);
    c.options.title = "Penalty added to L_D (GP, R1, R2)";
    c.options.shortTitle = "Penalty in L_D";
    add(c, "penalty", kPenaltyColour, &Columns::penalty);
  }
  if (theta.any || psi.any) {
    Chart& c = show(ChartKind::Dirac);
    c.options.title = "Dirac-GAN parameters";
    if (theta.any) add(c, "theta (G)", kGColour, &Columns::theta);
    if (psi.any) add(c, "psi (D)", kDColour, &Columns::psi);
    c.reference(0.0, "equilibrium: 0", kRefColour);
  }
}

void MetricsPanel::setStaggered(bool staggered, std::chrono::milliseconds interval) {
  staggered_ = staggered;
  interval_ = interval;
}

bool MetricsPanel::showingB(long long version) const {
  if (!newest_ || newest_->versionB != version) return false;
  return showing(newest_->version);
}

bool MetricsPanel::showing(long long version) const {
  if (emptyVersion_ == version) return true;
  if (!newest_ || newest_->version != version) return false;
  for (std::size_t k = 0; k < kChartKinds; ++k)
    if (newest_->charts[k].shown && shown_[k] != newest_) return false;
  return true;
}

bool MetricsPanel::drawn(const History& history, std::size_t k) const {
  if (!history.charts[k].shown) return false;
  if (!lectureCharts_) return true;
  // The lecture layout keeps the charts a room reads: the losses, D's outputs, the modes (or the Dirac-GAN's).
  const auto kind = static_cast<ChartKind>(k);
  return kind == ChartKind::Losses || kind == ChartKind::MeanOutput || kind == ChartKind::Modes ||
         kind == ChartKind::Dirac;
}

void MetricsPanel::takeHistory(const Snapshot& latest, const Snapshot* latestB, int chartsToRefresh) {
  const bool fresh = !newest_ || newest_->version != latest.version ||
                     newest_->versionB != (latestB ? latestB->version : -1);
  const auto now = std::chrono::steady_clock::now();
  if (!staggered_) {
    if (fresh) newest_ = std::make_shared<const History>(latest, latestB);
    shown_.fill(newest_);
    return;
  }
  // A round: the newest history is taken at most once per interval, then handed to chartsToRefresh shown charts
  // per frame. The first history is taken whatever the frame: there is nothing else to draw.
  if (chartsToRefresh <= 0 && newest_) return;
  if (!newest_ || (next_ >= kChartKinds && fresh && now - roundStart_ >= interval_)) {
    const std::shared_ptr<const History> previous = newest_;
    newest_ = std::make_shared<const History>(latest, latestB);
    next_ = 0;
    roundStart_ = now;
    // A chart appearing or leaving moves every chart below it: all are drawn again anyway.
    bool sameLayout = previous != nullptr;
    for (std::size_t k = 0; sameLayout && k < kChartKinds; ++k)
      sameLayout = previous->charts[k].shown == newest_->charts[k].shown;
    if (!sameLayout) {
      shown_.fill(newest_);
      next_ = kChartKinds;
    }
  }
  while (next_ < kChartKinds && chartsToRefresh > 0) {
    const std::size_t k = next_++;
    if (drawn(*newest_, k) && shown_[k] != newest_) --chartsToRefresh;
    shown_[k] = newest_;
  }
}

void MetricsPanel::draw(const Snapshot& s, ImVec2 size, int chartsToRefresh, const Snapshot* b) {
  ImGui::BeginChild("##metrics_panel", size, false);
  if (!s.history || s.history->empty()) {
    emptyVersion_ = s.version;
    ImGui::TextDisabled("No metrics yet.");
    ImGui::EndChild();
    return;
  }
  takeHistory(s, b && b->history && !b->history->empty() ? b : nullptr, chartsToRefresh);
  const auto drawn = [&](std::size_t k) { return this->drawn(*newest_, k); };
  int count = 0;
  for (std::size_t k = 0; k < kChartKinds; ++k) count += drawn(k) ? 1 : 0;

  // [SECTION] Layout: share the height, but never below a readable minimum (the child scrolls instead).
  const float font = ImGui::GetFontSize();
  const float gap = std::round(font * 0.5f);
  const float minHeight = font * 7.5f;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float share =
      (avail.y - gap * static_cast<float>(count - 1)) / static_cast<float>(std::max(1, count));
  const float height = std::max(minHeight, std::min(share, font * 22.0f));
  const float width = avail.x;  // already without the scrollbar, once the child has one
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, gap));
  double hovered = kNaN;
  for (std::size_t k = 0; k < kChartKinds; ++k) {
    if (!drawn(k)) continue;
    // Each chart from the history it was last given (one with newest_'s layout: a round starts only when the
    // layout is the same, else every chart takes newest_ at once), in a child window of its own: its own draw
    // list, so a software rasterizer draws again only the charts that changed.
    const History& data = *shown_[k];
    Chart c = data.charts[k];
    // Rewound to a checkpoint, every chart marks it (a line and the values there) unless one is hovered.
    c.options.cursorX = std::isnan(cursor_) && s.rewoundFrom >= 0 ? static_cast<double>(s.step) : cursor_;
    // The losses and D's mean outputs have a "?" in the header's right corner, for their concept cards: the
    // title keeps clear of it.
    const auto kind = static_cast<ChartKind>(k);
    const bool explained = onHelp_ && (kind == ChartKind::Losses || kind == ChartKind::MeanOutput);
    const float helpButtonX = font * 1.4f;  // the button's left edge, this far from the chart's right edge
    if (explained) c.options.titleReservePx = helpButtonX + font * 0.2f;
    ImVec2 chartSize(width, height);
    const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
    chartAreaPx_ = width * scale.x * height * scale.y;
    char id[16];
    std::snprintf(id, sizeof id, "##chart%zu", k);
    const bool visible = ImGui::BeginChild(id, chartSize, false, ImGuiWindowFlags_NoScrollbar);
    if (!visible) {
      ImGui::EndChild();
      continue;
    }
    ImDrawList* drawList = ImGui::GetWindowDrawList();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    if (c.modesBadge) {
      // "modes 3 / 8", large, beside the chart.
      const float badgeW = std::min(font * 7.5f, chartSize.x * 0.3f);
      drawList->AddRectFilled(pos, ImVec2(pos.x + badgeW - gap * 0.5f, pos.y + height),
                              IM_COL32(250, 250, 247, 255), 4.0f);
      const double now = data.modesNow, total = data.total;
      // As large as 2.6 lines of text, or as the badge's width allows ("25 / 25" in a narrow column); a
      // comparison's two runs one above the other, "A" and "B" above their counts.
      ImFont* f = ImGui::GetFont();
      const float room = (badgeW - gap * 0.5f) * 0.9f;
      const float cx = pos.x + (badgeW - gap * 0.5f) * 0.5f;
      const int rows = data.compared ? 2 : 1;
      for (int row = 0; row < rows; ++row) {
        const double captured = row == 0 ? now : data.modesNowB;
        char big[32];
        std::snprintf(big, sizeof big, "%.0f / %.0f", captured, total);
        const char* word = !data.compared ? "modes" : row == 0 ? "run A" : "run B";
        const float rowHeight = height / static_cast<float>(rows);
        const float maxSize = font * (data.compared ? 1.8f : 2.6f);
        const float atUnit = f->CalcTextSizeA(1.0f, 1e9f, 0.0f, big).x;
        const float bigSize = atUnit > 0.0f ? std::min(maxSize, room / atUnit) : maxSize;
        const ImVec2 bigExtent = f->CalcTextSizeA(bigSize, 1e9f, 0.0f, big);
        const float cy = pos.y + rowHeight * (static_cast<float>(row) + 0.5f);
        const ImU32 colour = captured >= total ? IM_COL32(20, 140, 50, 255) : kModesColour;
        // The word above the count, smaller when the badge is narrower than it.
        const float wordAtUnit = f->CalcTextSizeA(1.0f, 1e9f, 0.0f, word).x;
        const float wordSize = wordAtUnit > 0.0f ? std::min(font, room / wordAtUnit) : font;
        const ImVec2 small = f->CalcTextSizeA(wordSize, 1e9f, 0.0f, word);
        drawList->AddText(f, wordSize, ImVec2(cx - small.x * 0.5f, cy - bigExtent.y * 0.5f - small.y),
                          IM_COL32(60, 60, 60, 255), word);
        drawList->AddText(f, bigSize, ImVec2(cx - bigExtent.x * 0.5f, cy - bigExtent.y * 0.5f), colour, big);
      }
      pos.x += badgeW;
      chartSize.x -= badgeW;
    }
    const double h = plot_.draw(
        drawList, pos, chartSize, data.steps,
        std::span<const PlotSeries>(c.series.data(), static_cast<std::size_t>(c.seriesCount)),
        std::span<const PlotReference>(c.references.data(), static_cast<std::size_t>(c.referenceCount)),
        c.options);
    if (std::isfinite(h)) hovered = h;
    if (explained) {
      // A "?" in the chart's top-right corner: the concept card of what it plots.
      ImGui::SetCursorScreenPos(ImVec2(pos.x + chartSize.x - helpButtonX, pos.y + 2.0f));
      if (ImGui::SmallButton("?")) {
        onHelp_(kind == ChartKind::Losses ? ExplainedChart::Losses : ExplainedChart::MeanOutput);
      }
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(kind == ChartKind::Losses ? "The minimax game and its value: a concept card"
                                                    : "The optimal discriminator: a concept card");
      }
    }
    ImGui::EndChild();
  }
  ImGui::PopStyleVar();
  cursor_ = hovered;
  ImGui::EndChild();
}

}  // namespace ganscope
