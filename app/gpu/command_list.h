#pragma once
// One iteration of the GPU trainer recorded as commands, for the persistent kernel
// (shaders/train_persistent.comp), which runs the list again and again, a chunk of iterations in one dispatch
// of one workgroup: on small networks an iteration is dozens of tiny dispatches, and launching them costs
// more than their arithmetic ("launches are the enemy of small networks").
#include <bit>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace ganscope {

/// A command's operation: the functions of shaders/train_ops.glsl.
enum class CommandOp : std::int32_t { Product = 1, Elementwise, Loss, Penalty, GradientCheck, Optimizer };

/// Which of the host's draws a command reads, so that its offset moves on by that kind's share of an
/// iteration.
enum class DrawSource { None = 0, Real, Latent, Noise, Interpolation, Count };

/// What a command reads from the per-iteration table (two floats a slot) that the host fills for a chunk.
enum class TableUse {
  NoiseStd,       ///< instance noise's standard deviation at that iteration's step (it anneals)
  GeneratorAdam,  ///< Adam's step size and root correction for G's step, from the step count the host keeps
  DiscriminatorAdam  ///< the same for D's
};

/// Commands of 32 words: [0] the operation, [1] its draw source, [2] that source's stride per iteration, [3]
/// its table slot (or −1), [4] its Philox stream, then the fields of the operation's struct in
/// train_ops.glsl, in order (floats as their bits).
class CommandList {
 public:
  /// Words a command takes.
  static constexpr int kWords = 32;
  /// Where the operation's fields start.
  static constexpr int kHeader = 5;

  /// A field's word: an int as it is, a float as its bits.
  static std::int32_t word(int value) { return value; }
  /// A field's word: an int as it is, a float as its bits.
  static std::int32_t word(float value) { return std::bit_cast<std::int32_t>(value); }

  /// Appends a command.
  void add(CommandOp op, std::initializer_list<std::int32_t> fields, DrawSource source = DrawSource::None,
           int tableSlot = -1, std::uint32_t stream = 0);
  /// Adds `trips` to loopTrips(): what one invocation of the persistent kernel loops through for this
  /// command.
  void countTrips(long long trips) { trips_ += trips; }
  /// Loop trips one invocation makes for one iteration of the list (a software renderer caps them, see the
  /// kernel).
  long long loopTrips() const { return trips_ + count(); }
  /// A new table slot for `use`; returns its index.
  int slot(TableUse use);
  /// Sets every command's stride: how far its draws move on from one iteration to the next (per source).
  void setStrides(const long long (&perIteration)[static_cast<int>(DrawSource::Count)]);
  /// Forgets everything.
  void clear();

  /// The commands, kWords each.
  const std::vector<std::int32_t>& words() const { return words_; }
  /// How many commands.
  int count() const { return static_cast<int>(words_.size()) / kWords; }
  /// The table slots, in order.
  const std::vector<TableUse>& slots() const { return slots_; }

 private:
  std::vector<std::int32_t> words_;
  std::vector<TableUse> slots_;
  long long trips_ = 0;
};

}  // namespace ganscope
