#include "core/runtime/run_group.h"

#include <type_traits>

#include "core/gan/config_json.h"

namespace ganscope {

RunGroup::RunGroup(std::unique_ptr<TrainingThread> runA) : runA_(std::move(runA)) {}

RunGroup::~RunGroup() {
  runB_.reset();
  runA_.reset();
}

TrainingThread& RunGroup::run(int index) { return index == 1 && runB_ ? *runB_ : *runA_; }

std::shared_ptr<const Snapshot> RunGroup::latest(int index) const {
  return index == 1 && runB_ ? runB_->latest() : runA_->latest();
}

void RunGroup::compare(const Comparison& comparison) {
  const std::shared_ptr<const Snapshot> a = runA_->latest();
  Config b = withSettings(a->config, comparison.settings);  // throws ConfigError for a wrong setting
  if (configDifferences(a->config, b).empty()) {
    throw ConfigError("compare: run B would be the same run as run A; change at least one setting");
  }
  // Made first: a config that does not validate throws here, before anything changed.
  auto runB = std::make_unique<TrainingThread>(b, /*startPaused=*/a->paused);
  stopComparing();
  for (const TrainerCommand& command : standing_) runB->send(command);
  lockstep_ = std::make_shared<Lockstep>(2);
  runA_->send(JoinLockstepCommand{lockstep_, 0});
  if (a->step > 0 || !a->history || a->history->size() > 1) runA_->send(ResetCommand{});
  runB->send(JoinLockstepCommand{lockstep_, 1});
  runB_ = std::move(runB);
  comparison_ = comparison;
  notice_.clear();
}

void RunGroup::stopComparing() {
  if (!runB_) return;
  runB_.reset();  // its thread says it holds nobody back as it ends
  runA_->send(JoinLockstepCommand{nullptr, 0});
  lockstep_.reset();
  comparison_ = {};
  notice_.clear();
}

int RunGroup::pacingRun() const {
  if (!runB_) return 0;
  const auto a = runA_->latest(), b = runB_->latest();
  const bool aMoves = a->divergence.empty(), bMoves = b->divergence.empty();
  if (aMoves != bMoves) return aMoves ? 0 : 1;
  if (a->paused != b->paused) return a->paused ? 1 : 0;
  return b->step < a->step ? 1 : 0;
}

void RunGroup::setRunConfig(int index, const Config& config) {
  if (!runB_) {
    runA_->send(SetConfigCommand{config});
    return;
  }
  TrainingThread& changed = index == 1 ? *runB_ : *runA_;
  TrainingThread& other = index == 1 ? *runA_ : *runB_;
  const Config before = changed.latest()->config;
  const Config otherConfig = other.latest()->config;
  changed.send(SetConfigCommand{config});
  if (!validate(config).empty()) return;  // refused by the run, which says why in its notice
  if (needsRebuild(before, config)) other.send(ResetCommand{});
  comparison_.settings = index == 1 ? configDifferences(otherConfig, config) : configDifferences(config, otherConfig);
  comparison_.label = joinedSettings(comparison_.settings);
  if (comparison_.label.empty()) comparison_.label = "the same settings as A";
  notice_.clear();
}

void RunGroup::RunTarget::send(TrainerCommand command) {
  if (auto* setConfig = std::get_if<SetConfigCommand>(&command)) {
    group_.setRunConfig(index_, setConfig->config);
  } else {
    group_.send(std::move(command));
  }
}

void RunGroup::send(TrainerCommand command) {
  std::visit(
      [&](auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, SetPaceCommand> || std::is_same_v<T, SetNicenessCommand>) {
          // Kept for a run B made later.
          std::erase_if(standing_, [](const TrainerCommand& s) { return std::holds_alternative<T>(s); });
          standing_.push_back(c);
        }
        if constexpr (std::is_same_v<T, SetConfigCommand>) {
          if (runB_) {
            try {
              const Config b = withSettings(c.config, comparison_.settings);
              // A change that rebuilds one run starts the other again too, so they stay at the same iteration.
              const bool rebuildsA = needsRebuild(runA_->latest()->config, c.config);
              const bool rebuildsB = needsRebuild(runB_->latest()->config, b);
              runB_->send(SetConfigCommand{b});
              if (rebuildsA && !rebuildsB) runB_->send(ResetCommand{});
              runA_->send(std::move(c));
              if (rebuildsB && !rebuildsA) runA_->send(ResetCommand{});
              notice_.clear();
              return;
            } catch (const std::exception& e) {
              notice_ = std::string("run B keeps its settings: ") + e.what();
            }
          }
          runA_->send(std::move(c));
        } else if constexpr (std::is_same_v<T, SaveSessionCommand> || std::is_same_v<T, ExportPytorchCommand> ||
                             std::is_same_v<T, JoinLockstepCommand>) {
          runA_->send(std::move(c));
        } else if constexpr (std::is_same_v<T, OpenSessionCommand>) {
          stopComparing();
          runA_->send(std::move(c));
        } else {
          if (runB_) runB_->send(c);
          runA_->send(std::move(c));
        }
      },
      command);
}

}  // namespace ganscope
