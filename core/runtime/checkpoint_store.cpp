#include "core/runtime/checkpoint_store.h"

#include <algorithm>

namespace ganscope {

CheckpointStore::CheckpointStore(std::size_t budgetBytes) : budgetBytes_(budgetBytes) {}

long long CheckpointStore::interval(const Config& config) {
  const long long every = std::max(1, config.metricsEvery);
  return (kMinInterval + every - 1) / every * every;
}

std::size_t CheckpointStore::stateBytes(const TrainerState& state) {
  auto floats = [](const Vector& v) { return static_cast<std::size_t>(v.size()) * sizeof(float); };
  // An upper bound: each parameter with the four buffers an optimizer may hold (momentum, Adam's two moments,
  // RMSProp's mean square), and spectral normalisation's vectors, at most a layer's width each, twice over.
  std::size_t bytes =
      sizeof(TrainerState) + 5 * (floats(state.generatorParameters) + floats(state.discriminatorParameters));
  std::size_t widths = 0;
  for (int width : state.config.discriminator.hidden) widths += static_cast<std::size_t>(width) + 64;
  if (state.config.spectralNorm) bytes += 2 * widths * sizeof(float);
  for (const auto& event : state.config.timeline)
    bytes += sizeof event + (event.caption ? event.caption->size() : 0);
  return bytes + state.config.name.size() + state.config.description.size() + state.config.data.file.size();
}

void CheckpointStore::observe(const Trainer& trainer) {
  if (trainer.diverged() || trainer.step() % interval(trainer.config()) != 0) return;
  if (!checkpoints_.empty() && checkpoints_.back()->step >= trainer.step()) return;
  take(trainer);
}

void CheckpointStore::take(const Trainer& trainer) {
  if (!checkpoints_.empty() && checkpoints_.back()->step == trainer.step()) return;
  add(std::make_shared<const TrainerState>(trainer.saveState(/*withHistory=*/false)));
}

void CheckpointStore::add(std::shared_ptr<const TrainerState> state) {
  const std::size_t size = stateBytes(*state);
  capacity_ = budgetBytes_ / std::max<std::size_t>(size, 1);
  if (capacity_ < 2) {
    // Not even the first and the newest fit: rewind is off for networks this large (the window says so).
    capacity_ = 0;
    if (!checkpoints_.empty()) clear();
    return;
  }
  bytes_ += size;
  checkpoints_.push_back(std::move(state));
  thin();
  ++revision_;
}

void CheckpointStore::thin() {
  // Removing checkpoint i leaves a gap s[i+1] − s[i−1]; the one whose gap would be smallest for its age
  // (newest − s[i]) goes first, so the spacing kept is about proportional to age.
  while (checkpoints_.size() > 2 && (checkpoints_.size() > capacity_ || bytes_ > budgetBytes_)) {
    const long long newest = checkpoints_.back()->step;
    std::size_t victim = 1;
    double best = 0.0;
    for (std::size_t i = 1; i + 1 < checkpoints_.size(); ++i) {
      const double gap = static_cast<double>(checkpoints_[i + 1]->step - checkpoints_[i - 1]->step);
      const double age = static_cast<double>(newest - checkpoints_[i]->step);
      const double score = gap / std::max(age, 1.0);
      if (i == 1 || score < best) {
        best = score;
        victim = i;
      }
    }
    bytes_ -= stateBytes(*checkpoints_[victim]);
    checkpoints_.erase(checkpoints_.begin() + static_cast<std::ptrdiff_t>(victim));
  }
}

void CheckpointStore::clear() {
  if (checkpoints_.empty()) return;
  checkpoints_.clear();
  bytes_ = 0;
  ++revision_;
}

void CheckpointStore::dropAfter(long long step) {
  const auto first = std::find_if(checkpoints_.begin(), checkpoints_.end(),
                                  [step](const auto& c) { return c->step > step; });
  if (first == checkpoints_.end()) return;
  for (auto it = first; it != checkpoints_.end(); ++it) bytes_ -= stateBytes(**it);
  checkpoints_.erase(first, checkpoints_.end());
  ++revision_;
}

void CheckpointStore::assign(std::vector<TrainerState> checkpoints) {
  clear();
  for (TrainerState& state : checkpoints) {
    state.history.clear();
    add(std::make_shared<const TrainerState>(std::move(state)));
  }
  ++revision_;
}

std::shared_ptr<const TrainerState> CheckpointStore::atOrBefore(long long step) const {
  std::shared_ptr<const TrainerState> found;
  for (const auto& checkpoint : checkpoints_) {
    if (checkpoint->step > step) break;
    found = checkpoint;
  }
  return found;
}

std::vector<MetricsRow> historyUpTo(const std::vector<MetricsRow>& history, long long step) {
  std::vector<MetricsRow> rows;
  rows.reserve(history.size());
  for (const MetricsRow& row : history) {
    if (row.step <= step) rows.push_back(row);
  }
  return rows;
}

}  // namespace ganscope
