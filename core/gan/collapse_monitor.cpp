#include "core/gan/collapse_monitor.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "core/gan/config_json.h"

namespace ganscope {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

bool finite(double v) { return std::isfinite(v); }

// 1234567 → "1,234,567", for iteration counts in sentences.
std::string withThousands(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return value < 0 ? "-" + digits : digits;
}

// printf into a std::string (the sentences are short).
template <typename... Args>
std::string format(const char* pattern, Args... args) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, pattern, args...);
  return buffer;
}

// The median of a few values (copied: the inputs are tiny).
double median(std::vector<double> values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

bool hasModes(const MetricsRow& row) { return finite(row.modes) && finite(row.modesTotal) && row.modesTotal >= 2; }

// A row in which G's mass is gathered near at least one and at most ⌊fraction·K⌋ modes (their basins),
// whether or not its samples come within 3σ of them.
bool massNearFewModes(const MetricsRow& row, const CollapseThresholds& t) {
  return finite(row.modesHeld) && finite(row.basinFraction) && row.modesHeld >= 1 &&
         row.modesHeld <= std::floor(t.collapseFraction * row.modesTotal) &&
         row.basinFraction >= t.collapseMinBasin;
}

// A row counts towards collapse when it covers at most ⌊fraction·K⌋ modes and either covers at least one,
// with enough of G's samples on a mode to say that G has found some modes, or has G's mass near a few modes.
bool collapsedRow(const MetricsRow& row, const CollapseThresholds& t) {
  if (!hasModes(row) || row.modes > std::floor(t.collapseFraction * row.modesTotal)) return false;
  const bool onFewModes =
      row.modes >= 1 && finite(row.highQuality) && row.highQuality >= t.collapseMinHighQuality;
  return onFewModes || massNearFewModes(row, t);
}

// A row counts towards recovery when it covers at least ⌈fraction·K⌉ modes.
bool recoveredRow(const MetricsRow& row, const CollapseThresholds& t) {
  return hasModes(row) && row.modes >= std::ceil(t.recoverFraction * row.modesTotal - 1e-9);
}

// Advances a hysteresis state by one row: `evidence` rows in a row enter (when `enterReady` says the run is long
// enough), `recovered` rows in a row leave. Rows that are neither keep the state and break both runs.
void advance(bool& active, int& enterRun, int& leaveRun, long long& runStart, long long& since, long long step,
             bool evidence, bool recovered, int enterRows, int leaveRows, long long enterSpan = 0) {
  if (!active) {
    leaveRun = 0;
    if (!evidence) {
      enterRun = 0;
      return;
    }
    if (enterRun++ == 0) runStart = step;
    if (enterRun >= enterRows && step - runStart >= enterSpan) {
      active = true;
      since = runStart;
      leaveRun = 0;
    }
    return;
  }
  enterRun = 0;
  leaveRun = recovered ? leaveRun + 1 : 0;
  if (leaveRun >= leaveRows) {
    active = false;
    leaveRun = 0;
  }
}

// Whether the stabilizer a fix switches on is on already, at whatever strength (pack = 8 in force: "pack = 4" is
// not offered; the user tunes its strength in Settings).
bool stabilizerInForce(const Config& config, const SuggestedFix& fix) {
  for (const std::string& assignment : fix.assignments) {
    const std::string key = assignment.substr(0, assignment.find('='));
    if ((key == "pack" && config.pack > 1) || (key == "unroll" && config.unroll > 0) ||
        (key == "penalty.r1" && config.penalty.r1 > 0.0) || (key == "penalty.r2" && config.penalty.r2 > 0.0) ||
        (key == "instance_noise" && config.instanceNoise > 0.0)) {
      return true;
    }
  }
  return false;
}

// The fixes that `config` can take and does not already have: each candidate is applied to a copy through the
// config's own mapping (a key this build does not know, such as a stabilizer not yet merged, drops the fix).
std::vector<SuggestedFix> availableFixes(const Config& config, std::vector<SuggestedFix> candidates) {
  std::vector<SuggestedFix> out;
  for (SuggestedFix& fix : candidates) {
    Config edited = config;
    try {
      for (const std::string& assignment : fix.assignments) applySetting(edited, assignment);
    } catch (const ConfigError&) {
      continue;
    }
    if (edited == config || !validate(edited).empty() || stabilizerInForce(config, fix)) continue;
    out.push_back(std::move(fix));
  }
  return out;
}

// "Try a, b or c." from the fixes' names.
std::string suggestionText(const std::vector<SuggestedFix>& fixes) {
  if (fixes.empty()) return {};
  std::string text = "Try ";
  for (std::size_t i = 0; i < fixes.size(); ++i) {
    if (i > 0) text += i + 1 == fixes.size() ? " or " : ", ";
    text += fixes[i].name;
  }
  return text + ".";
}

std::string lr(double value) { return format("%.3g", value); }

// "(-15, -10)" (or "x = -15" for 1D data): where the bulk of G's samples is.
std::string where(const MetricsRow& row) {
  if (!finite(row.fakeCenterX)) return "an unknown place";
  if (!finite(row.fakeCenterY)) return format("x = %.3g", row.fakeCenterX);
  return format("(%.3g, %.3g)", row.fakeCenterX, row.fakeCenterY);
}

// What each stabilizer costs per iteration, from the reproduction table's seconds per run (README, "The
// reproduction table": ring8-collapse 0.8 s for 4,000 iterations, ring8-pacgan 1.5 s for 3,000, ring8-r1 1.0 s for
// 4,000, ring8-unrolled 6.0 s for 3,000 against ring8-hopping's 0.6 s).
constexpr const char* kPackCost = "about 2.5× the time per iteration (D sees 4 samples at once)";
constexpr const char* kR1Cost = "about 1.25× the time per iteration (one more backward pass through D)";
constexpr const char* kUnrollCost = "about 10× the time per iteration (5 lookahead updates of D per G step)";
constexpr const char* kFreeCost = "nothing measurable per iteration";

// Two-timescale learning rates (Heusel et al. 2017, TTUR): D learns 4× faster than G; offered when it does not yet
// learn at least twice as fast.
void addTwoTimescale(std::vector<SuggestedFix>& fixes, const Config& config) {
  if (config.optimizer.d.lr >= 2.0 * config.optimizer.g.lr) return;
  fixes.push_back({"two-timescale learning rates (D " + lr(4.0 * config.optimizer.g.lr) + ")",
                   {"optimizer.d.lr=" + lr(4.0 * config.optimizer.g.lr)},
                   "not measured on this collapse: a faster D tracks G more closely (Heusel et al. 2017)",
                   kFreeCost});
}

// Both learning rates divided by `factor`.
SuggestedFix slower(const Config& config, double factor) {
  return {"learning rates ÷ " + format("%g", factor),
          {"optimizer.g.lr=" + lr(config.optimizer.g.lr / factor), "optimizer.d.lr=" + lr(config.optimizer.d.lr / factor)},
          "high-lr-oscillation swings at lr 0.05 and stays calm at lr 1e-3",
          "none per iteration; training moves more slowly"};
}

}  // namespace

const char* conditionName(TrainingCondition condition) {
  switch (condition) {
    case TrainingCondition::Healthy: return "healthy";
    case TrainingCondition::Oscillation: return "oscillation";
    case TrainingCondition::ModeCollapse: return "mode collapse";
    case TrainingCondition::ModeHopping: return "mode hopping";
    case TrainingCondition::VanishingGradients: return "vanishing gradients";
    case TrainingCondition::SamplesOffData:
      return "samples left the data";
    case TrainingCondition::Divergence: return "divergence";
  }
  return "?";
}

CollapseMonitor::CollapseMonitor(CollapseThresholds thresholds) : t_(thresholds) {}

void CollapseMonitor::reset() {
  const CollapseThresholds t = t_;
  *this = CollapseMonitor(t);
}

bool CollapseMonitor::holds(TrainingCondition condition) const {
  switch (condition) {
    case TrainingCondition::Healthy:
      return !collapse_.active && !hopping_.active && !vanishing_.active && !oscillation_.active &&
             !offData_.active && !divergence_.active;
    case TrainingCondition::Oscillation: return oscillation_.active;
    case TrainingCondition::ModeCollapse: return collapse_.active;
    case TrainingCondition::ModeHopping: return hopping_.active;
    case TrainingCondition::VanishingGradients: return vanishing_.active;
    case TrainingCondition::SamplesOffData:
      return offData_.active;
    case TrainingCondition::Divergence: return divergence_.active;
  }
  return false;
}

void CollapseMonitor::update(const std::vector<MetricsRow>& history, const Config& config) {
  if (history.empty()) return;
  // A history that starts again (reset, rebuild) or goes back in time starts the monitor afresh.
  if (history.front().step != firstStep_ || history.back().step < lastStep_) {
    reset();
    firstStep_ = history.front().step;
  }
  // The rows after the last step seen (the published history may be thinned, so go by step, not by index).
  auto first = std::upper_bound(history.begin(), history.end(), lastStep_,
                                [](long long step, const MetricsRow& row) { return step < row.step; });
  // New settings (a fix switched on) change what is offered at once, before the next row.
  const bool newSettings = !(config == reportedConfig_);
  if (first == history.end() && !newSettings) return;
  for (auto it = first; it != history.end(); ++it) consume(history, static_cast<std::size_t>(it - history.begin()), config);
  lastStep_ = history.back().step;
  buildReport(history.back(), config);
}

std::vector<TrainingCondition> CollapseMonitor::replay(const std::vector<MetricsRow>& history,
                                                       const Config& config) {
  reset();
  std::vector<TrainingCondition> conditions;
  if (history.empty()) return conditions;
  firstStep_ = history.front().step;
  conditions.reserve(history.size());
  for (std::size_t i = 0; i < history.size(); ++i) {
    consume(history, i, config);
    conditions.push_back(mostUrgent());
  }
  lastStep_ = history.back().step;
  buildReport(history.back(), config);
  return conditions;
}

// The most urgent condition that holds: the one order buildReport and replay() both follow.
TrainingCondition CollapseMonitor::mostUrgent() const {
  if (divergence_.active) return TrainingCondition::Divergence;
  if (vanishing_.active) return TrainingCondition::VanishingGradients;
  if (offData_.active) return TrainingCondition::SamplesOffData;
  if (hopping_.active) return TrainingCondition::ModeHopping;
  if (collapse_.active) return TrainingCondition::ModeCollapse;
  if (oscillation_.active) return TrainingCondition::Oscillation;
  return TrainingCondition::Healthy;
}

void CollapseMonitor::consume(const std::vector<MetricsRow>& history, std::size_t index, const Config& config) {
  const MetricsRow& row = history[index];
  ++rowsSeen_;
  if (config.data.kind == DataKind::Dirac) judgeDirac(row);
  if (row.step <= 0) return;  // the untrained networks are no evidence
  updateBaselines(row);
  judgeDivergence(row);
  judgeOffData(row, config);
  judgeCollapse(row);
  judgeHopping(history, index);
  if (config.data.kind != DataKind::Dirac) {
    judgeVanishing(history, index, config);
    judgeOscillation(row, config);
  }
}

void CollapseMonitor::updateBaselines(const MetricsRow& row) {
  if (haveBaseline_ || !finite(row.gradNormD) || !finite(row.gradNormG) || !finite(row.lossD)) return;
  earlyGradD_.push_back(row.gradNormD);
  earlyGradG_.push_back(row.gradNormG);
  earlyLossD_.push_back(std::abs(row.lossD));
  if (static_cast<int>(earlyGradD_.size()) >= t_.baselineRows) {
    baselineGradD_ = median(earlyGradD_);
    baselineGradG_ = median(earlyGradG_);
    baselineLossD_ = median(earlyLossD_);
    haveBaseline_ = true;
  }
}

// [SECTION] Divergence

void CollapseMonitor::judgeDivergence(const MetricsRow& row) {
  // The trainer's own divergence row (and any row after an update) has every loss and gradient norm set: one that is
  // NaN or infinite means training stopped. That never goes away until the run starts again.
  const bool bad = !finite(row.lossD) || !finite(row.lossG) || !finite(row.gradNormD) || !finite(row.gradNormG);
  if (bad) {
    if (!divergence_.active) divergence_.since = row.step;
    divergence_.active = true;
    nonFinite_ = true;
    return;
  }
  if (nonFinite_) return;
  bool growing = false, recovered = true;
  if (!dirac_.empty() && diracStartRadius_ > 0.0) {
    const double r = dirac_.back().radius;
    growing = r >= t_.diracDivergenceFactor * diracStartRadius_;
    recovered = r < t_.diracRecoverFactor * diracStartRadius_;
  } else if (haveBaseline_) {
    // What diverges: D's loss, or the gradients while G's samples leave the data.
    const double lossD = std::abs(row.lossD);
    const bool lossBig = lossD >= std::max(t_.divergenceLossFactor * baselineLossD_, t_.divergenceLossFloor);
    const bool dBig = baselineGradD_ > 0 && row.gradNormD >= t_.divergenceGradientFactor * baselineGradD_;
    const bool gBig = baselineGradG_ > 0 && row.gradNormG >= t_.divergenceGradientFactor * baselineGradG_;
    const bool samplesOff = finite(row.offData) && row.offData >= t_.offDataFraction;
    growing = lossBig || ((dBig || gBig) && samplesOff);
    if (growing && !divergence_.active) lossExploding_ = lossBig;
    const bool lossCalm =
        lossD < std::max(t_.divergenceRecoverFactor * baselineLossD_, t_.divergenceLossFloor);
    const bool gradientsCalm = row.gradNormD < t_.divergenceRecoverFactor * baselineGradD_ &&
                               row.gradNormG < t_.divergenceRecoverFactor * baselineGradG_;
    const bool samplesBack = !finite(row.offData) || row.offData <= t_.offDataRecover;
    recovered = lossCalm && (gradientsCalm || samplesBack);
  }
  advance(divergence_.active, divergence_.enterRun, divergence_.leaveRun, divergence_.runStart, divergence_.since,
          row.step, growing, recovered, t_.divergenceRows, t_.divergenceRows);
}

// [SECTION] Samples off the data

void CollapseMonitor::judgeOffData(const MetricsRow& row, const Config& config) {
  if (config.data.kind == DataKind::Dirac || !finite(row.offData)) return;
  const bool evidence = row.offData >= t_.offDataFraction;
  const bool recovered = row.offData <= t_.offDataRecover;
  advance(offData_.active, offData_.enterRun, offData_.leaveRun, offData_.runStart, offData_.since, row.step,
          evidence, recovered, t_.offDataEnterRows, t_.offDataLeaveRows, t_.offDataEnterSpan);
}

// [SECTION] Mode collapse and mode hopping

void CollapseMonitor::judgeCollapse(const MetricsRow& row) {
  if (!hasModes(row)) {
    // Not a mixture (or G's samples are not finite): nothing to judge; a collapse already found stays.
    if (!finite(row.modesTotal)) collapse_ = {};
    return;
  }
  const bool low = collapsedRow(row, t_);
  const long long modes = std::llround(row.modes);
  if (!collapse_.active) collapseMaxModes_ = collapse_.enterRun == 0 ? modes : std::max(collapseMaxModes_, modes);
  advance(collapse_.active, collapse_.enterRun, collapse_.leaveRun, collapse_.runStart, collapse_.since, row.step,
          low, recoveredRow(row, t_), t_.collapseEnterRows, t_.collapseLeaveRows, t_.collapseEnterSpan);
  if (collapse_.active) collapseMaxModes_ = std::max(collapseMaxModes_, modes);
}

void CollapseMonitor::judgeHopping(const std::vector<MetricsRow>& history, std::size_t index) {
  // The last hopWindow rows (after step 0, with modes), oldest first.
  std::uint64_t masks[64];
  long long counts[64];
  long long firstStep = 0;
  const int window = std::clamp(t_.hopWindow, 2, 64);
  int n = 0;
  bool allCollapsed = true;
  for (std::size_t j = index + 1; j-- > 0 && n < window;) {
    const MetricsRow& r = history[j];
    if (r.step <= 0 || !hasModes(r)) break;
    // Rows with samples on the modes show which modes are captured; a wide cloud shows which modes it is
    // near.
    const bool onModes = r.highQuality >= t_.hopMinHighQuality;
    allCollapsed = allCollapsed && collapsedRow(r, t_) && (onModes || massNearFewModes(r, t_));
    masks[window - 1 - n] = onModes ? r.capturedModes : r.heldModes;
    counts[window - 1 - n] = std::llround(onModes ? r.modes : r.modesHeld);
    firstStep = r.step;
    ++n;
  }
  if (n < window) {
    if (hopping_.active && !hasModes(history[index])) return;
    hopping_.active = false;
    return;
  }
  int changes = 0;
  std::uint64_t visited = masks[0];
  long long most = counts[0];
  for (int i = 1; i < window; ++i) {
    if ((masks[i] & ~masks[i - 1]) != 0 && (masks[i - 1] & ~masks[i]) != 0) ++changes;
    visited |= masks[i];
    most = std::max(most, counts[i]);
  }
  const bool evidence = allCollapsed && changes >= t_.hopEnterChanges && std::popcount(visited) > most;
  // Recovered: the newest collapseLeaveRows rows all cover ⌈recoverFraction·K⌉ modes or more.
  bool recovered = true;
  for (int i = 0; i < t_.collapseLeaveRows && i <= static_cast<int>(index); ++i)
    recovered = recovered && recoveredRow(history[index - static_cast<std::size_t>(i)], t_);
  if (!hopping_.active) {
    if (evidence) {
      hopping_.active = true;
      hopping_.since = firstStep;
    }
  } else if (changes <= t_.hopLeaveChanges || recovered) {
    hopping_.active = false;
  }
  hopping_.enterRun = changes;                   // kept for the explanation
  hopping_.leaveRun = std::popcount(visited);    // modes visited in the window
  hopping_.runStart = firstStep;
}

// [SECTION] Vanishing gradients

void CollapseMonitor::judgeVanishing(const std::vector<MetricsRow>& history, std::size_t index,
                                     const Config& config) {
  const MetricsRow& row = history[index];
  if (!finite(row.dFake)) return;
  const bool minimax = config.loss == LossKind::Minimax;
  bool gradientSmall = false;
  if (haveBaseline_ && baselineGradG_ > 0.0) {
    std::vector<double> recent;
    for (std::size_t j = index + 1; j-- > 0 && recent.size() < 3;)
      if (history[j].step > 0 && finite(history[j].gradNormG)) recent.push_back(history[j].gradNormG);
    gradientSmall = median(recent) <= t_.vanishingGradientRatio * baselineGradG_;
  }
  const bool evidence = minimax && row.dFake <= t_.vanishingDFake && gradientSmall;
  const bool recovered = !minimax || row.dFake >= t_.vanishingRecoverDFake;
  advance(vanishing_.active, vanishing_.enterRun, vanishing_.leaveRun, vanishing_.runStart, vanishing_.since,
          row.step, evidence, recovered, t_.vanishingEnterRows, t_.vanishingLeaveRows);
}

// [SECTION] Oscillation

int CollapseMonitor::feedZigZag(ZigZag& z, double value) {
  if (!z.started) {
    z = {};
    z.started = true;
    z.smoothed = z.extreme = value;
  } else {
    z.smoothed += t_.oscillationSmoothing * (value - z.smoothed);
  }
  const double s = z.smoothed;
  if (z.direction == 0) {
    // The first trend: the first move of a band's size away from the start sets the direction (not a reversal).
    if (s >= z.extreme + t_.oscillationBand) z.direction = +1, z.extreme = s;
    else if (s <= z.extreme - t_.oscillationBand) z.direction = -1, z.extreme = s;
  } else if (z.direction > 0) {
    if (s > z.extreme) {
      z.extreme = s;
    } else if (s <= z.extreme - t_.oscillationBand) {
      z.direction = -1;
      z.extreme = s;
      z.reversals.push_back(rowsSeen_);
    }
  } else {
    if (s < z.extreme) {
      z.extreme = s;
    } else if (s >= z.extreme + t_.oscillationBand) {
      z.direction = +1;
      z.extreme = s;
      z.reversals.push_back(rowsSeen_);
    }
  }
  while (!z.reversals.empty() && z.reversals.front() <= rowsSeen_ - t_.oscillationWindow) z.reversals.pop_front();
  return static_cast<int>(z.reversals.size());
}

void CollapseMonitor::judgeOscillation(const MetricsRow& row, const Config& config) {
  // D's output is on a 0-1 scale only for these losses; a WGAN critic or hinge score has no fixed scale, so its
  // swings cannot be told from drift with one band.
  const bool applicable = lossIsProbabilistic(config.loss) || config.loss == LossKind::Lsgan;
  if (!applicable || !finite(row.dReal) || !finite(row.dFake)) {
    zigReal_ = {};
    zigFake_ = {};
    recentDFake_.clear();
    reversals_ = 0;
    oscillation_.active = false;
    return;
  }
  reversals_ = std::max(feedZigZag(zigReal_, row.dReal), feedZigZag(zigFake_, row.dFake));
  recentDFake_.push_back(row.dFake);
  while (static_cast<int>(recentDFake_.size()) > t_.oscillationWindow) recentDFake_.pop_front();
  // The window already integrates several rows: one row of evidence enters; the gap between the enter and leave
  // counts is the hysteresis.
  if (!oscillation_.active && reversals_ >= t_.oscillationEnterReversals) {
    oscillation_.active = true;
    oscillation_.since = row.step;
  } else if (oscillation_.active && reversals_ <= t_.oscillationLeaveReversals) {
    oscillation_.active = false;
  }
}

void CollapseMonitor::judgeDirac(const MetricsRow& row) {
  if (!finite(row.theta) || !finite(row.psi)) return;
  const double r = std::hypot(row.theta, row.psi);
  const double raw = std::atan2(row.psi, row.theta);
  if (dirac_.empty()) {
    diracStartRadius_ = r;
    dirac_.push_back({raw, r, row.step});
    diracRawAngle_ = raw;
    return;
  }
  // Unwrap: the angle moves by less than half a turn between two rows.
  double delta = raw - diracRawAngle_;
  if (delta > std::numbers::pi) delta -= kTwoPi;
  if (delta < -std::numbers::pi) delta += kTwoPi;
  diracRawAngle_ = raw;
  dirac_.push_back({dirac_.back().angle + delta, r, row.step});
  // Keep at the front the latest point at least one full turn before the newest.
  const double newest = dirac_.back().angle;
  while (dirac_.size() > 2 && std::abs(newest - dirac_[1].angle) >= kTwoPi) dirac_.pop_front();
  if (dirac_.size() > 200000) dirac_.pop_front();  // no turn in a very long time: keep memory bounded
  const bool turned = std::abs(newest - dirac_.front().angle) >= kTwoPi && dirac_.front().radius > 1e-12;
  diracRatio_ = turned ? r / dirac_.front().radius : 0.0;
  diracTurnSteps_ = turned ? row.step - dirac_.front().step : 0;
  if (row.step <= 0) return;
  const bool evidence = turned && diracRatio_ >= t_.diracCircleRatio;
  const bool recovered = !turned || diracRatio_ < t_.diracLeaveRatio || r <= 1e-9;
  advance(oscillation_.active, oscillation_.enterRun, oscillation_.leaveRun, oscillation_.runStart, oscillation_.since,
          row.step, evidence, recovered, t_.diracRows, t_.diracRows);
}

// [SECTION] The report

void CollapseMonitor::reportDivergence(ConditionReport& r, std::vector<SuggestedFix>& fixes,
                                       const MetricsRow& row, const Config& config) const {
  r.condition = TrainingCondition::Divergence;
  r.since = divergence_.since;
  if (nonFinite_) {
    r.headline = "Divergence: NaN or Inf";
    r.explanation =
        "At iteration " + withThousands(divergence_.since) +
        " a loss or gradient became NaN or infinite, and training stopped: the updates overshot until "
        "the numbers left the range a computer can hold.";
  } else if (!dirac_.empty() && diracStartRadius_ > 0.0) {
    const double radius = dirac_.back().radius;
    r.headline = "Divergence: (θ, ψ) runs away";
    r.explanation = format(
        "(θ, ψ) is %.3g from the equilibrium (0, 0), %.0f× its starting distance %.3g: the "
        "spiral keeps widening and will end in overflow.",
        radius, radius / diracStartRadius_, diracStartRadius_);
  } else if (lossExploding_) {
    r.headline = "Divergence: D's loss exploding";
    r.explanation = format(
        "|L_D| = %.3g, %.0f× its early size (%.3g), since iteration %s: D's outputs run off "
        "to extremes and each update overshoots further.",
        std::abs(row.lossD), std::abs(row.lossD) / std::max(baselineLossD_, 1e-300), baselineLossD_,
        withThousands(divergence_.since).c_str());
  } else {
    const bool dWorse = row.gradNormD / baselineGradD_ >= row.gradNormG / baselineGradG_;
    const double now = dWorse ? row.gradNormD : row.gradNormG,
                 early = dWorse ? baselineGradD_ : baselineGradG_;
    r.headline = "Divergence: gradients exploding, samples flying off";
    r.explanation = format(
        "‖∂L_%s/∂θ_%s‖ = %.3g, %.0f× its early size (%.3g), since iteration %s, and %.0f%% of "
        "G's samples have left the data (around %s): each update overshoots and the next one "
        "is larger.",
        dWorse ? "D" : "G", dWorse ? "D" : "G", now, now / early, early,
        withThousands(divergence_.since).c_str(), 100.0 * row.offData, where(row).c_str());
  }
  fixes.push_back(slower(config, 10.0));
  fixes.push_back(
      {"R1 (γ = 1)", {"penalty.r1=1"}, "not measured on a divergence: keeps D from becoming steep", kR1Cost});
  fixes.push_back({"spectral normalisation",
                   {"spectral_norm=true"},
                   "not measured on a divergence: bounds every layer of D (Miyato et al. 2018)",
                   "about one power iteration per layer of D per update"});
}

void CollapseMonitor::reportOffData(ConditionReport& r, std::vector<SuggestedFix>& fixes,
                                    const MetricsRow& row, const Config& config) const {
  r.condition = TrainingCondition::SamplesOffData;
  r.since = offData_.since;
  r.headline = format("G's samples left the data: %.0f%% around %s", 100.0 * row.offData, where(row).c_str());
  r.explanation = format(
      "%.0f%% of G's samples have been far outside the data since iteration %s, around %s "
      "(D(fake) %.2g): D rejects them all, and its surface out there no longer points G back "
      "to the data.",
      100.0 * row.offData, withThousands(offData_.since).c_str(), where(row).c_str(), row.dFake);
  if (config.loss == LossKind::Minimax) {
    fixes.push_back(
        {"the non-saturating loss",
         {"loss=nonsaturating"},
         "not measured here: G's gradient stays large where D rejects its samples (Goodfellow et al. "
         "2014, §3)",
         kFreeCost});
  }
  fixes.push_back(
      {"R1 (γ = 1)",
       {"penalty.r1=1"},
       "not measured here: keeps D's surface gentle, so its slope points back to the data (Mescheder et "
       "al. 2018)",
       kR1Cost});
  fixes.push_back(
      {"instance noise (σ = 0.1)",
       {"instance_noise=0.1"},
       "not measured here: real and fake overlap, so D's surface is smooth further out (Sønderby et al. "
       "2017)",
       kFreeCost});
}

void CollapseMonitor::buildReport(const MetricsRow& row, const Config& config) {
  reportedConfig_ = config;
  ConditionReport r;
  std::vector<SuggestedFix> fixes;
  const long long step = row.step;
  // One order of urgency, mostUrgent()'s: the report describes the condition it names.
  const TrainingCondition urgent = mostUrgent();
  if (urgent == TrainingCondition::Divergence) {
    reportDivergence(r, fixes, row, config);
  } else if (urgent == TrainingCondition::VanishingGradients) {
    r.condition = TrainingCondition::VanishingGradients;
    r.since = vanishing_.since;
    r.headline = format("Vanishing gradients: D(fake) %.2g", row.dFake);
    r.explanation = format("Mean D(fake) = %.2g for the last %s iterations: D is sure every generated sample is "
                           "fake, and with the minimax loss G's gradient is proportional to D(fake), so "
                           "‖∂L_G/∂θ_G‖ fell to %.3g (%.3g early on).",
                           row.dFake, withThousands(step - vanishing_.since).c_str(), row.gradNormG, baselineGradG_);
    fixes.push_back({"the non-saturating loss", {"loss=nonsaturating"},
                     "G's gradient revives on minimax-vanishing (Goodfellow et al. 2014, §3)", kFreeCost});
    fixes.push_back({"instance noise (σ = 0.1)", {"instance_noise=0.1"},
                     "real and fake overlap, so D cannot reject every sample (Sønderby et al. 2017)", kFreeCost});
    fixes.push_back({"R1 (γ = 1)", {"penalty.r1=1"}, "keeps D from becoming steep (Mescheder et al. 2018)", kR1Cost});
  } else if (urgent == TrainingCondition::SamplesOffData) {
    reportOffData(r, fixes, row, config);
  } else if (urgent == TrainingCondition::ModeHopping) {
    r.condition = TrainingCondition::ModeHopping;
    r.since = hopping_.since;
    const long long total = std::llround(row.modesTotal);
    const bool cloud = !(row.highQuality >= t_.hopMinHighQuality) && massNearFewModes(row, t_);
    const long long modes = std::llround(cloud ? row.modesHeld : row.modes);
    r.headline = format("Mode hopping: %s %lld of %lld modes, changing", cloud ? "near" : "on", modes, total);
    r.explanation = format(
        "G %s only %lld of %lld modes at a time, but which ones changed %d times in the last "
        "%s iterations (%d different modes visited): D chases G from mode to mode and G runs to "
        "the next one (Metz et al. 2016).",
        cloud ? "is a wide cloud near" : "covers", modes, total, hopping_.enterRun,
        withThousands(step - hopping_.runStart).c_str(), hopping_.leaveRun);
    // ring8-hopping (README, "Which collapse unrolling fixes"): R1 and unrolling both bring back 7 – 8 of 8 modes,
    // R1 at a tenth of the cost; packing only 6 – 7.
    fixes.push_back({"R1 (γ = 1)", {"penalty.r1=1"}, "7 – 8 of 8 modes on ring8-hopping, seeds 1 – 8", kR1Cost});
    fixes.push_back({"unroll = 5", {"unroll=5"}, "7 – 8 of 8 modes on ring8-hopping, seeds 1 – 8", kUnrollCost});
    fixes.push_back({"pack = 4", {"pack=4"}, "6 – 7 of 8 modes on ring8-hopping: a partial fix", kPackCost});
  } else if (urgent == TrainingCondition::ModeCollapse) {
    r.condition = TrainingCondition::ModeCollapse;
    r.since = collapse_.since;
    const long long total = std::llround(row.modesTotal);
    const long long modes = finite(row.modes) ? std::llround(row.modes) : 0;
    const double quality = finite(row.highQuality) ? 100.0 * row.highQuality : 0.0;
    if (recoveredRow(row, t_)) {
      // Left with hysteresis: the newest rows cover the modes again, but not yet for long enough to call it
      // over.
      r.headline = format("Mode collapse ending: %lld of %lld modes back", modes, total);
      r.explanation = format(
          "G covers %lld of %lld modes again after covering at most a few since iteration %s; once %d "
          "measurements "
          "in a row cover %.0f or more, the run counts as recovered.",
          modes, total, withThousands(collapse_.since).c_str(), t_.collapseLeaveRows,
          std::ceil(t_.recoverFraction * row.modesTotal - 1e-9));
    } else if (quality >= 100.0 * t_.collapseMinHighQuality || !massNearFewModes(row, t_)) {
      r.headline = format("Mode collapse: %lld of %lld modes", modes, total);
      r.explanation = format(
          "Only %lld of %lld modes covered, and never more than %lld for the last %s iterations: "
          "%s (%.0f%% of its samples lie on a mode; D(fake) %.2g).",
          modes, total, collapseMaxModes_, withThousands(step - collapse_.since).c_str(),
          quality >= 50.0 ? "G puts its samples on a few modes and ignores the rest"
                          : "G spreads its samples thinly and reaches only a few modes",
          quality, row.dFake);
    } else {
      const long long held = std::llround(row.modesHeld);
      r.headline = format("Mode collapse: near %lld of %lld modes", held, total);
      r.explanation = format(
          "G is a wide cloud near only %lld of %lld modes (%.0f%% of its samples within half the "
          "spacing of a mode, %.0f%% within 3σ), and has covered at most %lld for the last %s "
          "iterations: D pushes it off each mode it reaches (D(fake) %.2g).",
          held, total, 100.0 * row.basinFraction, quality, collapseMaxModes_,
          withThousands(step - collapse_.since).c_str(), row.dFake);
    }
    // A plain collapse (ring8-collapse; the preset tests and the reproduction table): packing brings back 8 of 8
    // modes by 3,000 iterations (ring8-pacgan), R1 8 of 8 by 4,000 (ring8-r1); unrolling does not fix it (README,
    // "Which collapse unrolling fixes") and is not offered.
    fixes.push_back({"pack = 4", {"pack=4"}, "8 of 8 modes by 3,000 iterations on ring8-pacgan, seeds 1 – 3",
                     kPackCost});
    fixes.push_back({"R1 (γ = 1)", {"penalty.r1=1"}, "8 of 8 modes by 4,000 iterations on ring8-r1, seeds 1 – 3",
                     kR1Cost});
    addTwoTimescale(fixes, config);
  } else if (urgent == TrainingCondition::Oscillation) {
    r.condition = TrainingCondition::Oscillation;
    r.since = oscillation_.since;
    if (config.data.kind == DataKind::Dirac) {
      const bool out = diracRatio_ >= 1.05;
      const double start = dirac_.front().radius, now = dirac_.back().radius;
      r.headline = out ? "Oscillation: spiralling out" : "Oscillation: circling (0, 0)";
      r.explanation = format("(θ, ψ) went once around the equilibrium (0, 0) in the last %s iterations and its "
                             "distance from it %s %.3g to %.3g (×%.2f): the field only rotates there, so %s gradient "
                             "descent %s (Mescheder et al. 2018, §2).",
                             withThousands(diracTurnSteps_).c_str(), out ? "grew from" : "went from", start, now,
                             diracRatio_, config.update == UpdateOrder::Simultaneous ? "simultaneous" : "alternating",
                             out ? "spirals out" : "circles without reaching it");
      fixes.push_back({"R1 (γ = 1)", {"penalty.r1=1"},
                       "converges to (0, 0) on dirac-r1 (Mescheder et al. 2018, Theorem 4.1)", kR1Cost});
      fixes.push_back({"R2 (γ = 1)", {"penalty.r2=1"}, "converges like R1 (Mescheder et al. 2018)", kR1Cost});
      if (config.update == UpdateOrder::Simultaneous) {
        fixes.push_back({"alternating updates", {"update=alternating"},
                         "circles instead of spiralling out (dirac-altgd): bounded, not converging", kFreeCost});
      }
    } else {
      const auto [lo, hi] = std::minmax_element(recentDFake_.begin(), recentDFake_.end());
      r.headline = "Oscillation: D's outputs swing";
      r.explanation = format("Mean D(real) or D(fake) reversed its trend %d times in the last %d measurements "
                             "(D(fake) between %.2f and %.2f): G and D chase each other instead of settling.",
                             reversals_, static_cast<int>(recentDFake_.size()), *lo, *hi);
      fixes.push_back({"R1 (γ = 1)", {"penalty.r1=1"}, "damps D's swings (Mescheder et al. 2018)", kR1Cost});
      fixes.push_back(slower(config, 2.0));
      fixes.push_back({"instance noise (σ = 0.1)", {"instance_noise=0.1"},
                       "smooths D, so its outputs swing less (Sønderby et al. 2017)", kFreeCost});
    }
  }
  if (r.condition != TrainingCondition::Healthy) {
    r.fixes = availableFixes(config, std::move(fixes));
    r.suggestion = suggestionText(r.fixes);
  }
  report_ = std::move(r);
}

}  // namespace ganscope
