#pragma once
// A run kept whole in one versioned file: the trainer's state, the rewind checkpoints and the window's view.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/gan/trainer.h"

namespace ganscope {

/// A session file that cannot be read: the message names the file and says which of truncated, not a session,
/// from a newer version, or weights that do not fit the architecture (or what else is wrong).
class SessionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Everything a session file holds.
struct Session {
  /// The trainer now: its config (timeline included), both networks' weights, both optimizers' state, the RNG,
  /// the iteration, the last update's statistics and the metric history.
  TrainerState state;
  /// The rewind checkpoints, oldest first. Each is a whole TrainerState except its `history`, left empty: the rows
  /// of a checkpoint at step k are the rows of `state.history` whose step is at most k.
  std::vector<TrainerState> checkpoints;
  /// The window's view (pan, zoom, layers, tab) as JSON text, written and read by the app; empty from a headless run.
  std::string viewState;
};

/// The version this program writes; files of a later version are refused, earlier ones are read.
inline constexpr std::uint32_t kSessionVersion = 2;

/// The largest step count (and Adam step count) a session may hold: far beyond any run, far below the integer
/// limit.
inline constexpr long long kMaxSessionStep = 1'000'000'000'000'000LL;

/// The largest size of a value in a session's metrics history.
inline constexpr double kMaxSessionValue = 1e30;

/// The largest session file read (checkpoints of wide networks included).
inline constexpr std::uintmax_t kMaxSessionFileBytes = std::uintmax_t{1} << 31;

/// The session as the bytes of a session file. Floats are stored as their bits, so reading gives them back exactly.
std::string sessionBytes(const Session& session);

/// Reads the bytes of a session file; `source` names it in messages. Checks everything before returning: the magic
/// and version, every length against what is left, the config (validate()), and that the weights, optimizer state
/// and spectral-norm vectors fit the networks the config describes, for the state and every checkpoint.
/// Throws SessionError with one line naming `source` and what is wrong.
Session parseSession(std::string_view bytes, std::string_view source);

/// Writes a session file atomically (a temporary file beside it, then a rename): the file is whole or untouched.
/// Throws std::runtime_error naming the path.
void saveSession(const std::filesystem::path& path, const Session& session);

/// Reads a session file (a regular file of at most kMaxSessionFileBytes). Throws SessionError naming the file.
Session loadSession(const std::filesystem::path& path);

}  // namespace ganscope
