#pragma once
// The benchmark's clocks and its one statistic.
#include <algorithm>
#include <ctime>
#include <vector>

namespace ganscope::bench {

/// Seconds of CPU time of the process (CLOCK_PROCESS_CPUTIME_ID) or of the calling thread (CLOCK_THREAD_CPUTIME_ID):
/// on a shared machine, the time the program held a core.
inline double cpuSeconds(clockid_t clock = CLOCK_PROCESS_CPUTIME_ID) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

/// The median of `values` (the upper one of an even count; taken by copy and sorted).
inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace ganscope::bench
