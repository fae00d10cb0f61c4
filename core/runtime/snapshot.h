#pragma once
// What the training thread publishes for the GUI: an immutable value, shared by pointer, never touched again.
#include <memory>
#include <string>
#include <vector>

#include "core/data/distribution.h"
#include "core/gan/config.h"
#include "core/gan/metrics_row.h"
#include "core/gan/trainer.h"
#include "core/nn/mlp.h"

namespace ganscope {

/// One published state of training. Views compute what they draw from it (the D surface from `discriminator`,
/// the fake samples as G applied to `latentSamples`), so pan and zoom never wait for the trainer.
struct Snapshot {
  long long version = 0;             ///< increases with every publish
  long long step = 0;                ///< iterations completed
  double iterationsPerSecond = 0.0;  ///< a moving average over the last second or so
  /// In a lockstep (a comparison): the share of the time this run waits for the other, a moving average; 0 alone.
  double lockstepWaitShare = 0.0;
  bool paused = false;               ///< whether the trainer is paused
  std::string divergence;            ///< why training stopped, empty while healthy
  std::string trainerNote;           ///< where the iterations run (Trainer::trainerNote), empty for trainer=cpu
  std::string notice;                ///< the last thing the trainer wants the user to know ("networks rebuilt: …")
  Config config;                     ///< the config the trainer actually applied
  UpdateStats lastStats;             ///< what the last D and G updates measured

  std::shared_ptr<const Mlp> generator;        ///< a copy of G's weights at `step`
  std::shared_ptr<const Mlp> discriminator;    ///< a copy of D's weights at `step`
  std::shared_ptr<const Distribution> data;    ///< the target distribution (immutable, safe to sample with an Rng)
  std::shared_ptr<const Matrix> realSamples;   ///< dim × n real samples, drawn once per data change
  std::shared_ptr<const Matrix> latentSamples; ///< latent dim × n noise vectors, fixed per run: fake = G(these)
  std::shared_ptr<const std::vector<MetricsRow>> history;  ///< the metric history, oldest first
  /// A conditional run (Mirza & Osindero 2014): D on [x; onehot(y)] (dim + K inputs; `discriminator` is its class
  /// 0), for the views to fold a class into (classConditionedNetwork); null for an unconditional run.
  std::shared_ptr<const Mlp> conditionalDiscriminator;
  /// A conditional run: the class of each column of latentSamples (its one-hot rows), every class in turn.
  std::shared_ptr<const std::vector<int>> latentLabels;
  /// A conditional run: the class of each real sample.
  std::shared_ptr<const std::vector<int>> realClasses;
  /// After a slow-motion step (TracedStepCommand): what that iteration did, phase by phase; null otherwise.
  std::shared_ptr<const IterationTrace> trace;

  /// The steps of the rewind checkpoints, oldest first (shared until the list changes).
  std::shared_ptr<const std::vector<long long>> checkpointSteps;
  std::size_t checkpointBytes = 0;    ///< the memory the checkpoints take
  std::size_t checkpointBudget = 0;   ///< their memory budget
  bool rewindOff = false;             ///< a checkpoint of these networks does not fit the budget twice
  long long rewoundFrom = -1;         ///< while showing a checkpoint: the step the run had got to; -1 when live
  /// The view of the session opened last (JSON text, see Session::viewState), and a count of sessions opened so the
  /// GUI applies each once.
  std::shared_ptr<const std::string> openedViewState;
  long long sessionsOpened = 0;
};

}  // namespace ganscope
