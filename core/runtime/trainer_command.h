#pragma once
// What the GUI asks of the training thread. Commands are applied in order at the top of an iteration.
#include <variant>

#include "core/gan/config.h"

namespace ganscope {

/// Apply a new config (live where possible; a new architecture rebuilds the networks and says so).
struct SetConfigCommand {
  Config config;
};
/// Stop iterating (the thread keeps publishing and answering commands).
struct PauseCommand {};
/// Iterate again.
struct ResumeCommand {};
/// Run this many iterations, then pause (step mode).
struct StepCommand {
  long long iterations = 1;
};
/// One discriminator update alone, then pause (GAN Lab's step mode).
struct StepDiscriminatorCommand {};
/// One generator update alone, then pause.
struct StepGeneratorCommand {};
/// Start the run again from the seed.
struct ResetCommand {};
/// Limit the pace: at most this many iterations per second (0: as fast as possible).
struct SetPaceCommand {
  double iterationsPerSecond = 0.0;
};

/// Lower the training thread's scheduling priority (a Linux nice value for that thread alone, 0 to 19), so that a
/// window on a machine with few cores gets its frames first and training takes the rest.
struct SetNicenessCommand {
  int niceness = 0;
};

/// Any command.
using TrainerCommand = std::variant<SetConfigCommand, PauseCommand, ResumeCommand, StepCommand,
                                    StepDiscriminatorCommand, StepGeneratorCommand, ResetCommand, SetPaceCommand,
                                    SetNicenessCommand>;

}  // namespace ganscope
