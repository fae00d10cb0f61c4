// libFuzzer target for a user's points CSV (data.file), parsed from memory with parsePointsCsv().
// Checks that it either throws std::invalid_argument or returns a dim × n matrix with dim 1 or 2, n >= 1 and
// every value finite. Any other exception escapes and is reported as a crash.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "core/data/point_cloud.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  ganscope::Matrix points;
  try {
    points = ganscope::parsePointsCsv(content, "fuzz.csv");
  } catch (const std::invalid_argument&) {
    return 0;
  }
  if (points.rows() != 1 && points.rows() != 2) __builtin_trap();
  if (points.cols() < 1) __builtin_trap();
  if (!points.allFinite()) __builtin_trap();
  return 0;
}
