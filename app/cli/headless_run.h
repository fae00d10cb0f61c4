#pragma once
// Training without a window: progress on stderr, final metrics on stdout, metrics CSV and config written whole.
#include <iosfwd>
#include <string>

#include "app/cli/cli_options.h"
#include "core/gan/collapse_monitor.h"
#include "core/gan/metrics_row.h"
#include "core/gan/trainer.h"
#include "core/runtime/session.h"

namespace ganscope {

/// Trains `config` for options.steps iterations (or the preset's demo_steps), writing what the options ask
/// for; continues `session` instead when given (its config is `config`). With --with-rewind it keeps rewind
/// checkpoints as the window does, so a session saved here can be scrubbed back in the window. Returns
/// kExitOk, kExitBadInput (an output file that cannot be written) or kExitDiverged.
int runHeadless(const Config& config, const Session* session, const CliOptions& options, std::ostream& out,
                std::ostream& err);

/// The files a headless run writes at its end (an empty path: not that one).
struct HeadlessOutputs {
  std::string metricsOut;     ///< --metrics-out: the metrics history as CSV
  std::string saveSession;    ///< --save-session: the whole run
  std::string exportPytorch;  ///< --export-pytorch: the run as a PyTorch script (core/export/pytorch_export.h)
  bool withRewind = false;    ///< --with-rewind: the session keeps the run's rewind checkpoints
};

/// What a headless run writes at its end, from the run as a session: the session file (before the closing metrics
/// row, so a continued session gives the history of one straight run), the PyTorch script, the metrics CSV and the
/// summary on `out`. Returns kExitOk, kExitBadInput (a file that cannot be written) or kExitDiverged. When the run
/// has not diverged, `closingRow` (if given) receives the summary's metrics row.
int finishHeadlessOutputs(const Session& run, const HeadlessOutputs& outputs, std::ostream& out, std::ostream& err,
                          MetricsRow* closingRow = nullptr);

/// "monitor: <condition>: <headline>" and a newline, the collapse monitor's verdict in the banner's words, or
/// "monitor: healthy: nothing wrong".
std::string monitorVerdictLine(const ConditionReport& report);

/// "trainer: <note>" and a newline, where `note` is a Trainer::trainerNote; nothing for an empty note (trainer=cpu).
std::string trainerNoteLine(const std::string& note);

/// The iterations a run trains: --steps, else the preset's demo_steps, else 2,000.
long long runLength(const Config& config, const CliOptions& options);

/// The final metrics as a few human-readable lines, naming the grid and estimator behind JS and W1.
std::string formatMetricsSummary(const MetricsRow& row, const Trainer& trainer);

}  // namespace ganscope
