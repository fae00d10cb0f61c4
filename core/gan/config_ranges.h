#pragma once
// The one table of the numbers a config accepts: the validator, the GUI's sliders and the error messages all read
// it, so a value the window lets through is one validate() accepts, and the message names the same bounds.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ganscope {

/// The values one numeric key accepts (for a list key such as `generator.hidden`, each entry), and the span a GUI
/// slider covers. The bounds are where every part of the program works with the value: training, the metrics,
/// the views and memory (for example data.std ≥ 1e-4, below which a mode's samples are the same float and the
/// 3-σ rule of the mode metrics divides by nearly zero).
struct NumberRange {
  std::string_view key;      ///< the dotted config key
  double low = 0.0;          ///< the least value allowed
  double high = 0.0;         ///< the largest value allowed (excluded when highOpen)
  bool integer = false;      ///< whole numbers only
  bool highOpen = false;     ///< high itself is not allowed ([0, 1) for a decay rate)
  bool zeroIsOff = false;    ///< 0 is allowed too, meaning "off" or "none", below a positive low
  double sliderLow = 0.0;    ///< where a slider's handle starts (typing may go to `low`)
  double sliderHigh = 0.0;   ///< where a slider's handle ends (typing may go to `high`)
  bool logarithmic = false;  ///< the slider is logarithmic (learning rates, penalty weights)
};

/// Every range, in the order of configKeys().
std::span<const NumberRange> numberRanges();

/// The range of `key`, or nullopt for a key that is not a number (or not a key).
std::optional<NumberRange> findRange(std::string_view key);

/// The range of `key`; throws std::logic_error for a key with none (a programming error: every numeric key has one).
const NumberRange& rangeOf(std::string_view key);

/// Whether `value` is allowed (NaN and infinities never are).
bool allows(const NumberRange& range, double value);

/// What is allowed, in words: "an integer from 1 to 16", "a number from 1e-08 to 10",
/// "0 (off) or a number from 0.0001 to 10", "a number from 0 up to (not including) 1".
std::string describeAllowed(const NumberRange& range);

/// The message for a value that is not allowed: "KEY: must be ALLOWED (got VALUE)", with `key` in place of the
/// range's own (for a list entry, "data.stds[1]").
std::string rangeProblem(const NumberRange& range, std::string_view key, double value);

/// The nearest allowed value to `value` (a NaN gives `fallback`, clamped): what the GUI keeps of a typed number.
double clampToRange(const NumberRange& range, double value, double fallback);

/// A number as messages print it: the shortest text that reads back as the same double ("1e-08", "0.5", "1e+400"
/// is never produced: infinities print as "inf").
std::string numberText(double value);

}  // namespace ganscope
