#pragma once
// Rewind: the trainer's whole state kept as it goes, dense for recent iterations and thinning out for older ones,
// within a stated memory budget.
#include <cstddef>
#include <memory>
#include <vector>

#include "core/gan/trainer.h"

namespace ganscope {

/// The rewind checkpoints of one run. A checkpoint is a TrainerState without its history (the rows up to its step
/// are the run's own rows, which only ever grow: see historyUpTo). One is taken every interval() iterations; when
/// the budget is full, the checkpoint whose neighbours are closest for its age goes, so their spacing grows with
/// age (about logarithmically) and a run of any length keeps its whole span in bounded memory. The first and the
/// newest checkpoints always stay.
class CheckpointStore {
 public:
  /// The default memory budget: 256 MiB.
  static constexpr std::size_t kDefaultBudgetBytes = std::size_t{256} << 20;
  /// The fewest iterations between two checkpoints (the interval is the smallest multiple of metrics_every at
  /// least this long, so checkpoints sit on the charts' rows and keeping them costs well under 1 % of training).
  static constexpr long long kMinInterval = 50;

  /// An empty store with this budget.
  explicit CheckpointStore(std::size_t budgetBytes = kDefaultBudgetBytes);

  /// Called after every iteration (and once at the start): takes a checkpoint when the step is due.
  void observe(const Trainer& trainer);

  /// Takes a checkpoint of the trainer now, whatever the step (a session opened, a branch started).
  void take(const Trainer& trainer);

  /// Forgets everything (a reset, new networks).
  void clear();

  /// Forgets the checkpoints after `step` (resuming from an earlier one starts a new branch).
  void dropAfter(long long step);

  /// Replaces the checkpoints with these (oldest first; a session's), thinned to the budget if needed.
  void assign(std::vector<TrainerState> checkpoints);

  /// The checkpoints, oldest first.
  const std::vector<std::shared_ptr<const TrainerState>>& checkpoints() const { return checkpoints_; }

  /// The latest checkpoint at or before `step` (null when there is none).
  std::shared_ptr<const TrainerState> atOrBefore(long long step) const;

  /// Iterations between two checkpoints taken as training goes, for `config`.
  static long long interval(const Config& config);

  /// The bytes one checkpoint of this state takes (weights, optimizer buffers, spectral vectors, the config).
  static std::size_t stateBytes(const TrainerState& state);

  /// The most checkpoints the budget holds for states of this size (0: not even two fit, rewind is off).
  std::size_t capacity() const { return capacity_; }

  /// The memory the checkpoints take now.
  std::size_t bytes() const { return bytes_; }

  /// The memory budget.
  std::size_t budgetBytes() const { return budgetBytes_; }

  /// Increases whenever the list of checkpoints changes (for publishing it only then).
  std::uint64_t revision() const { return revision_; }

 private:
  void add(std::shared_ptr<const TrainerState> state);
  void thin();

  std::size_t budgetBytes_;
  std::size_t capacity_ = 0;
  std::size_t bytes_ = 0;
  std::uint64_t revision_ = 0;
  std::vector<std::shared_ptr<const TrainerState>> checkpoints_;
};

/// The rows of `history` whose step is at most `step` (a checkpoint's history).
std::vector<MetricsRow> historyUpTo(const std::vector<MetricsRow>& history, long long step);

}  // namespace ganscope
