#pragma once
// What the GUI asks of the training thread. Commands are applied in order at the top of an iteration.
#include <memory>
#include <string>
#include <variant>

#include "core/gan/config.h"
#include "core/runtime/lockstep.h"
#include "core/runtime/session.h"

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
/// Slow motion: one iteration, exactly as StepCommand{1} runs it, traced phase by phase (the snapshot published
/// after it carries the IterationTrace), then pause.
struct TracedStepCommand {};
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

/// Show the run as it was at the latest checkpoint at or before `step` (paused). Training, a step or a new config
/// from there continues from that checkpoint and forgets the later ones (a new branch); ReturnToLatestCommand goes
/// back.
struct RewindCommand {
  long long step = 0;
};
/// Leave a rewound view and show the run where it had got to.
struct ReturnToLatestCommand {};

/// Save the run as a session file (the live run, with every checkpoint, even while rewound); `viewState` is the
/// window's view as JSON text. The result is the snapshot's notice.
struct SaveSessionCommand {
  std::string path;
  std::string viewState;
  /// Also save the rewind checkpoints (a file many times larger); without them the run still continues bit
  /// for bit, only the rewind bar starts again at the saved step.
  bool withRewind = false;
};
/// Open a session file: the run continues from it, paused; a file that cannot be read leaves everything as it was.
struct OpenSessionCommand {
  std::string path;
};

/// Write the run as it is now as a PyTorch script (core/export/pytorch_export.h); a run the export refuses, or a path
/// that cannot be written, leaves everything as it was and says why in the notice.
struct ExportPytorchCommand {
  std::string path;
};

/// Join a lockstep (lockstep.h) as its run `run`: this run then starts an iteration only when no other run of it
/// is behind (a comparison's two runs stay at the same iteration). A null lockstep leaves the one joined.
struct JoinLockstepCommand {
  std::shared_ptr<Lockstep> lockstep;
  int run = 0;
};

/// Any command.
using TrainerCommand = std::variant<SetConfigCommand, PauseCommand, ResumeCommand, StepCommand,
                                    StepDiscriminatorCommand, StepGeneratorCommand, ResetCommand, SetPaceCommand,
                                    SetNicenessCommand, RewindCommand, ReturnToLatestCommand, SaveSessionCommand,
                                    OpenSessionCommand, TracedStepCommand, ExportPytorchCommand, JoinLockstepCommand>;

}  // namespace ganscope
