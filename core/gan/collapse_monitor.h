#pragma once
// Names what is going wrong in a run, from its metric history: mode collapse, mode hopping, vanishing
// gradients, oscillation, samples that left the data or divergence, each entered and left with hysteresis so
// that the verdict does not flicker.
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "core/gan/config.h"
#include "core/gan/metrics_row.h"

namespace ganscope {

/// What the monitor can conclude about a run, from least to most urgent after Healthy.
enum class TrainingCondition {
  Healthy,             ///< nothing the monitor recognises
  Oscillation,         ///< D's outputs swing back and forth, or the Dirac-GAN circles or spirals out
  ModeCollapse,        ///< G covers at most half of the target's modes, for a while
  ModeHopping,         ///< collapsed, and the set of covered modes keeps changing
  SamplesOffData,      ///< most of G's samples are far outside the data, and stay there
  VanishingGradients,  ///< minimax loss with D rejecting every fake: G's gradient has all but vanished
  /// NaN/Inf; D's loss 100× its early size; gradients 100× their early size while G's samples leave the data;
  /// or the Dirac-GAN 10× further out. Growing gradient norms alone are not divergence: a healthy run's grow
  /// too.
  Divergence,
};

/// A short name of a condition ("mode collapse").
const char* conditionName(TrainingCondition condition);

/// One fix the monitor suggests: its name and the config assignments (the `--set` syntax) that apply it.
struct SuggestedFix {
  std::string name;                      ///< e.g. "unroll = 5"
  std::vector<std::string> assignments;  ///< e.g. {"unroll=5"}, each for applySetting()
  std::string evidence;                  ///< what the project measured of it on this condition ("" if nothing)
  std::string cost;                      ///< what it costs, e.g. "about 2.5× the time per iteration"
};

/// What the monitor concludes now: the most urgent condition that holds, in words a student understands.
struct ConditionReport {
  TrainingCondition condition = TrainingCondition::Healthy;  ///< Healthy when nothing holds
  long long since = 0;        ///< the step at which the evidence for it began
  std::string headline;       ///< a few words, e.g. "Mode collapse: 2 of 8 modes"
  std::string explanation;    ///< one or two sentences naming the live numbers that triggered it
  std::string suggestion;     ///< the fixes by name in one line, e.g. "Try unroll = 5, pack = 4 or R1 (γ = 1)."
  std::vector<SuggestedFix> fixes;  ///< the same fixes, each applicable in one click (only keys this build knows)
};

/// The monitor's rules, all in one place. Rows at step 0 (the untrained networks) are never evidence.
struct CollapseThresholds {
  // Mode collapse (mixtures of Gaussians, K ≥ 2 modes; VEEGAN/PacGAN "modes captured").
  double collapseFraction = 0.5;      ///< a row is collapsed when 1 ≤ modes ≤ ⌊collapseFraction·K⌋ ...
  /// ... and at least this fraction of G's samples is high quality: a G with fewer on any mode has not found
  /// the modes yet (it is spread thin, still learning), rather than collapsed onto a few.
  double collapseMinHighQuality = 0.1;
  /// A row with fewer high-quality samples still counts as collapsed when G's mass is gathered near a few
  /// modes: at least this fraction of its samples in the basins of the modes (discs of half the spacing
  /// between modes), and at most ⌊collapseFraction·K⌋ modes, but at least one, held
  /// (ModeCoverage::modesHeld). This is the wide cloud that hops from mode to mode (Metz et al. 2016, Fig.
  /// 1), which rarely comes within 3σ of a mode.
  double collapseMinBasin = 0.3;
  int collapseEnterRows = 5;          ///< collapsed rows in a row needed to enter ...
  long long collapseEnterSpan = 400;  ///< ... spanning at least this many iterations
  double recoverFraction = 0.75;      ///< a row has recovered when modes ≥ ⌈recoverFraction·K⌉
  int collapseLeaveRows = 3;          ///< recovered rows in a row needed to leave
  // Mode hopping: within the last hopWindow rows, all collapsed, the set of captured modes changed (a mode lost
  // and another gained) at least hopEnterChanges times, and the union of the sets is larger than any one set.
  int hopWindow = 8;        ///< rows looked at
  int hopEnterChanges = 3;  ///< changes of the captured set needed to enter
  int hopLeaveChanges = 0;  ///< leaves when the window holds no more changes than this
  /// A row of the window with at least this fraction of high-quality samples contributes its captured set;
  /// one with fewer contributes its held set (modes whose basin holds half a fair share of G's samples), and
  /// must be collapsed by G's mass being near few modes: with few samples on any mode the captured set
  /// changes by chance (a mode captured by one stray sample), not by hopping.
  double hopMinHighQuality = 0.25;
  // Vanishing gradients (minimax loss only: ∂L_G/∂d = −D(fake), Goodfellow et al. 2014, §3). Not judged on the
  // Dirac-GAN, whose D(fake) = σ(ψθ) swings to 0 and back with every turn: the oscillation rule covers it.
  double vanishingDFake = 0.05;         ///< mean D(fake) at or below this ...
  double vanishingGradientRatio = 0.5;  ///< ... and ‖∂L_G/∂θ_G‖ (median of 3 rows) ≤ this × its early median
  int vanishingEnterRows = 3;           ///< such rows in a row needed to enter
  double vanishingRecoverDFake = 0.15;  ///< a row has recovered when D(fake) ≥ this (or the loss changed)
  int vanishingLeaveRows = 2;           ///< recovered rows in a row needed to leave
  // Oscillation of a network GAN (losses with D on a 0-1 scale: minimax, non-saturating, LSGAN): reversals of the
  // trend of the smoothed mean D(real) and D(fake), each a swing of at least oscillationBand.
  double oscillationSmoothing = 0.5;  ///< weight of the newest row in the exponential moving average
  double oscillationBand = 0.15;      ///< a reversal needs a swing this large against the last extreme
  int oscillationWindow = 16;         ///< rows in which reversals are counted
  int oscillationEnterReversals = 3;  ///< reversals (of either series) in the window needed to enter
  int oscillationLeaveReversals = 1;  ///< leaves when the window holds no more reversals than this
  // Oscillation of the Dirac-GAN: (θ, ψ) turned once around (0, 0) and the radius r did not shrink.
  double diracCircleRatio = 0.95;  ///< r now / r one turn ago at or above this: circling (≥ 1.05: spiralling out)
  double diracLeaveRatio = 0.9;    ///< leaves when the ratio falls below this ...
  int diracRows = 3;               ///< ... or rises above diracCircleRatio, for this many rows in a row
  // Samples off the data: most of G's samples outside the data's region (MetricsRow::offData), for a while.
  double offDataFraction = 0.5;  ///< a row's samples are off the data when at least this fraction is outside
  double offDataRecover = 0.2;   ///< a row has recovered when at most this fraction is outside
  int offDataEnterRows = 3;      ///< such rows in a row needed to enter ...
  /// ... spanning at least this many iterations (high-lr-oscillation's G overshoots the data for up to 3 rows
  /// of 20 iterations and swings back: that is its oscillation, not samples that left)
  long long offDataEnterSpan = 200;
  int offDataLeaveRows = 2;  ///< recovered rows in a row needed to leave
  // Divergence: NaN or Inf at once; or, for divergenceRows rows in a row, what diverges: D's loss, or the
  // gradients together with G's samples leaving the data. A gradient norm that grows while the samples stay
  // on the data is a D growing sharper on a healthy run (it reaches 100× on ring8-collapse with pack = 4, 8
  // of 8 modes).
  double divergenceLossFactor = 100.0;  ///< |D's loss| this many times its early median ...
  double divergenceLossFloor = 10.0;    ///< ... and at least this large
  double divergenceGradientFactor =
      100.0;  ///< a gradient norm this many times its early median, samples off data
  double divergenceRecoverFactor =
      30.0;  ///< leaves when the loss and both gradients are below this many times
  double diracDivergenceFactor = 10.0;      ///< the Dirac-GAN's radius this many times its starting radius
  double diracRecoverFactor = 5.0;          ///< leaves when the radius is back below this many times
  int divergenceRows = 3;                   ///< growing rows in a row needed to enter, recovered ones to leave
  int baselineRows = 5;                     ///< the early median is taken over the first rows after step 0
};

/// Reads a run's metric history row by row and decides, with hysteresis, which conditions hold. A pure class: no
/// threads, no clock, no I/O; feed it the whole history (as published, possibly thinned) as often as you like, and
/// it reads only the rows it has not seen. A history that starts again (a reset or rebuild) starts it afresh.
class CollapseMonitor {
 public:
  /// A monitor with the given rules.
  explicit CollapseMonitor(CollapseThresholds thresholds = {});

  /// Reads the rows of `history` after the last step seen, judging them under `config` (the config in force).
  void update(const std::vector<MetricsRow>& history, const Config& config);

  /// Whether `condition` holds now (several can hold at once; report() names the most urgent).
  bool holds(TrainingCondition condition) const;

  /// The most urgent condition that holds, with its headline, explanation and fixes.
  const ConditionReport& report() const { return report_; }

  /// Forgets everything (the next update starts from the first row).
  void reset();

  /// Starts afresh and reads `history` row by row, returning the condition reported after each row: what the
  /// window's banner showed at that row (for the metrics CSV's `condition` column).
  std::vector<TrainingCondition> replay(const std::vector<MetricsRow>& history, const Config& config);

  /// The rules in force.
  const CollapseThresholds& thresholds() const { return t_; }

 private:
  struct State {
    bool active = false;
    int enterRun = 0;          // consecutive rows of evidence
    int leaveRun = 0;          // consecutive rows of recovery
    long long runStart = 0;    // step of the first row of the current evidence run
    long long since = 0;       // step at which the active episode's evidence began
  };
  void consume(const std::vector<MetricsRow>& history, std::size_t index, const Config& config);
  void judgeCollapse(const MetricsRow& row);
  void judgeHopping(const std::vector<MetricsRow>& history, std::size_t index);
  void judgeVanishing(const std::vector<MetricsRow>& history, std::size_t index, const Config& config);
  void judgeOscillation(const MetricsRow& row, const Config& config);
  void judgeDirac(const MetricsRow& row);
  void judgeDivergence(const MetricsRow& row);
  void judgeOffData(const MetricsRow& row, const Config& config);
  void reportDivergence(ConditionReport& r, std::vector<SuggestedFix>& fixes, const MetricsRow& row,
                        const Config& config) const;
  void reportOffData(ConditionReport& r, std::vector<SuggestedFix>& fixes, const MetricsRow& row,
                     const Config& config) const;
  void updateBaselines(const MetricsRow& row);
  void buildReport(const MetricsRow& row, const Config& config);
  TrainingCondition mostUrgent() const;

  CollapseThresholds t_;
  ConditionReport report_;
  Config reportedConfig_;  // the config the report's fixes were chosen for
  long long firstStep_ = -1;
  long long lastStep_ = -1;
  long long rowsSeen_ = 0;

  State collapse_, hopping_, vanishing_, oscillation_, offData_, divergence_;
  bool lossExploding_ =
      false;  // the divergence now in force is D's loss (else gradients with samples off data)
  bool nonFinite_ = false;
  long long collapseMaxModes_ = 0;  // most modes in any row since the collapse began

  // Early medians of the gradient norms (taken over the first baselineRows rows after step 0).
  std::vector<double> earlyGradD_, earlyGradG_, earlyLossD_;
  double baselineGradD_ = 0.0, baselineGradG_ = 0.0, baselineLossD_ = 0.0;
  bool haveBaseline_ = false;

  // Oscillation: smoothed D outputs and their zig-zag (a reversal counts once the series has moved oscillationBand
  // against its last extreme).
  struct ZigZag {
    bool started = false;
    double smoothed = 0.0;
    double extreme = 0.0;
    int direction = 0;  // +1 rising, −1 falling, 0 not yet known
    std::deque<long long> reversals;  // row ordinals of the reversals
  };
  int feedZigZag(ZigZag& z, double value);  // returns the reversals in the window
  ZigZag zigReal_, zigFake_;
  int reversals_ = 0;
  std::deque<double> recentDFake_;  // raw mean D(fake) of the window's rows, for the explanation

  // Dirac-GAN: the unwrapped angle of (θ, ψ) and its radius, for the rows of the last turn and a bit.
  struct DiracPoint {
    double angle, radius;
    long long step;
  };
  std::deque<DiracPoint> dirac_;
  double diracStartRadius_ = 0.0;
  double diracRawAngle_ = 0.0;   // atan2(ψ, θ) of the last row
  double diracRatio_ = 0.0;      // r now / r one turn ago (0 until a turn is complete)
  long long diracTurnSteps_ = 0;  // iterations the last turn took
};

}  // namespace ganscope
