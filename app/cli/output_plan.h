#pragma once
// The files a run will write, checked together before the first iteration: each can be written, no two are
// the same file, and none is a file the run reads.
#include <string>

#include "app/cli/cli_options.h"
#include "core/gan/config.h"

namespace ganscope {

/// Checks every output the options name (--metrics-out, --save-session, --save-config, --export-pytorch,
/// --screenshot, a --record file) against the others and against the inputs (--load-session, a --preset file,
/// the config's data.file). Returns one sentence naming the flags and what is wrong, or "" when the plan is
/// sound. (Each output's own checks, such as its folder, are checkWritable's, run where the output is made.)
std::string outputPlanProblem(const CliOptions& options, const Config& config);

}  // namespace ganscope
