#pragma once
// Training without a window: progress on stderr, final metrics on stdout, metrics CSV and config written whole.
#include <iosfwd>
#include <string>

#include "app/cli/cli_options.h"
#include "core/gan/metrics_row.h"
#include "core/gan/trainer.h"

namespace ganscope {

/// Trains `config` for options.steps iterations (or the preset's demo_steps), writing what the options ask for.
/// Returns kExitOk, kExitBadInput (an output file that cannot be written) or kExitDiverged.
int runHeadless(const Config& config, const CliOptions& options, std::ostream& out, std::ostream& err);

/// The final metrics as a few human-readable lines, naming the grid and estimator behind JS and W1.
std::string formatMetricsSummary(const MetricsRow& row, const Trainer& trainer);

}  // namespace ganscope
