// libFuzzer target for a user's points CSV (data.file), parsed from memory with parseLabelledPointsCsv() (the
// parser behind parsePointsCsv(), with its class column). Checks that it either throws std::invalid_argument or
// returns a dim × n matrix with dim 1 or 2, n >= 1 and every value finite, and either no classes or n classes from
// 0 to kMaxClasses − 1. Any other exception escapes and is reported as a crash.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "core/data/point_cloud.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  ganscope::PointsCsv read;
  try {
    read = ganscope::parseLabelledPointsCsv(content, "fuzz.csv");
  } catch (const std::invalid_argument&) {
    return 0;
  }
  const ganscope::Matrix& points = read.points;
  if (points.rows() != 1 && points.rows() != 2) __builtin_trap();
  if (points.cols() < 1) __builtin_trap();
  if (!points.allFinite()) __builtin_trap();
  if (!read.classes.empty()) {
    if (static_cast<Eigen::Index>(read.classes.size()) != points.cols()) __builtin_trap();
    for (int c : read.classes) {
      if (c < 0 || c >= ganscope::kMaxClasses) __builtin_trap();
    }
  }
  return 0;
}
