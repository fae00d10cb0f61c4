#pragma once
// A comparison without a window: runs A and B trained side by side, each written and summed up as a run of its own.
#include <iosfwd>

#include "app/cli/cli_options.h"
#include "core/gan/config.h"
#include "core/gan/config_difference.h"

namespace ganscope {

/// Trains run A (`config`) and run B (`comparison` applied to it) for the same iterations, each on a thread of its
/// own (their results are bit for bit those of either run alone). Prints each run's time and summary, headed by its
/// name, then one line comparing them; --metrics-out F.csv, --save-session and --export-pytorch write one file per
/// run, named by comparedRunPath (F-A.csv and F-B.csv). Returns kExitOk, kExitBadInput (an output that cannot be
/// written) or kExitDiverged (either run diverged; the other's results are still written).
int runHeadlessComparison(const Config& config, const Comparison& comparison, const CliOptions& options,
                          std::ostream& out, std::ostream& err);

}  // namespace ganscope
