#pragma once
// A scripted demo: settings that change at given iterations, and captions shown from then on.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ganscope {

/// One setting an event changes: a dotted config key and its value as JSON text, as `--set key=value` takes them.
struct TimelineSetting {
  std::string key;    ///< e.g. "penalty.r1"
  std::string value;  ///< JSON text, e.g. "1" or "\"hinge\""
  bool operator==(const TimelineSetting&) const = default;
};

/// One event of a config's `timeline`: {"at": ITERATION, "set": {KEY: VALUE, ...}, "caption": "TEXT"}.
/// Its settings take effect once `at` iterations are done (iteration at + 1 is the first to run with them), live or
/// headless; its caption is shown from step `at` until the next event with a caption.
struct TimelineEvent {
  long long at = 0;                     ///< the iteration count at which the event happens
  std::vector<TimelineSetting> set;     ///< settings applied then, in order
  std::optional<std::string> caption;   ///< shown from then on (an empty caption clears the one before)
  bool operator==(const TimelineEvent&) const = default;
};

/// The most events a timeline may hold.
inline constexpr std::size_t kMaxTimelineEvents = 100;
/// The most settings one event may change.
inline constexpr std::size_t kMaxEventSettings = 16;
/// The latest iteration an event may name.
inline constexpr long long kMaxEventIteration = 1'000'000'000'000LL;

/// The caption in force at `step`: the one of the last event at or before `step` that has one (empty if none).
std::string captionAt(const std::vector<TimelineEvent>& timeline, long long step);

/// What the events at exactly `step` change, as "key=value; key=value" (empty when no event is at that step or the
/// events there only caption).
std::string settingsAt(const std::vector<TimelineEvent>& timeline, long long step);

/// "timeline[2] (at 3000)": how messages name an event.
std::string eventName(std::size_t index, const TimelineEvent& event);

}  // namespace ganscope
