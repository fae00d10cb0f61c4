#pragma once
// One row of a run's metric history, and its CSV form.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/gan/timeline.h"

namespace ganscope {

/// What the trainer measured at one step. NaN marks a metric that does not apply (e.g. modes on two moons,
/// θ and ψ outside the Dirac-GAN) and is written as an empty CSV cell.
struct MetricsRow {
  static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

  long long step = 0;          ///< iterations completed
  double lossD = kNone;        ///< D's adversarial loss on the last batch (penalties not included)
  double lossG = kNone;        ///< G's loss on the last batch
  double penalty = kNone;      ///< the penalties added to D's loss on the last batch (GP, R1, R2), 0 when none
  double dReal = kNone;        ///< mean D on real samples: σ(d) for minimax/nonsaturating, the raw output otherwise
  double dFake = kNone;        ///< mean D on generated samples, likewise
  double gradNormD = kNone;    ///< ‖∂L_D/∂θ_D‖ at the last D update
  double gradNormG = kNone;    ///< ‖∂L_G/∂θ_G‖ at the last G update
  double modes = kNone;        ///< modes captured (VEEGAN/PacGAN protocol), for mixtures of Gaussians
  double modesTotal = kNone;   ///< modes of the target
  std::uint64_t capturedModes = 0;  ///< bit k set when mode k (k < 64) is captured: which modes, for mode hopping
  double highQuality = kNone;  ///< fraction of generated samples within 3σ of their nearest mode
  double modeKl = kNone;       ///< reverse KL of the histogram of nearest modes against uniform
  /// Modes whose basin (a disc of half the spacing between modes) holds at least half a fair share of G's
  /// samples: where G's mass is, even far from 3σ (ModeCoverage::modesHeld).
  double modesHeld = kNone;
  std::uint64_t heldModes = 0;   ///< bit k set when mode k (k < 64) is held
  double basinFraction = kNone;  ///< fraction of G's samples in some mode's basin
  /// Fraction of G's samples outside the data's region: its bounds grown by half their size on every side
  /// (measureSamplePlacement). Near 1 when G has left the data, whatever the data's shape.
  double offData = kNone;
  double fakeCenterX = kNone;  ///< the median x of G's samples: where its mass is
  double fakeCenterY = kNone;  ///< the median y of G's samples (NaN for 1D data)
  double js = kNone;           ///< JS divergence on a histogram grid (nats, ≤ ln 2)
  double w1 = kNone;           ///< Wasserstein-1: exact in 1D, sliced in 2D
  double theta = kNone;        ///< Dirac-GAN: the generator's parameter
  double psi = kNone;          ///< Dirac-GAN: the discriminator's parameter
  /// Conditional runs: the share of samples generated for class k whose class (nearest mode) is k, averaged over
  /// the classes (measureClassAccuracy); NaN when the run is not conditional.
  double classAccuracy = kNone;
};

/// The CSV header: step,loss_d,loss_g,d_real,d_fake,grad_norm_d,grad_norm_g,modes,hq,mode_kl,js,w1,penalty,
/// modes_total,modes_held,in_basin,off_data, then theta,psi when `withDirac`, then class_accuracy when
/// `withClasses` (a conditional run: an unconditional run's CSV keeps its columns).
std::string metricsCsvHeader(bool withDirac, bool withClasses = false);

/// One CSV line (no newline) in the header's order; NaN cells are empty; numbers round-trip (%.9g).
std::string metricsCsvLine(const MetricsRow& row, bool withDirac, bool withClasses = false);

/// A whole CSV document: header, then one line per row, each ending in a newline.
std::string metricsCsv(const std::vector<MetricsRow>& rows, bool withDirac, bool withClasses = false);

/// The same with a column `condition` when `conditions` is given (one entry per row: the monitor's verdict in
/// force at that row, e.g. "mode collapse"), then a last column `event` when `timeline` has events: at a row
/// whose step is an event's iteration, what the event changes ("penalty.r1=1; pack=4", quoted), empty
/// elsewhere.
std::string metricsCsv(const std::vector<MetricsRow>& rows, bool withDirac,
                       const std::vector<TimelineEvent>& timeline, bool withClasses = false,
                       const std::vector<std::string>& conditions = {});

}  // namespace ganscope
