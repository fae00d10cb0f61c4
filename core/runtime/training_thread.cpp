#include "core/export/pytorch_export.h"
#include "core/runtime/training_thread.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "core/gan/config_json.h"

namespace ganscope {
namespace {

constexpr int kDisplayedRealSamples = 2500;
constexpr std::size_t kMaxPublishedRows = 4096;

// The metric history as published: every row while short; once long, every k-th row plus the last, so a copy
// stays small (charts have a few hundred pixel columns anyway).
std::shared_ptr<const std::vector<MetricsRow>> thinHistory(const std::vector<MetricsRow>& rows) {
  auto out = std::make_shared<std::vector<MetricsRow>>();
  if (rows.size() <= kMaxPublishedRows) {
    *out = rows;
    return out;
  }
  const std::size_t stride = (rows.size() + kMaxPublishedRows / 2 - 1) / (kMaxPublishedRows / 2);
  out->reserve(rows.size() / stride + 2);
  for (std::size_t i = 0; i < rows.size(); i += stride) out->push_back(rows[i]);
  if (out->back().step != rows.back().step) out->push_back(rows.back());
  return out;
}

// A short phrase naming what changed between two configs that forced a rebuild.
std::string rebuildReason(const Config& before, const Config& after) {
  if (before.seed != after.seed) return "the seed changed";
  if ((before.data.kind == DataKind::Dirac) != (after.data.kind == DataKind::Dirac))
    return "the Dirac-GAN was switched";
  if (before.generator != after.generator) return "the generator's architecture changed";
  if (before.discriminator != after.discriminator) return "the discriminator's architecture changed";
  if (before.latent != after.latent) return "the latent space changed";
  if (before.dirac != after.dirac) return "the Dirac-GAN's start changed";
  if (before.pack != after.pack) return "packing changed the width of the discriminator's input";
  return "the data's dimension changed";
}

}  // namespace

TrainingThread::TrainingThread(const Config& config, bool startPaused)
    : trainer_(config), paused_(startPaused), lastRateTime_(std::chrono::steady_clock::now()) {
  checkpoints_.observe(trainer_);
  publish();
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
  pthread_setname_np(thread_.native_handle(), "trainer");  // so profilers and top tell the threads apart
}

TrainingThread::TrainingThread(const Session& session, bool startPaused)
    : trainer_(session.state.config), paused_(startPaused), lastRateTime_(std::chrono::steady_clock::now()) {
  openSession(session);
  paused_ = startPaused;
  notice_.clear();
  publish();
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
  pthread_setname_np(thread_.native_handle(), "trainer");
}

TrainingThread::~TrainingThread() {
  thread_.request_stop();
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void TrainingThread::send(TrainerCommand command) {
  {
    std::lock_guard lock(mutex_);
    commands_.push_back(std::move(command));
    hasCommands_.store(true, std::memory_order_release);
  }
  changed_.notify_all();
}

std::shared_ptr<const Snapshot> TrainingThread::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

std::shared_ptr<const Snapshot> TrainingThread::waitForNewer(long long version,
                                                             std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return latest_->version > version; });
  return latest_;
}

void TrainingThread::run(std::stop_token stop) {
  using Clock = std::chrono::steady_clock;
  auto nextPublish = Clock::now() + kPublishInterval;
  auto nextIteration = Clock::now();
  while (!stop.stop_requested()) {
    // A command changes what the GUI should see: publish at once.
    bool publishNow = false;
    if (hasCommands_.load(std::memory_order_acquire)) {
      applyCommands();
      publishNow = true;
    }

    const bool idle = paused_ || trainer_.diverged();
    if (!idle && lockstepAllows()) {
      long long ran = 0;
      if (pace_ > 0.0) {
        const auto now = Clock::now();
        if (now < nextIteration) {
          std::unique_lock lock(mutex_);
          changed_.wait_until(lock, stop, std::min(nextIteration, nextPublish),
                              [&] { return hasCommands_.load(std::memory_order_acquire); });
        }
        if (Clock::now() >= nextIteration) {
          ran = iterateOnce();
          nextIteration = std::max(nextIteration + std::chrono::duration_cast<Clock::duration>(
                                                       std::chrono::duration<double>(1.0 / pace_)),
                                   Clock::now() - std::chrono::milliseconds(100));
        }
      } else {
        ran = iterateOnce();
      }
      if (stepsToRun_ > 0 && (stepsToRun_ -= std::min(ran, stepsToRun_)) == 0) {
        paused_ = true;
        publishNow = true;
      }
      if (trainer_.diverged()) publishNow = true;
      reportToLockstep();
    }

    const auto now = Clock::now();
    if (publishNow || now >= nextPublish) {
      publish();
      nextPublish = now + kPublishInterval;
    }
    if (paused_ || trainer_.diverged()) {
      // Nothing to compute: sleep until a command arrives (publishing stays current because nothing changes).
      std::unique_lock lock(mutex_);
      changed_.wait(lock, stop, [&] { return hasCommands_.load(std::memory_order_acquire); });
      nextIteration = Clock::now();
    }
  }
  // Gone: this run holds nobody back any more.
  if (lockstep_) lockstep_->report(lockstepRun_, trainer_.step(), false);
}

bool TrainingThread::lockstepAllows() {
  // A short wait: the other run's iteration usually ends within it, and commands are answered after it.
  constexpr auto kTurnWait = std::chrono::microseconds(2000);
  if (!lockstep_ || lockstep_->mayIterate(lockstepRun_, trainer_.step())) return true;
  const auto start = std::chrono::steady_clock::now();
  const bool allowed = lockstep_->waitForTurn(lockstepRun_, trainer_.step(), kTurnWait);
  lockstepWaitSeconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return allowed;
}

void TrainingThread::reportToLockstep() {
  if (lockstep_) lockstep_->report(lockstepRun_, trainer_.step(), !trainer_.diverged());
}

long long TrainingThread::iterateOnce() {
  if (traceNext_) trainer_.traceNextIteration();
  traceNext_ = false;
  // The GPU trainer takes a chunk of iterations (the trainer sizes it; the CPU always runs one), at most what step
  // mode has left; a pace and a lockstep go one iteration at a time.
  const bool oneByOne = pace_ > 0.0 || lockstep_;
  const long long most = oneByOne ? 1 : stepsToRun_ > 0 ? stepsToRun_ : kFreeRunChunk;
  const long long ran = trainer_.advance(most);
  std::optional<IterationTrace> trace = trainer_.takeTrace();
  lastTrace_ = trace ? std::make_shared<const IterationTrace>(std::move(*trace)) : nullptr;
  checkpoints_.observe(trainer_);
  return ran;
}

void TrainingThread::continueFromHere() {
  if (!liveState_) return;
  checkpoints_.dropAfter(trainer_.step());
  liveState_.reset();
  notice_ = "continuing from step " + std::to_string(trainer_.step()) + " (the later checkpoints are gone)";
}

void TrainingThread::openSession(const Session& session) {
  // The session was read and checked whole before this (parseSession): restoring it cannot fail halfway on its
  // contents; should it throw anyway, the caller's catch leaves the notice and the old run's snapshot.
  Trainer opened(session.state.config);
  opened.restoreState(session.state);
  trainer_.restoreState(session.state);
  checkpoints_.assign(session.checkpoints);
  checkpoints_.take(trainer_);
  liveState_.reset();
  paused_ = true;
  stepsToRun_ = 0;
  openedViewState_ = std::make_shared<const std::string>(session.viewState);
  ++sessionsOpened_;
}

Session TrainingThread::currentSession() const {
  Session session;
  session.state = liveState_ ? *liveState_ : trainer_.saveState();
  session.checkpoints.reserve(checkpoints_.checkpoints().size());
  for (const auto& checkpoint : checkpoints_.checkpoints()) session.checkpoints.push_back(*checkpoint);
  return session;
}

Session TrainingThread::stopAndTakeSession() {
  thread_.request_stop();
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  return currentSession();  // the thread is gone: its state is ours to read
}

void TrainingThread::saveSession(const SaveSessionCommand& command) {
  Session session = currentSession();
  session.viewState = command.viewState;
  if (!command.withRewind) session.checkpoints.clear();
  try {
    ganscope::saveSession(command.path, session);
    notice_ =
        "saved the session at step " + std::to_string(session.state.step) + " to " + command.path +
        (command.withRewind ? " with " + std::to_string(session.checkpoints.size()) + " rewind checkpoints"
                            : std::string());
  } catch (const std::exception& e) {
    notice_ = std::string("not saved: ") + e.what();
  }
}

void TrainingThread::applyCommands() {
  std::deque<TrainerCommand> pending;
  {
    std::lock_guard lock(mutex_);
    pending.swap(commands_);
    hasCommands_.store(false, std::memory_order_release);
  }
  // A trace belongs to the state right after its iteration: any command (a reset, a rewind, a new setting) ends it.
  if (!pending.empty()) lastTrace_.reset();
  for (auto& command : pending) {
    try {
      apply(command);
    } catch (const std::exception& e) {
      // A command that fails is not applied, and says so; the run goes on as it was.
      notice_ = std::string("not applied: ") + e.what();
    }
  }
  reportToLockstep();  // a reset, a rewind or a session moves the step
}

void TrainingThread::apply(TrainerCommand& command) {
  std::visit(
      [this](auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, SetConfigCommand>) {
          const Config before = trainer_.config();
          try {
            // setConfig changes nothing when the config does not validate; applied while rewound, it starts a
            // branch from the checkpoint shown.
            if (trainer_.setConfig(c.config)) {
              liveState_.reset();
              notice_ = "networks rebuilt: " + rebuildReason(before, c.config);
              checkpoints_.clear();
              checkpoints_.observe(trainer_);
            } else {
              continueFromHere();
              if (needsNewDiscriminator(before, c.config)) {
                notice_ = "the discriminator starts afresh: packs of " + std::to_string(c.config.pack) +
                          " widen its input (the generator goes on)";
              } else {
                notice_.clear();
              }
            }
          } catch (const ConfigError& e) {
            notice_ = std::string("not applied: ") + e.what();
          }
        } else if constexpr (std::is_same_v<T, PauseCommand>) {
          paused_ = true;
          stepsToRun_ = 0;
        } else if constexpr (std::is_same_v<T, ResumeCommand>) {
          continueFromHere();
          paused_ = false;
          stepsToRun_ = 0;
        } else if constexpr (std::is_same_v<T, StepCommand>) {
          continueFromHere();
          paused_ = false;
          stepsToRun_ = std::max(1LL, c.iterations);
        } else if constexpr (std::is_same_v<T, TracedStepCommand>) {
          continueFromHere();
          paused_ = false;
          stepsToRun_ = 1;
          traceNext_ = true;
        } else if constexpr (std::is_same_v<T, StepDiscriminatorCommand>) {
          continueFromHere();
          paused_ = true;
          trainer_.updateDiscriminator();
        } else if constexpr (std::is_same_v<T, StepGeneratorCommand>) {
          continueFromHere();
          paused_ = true;
          trainer_.updateGenerator();
        } else if constexpr (std::is_same_v<T, ResetCommand>) {
          liveState_.reset();
          trainer_.reset();
          checkpoints_.clear();
          checkpoints_.observe(trainer_);
          notice_ = "reset: a fresh run from seed " + std::to_string(trainer_.config().seed);
        } else if constexpr (std::is_same_v<T, RewindCommand>) {
          const long long live = liveState_ ? liveState_->step : trainer_.step();
          auto checkpoint = checkpoints_.atOrBefore(std::min(c.step, live));
          if (!checkpoint) {
            notice_ = "no checkpoint at or before step " + std::to_string(c.step);
            return;
          }
          if (checkpoint->step == live && liveState_) {
            trainer_.restoreState(*liveState_);  // scrubbed to the end: the run as it had got to
            liveState_.reset();
            notice_.clear();
            return;
          }
          if (checkpoint->step == live) return;  // already there
          if (!liveState_) liveState_ = trainer_.saveState();
          TrainerState state = *checkpoint;
          state.history = historyUpTo(liveState_->history, checkpoint->step);
          trainer_.restoreState(state);
          paused_ = true;
          stepsToRun_ = 0;
          notice_ = "rewound to step " + std::to_string(checkpoint->step) + " of " + std::to_string(live) +
                    ": Play resumes from here (the later checkpoints are then forgotten)";
        } else if constexpr (std::is_same_v<T, ReturnToLatestCommand>) {
          if (!liveState_) return;
          trainer_.restoreState(*liveState_);
          liveState_.reset();
          notice_.clear();
        } else if constexpr (std::is_same_v<T, SaveSessionCommand>) {
          saveSession(c);
        } else if constexpr (std::is_same_v<T, ExportPytorchCommand>) {
          try {
            exportPytorchScript(trainer_.saveState(false), c.path);
            notice_ = "exported the run at step " + std::to_string(trainer_.step()) + " to " + c.path + ": python3 " +
                      c.path + " --steps N continues it in PyTorch";
          } catch (const std::exception& e) {
            notice_ = std::string("not exported: ") + e.what();
          }
        } else if constexpr (std::is_same_v<T, OpenSessionCommand>) {
          try {
            openSession(loadSession(c.path));
            notice_ = "opened " + c.path + " at step " + std::to_string(trainer_.step()) + ": Play continues it";
          } catch (const std::exception& e) {
            notice_ = std::string("not opened: ") + e.what();
          }
        } else if constexpr (std::is_same_v<T, JoinLockstepCommand>) {
          if (lockstep_) lockstep_->report(lockstepRun_, trainer_.step(), false);
          lockstep_ = c.lockstep;
          lockstepRun_ = c.run;
        } else if constexpr (std::is_same_v<T, SetPaceCommand>) {
          pace_ = std::max(0.0, c.iterationsPerSecond);
        } else if constexpr (std::is_same_v<T, SetNicenessCommand>) {
          // On Linux a thread has its own nice value; raising it needs no privilege. Failure only costs
          // smoothness.
          (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), std::clamp(c.niceness, 0, 19));
        }
      },
      command);
}

void TrainingThread::publish() {
  try {
    publishUnguarded();
  } catch (const std::exception& e) {
    // The GUI keeps the previous snapshot; the next publish tries again.
    notice_ = std::string("could not publish a snapshot: ") + e.what();
  }
}

void TrainingThread::publishUnguarded() {
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - lastRateTime_).count();
  if (elapsed >= 0.25 || trainer_.step() < stepsAtLastRate_) {
    const double rate = trainer_.step() >= stepsAtLastRate_
                            ? static_cast<double>(trainer_.step() - stepsAtLastRate_) / elapsed
                            : 0.0;
    // An exponential moving average with a time constant of about a second.
    const double weight = std::min(1.0, elapsed);
    iterationsPerSecond_ = paused_ ? 0.0 : (1.0 - weight) * iterationsPerSecond_ + weight * rate;
    const double waited = std::min(1.0, lockstepWaitSeconds_ / elapsed);
    lockstepWaitShare_ = paused_ ? 0.0 : (1.0 - weight) * lockstepWaitShare_ + weight * waited;
    lockstepWaitSeconds_ = 0.0;
    stepsAtLastRate_ = trainer_.step();
    lastRateTime_ = now;
  }

  auto snapshot = std::make_shared<Snapshot>();
  snapshot->version = ++version_;
  snapshot->step = trainer_.step();
  snapshot->iterationsPerSecond = iterationsPerSecond_;
  snapshot->lockstepWaitShare = lockstep_ ? lockstepWaitShare_ : 0.0;
  snapshot->paused = paused_;
  snapshot->divergence = trainer_.divergence();
  snapshot->trainerNote = trainer_.trainerNote();
  snapshot->notice = notice_;
  snapshot->config = trainer_.config();
  snapshot->lastStats = trainer_.lastStats();
  snapshot->generator = std::make_shared<const Mlp>(trainer_.generator());
  snapshot->discriminator = std::make_shared<const Mlp>(trainer_.discriminatorForView());
  snapshot->data = trainer_.sharedData();

  const bool conditional = trainer_.classCount() > 0;
  if (!realSamples_ || realSamplesData_ != trainer_.config().data || realSamplesConditional_ != conditional) {
    Rng rng(trainer_.config().seed ^ 0x7265616c73616d70ULL);
    auto real = std::make_shared<Matrix>(trainer_.data().dim(), kDisplayedRealSamples);
    if (conditional) {
      auto classes = std::make_shared<std::vector<int>>(static_cast<std::size_t>(kDisplayedRealSamples));
      trainer_.data().sampleWithClasses(rng, *real, *classes);
      realClasses_ = std::move(classes);
    } else {
      trainer_.data().sample(rng, *real);
      realClasses_.reset();
    }
    realSamples_ = std::move(real);
    realSamplesData_ = trainer_.config().data;
    realSamplesConditional_ = conditional;
  }
  snapshot->realSamples = realSamples_;
  snapshot->realClasses = realClasses_;
  if (!latentSamples_ || latentRevision_ != trainer_.metricsLatentRevision()) {
    latentSamples_ = std::make_shared<const Matrix>(trainer_.metricsLatent());
    latentRevision_ = trainer_.metricsLatentRevision();
  }
  snapshot->latentSamples = latentSamples_;
  if (conditional) {
    snapshot->conditionalDiscriminator = std::make_shared<const Mlp>(trainer_.conditionalDiscriminatorForView());
    if (!latentLabels_ || latentLabelsRevision_ != trainer_.metricsLatentRevision()) {
      latentLabels_ = std::make_shared<const std::vector<int>>(trainer_.metricsLabels());
      latentLabelsRevision_ = trainer_.metricsLatentRevision();
    }
    snapshot->latentLabels = latentLabels_;
  }
  snapshot->trace = lastTrace_;

  const auto& rows = trainer_.history();
  const long long lastStep = rows.empty() ? -1 : rows.back().step;
  if (!publishedHistory_ || rows.size() != publishedHistoryRows_ || lastStep != publishedHistoryLastStep_) {
    publishedHistory_ = thinHistory(rows);
    publishedHistoryRows_ = rows.size();
    publishedHistoryLastStep_ = lastStep;
  }
  snapshot->history = publishedHistory_;

  if (checkpoints_.revision() != publishedCheckpointRevision_ || !publishedCheckpointSteps_) {
    auto steps = std::make_shared<std::vector<long long>>();
    steps->reserve(checkpoints_.checkpoints().size());
    for (const auto& checkpoint : checkpoints_.checkpoints()) steps->push_back(checkpoint->step);
    publishedCheckpointSteps_ = std::move(steps);
    publishedCheckpointRevision_ = checkpoints_.revision();
  }
  snapshot->checkpointSteps = publishedCheckpointSteps_;
  snapshot->checkpointBytes = checkpoints_.bytes();
  snapshot->checkpointBudget = checkpoints_.budgetBytes();
  snapshot->rewindOff = checkpoints_.capacity() == 0 && checkpoints_.checkpoints().empty() && trainer_.step() > 0;
  snapshot->rewoundFrom = liveState_ ? liveState_->step : -1;
  snapshot->openedViewState = openedViewState_;
  snapshot->sessionsOpened = sessionsOpened_;

  {
    std::lock_guard lock(mutex_);
    latest_ = std::move(snapshot);
  }
  changed_.notify_all();
}

}  // namespace ganscope
